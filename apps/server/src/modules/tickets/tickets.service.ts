import type {
  CreateTicketBody,
  PageOf,
  Ticket,
  TicketDeadlines,
  TicketListQuery,
  TicketSummary,
} from '@steward/contracts';
import { OPEN_STATUSES, TICKET_NUMBER_PREFIX, type TimelineKind } from '@steward/contracts/catalogues';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { TicketEventsTable, TicketPromisesTable, TicketsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canAccessBuilding,
  canAccessWholeProject,
  canReachPlace,
  scopeLists,
} from '../../platform/auth/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { AppError, platformError } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { maskPhone, normalisePhone, phoneSearchKey } from '../../platform/phone.ts';
import { customerIdsByPhone, getCustomer, phonesOf, refreshDemandPattern } from '../customers/index.ts';
import { findArea, findHouse, getProject, listHouses, orgTimeZone } from '../property/index.ts';
import { departmentOf, resolveCategory, type ResolvedCategory } from '../servicedesk/index.ts';
import { clockDtos, clocksSetData, planNewTicket, promiseDtos } from '../timestandards/clocks.service.ts';
import { newPromise } from '../timestandards/promises.ts';
import { insertClocks, insertPromise } from '../timestandards/timestandards.repository.ts';
import { localDayStamp, NO_DEADLINE } from './clocks.ts';
import { decideDispatch } from './dispatch.service.ts';
import { allowedActions } from './lifecycle.ts';
import { searchTerms } from './search-terms.ts';
import { ticketsError } from './tickets.errors.ts';
import * as repo from './tickets.repository.ts';
import { attachmentDto, lineDto, linkDto } from './ticket-parts.ts';

export interface TicketsDeps {
  db: Db;
  clock: Clock;
  config: Config;
  events?: Pick<EventBus, 'publish'>;
}

/* ------------------------------------------------------------------ shapes */

export function deadlinesOf(row: TicketsTable): TicketDeadlines {
  return {
    dispatchBy: row.dispatch_by,
    acceptBy: row.accept_by,
    arriveBy: row.arrive_by,
    completeBy: row.complete_by,
    feedbackBy: row.feedback_by,
  };
}

export function summaryDto(row: repo.TicketRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    channel: row.channel,
    urgency: row.urgency,
    status: row.status,
    categoryId: row.category_id,
    categoryName: row.parent_category_name
      ? `${row.parent_category_name} / ${row.category_name}`
      : row.category_name,
    projectId: row.project_id,
    projectName: row.project_name,
    buildingId: row.building_id,
    houseId: row.house_id,
    areaId: row.area_id,
    location: row.location,
    customerId: row.customer_id,
    reporterName: row.reporter_name,
    reporterPhone: row.reporter_phone === null ? null : maskPhone(row.reporter_phone),
    description: row.description.length > 140 ? `${row.description.slice(0, 139)}…` : row.description,
    department:
      row.department_id === null ? null : { id: row.department_id, name: row.department_name ?? '' },
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? '' },
    receivedAt: row.received_at,
    promisedReplyAt: row.promised_reply_at,
    nextDueAt: row.next_due_at === NO_DEADLINE ? null : row.next_due_at,
    nextWarnAt: row.next_warn_at === null || row.next_warn_at === NO_DEADLINE ? null : row.next_warn_at,
    clockStartedAt: row.next_due_at === NO_DEADLINE ? null : row.clock_started_at,
    escalationLevel: row.escalation_level,
    reopenCount: row.reopen_count,
    version: row.version,
  };
}

