import { sql, type Expression, type SqlBool } from 'kysely';
import {
  OPEN_STATUSES,
  type ClockKind,
  type ClockOutcome,
  type DueState,
  type TicketStatus,
} from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import { lockRows } from '../../db/locks.ts';
import { inPlaces, prefixRange } from '../../db/filters.ts';
import type {
  TicketPromisesTable,
  TicketAttachmentsTable,
  TicketEventsTable,
  TicketLinesTable,
  TicketLinksTable,
  TicketsTable,
} from '../../db/schema.ts';
import type { ScopeLists } from '../../platform/auth/scope.ts';
import { hasClock } from '../timestandards/dashboard.repository.ts';
import { NO_DEADLINE } from './clocks.ts';

export type TicketRow = TicketsTable & {
  category_name: string;
  parent_category_name: string | null;
  project_name: string;
  building_name: string | null;
  department_name: string | null;
  assignee_name: string | null;
  received_by_name: string;
};

function withNames(db: Executor) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('ticket_categories as c', 'c.id', 't.category_id')
    .leftJoin('ticket_categories as pc', 'pc.id', 'c.parent_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .leftJoin('buildings as b', 'b.id', 't.building_id')
    .leftJoin('departments as d', 'd.id', 't.department_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .innerJoin('users as r', 'r.id', 't.received_by')
    .selectAll('t')
    .select([
      'c.name as category_name',
      'pc.name as parent_category_name',
      'p.name as project_name',
      'b.name as building_name',
      'd.name as department_name',
      'a.display_name as assignee_name',
      'r.display_name as received_by_name',
    ]);
}

/* ------------------------------------------------------------------ numbering */

/** The next value of an organisation's sequence: an atomic upsert, inside the caller's transaction. */
export async function nextCounter(db: Executor, orgId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ org_id: orgId, name, value: 1 })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/* ------------------------------------------------------------------ tickets */

export async function insertTicket(db: Executor, row: TicketsTable, terms: readonly string[]): Promise<void> {
  await db.insertInto('tickets').values(row).execute();
  if (terms.length)
    await db
      .insertInto('ticket_terms')
      .values(terms.map((term) => ({ org_id: row.org_id, term, ticket_id: row.id })))
      .execute();
}

export async function findTicket(db: Executor, orgId: string, id: string): Promise<TicketRow | undefined> {
  return withNames(db).where('t.org_id', '=', orgId).where('t.id', '=', id).executeTakeFirst();
}

/**
 * Applies a change if the record is still at the version the caller read. Returns false when
 * someone else changed it first: of two simultaneous actions, exactly one matches.
 */
