import type { AuditEntry, AuditQuery, PageOf } from '@steward/contracts';
import type { Db } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { searchAudit } from './audit.repository.ts';

function entryDto(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    requestId: row.request_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** The organisation's audit trail. Read-only: nothing in the API updates or deletes it. */
export async function listAudit(
  deps: { db: Db },
  actor: Actor,
  query: AuditQuery,
): Promise<PageOf<AuditEntry>> {
  const limit = query.limit ?? 50;
  const before = decodeCursor(query.cursor, 1)?.[0] as string | undefined;
  const rows = await searchAudit(deps.db, actor.orgId, { ...query, before, limit });
  return pageOf(rows, limit, entryDto, (r) => [r.id]);
}
