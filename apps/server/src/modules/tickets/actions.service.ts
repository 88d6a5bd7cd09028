import type { Ticket, TicketActionBodies } from '@steward/contracts';
import type { TicketAction } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import type { TicketEventsTable, TicketsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { platformError } from '../../platform/errors.ts';
import { departmentOf } from '../servicedesk/index.ts';
import { clockChange, type ClockEvent } from '../timestandards/clocks.service.ts';
import { settlePromises } from '../timestandards/promises.ts';
import { manualEscalation } from '../timestandards/sweeper.ts';
import { publishAlerts } from '../alerts/index.ts';
import { holdsOf } from '../timestandards/timestandards.repository.ts';
import { decideDispatch } from './dispatch.service.ts';
import { allowedActions, isOpen, mayTake, nextStatus, refusal } from './lifecycle.ts';
import { ticketsError } from './tickets.errors.ts';
import * as repo from './tickets.repository.ts';
import {
  activeCategory,
  linkRow,
  promiseEntry,
  publish,
  summaryDto,
  ticketDto,
  ticketInScope,
  ticketVisible,
  timelineEntry,
  type TicketsDeps,
} from './tickets.service.ts';

type Change = {
  patch: Partial<TicketsTable>;
  events: TicketEventsTable[];
  after?: (tx: Executor) => Promise<void>;
  alsoChanged?: string[];
};

/**
 * Takes one lifecycle action. In one transaction: the record is locked and read within the
 * caller's scope, the version they read is checked, the action is checked against the lifecycle
 * table (role, assignee, current status), the change is written only if the version still matches
 * — so of two simultaneous actions exactly one wins — and the timeline gets its entries.
 */
export async function performAction<A extends TicketAction>(
  deps: TicketsDeps,
  actor: Actor,
  id: string,
  action: A,
  body: TicketActionBodies[A],
): Promise<Ticket> {
  // Refused before anything is read or locked: a reader without the action's permission holds no row.
  if (!mayTake(action, actor.permissions)) throw ticketsError('ACTION_FORBIDDEN');
  const result = await deps.db.transaction().execute(async (tx) => {
    // Locked, then read, as a reply to the customer does (it stops the feedback clock without a new
    // version): else an action could write clocks computed from rows read before that reply
    // committed (a hold paused a feedback clock the reply had stopped). A link locks its two
    // records itself, in id order.
    if (action !== 'link') await repo.lockTickets(tx, actor.orgId, [id]);
    const row = await ticketInScope(tx, actor, id);
    if (body.version !== row.version)
      throw platformError('VERSION_CONFLICT', { currentVersion: row.version });
    const departmentId = await departmentOf(tx, actor.orgId, actor.userId);
    const state = { status: row.status, assigneeId: row.assignee_id, departmentId: row.department_id };
    const staff = { userId: actor.userId, permissions: actor.permissions, departmentId };
    const why = refusal(action, state, staff);
    if (why === 'permission') throw ticketsError('ACTION_FORBIDDEN');
    if (why === 'not_assignee') throw ticketsError('NOT_YOUR_JOB');
    if (why === 'status')
      throw ticketsError(
        'ACTION_NOT_ALLOWED',
        { status: row.status, allowed: allowedActions(state, staff) },
        { status: row.status, action },
      );
    const at = deps.clock.now().toISOString();
    const change = await changeFor(tx, actor, row, action, body as never, at);
    const after = { ...row, ...change.patch };
    const clocks = await clockChange(tx, after, clockEvents(action, row, after), at, () =>
      holdsOf(tx, row.id, row.clock_origin_at ?? row.received_at),
    );
    const patch = {
      ...change.patch,
      ...clocks.columns,
      // Raised by hand: the record's level is the new one, whatever its clocks have reached.
      ...(action === 'escalate' ? { escalation_level: row.escalation_level + 1 } : {}),
      updated_at: at,
    };
    if (!(await repo.updateTicketVersioned(tx, actor.orgId, id, row.version, patch)))
      throw platformError('VERSION_CONFLICT');
    await clocks.write(tx);
    if (clocks.planned)
      change.events.push(
        timelineEntry(row, actor, at, 'clocks_set', {
          data: { reason: action === 'reopen' ? 'reopened' : 'reclassified', ...clocks.planned },
        }),
      );
    change.events.push(...(await promiseEffects(tx, actor, row, action, at)));
    await repo.insertEvents(tx, change.events);
    await change.after?.(tx);
    const alerts =
      action === 'escalate'
        ? await manualEscalation(tx, { ...after, ...patch }, row.escalation_level + 1, at)
        : [];
    const dto = await ticketDto(tx, actor, (await repo.findTicket(tx, actor.orgId, id))!);
    // Records this action changed too (duplicates completed with their master).
    const also = [];
    for (const other of change.alsoChanged ?? []) {
      const found = await repo.findTicket(tx, actor.orgId, other);
      if (found) also.push(summaryDto(found));
    }
    return { dto, also, alerts };
  });
  publishAlerts(
    deps,
    {
      number: result.dto.number,
      location: result.dto.location,
      project_id: result.dto.projectId,
      building_id: result.dto.buildingId,
    },
    result.alerts,
  );
  publish(deps, actor.orgId, 'ticket.updated', result.dto);
  for (const other of result.also) publish(deps, actor.orgId, 'ticket.updated', other);
  return result.dto;
}

/** What an action means for the record's clocks. */
function clockEvents(action: TicketAction, before: repo.TicketRow, after: TicketsTable): ClockEvent[] {
  switch (action) {
    case 'dispatch':
      // Transferred off hold: the time on hold does not count against the new handler either.
      return before.status === 'on_hold' ? ['resumed', 'dispatched'] : ['dispatched'];
    case 'accept':
      return ['accepted'];
    case 'arrive':
      return ['arrived'];
    case 'complete':
      return ['completed'];
    case 'confirm':
      return ['replied'];
    case 'hold':
      return ['held'];
    case 'resume':
      return ['resumed'];
    case 'reopen':
      return ['reopened'];
    case 'cancel':
      return ['cancelled'];
    case 'reclassify':
      return before.type !== after.type ||
        before.category_id !== after.category_id ||
        before.urgency !== after.urgency
        ? ['reclassified']
        : [];
    default:
      return [];
  }
}

/** Promises an action keeps or ends: a customer's confirmation answers them, an arrival keeps a visit. */
async function promiseEffects(
  tx: Executor,
  actor: Actor,
  row: repo.TicketRow,
  action: TicketAction,
  at: string,
): Promise<TicketEventsTable[]> {
  const how = { at, by: actor.userId, note: null };
  const settled =
    action === 'confirm'
      ? await settlePromises(tx, row.id, ['reply', 'callback', 'visit'], how)
      : action === 'arrive'
        ? await settlePromises(tx, row.id, ['visit'], how)
        : action === 'cancel'
          ? await settlePromises(tx, row.id, ['reply', 'callback', 'visit'], { ...how, status: 'withdrawn' })
          : [];
  return settled.map((p) => promiseEntry(row, actor, at, p));
}

async function changeFor(
  tx: Executor,
  actor: Actor,
  row: repo.TicketRow,
  action: TicketAction,
  body: TicketActionBodies[TicketAction] & Record<string, unknown>,
  at: string,
): Promise<Change> {
  const entry = (kind: TicketEventsTable['kind'], e: Parameters<typeof timelineEntry>[4] = {}) =>
    timelineEntry(row, actor, at, kind, e);
  const status = nextStatus(action, {
    status: row.status,
    heldFrom: row.held_from,
    departmentId: row.department_id,
  });
  const cleared = { hold_reason: null, held_from: null, held_at: null };
  switch (action) {
    case 'dispatch': {
      const b = body as TicketActionBodies['dispatch'];
      const category = await activeCategory(tx, actor.orgId, row.category_id).catch(() => ({
        departmentId: null,
        skill: null,
      }));
      // A person named without a department goes with their own department.
      const departmentId =
        b.departmentId ?? (b.assigneeId ? await departmentOf(tx, actor.orgId, b.assigneeId) : undefined);
      if (b.assigneeId && !departmentId) throw ticketsError('ASSIGNEE_UNAVAILABLE', { field: 'assigneeId' });
      const decision = await decideDispatch(tx, actor, {
        orgId: actor.orgId,
        category,
        place: { projectId: row.project_id, buildingId: row.building_id },
        at,
        manual: departmentId ? { departmentId, assigneeId: b.assigneeId ?? null } : null,
      });
      if (decision.departmentId === null)
        throw ticketsError('DEPARTMENT_UNAVAILABLE', { field: 'departmentId' });
      return {
        patch: {
          status,
          department_id: decision.departmentId,
          assignee_id: decision.assigneeId,
          dispatched_at: at,
          accepted_at: null,
          arrived_at: null,
          ...cleared,
        },
        events: [
          entry('dispatched', {
            body: b.note ?? null,
            data: {
              from: { departmentId: row.department_id, assigneeId: row.assignee_id, status: row.status },
              departmentId: decision.departmentId,
              assigneeId: decision.assigneeId,
              departmentName: decision.departmentName,
              assigneeName: decision.assigneeName,
              basis: decision.basis,
            },
          }),
        ],
      };
    }
    case 'accept':
      return {
        patch: { status, assignee_id: actor.userId, accepted_at: at },
        events: [entry('accepted', { visibility: 'public' })],
      };
    case 'decline': {
      const b = body as TicketActionBodies['decline'];
      return {
        patch: { status, assignee_id: null, accepted_at: null },
        events: [entry('declined', { body: b.reason.trim(), data: { assigneeId: row.assignee_id } })],
      };
    }
    case 'arrive':
      return { patch: { status, arrived_at: at }, events: [entry('arrived', { visibility: 'public' })] };
    case 'start':
      return { patch: { status }, events: [entry('started', { visibility: 'public' })] };
    case 'hold': {
      const b = body as TicketActionBodies['hold'];
      return {
        patch: { status, hold_reason: b.reason, held_from: row.status, held_at: at },
        events: [entry('held', { visibility: 'public', body: b.note ?? null, data: { reason: b.reason } })],
      };
    }
    case 'resume': {
      const b = body as TicketActionBodies['resume'];
      return {
        patch: { status, ...cleared },
        events: [
          entry('resumed', {
            visibility: 'public',
            body: b.note ?? null,
            data: { reason: row.hold_reason, heldAt: row.held_at },
          }),
        ],
      };
    }
    case 'complete': {
      const b = body as TicketActionBodies['complete'];
      return {
        patch: { status, completed_at: at, completion_note: b.note.trim() },
        events: [entry('completed', { visibility: 'public', body: b.note.trim() })],
        after: (tx) => closeDuplicates(tx, actor, row, at, b.note.trim()),
        alsoChanged: (await repo.duplicatesOf(tx, actor.orgId, row.id)).map((d) => d.id),
      };
    }
    case 'confirm': {
      const b = body as TicketActionBodies['confirm'];
      if (b.method === 'signature') {
        const signature = b.signatureAttachmentId
          ? await repo.findAttachment(tx, actor.orgId, b.signatureAttachmentId)
          : undefined;
        if (!signature || signature.ticket_id !== row.id || signature.stage !== 'signature')
          throw ticketsError('SIGNATURE_REQUIRED', { field: 'signatureAttachmentId' });
      }
      const confirmation = {
        method: b.method,
        at,
        rating: b.rating ?? null,
        comment: b.comment?.trim() ?? null,
        signatureAttachmentId: b.method === 'signature' ? (b.signatureAttachmentId ?? null) : null,
      };
      return {
        patch: {
          status,
          confirmation: JSON.stringify(confirmation),
          closed_at: at,
          feedback_at: row.feedback_at ?? at,
        },
        events: [
          entry('confirmed', {
            visibility: 'public',
            body: confirmation.comment,
            data: { method: b.method, rating: confirmation.rating },
          }),
        ],
      };
    }
    case 'visit': {
      const b = body as TicketActionBodies['visit'];
      return {
        patch: { status },
        events: [
          entry('visited', { body: b.note ?? null, data: { satisfied: b.satisfied, score: b.score } }),
        ],
      };
    }
    case 'reopen': {
      const b = body as TicketActionBodies['reopen'];
      return {
        patch: {
          status,
          reopen_count: row.reopen_count + 1,
          accepted_at: null,
          arrived_at: null,
          completed_at: null,
          completion_note: null,
          confirmation: null,
          closed_at: null,
          dispatched_at: status === 'dispatched' ? at : null,
          feedback_at: null,
        },
        events: [
          entry('reopened', {
            visibility: 'public',
            body: b.reason.trim(),
            data: { from: row.status, count: row.reopen_count + 1 },
          }),
        ],
      };
    }
    case 'cancel': {
      const b = body as TicketActionBodies['cancel'];
      return {
        patch: { status, closed_at: at, ...cleared },
        events: [entry('cancelled', { visibility: 'public', body: b.reason.trim() })],
      };
    }
    case 'archive':
      return { patch: { status }, events: [entry('archived')] };
    case 'escalate': {
      const b = body as TicketActionBodies['escalate'];
      return {
        patch: { escalation_level: row.escalation_level + 1 },
        events: [entry('escalated', { body: b.note.trim(), data: { level: row.escalation_level + 1 } })],
      };
    }
    case 'link':
      return linkChange(tx, actor, row, body as TicketActionBodies['link'], at);
    case 'reclassify':
      return reclassifyChange(tx, actor, row, body as TicketActionBodies['reclassify'], at);
  }
}

async function linkChange(
  tx: Executor,
  actor: Actor,
  row: repo.TicketRow,
  body: TicketActionBodies['link'],
  at: string,
): Promise<Change> {
  const unavailable = () => ticketsError('LINK_TARGET_UNAVAILABLE', { field: 'targetId' });
  if (body.targetId === row.id) throw ticketsError('LINK_SELF', { field: 'targetId' });
  const target = await repo.findTicket(tx, actor.orgId, body.targetId);
  if (!target || !ticketVisible(actor, target)) throw unavailable();
  // A duplicate hangs off the master of its chain, never off another duplicate.
  const targetId = body.kind === 'duplicate' && target.master_id !== null ? target.master_id : target.id;
  // Both rows locked in id order, then read again: two desks linking A→B and B→A at once must
  // not make each the other's master.
  await repo.lockTickets(tx, actor.orgId, [row.id, targetId]);
  const self = (await repo.findTicket(tx, actor.orgId, row.id))!;
  if (self.version !== row.version) throw platformError('VERSION_CONFLICT');
  if (targetId === row.id) throw ticketsError('LINK_SELF', { field: 'targetId' });
  if (await repo.linkExists(tx, row.id, targetId)) throw ticketsError('LINK_EXISTS', { field: 'targetId' });
  const patch: Partial<TicketsTable> = {};
  if (body.kind === 'duplicate') {
    // A record others copy cannot become a copy itself.
    const fresh = await repo.findTicket(tx, actor.orgId, targetId);
    if (!fresh || fresh.master_id !== null || self.master_id !== null)
      throw ticketsError('LINK_SELF', { field: 'targetId' });
    if ((await repo.duplicatesOf(tx, actor.orgId, row.id)).length > 0)
      throw ticketsError('LINK_SELF', { field: 'targetId' });
    patch.master_id = targetId;
  }
  const other = targetId === target.id ? target : await repo.findTicket(tx, actor.orgId, targetId);
  return {
    patch,
    events: [
      timelineEntry(row, actor, at, 'linked', {
        data: {
          targetId,
          number: other?.number ?? target.number,
          kind: body.kind,
          role: body.kind === 'duplicate' ? 'master' : 'related',
        },
      }),
      timelineEntry({ id: targetId, org_id: row.org_id }, actor, at, 'linked', {
        data: {
          targetId: row.id,
          number: row.number,
          kind: body.kind,
          role: body.kind === 'duplicate' ? 'duplicate' : 'related',
        },
      }),
    ],
    after: (tx) => repo.insertLink(tx, linkRow(row, targetId, body.kind, actor, at)),
  };
}

async function reclassifyChange(
  tx: Executor,
  actor: Actor,
  row: repo.TicketRow,
  body: TicketActionBodies['reclassify'],
  at: string,
): Promise<Change> {
  const patch: Partial<TicketsTable> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (body.type && body.type !== row.type) {
    before.type = row.type;
    after.type = patch.type = body.type;
  }
  if (body.categoryId && body.categoryId !== row.category_id) {
    await activeCategory(tx, actor.orgId, body.categoryId);
    before.categoryId = row.category_id;
    after.categoryId = patch.category_id = body.categoryId;
  }
  if (body.urgency && body.urgency !== row.urgency) {
    before.urgency = row.urgency;
    after.urgency = patch.urgency = body.urgency;
  }
  return {
    patch,
    events: [
      timelineEntry(row, actor, at, 'reclassified', { body: body.note ?? null, data: { before, after } }),
    ],
  };
}

/** Completing a master completes its open duplicates too; their reporters see why on their timeline. */
async function closeDuplicates(
  tx: Executor,
  actor: Actor,
  master: repo.TicketRow,
  at: string,
  note: string,
): Promise<void> {
  for (const dup of await repo.duplicatesOf(tx, actor.orgId, master.id)) {
    if (!isOpen(dup.status)) continue;
    const patch = {
      status: 'completed' as const,
      completed_at: at,
      completion_note: note,
      ...{ hold_reason: null, held_from: null, held_at: null },
    };
    const events: ClockEvent[] = dup.status === 'on_hold' ? ['resumed', 'completed'] : ['completed'];
    const clocks = await clockChange(tx, { ...dup, ...patch }, events, at, async () => []);
    const done = await repo.updateTicketVersioned(tx, actor.orgId, dup.id, dup.version, {
      ...patch,
      ...clocks.columns,
      updated_at: at,
    });
    if (!done) throw platformError('VERSION_CONFLICT');
    await clocks.write(tx);
    await repo.insertEvents(tx, [
      timelineEntry(dup, actor, at, 'master_closed', {
        visibility: 'public',
        data: { masterId: master.id, number: master.number },
      }),
    ]);
  }
}