export async function updateTicketVersioned(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  patch: Partial<TicketsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ ...patch, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface TicketFilter {
  scope: ScopeLists;
  status?: TicketStatus;
  statuses?: readonly TicketStatus[];
  type?: string;
  urgency?: string;
  channel?: string;
  categoryIds?: readonly string[];
  assigneeId?: string;
  /** null: records without a person. */
  assigneeIsNull?: boolean;
  departmentId?: string;
  projectId?: string;
  buildingId?: string;
  houseId?: string;
  houseIds?: readonly string[];
  customerId?: string;
  /** A search: records whose number starts with this. */
  numberPrefix?: string;
  /** A search: the reporter's phone, or records of these customers. */
  phone?: { phone: string | null; customerIds: readonly string[] };
  /** A search: every one of these words is in the description. */
  terms?: readonly string[];
  /** Received in [from, to) (the dashboard's period). */
  receivedFrom?: string;
  /** The work was completed (completed_at set), whatever happened after. */
  completed?: boolean;
  /** No department has it yet. */
  undispatched?: boolean;
  receivedTo?: string;
  /** A clock of the current cycle, judged at `now` as the dashboard judges it. */
  clock?: { kind: ClockKind; outcome?: ClockOutcome; now: string };
  /** The running stage clock past its warning (soon) or its deadline (overdue) at `now`. */
  due?: { state: DueState; now: string };
  sort: 'newest' | 'due';
  /** Keyset: [id] for newest, [due, id] for due. */
  after: (string | number)[] | null;
  limit: number;
}

export async function listTickets(db: Executor, orgId: string, f: TicketFilter): Promise<TicketRow[]> {
  let q = withNames(db).where('t.org_id', '=', orgId);
  // No condition at all for organisation-wide staff: SQLite plans a constant `1 = 1` badly (it
  // gave up the (org_id, id) index and sorted a million rows).
  if (!f.scope.all) q = q.where(inPlaces('t.project_id', 't.building_id', f.scope));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.statuses) q = q.where('t.status', 'in', [...f.statuses]);
  if (f.type) q = q.where('t.type', '=', f.type as TicketsTable['type']);
  if (f.urgency) q = q.where('t.urgency', '=', f.urgency as TicketsTable['urgency']);
  if (f.channel) q = q.where('t.channel', '=', f.channel as TicketsTable['channel']);
  if (f.categoryIds) q = q.where('t.category_id', 'in', [...f.categoryIds]);
  if (f.assigneeId) q = q.where('t.assignee_id', '=', f.assigneeId);
  if (f.assigneeIsNull) q = q.where('t.assignee_id', 'is', null);
  if (f.departmentId) q = q.where('t.department_id', '=', f.departmentId);
  if (f.projectId) q = q.where('t.project_id', '=', f.projectId);
  if (f.buildingId) q = q.where('t.building_id', '=', f.buildingId);
  if (f.houseId) q = q.where('t.house_id', '=', f.houseId);
  if (f.houseIds)
    q = q.where(f.houseIds.length ? sql<SqlBool>`t.house_id in (${sql.join(f.houseIds)})` : NONE);
  if (f.customerId) q = q.where('t.customer_id', '=', f.customerId);
  if (f.receivedFrom) q = q.where('t.received_at', '>=', f.receivedFrom);
  if (f.completed) q = q.where('t.completed_at', 'is not', null);
  if (f.undispatched) q = q.where('t.department_id', 'is', null);
  if (f.receivedTo) q = q.where('t.received_at', '<', f.receivedTo);
  if (f.clock) q = q.where(hasClock(f.clock.kind, f.clock.outcome, f.clock.now));
  // Ranges on next_due_at, so with sort=due the (org_id, next_due_at, id) index is read in order.
  // Records with no running clock hold the far-future sentinel: outside both ranges, so the scan
  // for "soon" stops before the (many) closed records.
  if (f.due?.state === 'overdue') q = q.where('t.next_due_at', '<=', f.due.now);
  if (f.due?.state === 'soon')
    q = q
      .where('t.next_due_at', '>', f.due.now)
      .where('t.next_due_at', '<', NO_DEADLINE)
      .where('t.next_warn_at', '<=', f.due.now);
  if (f.numberPrefix) q = q.where(prefixRange('t.number', f.numberPrefix));
  if (f.phone) {
    const either: Expression<SqlBool>[] = [];
    if (f.phone.phone) either.push(sql<SqlBool>`t.reporter_phone = ${f.phone.phone}`);
    if (f.phone.customerIds.length)
      either.push(sql<SqlBool>`t.customer_id in (${sql.join(f.phone.customerIds)})`);
    q = q.where(either.length ? sql<SqlBool>`(${sql.join(either, sql` or `)})` : NONE);
  }
  if (f.terms) {
    const terms = f.terms;
    q = terms.length
      ? q.where('t.id', 'in', (eb) =>
          eb
            .selectFrom('ticket_terms')
            .select('ticket_terms.ticket_id')
            .where('ticket_terms.org_id', '=', orgId)
            .where('ticket_terms.term', 'in', [...terms])
            .groupBy('ticket_terms.ticket_id')
            .having(sql<number>`count(*)`, '=', terms.length),
        )
      : q.where(NONE);
  }
  if (f.after && f.sort === 'newest') q = q.where('t.id', '<', String(f.after[0]));
  if (f.after && f.sort === 'due') {
    const [at, id] = [String(f.after[0]), String(f.after[1])];
    q = q.where((eb) =>
      eb.or([eb('t.next_due_at', '>', at), eb.and([eb('t.next_due_at', '=', at), eb('t.id', '>', id)])]),
    );
  }
  q = f.sort === 'due' ? q.orderBy('t.next_due_at').orderBy('t.id') : q.orderBy('t.id', 'desc');
  return q.limit(f.limit + 1).execute();
}

const NONE = sql<SqlBool>`1 = 0`;

export function dueCursor(row: TicketsTable): [string, string] {
  return [row.next_due_at!, row.id];
}

/**
 * Takes the record's row lock for the rest of the transaction (PostgreSQL; SQLite runs one write
 * transaction at a time anyway), so work that depends on its status — adding a line, voiding one,
 * linking — cannot interleave with a change of status.
 */
export async function lockTickets(db: Executor, orgId: string, ids: readonly string[]): Promise<void> {
  await lockRows(db, 'tickets', orgId, ids);
}