/** The whole record as the detail page shows it to this caller. */
export async function ticketDto(db: Executor, actor: Actor, row: repo.TicketRow): Promise<Ticket> {
  const [category, links, lines, attachments, departmentId, clocks, promises] = await Promise.all([
    resolveCategory(db, actor.orgId, row.category_id),
    repo.linksOf(db, row.id),
    repo.linesOf(db, row.id),
    repo.attachmentsOf(db, row.id),
    departmentOf(db, actor.orgId, actor.userId),
    clockDtos(db, row),
    promiseDtos(db, row.id),
  ]);
  const voided = new Set(lines.flatMap((l) => (l.voids_line_id ? [l.voids_line_id] : [])));
  const current = lines.filter((l) => l.voids_line_id === null && !voided.has(l.id));
  const summary = summaryDto(row);
  return {
    ...summary,
    description: row.description,
    categoryPath: category?.path ?? [row.category_name],
    buildingName: row.building_name,
    roomLabel: row.house_id === null ? null : row.location,
    areaName: row.area_id === null ? null : row.location,
    receivedBy: { id: row.received_by, name: row.received_by_name },
    deadlines: deadlinesOf(row),
    holdReason: row.hold_reason,
    masterId: row.master_id,
    parentIncidentId: row.parent_incident_id,
    acceptedAt: row.accepted_at,
    arrivedAt: row.arrived_at,
    completedAt: row.completed_at,
    completionNote: row.completion_note,
    confirmation: row.confirmation === null ? null : JSON.parse(row.confirmation),
    closedAt: row.closed_at,
    // A link to a record outside the caller's scope is not shown (its number would leak).
    links: links
      .filter((l) =>
        ticketVisible(actor, { project_id: l.other_project_id, building_id: l.other_building_id }),
      )
      .map((l) => linkDto(l, row.master_id)),
    lines: current.map(lineDto),
    chargeTotalFen: current.filter((l) => l.kind === 'charge').reduce((sum, l) => sum + l.amount_fen, 0),
    attachments: attachments.map(attachmentDto),
    clocks,
    promises,
    allowedActions: allowedActions(
      { status: row.status, assigneeId: row.assignee_id, departmentId: row.department_id },
      { userId: actor.userId, permissions: actor.permissions, departmentId },
    ),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/* ------------------------------------------------------------------ timeline entries */

export function timelineEntry(
  ticket: Pick<TicketsTable, 'id' | 'org_id'>,
  actor: Actor | null,
  at: string,
  kind: TimelineKind,
  entry: { visibility?: 'internal' | 'public'; body?: string | null; data?: Record<string, unknown> } = {},
): TicketEventsTable {
  return {
    id: newId(),
    org_id: ticket.org_id,
    ticket_id: ticket.id,
    kind,
    visibility: entry.visibility ?? 'internal',
    actor_kind: actor ? 'staff' : 'system',
    actor_id: actor?.userId ?? null,
    actor_name: actor?.displayName ?? '系统',
    body: entry.body ?? null,
    data: JSON.stringify(entry.data ?? {}),
    created_at: at,
  };
}

/** An ISO date-time from a query as stored (UTC, milliseconds), or 400 when it names no instant. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw platformError('VALIDATION_FAILED', {
      fields: [{ field: `querystring.${field}`, reason: 'not a real instant', keyword: 'format' }],
    });
  return at.toISOString();
}

/** A promise kept, broken or withdrawn, on the record's timeline (the customer does not see it). */
export function promiseEntry(
  row: Pick<TicketsTable, 'id' | 'org_id'>,
  actor: Actor | null,
  at: string,
  p: Pick<TicketPromisesTable, 'id' | 'kind' | 'due_at' | 'status' | 'settle_note'>,
): TicketEventsTable {
  const kind =
    p.status === 'kept' ? 'promise_kept' : p.status === 'broken' ? 'promise_broken' : 'promise_withdrawn';
  return timelineEntry(row, actor, at, kind, {
    body: p.settle_note,
    data: { promiseId: p.id, kind: p.kind, dueAt: p.due_at },
  });
}

/* ------------------------------------------------------------------ scope */

export function ticketVisible(actor: Actor, row: Pick<TicketsTable, 'project_id' | 'building_id'>): boolean {
  return canReachPlace(actor.scope, row.project_id, row.building_id);
}

/** The record if the caller may see it; otherwise 404, so its existence does not leak. */
export async function ticketInScope(db: Executor, actor: Actor, id: string): Promise<repo.TicketRow> {
  const row = await repo.findTicket(db, actor.orgId, id);
  if (!row || !ticketVisible(actor, row)) throw platformError('NOT_FOUND');
  return row;
}

export async function getTicket(deps: Pick<TicketsDeps, 'db'>, actor: Actor, id: string): Promise<Ticket> {
  return ticketDto(deps.db, actor, await ticketInScope(deps.db, actor, id));
}

/* ------------------------------------------------------------------ create */

interface Place {
  projectId: string;
  buildingId: string | null;
  houseId: string | null;
  areaId: string | null;
  label: string;
}

/**
 * Where a record is: a house, a public area or facility, or a whole project — always inside the
 * caller's scope. Null when none is named.
 */
export async function resolvePlace(
  deps: Pick<TicketsDeps, 'db'>,
  tx: Executor,
  actor: Actor,
  body: { houseId?: string; areaId?: string; projectId?: string },
): Promise<Place | null> {
  if (body.houseId && body.areaId) throw ticketsError('LOCATION_CONFLICT', { field: 'areaId' });
  const unavailable = (field: string) => ticketsError('PLACE_UNAVAILABLE', { field });
  let place: Place;
  if (body.houseId) {
    const house = await findHouse(tx, actor.orgId, body.houseId);
    if (!house || !canAccessBuilding(actor.scope, house.project_id, house.building_id))
      throw unavailable('houseId');
    place = {
      projectId: house.project_id,
      buildingId: house.building_id,
      houseId: house.id,
      areaId: null,
      label: house.room_label,
    };
  } else if (body.areaId) {
    const area = await findArea(tx, actor.orgId, body.areaId);
    if (!area || !canReachPlace(actor.scope, area.project_id, area.building_id)) throw unavailable('areaId');
    place = {
      projectId: area.project_id,
      buildingId: area.building_id,
      houseId: null,
      areaId: area.id,
      label: area.name,
    };
  } else if (body.projectId) {
    if (!canAccessWholeProject(actor.scope, body.projectId)) throw unavailable('projectId');
    await getProject({ ...deps, db: tx as Db }, actor, body.projectId).catch(() => {
      throw unavailable('projectId');
    });
    place = { projectId: body.projectId, buildingId: null, houseId: null, areaId: null, label: '' };
  } else {
    return null;
  }
  if (body.projectId && body.projectId !== place.projectId)
    throw ticketsError('LOCATION_CONFLICT', { field: 'projectId' });
  return place;
}

interface Reporter {
  customerId: string | null;
  name: string | null;
  phone: string | null;
}

/** Channels where staff found the matter themselves: no caller needed. */
const STAFF_CHANNELS = new Set(['inspection', 'internal', 'household_visit']);

async function reporterOf(
  deps: TicketsDeps,
  tx: Executor,
  actor: Actor,
  body: CreateTicketBody,
): Promise<Reporter> {
  let phone: string | null = null;
  if (body.reporterPhone !== undefined) {
    const normal = normalisePhone(body.reporterPhone);
    if (!normal)
      throw ticketsError('INVALID_PHONE', { field: 'reporterPhone' }, { value: body.reporterPhone });
    phone = normal.phone;
  }
  const name = body.reporterName?.trim() || null;
  if (body.customerId) {
    const customer = await getCustomer({ ...deps, db: tx as Db }, actor, body.customerId).catch(
      (error: unknown) => {
        if (error instanceof AppError && error.status === 404)
          throw ticketsError('CUSTOMER_UNAVAILABLE', { field: 'customerId' });
        throw error;
      },
    );
    const stored = phone ? [] : await phonesOf(tx, [customer.id]);
    const first = stored.sort((a, b) => a.position - b.position)[0]?.phone ?? null;
    return { customerId: customer.id, name: name ?? customer.name, phone: phone ?? first };
  }
  if (!phone && !STAFF_CHANNELS.has(body.channel))
    throw ticketsError('REPORTER_REQUIRED', { field: 'reporterPhone' });
  return { customerId: null, name, phone };
}

const ANSWERABLE = new Set(['inquiry', 'suggestion', 'praise', 'other']);

/**
 * Registers a request from any channel: validates place, reporter and category, numbers it per
 * organisation and day, sets its clocks and promised reply, dispatches it by rule (or by hand),
 * writes the timeline — all in one transaction, replayable with an Idempotency-Key.
 */
export async function createTicket(
  deps: TicketsDeps,
  actor: Actor,
  body: CreateTicketBody,
  idempotency?: IdempotencyContext,
): Promise<Ticket> {
  const description = body.description.trim();
  if (!description)
    throw platformError('VALIDATION_FAILED', { fields: [{ field: 'body.description', reason: 'blank' }] });
  if (body.answeredOnSpot && !ANSWERABLE.has(body.type))
    throw ticketsError('ANSWER_ONLY_FOR_INQUIRIES', { field: 'answeredOnSpot' });
  const now = deps.clock.now();
  const at = now.toISOString();
  const promised = body.promisedReplyAt === undefined ? null : new Date(body.promisedReplyAt);
  // A date-time the schema accepts can still be no instant at all (23:59:60).
  if (promised && Number.isNaN(promised.getTime()))
    throw platformError('VALIDATION_FAILED', {
      fields: [{ field: 'body.promisedReplyAt', reason: 'not a real instant', keyword: 'format' }],
    });
  const terms = searchTerms(description);
  let created = false;

  const result = await runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
    // Inside the work: a retry of a request that succeeded earlier gets its first answer, even
    // once the promised time has passed.
    if (promised && promised.getTime() < now.getTime() - 60_000)
      throw ticketsError('PROMISE_IN_PAST', { field: 'promisedReplyAt' });
    created = true;
    const category = await activeCategory(tx, actor.orgId, body.categoryId);
    const place = await resolvePlace(deps, tx, actor, body);
    if (!place) throw ticketsError('LOCATION_REQUIRED', { field: 'houseId' });
    const reporter = await reporterOf(deps, tx, actor, body);
    const master = body.duplicateOf ? await masterFor(tx, actor, body.duplicateOf) : null;
    const timeZone = await orgTimeZone(tx, actor.orgId);

    const id = newId(now.getTime());
    const row: TicketsTable = {
      id,
      org_id: actor.orgId,
      number: '',
      type: body.type,
      channel: body.channel,
      urgency: body.urgency,
      status: 'received',
      category_id: category.id,
      project_id: place.projectId,
      building_id: place.buildingId,
      house_id: place.houseId,
      area_id: place.areaId,
      location: place.label,
      customer_id: reporter.customerId,
      reporter_name: reporter.name,
      reporter_phone: reporter.phone,
      description,
      department_id: null,
      assignee_id: null,
      received_by: actor.userId,
      received_at: at,
      // Set below, from the time-standard policy.
      promised_reply_at: null,
      dispatch_by: null,
      accept_by: null,
      arrive_by: null,
      complete_by: null,
      feedback_by: null,
      next_due_at: null,
      hold_reason: null,
      held_from: null,
      held_at: null,
      reopen_count: 0,
      escalation_level: 0,
      master_id: master?.id ?? null,
      parent_incident_id: null,
      dispatched_at: null,
      accepted_at: null,
      arrived_at: null,
      completed_at: null,
      completion_note: null,
      confirmation: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
      policy_id: null,
      policy_version: null,
      clock_origin_at: at,
      clock_started_at: null,
      next_warn_at: null,
      feedback_at: null,
    };
    const events: TicketEventsTable[] = [
      timelineEntry(row, actor, at, 'created', {
        visibility: 'public',
        data: { channel: body.channel, promisedReplyAt: row.promised_reply_at },
      }),
    ];
    if (master)
      events.push(
        timelineEntry(row, actor, at, 'linked', {
          data: { targetId: master.id, number: master.number, kind: 'duplicate' },
        }),
      );

    if (body.answeredOnSpot) {
      const reply = body.answeredOnSpot.reply.trim();
      Object.assign(row, {
        status: 'confirmed',
        completed_at: at,
        completion_note: reply,
        confirmation: JSON.stringify({
          method: 'on_spot',
          at,
          rating: null,
          comment: null,
          signatureAttachmentId: null,
        }),
        closed_at: at,
        feedback_at: at,
      });
      events.push(
        timelineEntry(row, actor, at, 'completed', { visibility: 'public', body: reply }),
        timelineEntry(row, actor, at, 'confirmed', { visibility: 'public', data: { method: 'on_spot' } }),
      );
    } else if (body.dispatch !== 'none') {
      const decision = await decideDispatch(tx, actor, {
        orgId: actor.orgId,
        category,
        place,
        at,
        manual: typeof body.dispatch === 'object' ? body.dispatch : null,
      });
      if (decision.departmentId !== null) {
        Object.assign(row, {
          status: 'dispatched',
          department_id: decision.departmentId,
          assignee_id: decision.assigneeId,
          dispatched_at: at,
        });
        events.push(
          timelineEntry(row, actor, at, 'dispatched', {
            data: {
              departmentId: decision.departmentId,
              assigneeId: decision.assigneeId,
              departmentName: decision.departmentName,
              assigneeName: decision.assigneeName,
              basis: decision.basis,
            },
          }),
        );
      }
    }
    // The clocks of the governing time standard, and the reply promised to the caller.
    const clocks = await planNewTicket(tx, row, at);
    Object.assign(row, clocks.columns);
    const customerFacing =
      row.customer_id !== null || row.reporter_phone !== null || row.reporter_name !== null;
    row.promised_reply_at = promised
      ? promised.toISOString()
      : customerFacing && !body.answeredOnSpot
        ? clocks.defaultPromise
        : null;
    events[0]!.data = JSON.stringify({ channel: body.channel, promisedReplyAt: row.promised_reply_at });
    if (clocks.governing)
      events.splice(
        1,
        0,
        timelineEntry(row, actor, at, 'clocks_set', {
          data: clocksSetData('created', clocks.governing, clocks.rows),
        }),
      );
    // The number last: PostgreSQL holds the day's counter row locked until commit, so the less
    // work after it, the more desks can register at once.
    const prefix = TICKET_NUMBER_PREFIX[body.type];
    const day = localDayStamp(now, timeZone);
    const seq = await repo.nextCounter(tx, actor.orgId, `ticket:${prefix}:${day}`);
    row.number = `${prefix}-${day}-${String(seq).padStart(4, '0')}`;
    await repo.insertTicket(tx, row, terms);
    await insertClocks(tx, clocks.rows);
    if (row.promised_reply_at && !body.answeredOnSpot)
      await insertPromise(
        tx,
        newPromise({
          orgId: actor.orgId,
          ticketId: id,
          kind: 'reply',
          dueAt: row.promised_reply_at,
          ownerId: actor.userId,
          madeBy: actor.userId,
          madeAt: at,
          note: null,
        }),
      );
    if (master) await repo.insertLink(tx, linkRow(row, master.id, 'duplicate', actor, at));
    await repo.insertEvents(tx, events);
    // The customer's demand pattern (服务型/意见型/费用型) counts their records.
    if (row.customer_id) await refreshDemandPattern(tx, deps.clock, actor.orgId, row.customer_id);
    return ticketDto(tx, actor, (await repo.findTicket(tx, actor.orgId, id))!);
  });
  // A replayed request changed nothing: nobody needs to hear of it again.
  if (created) publish(deps, actor.orgId, 'ticket.created', result);
  return result;
}

