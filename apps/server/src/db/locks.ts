import { sql } from 'kysely';
import type { Executor } from './database.ts';

/** Tables whose rows are taken as locks (each has `org_id` and `id`). */
export type LockableTable = 'tickets' | 'users' | 'customers' | 'roles';

/**
 * Holds rows until the transaction ends, by a write that changes nothing: on PostgreSQL the rows are
 * locked (FOR NO KEY UPDATE, so foreign-key checks on them are not blocked); SQLite runs one write
 * transaction at a time anyway. Several rows are taken in id order, so two transactions locking the
 * same rows never wait on each other in a circle. Work that reads, checks and then writes a row
 * takes its lock first; the read then sees every change committed before it.
 */
export async function lockRows(
  db: Executor,
  table: LockableTable,
  orgId: string,
  ids: readonly string[],
): Promise<void> {
  for (const id of [...ids].sort())
    await sql`UPDATE ${sql.table(table)} SET org_id = org_id WHERE org_id = ${orgId} AND id = ${id}`.execute(
      db,
    );
}
