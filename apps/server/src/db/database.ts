import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Config, Engine } from '../config.ts';
import type { DB } from './schema.ts';
import { listen, type ListenLog, type Listener } from './notify.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Repository methods take either the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  engine: Engine;
  /** Answers whether the database can be reached (for /readyz). */
  ping(): Promise<boolean>;
  /** PostgreSQL only: LISTEN on a connection of its own, reconnecting when it drops (see notify.ts). */
  listen?(channel: string, onPayload: (payload: string) => void, log: ListenLog): Promise<Listener>;
  close(): Promise<void>;
}

// timestamptz (1184) and timestamp (1114) come back as ISO strings: the one representation in code.
pg.types.setTypeParser(1184, (value) => new Date(value).toISOString());
pg.types.setTypeParser(1114, (value) => new Date(`${value}Z`).toISOString());
// bigint counts (count(*)) fit comfortably in a JS number for our sizes.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(
  config: Pick<Config, 'engine' | 'databaseUrl' | 'dataDir'>,
  onPoolError: (error: Error) => void = (error) =>
    console.error(
      JSON.stringify({ level: 'warn', msg: 'idle database connection lost', err: error.message }),
    ),
): Database {
  if (config.engine === 'postgres') {
    // JIT compilation pays off for long analytical scans, not for this workload: on the month's
    // dashboard at a million records it added 125 ms to a 209 ms query (bench/timestandards.ts).
    const pool = new pg.Pool({ connectionString: config.databaseUrl!, max: 10, options: '-c jit=off' });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', onPoolError);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'postgres',
      ping: () => ping(db),
      listen: (channel, onPayload, log) => listen(config.databaseUrl!, channel, onPayload, log),
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  return openSqlite(path.join(config.dataDir, 'steward.db'));
}

export function openSqlite(file: string): Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Statistics for the planner on tables that changed a lot since they were last gathered
  // (SQLite's recommendation for long-lived connections; cheap when nothing changed).
  sqlite.pragma('optimize = 0x10002');
  // SQLite's own lower() folds ASCII only; names here mix Chinese with full-width and accented
  // Latin letters (ＡＢＣ花园, Élan), so use JavaScript's Unicode case folding instead.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', ping: () => ping(db), close: () => db.destroy() };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refreshes the planner's statistics after a bulk change (an import of thousands of rows): without
 * them SQLite guesses, and a 2 ms search can take 100 ms.
 */
export async function refreshStatistics(db: Executor): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