export async function activeCategory(db: Executor, orgId: string, id: string): Promise<ResolvedCategory> {
  const category = await resolveCategory(db, orgId, id);
  if (!category || !category.active) throw ticketsError('CATEGORY_UNAVAILABLE', { field: 'categoryId' });
  return category;
}

/**
 * A duplicate points at the master of the chain, never at another duplicate — even when the master
 * lies outside the caller's scope (the pointer reveals nothing; the link is not shown to them).
 */
async function masterFor(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<Pick<repo.TicketRow, 'id' | 'number'>> {
  const target = await repo.findTicket(db, actor.orgId, id);
  if (!target || !ticketVisible(actor, target))
    throw ticketsError('LINK_TARGET_UNAVAILABLE', { field: 'duplicateOf' });
  if (target.master_id === null) return target;
  return (await repo.findTicket(db, actor.orgId, target.master_id)) ?? target;
}

export function linkRow(
  ticket: Pick<TicketsTable, 'id' | 'org_id'>,
  targetId: string,
  kind: 'duplicate' | 'related',
  actor: Actor,
  at: string,
) {
  return {
    id: newId(),
    org_id: ticket.org_id,
    ticket_id: ticket.id,
    target_id: targetId,
    kind,
    created_by: actor.userId,
    created_at: at,
  };
}

export function publish(
  deps: Pick<TicketsDeps, 'events'>,
  orgId: string,
  type: 'ticket.created' | 'ticket.updated',
  t: Pick<
    TicketSummary,
    'id' | 'number' | 'status' | 'projectId' | 'buildingId' | 'department' | 'assignee' | 'version'
  >,
): void {
  deps.events?.publish({
    type,
    orgId,
    projectId: t.projectId,
    buildingId: t.buildingId,
    userIds: t.assignee ? [t.assignee.id] : [],
    data: {
      ticketId: t.id,
      number: t.number,
      status: t.status,
      projectId: t.projectId,
      buildingId: t.buildingId,
      departmentId: t.department?.id ?? null,
      assigneeId: t.assignee?.id ?? null,
      version: t.version,
    },
  });
}

/* ------------------------------------------------------------------ list */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROOM = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+){1,2}$/u;

