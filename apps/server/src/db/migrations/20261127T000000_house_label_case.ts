import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../config.ts';

/**
 * Room labels with letters (`2-1-B104`) are looked up case-insensitively. `lower(room_label) LIKE …`
 * read every house of the organisation (42 ms at 85 000 houses on PostgreSQL, more on SQLite, in the
 * service-desk benchmark); an index on the lowered label turns it into a range. The column is
 * `COLLATE "C"` on PostgreSQL, which `lower()` keeps, so the range is byte-ordered on both engines.
 * On SQLite the index is built with the application's lower() (db/database.ts); SQLite's built-in one
 * (say, in the sqlite3 shell) folds the same for room labels, which hold only ASCII and CJK.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await sql`CREATE INDEX houses_org_label_lower ON houses (org_id, lower(room_label))`.execute(db);
}
