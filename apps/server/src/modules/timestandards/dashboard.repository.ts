import { sql, type Expression, type SqlBool } from 'kysely';
import { OPEN_STATUSES, type ClockKind, type ClockOutcome } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import { inPlaces } from '../../db/filters.ts';
import type { ScopeLists } from '../../platform/auth/scope.ts';

/**
 * What a clock row (alias `c`) of ticket_clocks counts as at `now`. The one definition shared by the
 * dashboard's counts and the queue's drill-down filter, so a number and the list behind it agree.
 *
 * A running clock past its deadline is breached already (the row says 'running' until it stops). A
 * clock paused on hold is judged at the instant it paused: its deadline moves on resume, so a hold
 * that outlasts the old deadline is no breach.
 */
export function clockOutcomeIs(outcome: ClockOutcome, now: string): Expression<SqlBool> {
  const judgedAt = sql`coalesce(c.paused_at, ${now})`;
  switch (outcome) {
    case 'met':
      return sql<SqlBool>`c.outcome = 'met'`;
    case 'breached':
      return sql<SqlBool>`(c.outcome = 'breached' or (c.outcome = 'running' and c.due_at <= ${judgedAt}))`;
    case 'running':
      return sql<SqlBool>`(c.outcome = 'running' and c.due_at > ${judgedAt})`;
    case 'cancelled':
      return sql<SqlBool>`c.outcome = 'cancelled'`;
  }
}

/**
 * Records (alias `t`) with a clock of this kind in their current cycle — with this outcome, if given.
 * One indexed probe per record: the (ticket_id, cycle, clock) unique key.
 */
export function hasClock(
  kind: ClockKind,
  outcome: ClockOutcome | undefined,
  now: string,
): Expression<SqlBool> {
  const judged = outcome ? sql<SqlBool>` and ${clockOutcomeIs(outcome, now)}` : sql``;
  return sql<SqlBool>`exists (select 1 from ticket_clocks c
    where c.ticket_id = t.id and c.cycle = t.reopen_count and c.clock = ${kind}${judged})`;
}

export interface DashboardFilter {
  orgId: string;
  scope: ScopeLists;
  /** Received in [from, to). */
  from: string;
  to: string;
  projectId?: string;
  departmentId?: string;
}

/** The records the dashboard counts: received in the period, within scope and the filters. */
function base(db: Executor, f: DashboardFilter) {
  let q = db
    .selectFrom('tickets as t')
    .where('t.org_id', '=', f.orgId)
    .where('t.received_at', '>=', f.from)
    .where('t.received_at', '<', f.to);
  if (!f.scope.all) q = q.where(inPlaces('t.project_id', 't.building_id', f.scope));
  if (f.projectId) q = q.where('t.project_id', '=', f.projectId);
  if (f.departmentId) q = q.where('t.department_id', '=', f.departmentId);
  return q;
}

const count = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

export interface VolumeGroup {
  projectId: string;
  departmentId: string | null;
  received: number;
  completed: number;
  open: number;
}

/** Received, completed and open records per project × department (a handful of groups). */
export async function volumeGroups(db: Executor, f: DashboardFilter): Promise<VolumeGroup[]> {
  const rows = await base(db, f)
    .select([
      't.project_id',
      't.department_id',
      sql<number>`count(*)`.as('received'),
      count(sql<SqlBool>`t.completed_at is not null`).as('completed'),
      count(sql<SqlBool>`t.status in (${sql.join([...OPEN_STATUSES])})`).as('open'),
    ])
    .groupBy(['t.project_id', 't.department_id'])
    .execute();
  return rows.map((r) => ({
    projectId: r.project_id,
    departmentId: r.department_id,
    received: Number(r.received),
    completed: Number(r.completed ?? 0),
    open: Number(r.open ?? 0),
  }));
}

export interface ClockGroup {
  projectId: string;
  departmentId: string | null;
  clock: ClockKind;
  met: number;
  breached: number;
  running: number;
}

/** Each clock's outcomes in the records' current cycle, per project × department × clock. */
export async function clockGroups(db: Executor, f: DashboardFilter, now: string): Promise<ClockGroup[]> {
  const rows = await base(db, f)
    .innerJoin('ticket_clocks as c', (j) =>
      j.onRef('c.ticket_id', '=', 't.id').onRef('c.cycle', '=', 't.reopen_count'),
    )
    .select([
      't.project_id',
      't.department_id',
      'c.clock',
      count(clockOutcomeIs('met', now)).as('met'),
      count(clockOutcomeIs('breached', now)).as('breached'),
      count(clockOutcomeIs('running', now)).as('running'),
    ])
    .groupBy(['t.project_id', 't.department_id', 'c.clock'])
    .execute();
  return rows.map((r) => ({
    projectId: r.project_id,
    departmentId: r.department_id,
    clock: r.clock,
    met: Number(r.met ?? 0),
    breached: Number(r.breached ?? 0),
    running: Number(r.running ?? 0),
  }));
}

/** Promises made on the period's records, by status. */
export async function promiseCounts(db: Executor, f: DashboardFilter): Promise<Map<string, number>> {
  const rows = await base(db, f)
    .innerJoin('ticket_promises as p', 'p.ticket_id', 't.id')
    .select(['p.status', sql<number>`count(*)`.as('n')])
    .groupBy('p.status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** The names of the organisation's projects or departments with these ids. */
export async function namesOf(
  db: Executor,
  table: 'projects' | 'departments',
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