export async function listTickets(
  deps: Pick<TicketsDeps, 'db' | 'clock'>,
  actor: Actor,
  query: TicketListQuery,
): Promise<PageOf<TicketSummary>> {
  const limit = query.limit ?? 20;
  const sort = query.sort ?? 'newest';
  const after = decodeCursor(query.cursor, sort === 'due' ? 2 : 1);
  // A forged cursor must be refused, not handed to PostgreSQL to fail on as a timestamp.
  if (
    after &&
    !after.every((v, i) =>
      sort === 'due' && i === 0 ? !Number.isNaN(Date.parse(String(v))) : UUID.test(String(v)),
    )
  )
    throw platformError('INVALID_CURSOR');
  if (query.clockOutcome && !query.clock)
    throw ticketsError('CLOCK_REQUIRED', { fields: [{ field: 'query.clock', reason: 'required' }] });
  const now = deps.clock.now().toISOString();
  const scope = scopeLists(actor.scope);
  const filter: repo.TicketFilter = {
    scope,
    sort,
    after,
    limit,
    status: query.status,
    statuses: query.open ? OPEN_STATUSES : undefined,
    type: query.type,
    urgency: query.urgency,
    channel: query.channel,
    assigneeId: query.assigneeId,
    departmentId: query.departmentId,
    projectId: query.projectId,
    buildingId: query.buildingId,
    houseId: query.houseId,
    customerId: query.customerId,
    // One notation for stored and compared instants (SQLite compares them as text).
    receivedFrom: instant(query.receivedFrom, 'receivedFrom'),
    receivedTo: instant(query.receivedTo, 'receivedTo'),
    completed: query.completed,
    undispatched: query.undispatched,
    clock: query.clock ? { kind: query.clock, outcome: query.clockOutcome, now } : undefined,
    due: query.due ? { state: query.due, now } : undefined,
  };
  if (query.categoryId)
    filter.categoryIds = await repo.categoryWithChildren(deps.db, actor.orgId, query.categoryId);
  switch (query.queue) {
    case 'unassigned':
      filter.status = 'received';
      break;
    case 'mine':
      filter.assigneeId = actor.userId;
      break;
    case 'department': {
      const department = await departmentOf(deps.db, actor.orgId, actor.userId);
      if (department === null) return { items: [], nextCursor: null };
      filter.departmentId = department;
      break;
    }
    default:
  }
  const q = query.q?.trim();
  if (q) Object.assign(filter, await searchFilter(deps, actor, q));
  const rows = await repo.listTickets(deps.db, actor.orgId, filter);
  return pageOf(rows, limit, summaryDto, (row) => (sort === 'due' ? repo.dueCursor(row) : [row.id]));
}

