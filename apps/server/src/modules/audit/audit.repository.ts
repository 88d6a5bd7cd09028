import type { Executor } from '../../db/database.ts';
import { containsText } from '../../db/filters.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  q?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

/** Newest first; ids are time-ordered, so the id is the keyset. */
export async function searchAudit(
  db: Executor,
  orgId: string,
  filter: AuditFilter,
): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText('actor_name', q),
        containsText('target_id', q),
        containsText('ip', q),
        containsText('details', q),
      ]),
    );
  }
  if (filter.before) query = query.where('id', '<', filter.before);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
