import type { PromiseKind } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import type { TicketPromisesTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { NEVER } from './timestandards.repository.ts';

/**
 * Promises (承诺) are wall-clock commitments told to a customer ("we will call you back by 10:30"):
 * they are not counted in working time. The owner is alarmed when four fifths of the time from the
 * promise to its due time has passed, and the promise is recorded as broken at its due time unless
 * kept before.
 */
export const PROMISE_WARN_SHARE = 0.8;

export function newPromise(p: {
  orgId: string;
  ticketId: string;
  kind: PromiseKind;
  dueAt: string;
  ownerId: string;
  madeBy: string;
  madeAt: string;
  note: string | null;
}): TicketPromisesTable {
  const made = new Date(p.madeAt).getTime();
  const due = new Date(p.dueAt).getTime();
  const warn =
    due > made ? new Date(made + Math.floor((due - made) * PROMISE_WARN_SHARE)).toISOString() : null;
  return {
    id: newId(),
    org_id: p.orgId,
    ticket_id: p.ticketId,
    kind: p.kind,
    due_at: new Date(p.dueAt).toISOString(),
    warn_at: warn,
    owner_id: p.ownerId,
    made_by: p.madeBy,
    made_at: p.madeAt,
    note: p.note,
    status: 'open',
    settled_at: null,
    settled_by: null,
    settle_note: null,
    alarm_stage: 0,
    next_alarm_at: warn ?? new Date(p.dueAt).toISOString(),
  };
}

/**
 * Settles the record's open promises of these kinds: kept when settled by their due time, broken
 * when later (the sweeper marks them broken at the due time; this covers a sweeper that is behind).
 * Returns the promises settled, with their outcome.
 */
export async function settlePromises(
  db: Executor,
  ticketId: string,
  kinds: readonly PromiseKind[],
  how: { at: string; by: string | null; note: string | null; status?: 'withdrawn' },
): Promise<TicketPromisesTable[]> {
  const open = await db
    .selectFrom('ticket_promises')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'open')
    .where('kind', 'in', [...kinds])
    .execute();
  const settled: TicketPromisesTable[] = [];
  for (const p of open) {
    // Past its time a promise is broken, however it ends: a late withdrawal does not excuse it.
    const status = how.at > p.due_at ? 'broken' : (how.status ?? 'kept');
    const done = await db
      .updateTable('ticket_promises')
      .set({ status, settled_at: how.at, settled_by: how.by, settle_note: how.note, next_alarm_at: NEVER })
      .where('id', '=', p.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0)
      settled.push({ ...p, status, settled_at: how.at, settled_by: how.by, settle_note: how.note });
  }
  return settled;
}
