import type { Executor } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export async function insertAudit(db: Executor, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}
