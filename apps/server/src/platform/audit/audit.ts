import type { AuditAction } from '@steward/contracts';
import type { Executor } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { insertAudit } from './audit.repository.ts';

export interface AuditActor {
  kind: 'user' | 'token' | 'anonymous' | 'system';
  id: string | null;
  name: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  orgId: string | null;
  actor: AuditActor;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  meta: RequestMeta;
}

export function auditActor(actor: Actor): AuditActor {
  return { kind: actor.kind, id: actor.userId, name: actor.displayName };
}

export const ANONYMOUS: AuditActor = { kind: 'anonymous', id: null, name: null };
export const SYSTEM: AuditActor = { kind: 'system', id: null, name: null };

/**
 * Appends one entry to the audit log. Pass the transaction of the change being audited so the
 * entry commits (or rolls back) with it. The table rejects UPDATE and DELETE at the database level.
 */
export async function writeAudit(db: Executor, clock: Clock, event: AuditEvent): Promise<void> {
  await insertAudit(db, {
    id: newId(),
    org_id: event.orgId,
    at: clock.now().toISOString(),
    action: event.action,
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_name: event.actor.name,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    ip: event.meta.ip,
    user_agent: event.meta.userAgent?.slice(0, 300) ?? null,
    request_id: event.meta.requestId,
    details: JSON.stringify(event.details ?? {}),
  });
}
