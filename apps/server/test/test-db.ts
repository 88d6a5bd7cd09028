import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { Engine } from '../src/config.ts';
import { openDatabase, openSqlite, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestDatabase extends Database {
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of its own: a temp SQLite file, or a new database on the test server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-test-'));
    const database = openSqlite(path.join(dir, 'test.db'));
    await migrateToLatest(database.db, 'sqlite');
    return {
      ...database,
      destroy: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available for this test run');
  const name = `steward_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(
    { engine: 'postgres', databaseUrl: url.toString(), dataDir: os.tmpdir() },
    () => {},
  );
  await migrateToLatest(database.db, 'postgres');
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Declares the same suite once per engine; the PostgreSQL copy skips (with the global notice) when no server exists. */
export function describeEngines(name: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !inject('pgUrl'))(`${name} [${engine}]`, () => body(engine));
  }
}
