import type {
  CreatePromiseBody,
  TicketPromise,
  WithdrawPromiseBody,
  SettlePromiseBody,
} from '@steward/contracts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canReachPlace } from '../../platform/auth/scope.ts';
import { loadPrincipalUser } from '../../platform/auth/principal.repository.ts';
import { platformError } from '../../platform/errors.ts';
import { clockChange, promiseDtos } from '../timestandards/clocks.service.ts';
import { newPromise, settlePromises } from '../timestandards/promises.ts';
import { holdsOf, insertPromise } from '../timestandards/timestandards.repository.ts';
import { isOpen, servesCustomers } from './lifecycle.ts';
import { ticketsError } from './tickets.errors.ts';
import * as repo from './tickets.repository.ts';
import {
  promiseEntry,
  publish,
  summaryDto,
  ticketInScope,
  timelineEntry,
  type TicketsDeps,
} from './tickets.service.ts';

/** Making and settling promises is for those who serve the customer, as replying to them is. */
function mayPromise(actor: Actor): void {
  if (!servesCustomers(actor.permissions)) throw ticketsError('ACTION_FORBIDDEN');
}

async function promiseOf(db: Executor, ticketId: string, promiseId: string): Promise<TicketPromise> {
  const found = (await promiseDtos(db, ticketId)).find((p) => p.id === promiseId);
  if (!found) throw platformError('NOT_FOUND');
  return found;
}

/**
 * A new commitment to the customer (承诺): reply, visit or call back by `dueAt`. A new promise of the
 * same kind replaces the open one (the customer agreed to a new time); the record's promised reply
 * follows its newest reply promise.
 */
export async function createPromise(
  deps: TicketsDeps,
  actor: Actor,
  ticketId: string,
  body: CreatePromiseBody,
): Promise<TicketPromise> {
  mayPromise(actor);
  const at = deps.clock.now().toISOString();
  const due = new Date(body.dueAt);
  if (Number.isNaN(due.getTime()) || due.toISOString() <= at)
    throw ticketsError('PROMISE_IN_PAST', { field: 'dueAt' });
  const result = await deps.db.transaction().execute(async (tx) => {
    // Locked, then read, as actions do: the status checked here cannot change before the promise is
    // in, and the record is always locked before its promises (the order actions and the sweeper use).
    await repo.lockTickets(tx, actor.orgId, [ticketId]);
    const row = await ticketInScope(tx, actor, ticketId);
    if (!isOpen(row.status) && row.status !== 'completed') throw ticketsError('PROMISE_CLOSED');
    const ownerId = body.ownerId ?? actor.userId;
    // The owner keeps the promise: someone of this organisation, active, who serves customers and
    // may see this record — never a person the record (and its alarm) would leak to.
    if (body.ownerId) {
      const owner = await loadPrincipalUser(tx, { id: body.ownerId });
      const serves = owner && servesCustomers(owner.permissions);
      if (
        !owner ||
        owner.orgId !== actor.orgId ||
        owner.status !== 'active' ||
        !serves ||
        !canReachPlace(owner.scope, row.project_id, row.building_id)
      )
        throw ticketsError('PROMISE_OWNER_UNKNOWN', { field: 'ownerId' });
    }
    const replaced = await settlePromises(tx, row.id, [body.kind], {
      at,
      by: actor.userId,
      note: body.note ?? null,
      status: 'withdrawn',
    });
    const promise = newPromise({
      orgId: actor.orgId,
      ticketId: row.id,
      kind: body.kind,
      dueAt: due.toISOString(),
      ownerId,
      madeBy: actor.userId,
      madeAt: at,
      note: body.note?.trim() ?? null,
    });
    await insertPromise(tx, promise);
    await repo.insertEvents(tx, [
      ...replaced.map((p) => promiseEntry(row, actor, at, p)),
      timelineEntry(row, actor, at, 'promise_made', {
        body: promise.note,
        data: { promiseId: promise.id, kind: promise.kind, dueAt: promise.due_at, ownerId },
      }),
    ]);
    if (body.kind === 'reply') await repo.setPromisedReply(tx, row.id, promise.due_at, at);
    return {
      dto: await promiseOf(tx, row.id, promise.id),
      summary: summaryDto((await repo.findTicket(tx, actor.orgId, row.id))!),
    };
  });
  publish(deps, actor.orgId, 'ticket.updated', result.summary);
  return result.dto;
}

/** The owner (or anyone serving the customer) records a promise as kept, e.g. after calling back. */
export async function keepPromise(
  deps: TicketsDeps,
  actor: Actor,
  ticketId: string,
  promiseId: string,
  body: SettlePromiseBody,
): Promise<TicketPromise> {
  return settleOne(deps, actor, ticketId, promiseId, { note: body.note?.trim() ?? null });
}

/** Withdrawn: no longer owed (the customer called it off); not counted either way. */
export async function withdrawPromise(
  deps: TicketsDeps,
  actor: Actor,
  ticketId: string,
  promiseId: string,
  body: WithdrawPromiseBody,
): Promise<TicketPromise> {
  return settleOne(deps, actor, ticketId, promiseId, { note: body.reason.trim(), status: 'withdrawn' });
}

async function settleOne(
  deps: TicketsDeps,
  actor: Actor,
  ticketId: string,
  promiseId: string,
  how: { note: string | null; status?: 'withdrawn' },
): Promise<TicketPromise> {
  mayPromise(actor);
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    await repo.lockTickets(tx, actor.orgId, [ticketId]);
    const row = await ticketInScope(tx, actor, ticketId);
    const current = await promiseOf(tx, row.id, promiseId);
    if (current.status !== 'open') throw ticketsError('PROMISE_SETTLED', {}, { status: current.status });
    const settled = await repo.settlePromise(tx, promiseId, {
      at,
      by: actor.userId,
      note: how.note,
      // Past its time a promise is broken, however it ends: a late withdrawal does not excuse it.
      status: at > current.dueAt ? 'broken' : (how.status ?? 'kept'),
    });
    if (!settled) throw ticketsError('PROMISE_SETTLED', {}, { status: 'settled' });
    await repo.insertEvents(tx, [promiseEntry(row, actor, at, settled)]);
    return promiseOf(tx, row.id, promiseId);
  });
}

/**
 * A reply the customer sees answers them: the first one stops the feedback clock (当日反馈), and it
 * keeps the open reply and call-back promises.
 */
export async function customerReplied(
  tx: Executor,
  actor: Actor,
  row: repo.TicketRow,
  at: string,
): Promise<void> {
  const settled = await settlePromises(tx, row.id, ['reply', 'callback'], {
    at,
    by: actor.userId,
    note: null,
  });
  if (settled.length)
    await repo.insertEvents(
      tx,
      settled.map((p) => promiseEntry(row, actor, at, p)),
    );
  if (row.feedback_at !== null) return;
  const after = { ...row, feedback_at: at };
  const clocks = await clockChange(tx, after, ['replied'], at, () =>
    holdsOf(tx, row.id, row.clock_origin_at ?? row.received_at),
  );
  await repo.updateTicketDerived(tx, row.id, { feedback_at: at, ...clocks.columns });
  await clocks.write(tx);
}