/** What the search box means: a record number, a phone, a room label, or words of the description. */
async function searchFilter(
  deps: Pick<TicketsDeps, 'db' | 'clock'>,
  actor: Actor,
  q: string,
): Promise<Partial<repo.TicketFilter>> {
  const number = ticketNumberPrefix(q);
  if (number) return { numberPrefix: number };
  // A whole phone number first, then a room label (12-2-1502 has seven digits too), then digits
  // that may be part of a phone.
  const whole = normalisePhone(q);
  const digits = whole ? whole.phone : ROOM.test(q) ? null : phoneSearchKey(q);
  if (digits && digits.length >= 7) {
    const customerIds = await customerIdsByPhone(deps.db, actor.orgId, scopeLists(actor.scope), digits, 200);
    return { phone: { phone: whole?.phone ?? null, customerIds } };
  }
  if (ROOM.test(q)) {
    const houses = await listHouses({ db: deps.db, clock: deps.clock }, actor, { q, limit: 200 });
    const exact = houses.items.filter((h) => h.roomLabel === q);
    return { houseIds: (exact.length ? exact : houses.items).map((h) => h.id) };
  }
  return { terms: searchTerms(q, 10) };
}

/**
 * A record number as typed — `BX-20261122-0007`, `bx20261122`, `BX-20261122-` — as the stored
 * prefix, or null. The whole date is required: "BX-2" would be most of the organisation's records.
 */
export function ticketNumberPrefix(q: string): string | null {
  const m = /^([A-Za-z]{2})-?(\d{8})(?:-?(\d{1,6}))?-?$/.exec(q.trim());
  if (!m) return null;
  const head = `${m[1]!.toUpperCase()}-${m[2]}`;
  return m[3] === undefined ? `${head}-` : `${head}-${m[3]}`;
}
