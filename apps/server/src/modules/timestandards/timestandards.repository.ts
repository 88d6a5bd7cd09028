import type { Executor } from '../../db/database.ts';
import type {
  BusinessCalendarsTable,
  TicketClocksTable,
  TicketPromisesTable,
  TimePoliciesTable,
} from '../../db/schema.ts';
import type { CalendarSpec } from './business-time.ts';
import type { Hold } from './clock-plan.ts';
import type { PolicyRules } from './policy-match.ts';
import type { CalendarDay, WorkingInterval } from '@steward/contracts';

/** When nothing is pending: a far-future instant, so due-ordered scans read their index in order. */
export const NEVER = '9999-12-31T23:59:59.999Z';

export interface LoadedPolicy {
  row: TimePoliciesTable;
  rules: PolicyRules;
}

export function parsePolicy(row: TimePoliciesTable): LoadedPolicy {
  return { row, rules: JSON.parse(row.rules) as PolicyRules };
}

export async function activePolicies(db: Executor, orgId: string): Promise<LoadedPolicy[]> {
  const rows = await db
    .selectFrom('time_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .execute();
  return rows.map(parsePolicy);
}

export async function findPolicy(db: Executor, orgId: string, id: string): Promise<LoadedPolicy | null> {
  const row = await db
    .selectFrom('time_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? parsePolicy(row) : null;
}

export async function findCalendarRow(
  db: Executor,
  orgId: string,
  id: string,
): Promise<BusinessCalendarsTable | undefined> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const intervals = (list: readonly WorkingInterval[]): Array<[number, number]> =>
  list.map((i) => [toMinutes(i.start), toMinutes(i.end)]);

/** A stored calendar as the working-time arithmetic reads it, in the organisation's time zone. */
export function calendarSpec(row: BusinessCalendarsTable, timeZone: string): CalendarSpec {
  const week = JSON.parse(row.week) as WorkingInterval[][];
  const days = JSON.parse(row.days) as CalendarDay[];
  return {
    timeZone,
    alwaysOpen: row.always_open === 1,
    week: week.map(intervals),
    days: new Map(
      days.map((d) => [d.date, { kind: d.kind, ...(d.hours ? { hours: intervals(d.hours) } : {}) }]),
    ),
  };
}

/* ------------------------------------------------------------------ clocks */

export async function clocksOf(db: Executor, ticketId: string, cycle?: number): Promise<TicketClocksTable[]> {
  let q = db.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticketId);
  if (cycle !== undefined) q = q.where('cycle', '=', cycle);
  return q.orderBy('cycle').orderBy('clock').execute();
}

export async function insertClocks(db: Executor, rows: TicketClocksTable[]): Promise<void> {
  if (rows.length) await db.insertInto('ticket_clocks').values(rows).execute();
}

export async function updateClock(
  db: Executor,
  id: string,
  patch: Partial<TicketClocksTable>,
): Promise<void> {
  await db.updateTable('ticket_clocks').set(patch).where('id', '=', id).execute();
}

/* ------------------------------------------------------------------ promises */

export async function insertPromise(db: Executor, row: TicketPromisesTable): Promise<void> {
  await db.insertInto('ticket_promises').values(row).execute();
}

/* ------------------------------------------------------------------ holds */

/**
 * The stretches a record spent on hold since `origin` (its current cycle), from its timeline: a hold
 * ends with a resume, or with a transfer off hold (a dispatch from on_hold).
 */
export async function holdsOf(db: Executor, ticketId: string, origin: string): Promise<Hold[]> {
  const entries = await db
    .selectFrom('ticket_events')
    .select(['kind', 'created_at', 'data'])
    .where('ticket_id', '=', ticketId)
    .where('kind', 'in', ['held', 'resumed', 'dispatched'])
    .where('created_at', '>=', origin)
    .orderBy('id')
    .execute();
  const holds: Hold[] = [];
  for (const e of entries) {
    if (e.kind === 'held') {
      holds.push({ heldAt: new Date(e.created_at), resumedAt: null });
      continue;
    }
    const open = holds[holds.length - 1];
    if (!open || open.resumedAt !== null) continue;
    const fromHold =
      e.kind === 'resumed' ||
      (JSON.parse(e.data) as { from?: { status?: string } }).from?.status === 'on_hold';
    if (fromHold) open.resumedAt = new Date(e.created_at);
  }
  return holds;
}
