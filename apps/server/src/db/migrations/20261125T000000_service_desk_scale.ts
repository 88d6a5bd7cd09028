import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../config.ts';

/** When no clock runs, `tickets.next_due_at` holds this instead of NULL (see below). */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * What a million records and concurrent desks taught:
 * - money on a field line may exceed 2^31 fen (a price × a large quantity): 64-bit columns;
 * - a line can be voided once only, whatever runs at the same time;
 * - "newest first" across a whole organisation needs (org_id, id);
 * - queues sorted by deadline must read an index in order, which `coalesce(next_due_at, …)` prevents:
 *   records without a running clock store a far-future sentinel instead of NULL.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    // SQLite's integer is already 64-bit.
    await sql`ALTER TABLE ticket_lines ALTER COLUMN amount_fen TYPE bigint, ALTER COLUMN unit_price_fen TYPE bigint`.execute(
      db,
    );
  }
  await sql`CREATE UNIQUE INDEX ticket_lines_voids ON ticket_lines (voids_line_id) WHERE voids_line_id IS NOT NULL`.execute(
    db,
  );
  await db.schema.createIndex('tickets_org_id').on('tickets').columns(['org_id', 'id']).execute();
  await sql`UPDATE tickets SET next_due_at = ${NO_DEADLINE} WHERE next_due_at IS NULL`.execute(db);
}