/** Ids of a category and everything below it (filters by a parent category include its children). */
export async function categoryWithChildren(db: Executor, orgId: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_categories')
    .select(['id', 'parent_id'])
    .where('org_id', '=', orgId)
    .execute();
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const r of rows) if (r.parent_id === ids[i]) ids.push(r.id);
  return ids;
}

/** Open records per person, for dispatch by load. */
export async function openLoads(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', sql<number>`count(*)`.as('n')])
    .where('org_id', '=', orgId)
    .where('assignee_id', 'in', [...userIds])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

export async function duplicatesOf(db: Executor, orgId: string, masterId: string): Promise<TicketsTable[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('master_id', '=', masterId)
    .execute();
}

/* ------------------------------------------------------------------ timeline */

export async function insertEvents(db: Executor, rows: readonly TicketEventsTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('ticket_events')
      .values([...rows])
      .execute();
}

export async function listEvents(
  db: Executor,
  ticketId: string,
  options: { visibility?: 'internal' | 'public'; after: string | null; limit: number },
): Promise<TicketEventsTable[]> {
  let query = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (options.visibility) query = query.where('visibility', '=', options.visibility);
  if (options.after) query = query.where('id', '>', options.after);
  return query
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
}

/* ------------------------------------------------------------------ links, lines, attachments */

export type LinkRow = TicketLinksTable & {
  other_number: string;
  other_status: TicketStatus;
  other_id: string;
  other_project_id: string;
  other_building_id: string | null;
};

/** Links in both directions, each with the other record's number and status. */
export async function linksOf(db: Executor, ticketId: string): Promise<(LinkRow & { outgoing: boolean })[]> {
  const outgoing = await db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as o', 'o.id', 'l.target_id')
    .selectAll('l')
    .select([
      'o.number as other_number',
      'o.status as other_status',
      'o.id as other_id',
      'o.project_id as other_project_id',
      'o.building_id as other_building_id',
    ])
    .where('l.ticket_id', '=', ticketId)
    .execute();
  const incoming = await db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as o', 'o.id', 'l.ticket_id')
    .selectAll('l')
    .select([
      'o.number as other_number',
      'o.status as other_status',
      'o.id as other_id',
      'o.project_id as other_project_id',
      'o.building_id as other_building_id',
    ])
    .where('l.target_id', '=', ticketId)
    .execute();
  return [
    ...outgoing.map((l) => ({ ...l, outgoing: true })),
    ...incoming.map((l) => ({ ...l, outgoing: false })),
  ];
}

export async function linkExists(db: Executor, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_links')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('ticket_id', '=', a), eb('target_id', '=', b)]),
        eb.and([eb('ticket_id', '=', b), eb('target_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLink(db: Executor, row: TicketLinksTable): Promise<void> {
  await db.insertInto('ticket_links').values(row).execute();
}

export async function linesOf(db: Executor, ticketId: string): Promise<TicketLinesTable[]> {
  return db.selectFrom('ticket_lines').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function insertLine(db: Executor, row: TicketLinesTable): Promise<void> {
  await db.insertInto('ticket_lines').values(row).execute();
}

export async function attachmentsOf(db: Executor, ticketId: string): Promise<TicketAttachmentsTable[]> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
}

export async function findAttachment(
  db: Executor,
  orgId: string,
  id: string,
): Promise<TicketAttachmentsTable | undefined> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAttachment(db: Executor, row: TicketAttachmentsTable): Promise<void> {
  await db.insertInto('ticket_attachments').values(row).execute();
}

/* ------------------------------------------------------------------ time standards */

/**
 * Fields that follow from the record's clocks and replies (not its lifecycle), written without a new
 * version: someone holding the record open may still act on what they read.
 */
export async function updateTicketDerived(
  db: Executor,
  id: string,
  patch: Partial<TicketsTable>,
): Promise<void> {
  await db.updateTable('tickets').set(patch).where('id', '=', id).execute();
}

export async function setPromisedReply(db: Executor, id: string, at: string, now: string): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ promised_reply_at: at, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function settlePromise(
  db: Executor,
  id: string,
  how: { at: string; by: string; note: string | null; status: 'kept' | 'broken' | 'withdrawn' },
): Promise<TicketPromisesTable | null> {
  const done = await db
    .updateTable('ticket_promises')
    .set({
      status: how.status,
      settled_at: how.at,
      settled_by: how.by,
      settle_note: how.note,
      next_alarm_at: '9999-12-31T23:59:59.999Z',
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return null;
  return (await db.selectFrom('ticket_promises').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
