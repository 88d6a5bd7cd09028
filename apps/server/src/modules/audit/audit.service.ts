import type { AuditEntry, AuditQuery, PageOf } from '@steward/contracts';
import type { Db } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { defineErrors } from '../../platform/errors.ts';
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

const auditError = defineErrors({
  INVALID_INSTANT: {
    status: 400,
    'zh-CN': '时间无效：请使用带时区的 ISO-8601 时间，年份在 1–9999 之间',
    'en-US': 'Invalid time: use ISO-8601 with an offset, years 1–9999',
  },
});

/** The stored form of a time filter (UTC ISO), so both engines compare instants, not text. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw auditError('INVALID_INSTANT', { field: `query.${field}` });
  }
  return date.toISOString();
}

/** The organisation's audit trail. Read-only: nothing in the API updates or deletes it. */
export async function listAudit(
  deps: { db: Db },
  actor: Actor,
  query: AuditQuery,
): Promise<PageOf<AuditEntry>> {
  const limit = query.limit ?? 50;
  const before = decodeCursor(query.cursor, 1)?.[0] as string | undefined;
  const range = { from: instant(query.from, 'from'), to: instant(query.to, 'to') };
  const rows = await searchAudit(deps.db, actor.orgId, { ...query, ...range, before, limit });
  return pageOf(rows, limit, entryDto, (r) => [r.id]);
}
