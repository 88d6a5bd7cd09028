import { sql, type Kysely } from 'kysely';
import type { Engine } from '../config.ts';

/**
 * The one place where the two engines differ. Migrations ask for column types and engine-specific
 * DDL here instead of branching themselves.
 */
export function columnTypes(engine: Engine) {
  return {
    /** UTC instant: timestamptz in PostgreSQL (read back as ISO text), ISO-8601 text in SQLite. */
    timestamp: engine === 'postgres' ? ('timestamptz' as const) : ('text' as const),
    /**
     * Text compared by code point on both engines (SQLite's default BINARY; "C" in PostgreSQL,
     * whatever the database's locale), so `prefixRange` finds every value starting with a prefix
     * through an ordinary index.
     */
    searchText: engine === 'postgres' ? sql`text collate "C"` : sql`text`,
  };
}

/** Makes a table append-only at the database level: UPDATE and DELETE raise an error. */
export async function makeAppendOnly(db: Kysely<unknown>, engine: Engine, table: string): Promise<void> {
  const id = sql.id;
  if (engine === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION steward_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$`.execute(db);
    await sql`CREATE TRIGGER ${id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${id(table)}
      FOR EACH ROW EXECUTE FUNCTION steward_append_only()`.execute(db);
    await sql`CREATE TRIGGER ${id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${id(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION steward_append_only()`.execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE'] as const) {
    await sql`CREATE TRIGGER ${id(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${id(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
  }
}

/** True when an error is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
