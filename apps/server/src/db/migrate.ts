import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from '../config.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';

class InCodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [
        name,
        { up: (db: Kysely<unknown>) => m.up(db, this.engine) },
      ]),
    );
  }
}

/**
 * Applies pending migrations. Kysely takes a lock (an advisory lock on PostgreSQL), so several
 * processes starting together apply each migration once.
 */
export async function migrateToLatest(database: Kysely<DB>, engine: Engine): Promise<string[]> {
  // Migrations see the schema as it was when they were written, not today's typed DB.
  const db = database as unknown as Kysely<unknown>;
  const migrator = new Migrator({ db, provider: new InCodeProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
