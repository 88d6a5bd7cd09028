import type {
  CalendarDay,
  ClockPreview,
  TicketClock,
  TicketDeadlines,
  TicketPromise,
  WorkingInterval,
} from '@steward/contracts';
import { CLOCKS, type ClockKind, type TicketStatus } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import { lockRows } from '../../db/locks.ts';
import type { TicketClocksTable, TicketPromisesTable, TicketsTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { orgTimeZone } from '../property/index.ts';
import { resolveCategory } from '../servicedesk/index.ts';
import { addWorkingTime, endOfWorkingDay, shiftForPause, type CalendarSpec } from './business-time.ts';
import { alarmSteps, clockSpan, planClock, repeatAt, type Hold } from './clock-plan.ts';
import { choosePolicy, type PolicyRules } from './policy-match.ts';
import * as repo from './timestandards.repository.ts';
import { NEVER } from './timestandards.repository.ts';

const MINUTE = 60_000;

/** A policy version as it was written: its figures and its calendar then. Immutable, so cached. */
export interface PolicySnapshot extends PolicyRules {
  name: string;
  calendarId: string;
  calendar: { name: string; alwaysOpen: boolean; week: WorkingInterval[][]; days: CalendarDay[] };
}

export interface Governing {
  policyId: string;
  version: number;
  snapshot: PolicySnapshot;
  cal: CalendarSpec;
}

const snapshots = new Map<string, PolicySnapshot>();

async function snapshotOf(db: Executor, policyId: string, version: number): Promise<PolicySnapshot> {
  const key = `${policyId}:${version}`;
  const cached = snapshots.get(key);
  if (cached) return cached;
  const row = await db
    .selectFrom('time_policy_versions')
    .select('snapshot')
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  const snapshot = JSON.parse(row.snapshot) as PolicySnapshot;
  if (snapshots.size > 2000) snapshots.clear();
  snapshots.set(key, snapshot);
  return snapshot;
}

function specOf(snapshot: PolicySnapshot, timeZone: string): CalendarSpec {
  return repo.calendarSpec(
    {
      always_open: snapshot.calendar.alwaysOpen ? 1 : 0,
      week: JSON.stringify(snapshot.calendar.week),
      days: JSON.stringify(snapshot.calendar.days),
    } as never,
    timeZone,
  );
}

/** The policy version a clock row (or a record) was planned with. */
export async function governingVersion(
  db: Executor,
  orgId: string,
  policyId: string,
  version: number,
  timeZone?: string,
): Promise<Governing> {
  const snapshot = await snapshotOf(db, policyId, version);
  const tz = timeZone ?? (await orgTimeZone(db, orgId));
  return { policyId, version, snapshot, cal: specOf(snapshot, tz) };
}

export interface ClockTraits {
  type: TicketsTable['type'];
  categoryId: string;
  urgency: TicketsTable['urgency'];
  projectId: string;
}

/** The policy that governs a record with these traits now (its current version), or null if none. */
export async function governingFor(
  db: Executor,
  orgId: string,
  traits: ClockTraits,
): Promise<Governing | null> {
  const [policies, category] = await Promise.all([
    repo.activePolicies(db, orgId),
    resolveCategory(db, orgId, traits.categoryId),
  ]);
  const chosen = choosePolicy(
    policies.map((p) => ({
      id: p.row.id,
      type: p.row.type,
      categoryId: p.row.category_id,
      urgency: p.row.urgency,
      projectId: p.row.project_id,
      version: p.row.version,
    })),
    {
      type: traits.type,
      categoryChain: category?.chainIds ?? [traits.categoryId],
      urgency: traits.urgency,
      projectId: traits.projectId,
    },
  );
  return chosen ? governingVersion(db, orgId, chosen.id, chosen.version) : null;
}

/* ------------------------------------------------------------------ what a record's state means */

/** Where each clock starts in the current cycle; accept only once dispatched in it. */
function startOf(kind: ClockKind, t: ClockedTicket): string | null {
  if (kind === 'accept') {
    const origin = t.clock_origin_at ?? t.received_at;
    return t.dispatched_at !== null && t.dispatched_at >= origin ? t.dispatched_at : null;
  }
  return t.clock_origin_at ?? t.received_at;
}

/** When the record's state has stopped a clock already (e.g. dispatched at intake). */
function stoppedBy(kind: ClockKind, t: ClockedTicket): string | null {
  switch (kind) {
    case 'dispatch':
      // Dispatched in this cycle — or handled at the desk without a dispatch (answered on the spot).
      return t.dispatched_at !== null && t.dispatched_at >= (t.clock_origin_at ?? t.received_at)
        ? t.dispatched_at
        : t.completed_at;
    case 'accept':
      return t.accepted_at;
    case 'arrive':
      return t.arrived_at ?? t.completed_at;
    case 'complete':
      return t.completed_at;
    case 'feedback':
      return t.feedback_at;
  }
}

/** The stage clocks that may run in a status, in order of preference (queues show the first running). */
const STAGE: Partial<Record<TicketStatus, ClockKind[]>> = {
  // Back in 待派工 after a decline: the clocks of the last dispatch, or of the visit, still run.
  received: ['dispatch', 'accept', 'arrive', 'complete'],
  dispatched: ['accept'],
  accepted: ['arrive', 'complete'],
  arrived: ['complete'],
  in_progress: ['complete'],
};

export type ClockedTicket = Pick<
  TicketsTable,
  | 'id'
  | 'org_id'
  | 'status'
  | 'type'
  | 'category_id'
  | 'urgency'
  | 'project_id'
  | 'received_at'
  | 'dispatched_at'
  | 'accepted_at'
  | 'arrived_at'
  | 'completed_at'
  | 'feedback_at'
  | 'held_at'
  | 'reopen_count'
  | 'clock_origin_at'
  | 'policy_id'
  | 'policy_version'
>;

function outcomeAt(stoppedAt: string, dueAt: string): 'met' | 'breached' {
  return stoppedAt <= dueAt ? 'met' : 'breached';
}

/** Plans every clock of the record's current cycle from scratch (intake, reopening). */
function freshRows(g: Governing, t: ClockedTicket, at: string, holds: Hold[]): TicketClocksTable[] {
  const rows: TicketClocksTable[] = [];
  for (const kind of CLOCKS) {
    const start = startOf(kind, t);
    if (start === null) continue;
    const startDate = new Date(start);
    const span = clockSpan(kind, g.snapshot, g.cal, startDate);
    if (span === null) continue;
    const plan = planClock(g.cal, startDate, span, g.snapshot.warnPercent, holds);
    const stopped = stoppedBy(kind, t);
    const row: TicketClocksTable = {
      id: newId(),
      org_id: t.org_id,
      ticket_id: t.id,
      cycle: t.reopen_count,
      clock: kind,
      policy_id: g.policyId,
      policy_version: g.version,
      started_at: start,
      span_ms: span,
      due_at: plan.dueAt.toISOString(),
      warn_at: plan.warnAt?.toISOString() ?? null,
      paused_at: plan.pausedAt?.toISOString() ?? null,
      stopped_at: stopped,
      outcome: stopped ? outcomeAt(stopped, plan.dueAt.toISOString()) : 'running',
      escalation_level: 0,
      alarm_stage: 0,
      repeats: 0,
      next_alarm_at: NEVER,
      updated_at: at,
    };
    row.next_alarm_at = nextAlarm(g, row);
    rows.push(row);
  }
  return rows;
}

/** When the sweeper should next look at a clock: its next alarm, or never once stopped or paused. */
export function nextAlarm(g: Governing, row: TicketClocksTable): string {
  if (row.outcome !== 'running' || row.paused_at !== null) return NEVER;
  const steps = alarmSteps(g.cal, g.snapshot, {
    dueAt: new Date(row.due_at),
    warnAt: row.warn_at ? new Date(row.warn_at) : null,
  });
  const pending = steps.find((s) => s.stage > row.alarm_stage);
  if (pending) return pending.at.toISOString();
  const last = steps[steps.length - 1];
  const repeat = last ? repeatAt(g.cal, g.snapshot, last.at, row.repeats + 1) : null;
  return repeat ? repeat.toISOString() : NEVER;
}

/** The deadline, warning and start the record's queues read, from its current clocks. */
export function ticketClockColumns(
  status: TicketStatus,
  rows: readonly TicketClocksTable[],
): Pick<
  TicketsTable,
  | 'dispatch_by'
  | 'accept_by'
  | 'arrive_by'
  | 'complete_by'
  | 'feedback_by'
  | 'next_due_at'
  | 'next_warn_at'
  | 'clock_started_at'
  | 'escalation_level'
> {
  const by = new Map(rows.map((r) => [r.clock, r]));
  const stage = (STAGE[status] ?? [])
    .map((k) => by.get(k))
    .find((r) => r !== undefined && r.outcome === 'running' && r.paused_at === null);
  return {
    dispatch_by: by.get('dispatch')?.due_at ?? null,
    accept_by: by.get('accept')?.due_at ?? null,
    arrive_by: by.get('arrive')?.due_at ?? null,
    complete_by: by.get('complete')?.due_at ?? null,
    feedback_by: by.get('feedback')?.due_at ?? null,
    next_due_at: stage?.due_at ?? NEVER,
    next_warn_at: stage?.warn_at ?? NEVER,
    clock_started_at: stage?.started_at ?? null,
    escalation_level: Math.max(
      0,
      ...rows.filter((r) => r.outcome === 'running').map((r) => r.escalation_level),
    ),
  };
}

export function deadlinesFromRows(rows: readonly TicketClocksTable[]): TicketDeadlines {
  const c = ticketClockColumns('received', rows);
  return {
    dispatchBy: c.dispatch_by,
    acceptBy: c.accept_by,
    arriveBy: c.arrive_by,
    completeBy: c.complete_by,
    feedbackBy: c.feedback_by,
  };
}

/* ------------------------------------------------------------------ intake */

export interface NewTicketClocks {
  governing: Governing | null;
  rows: TicketClocksTable[];
  columns: Partial<TicketsTable>;
  /** The reply the policy promises by default (working minutes of its calendar), or the feedback deadline. */
  defaultPromise: string | null;
}

/** The clocks of a record being registered (before it is inserted; the rows are inserted after it). */
export async function planNewTicket(db: Executor, t: ClockedTicket, at: string): Promise<NewTicketClocks> {
  const g = await governingFor(db, t.org_id, {
    type: t.type,
    categoryId: t.category_id,
    urgency: t.urgency,
    projectId: t.project_id,
  });
  if (!g)
    return {
      governing: null,
      rows: [],
      columns: { next_due_at: NEVER, next_warn_at: NEVER },
      defaultPromise: null,
    };
  const rows = freshRows(g, { ...t, clock_origin_at: at }, at, []);
  const feedback = rows.find((r) => r.clock === 'feedback')?.due_at ?? null;
  const promise =
    g.snapshot.promiseMinutes !== null
      ? addWorkingTime(g.cal, new Date(at), g.snapshot.promiseMinutes * MINUTE).toISOString()
      : (feedback ?? endOfWorkingDay(g.cal, new Date(at)).toISOString());
  return {
    governing: g,
    rows,
    columns: {
      ...ticketClockColumns(t.status, rows),
      policy_id: g.policyId,
      policy_version: g.version,
      clock_origin_at: at,
    },
    defaultPromise: promise,
  };
}

/**
 * What intake would set for a record with these traits registered now, as if dispatched at once:
 * the policy, the promised reply and the deadlines — so the desk can read them back to the caller.
 */
export async function previewClocks(
  db: Executor,
  orgId: string,
  traits: ClockTraits,
  at: string,
): Promise<ClockPreview | null> {
  const planned = await planNewTicket(
    db,
    {
      id: 'preview',
      org_id: orgId,
      status: 'dispatched',
      type: traits.type,
      category_id: traits.categoryId,
      urgency: traits.urgency,
      project_id: traits.projectId,
      received_at: at,
      dispatched_at: at,
      accepted_at: null,
      arrived_at: null,
      completed_at: null,
      feedback_at: null,
      held_at: null,
      reopen_count: 0,
      clock_origin_at: at,
      policy_id: null,
      policy_version: null,
    },
    at,
  );
  const g = planned.governing;
  if (!g) return null;
  const deadlines = deadlinesFromRows(planned.rows);
  // Dispatched at once, the forwarding clock is met; the desk still has its minutes to forward.
  const dispatch = g.snapshot.clocks.dispatch;
  return {
    policyId: g.policyId,
    policyName: g.snapshot.name,
    version: g.version,
    alwaysOpen: g.snapshot.calendar.alwaysOpen,
    at,
    promisedReplyAt: planned.defaultPromise,
    deadlines: {
      ...deadlines,
      dispatchBy:
        dispatch === null ? null : addWorkingTime(g.cal, new Date(at), dispatch * MINUTE).toISOString(),
    },
  };
}

/* ------------------------------------------------------------------ changes */

/** What happened to a record, as far as its clocks are concerned. */
export type ClockEvent =
  | 'dispatched'
  | 'accepted'
  | 'arrived'
  | 'completed'
  | 'replied'
  | 'held'
  | 'resumed'
  | 'reopened'
  | 'cancelled'
  | 'reclassified'
  | 'policy_changed';

export interface ClockChange {
  /** Columns of the record to write with its update. */
  columns: Partial<TicketsTable>;
  /** Writes the clock rows; call after the record's own update succeeded. */
  write: (db: Executor) => Promise<void>;
  /** When the clocks were planned anew: the policy (version) that did it, for the timeline. */
  planned: { policyId: string; policyName: string; version: number; deadlines: TicketDeadlines } | null;
}

/**
 * What a change of the record does to its clocks. `after` is the record as it will be; `holds` the
 * stretches on hold of the current cycle (needed when clocks are planned again from their start).
 */
export async function clockChange(
  db: Executor,
  after: ClockedTicket,
  events: readonly ClockEvent[],
  at: string,
  loadHolds: () => Promise<Hold[]>,
): Promise<ClockChange> {
  const existing = await repo.clocksOf(db, after.id);
  const inserts: TicketClocksTable[] = [];
  const updates = new Map<string, Partial<TicketClocksTable>>();
  const tz = await orgTimeZone(db, after.org_id);
  const governingOf = (row: Pick<TicketClocksTable, 'policy_id' | 'policy_version'>) =>
    governingVersion(db, after.org_id, row.policy_id, row.policy_version, tz);

  // The rows as they stand after each step, keyed by id.
  const current = new Map(existing.map((r) => [r.id, { ...r }]));
  const set = (row: TicketClocksTable, patch: Partial<TicketClocksTable>) => {
    Object.assign(row, patch, { updated_at: at });
    if (inserts.includes(row)) return;
    updates.set(row.id, { ...(updates.get(row.id) ?? {}), ...patch, updated_at: at });
  };
  const cycleRows = () => [...current.values(), ...inserts].filter((r) => r.cycle === after.reopen_count);
  const running = () => cycleRows().filter((r) => r.outcome === 'running');
  const stop = (row: TicketClocksTable, outcome?: 'cancelled') =>
    set(row, {
      stopped_at: at,
      outcome: outcome ?? outcomeAt(at, row.due_at),
      paused_at: null,
      next_alarm_at: NEVER,
    });
  const stopKinds = (...kinds: ClockKind[]) => {
    for (const row of running()) if (kinds.includes(row.clock)) stop(row);
  };
  let planned: ClockChange['planned'] = null;
  let governing: Governing | null = null;

  // A record from before time standards: planned now from its receipt under today's policy (its
  // stretches on hold not counted), then the change applies as to any other.
  if (existing.length === 0 && after.policy_id === null) {
    governing = await governingFor(db, after.org_id, traitsOf(after));
    if (governing) {
      const origin = after.clock_origin_at ?? after.received_at;
      const holds = await loadHolds();
      inserts.push(...freshRows(governing, { ...after, clock_origin_at: origin }, at, holds));
    }
  }

  for (const event of events) {
    switch (event) {
      case 'dispatched': {
        stopKinds('dispatch');
        // Each dispatch starts the response clock anew for the new handler.
        const accept = cycleRows().find((r) => r.clock === 'accept');
        const g = accept
          ? await governingOf(accept)
          : after.policy_id !== null && after.policy_version !== null
            ? await governingOf({ policy_id: after.policy_id, policy_version: after.policy_version })
            : null;
        if (!g) break;
        const span = clockSpan('accept', g.snapshot, g.cal, new Date(at));
        if (span === null) break;
        const plan = planClock(g.cal, new Date(at), span, g.snapshot.warnPercent, []);
        const fields = {
          policy_id: g.policyId,
          policy_version: g.version,
          started_at: at,
          span_ms: span,
          due_at: plan.dueAt.toISOString(),
          warn_at: plan.warnAt?.toISOString() ?? null,
          paused_at: null,
          stopped_at: null,
          outcome: 'running' as const,
          escalation_level: 0,
          alarm_stage: 0,
          repeats: 0,
          next_alarm_at: NEVER,
        };
        if (accept) set(accept, fields);
        else
          inserts.push({
            id: newId(),
            org_id: after.org_id,
            ticket_id: after.id,
            cycle: after.reopen_count,
            clock: 'accept',
            ...fields,
            updated_at: at,
          });
        break;
      }
      case 'accepted':
        stopKinds('accept');
        break;
      case 'arrived':
        stopKinds('arrive');
        break;
      case 'completed':
        stopKinds('dispatch', 'accept', 'arrive', 'complete');
        break;
      case 'replied':
        stopKinds('feedback');
        break;
      case 'held':
        for (const row of running())
          if (row.paused_at === null) set(row, { paused_at: at, next_alarm_at: NEVER });
        break;
      case 'resumed':
        for (const row of running()) {
          if (row.paused_at === null) continue;
          const g = await governingOf(row);
          const due = shiftForPause(g.cal, new Date(row.due_at), new Date(row.paused_at), new Date(at));
          const warn = row.warn_at
            ? shiftForPause(g.cal, new Date(row.warn_at), new Date(row.paused_at), new Date(at))
            : null;
          // What was sent before the hold stays sent (once per clock); what is still ahead is later.
          set(row, { due_at: due.toISOString(), warn_at: warn?.toISOString() ?? null, paused_at: null });
        }
        break;
      case 'cancelled':
        for (const row of running()) stop(row, 'cancelled');
        break;
      case 'reopened': {
        // The old cycle's clocks still running end here; the new cycle counts from now.
        for (const row of [...current.values()])
          if (row.cycle < after.reopen_count && row.outcome === 'running') stop(row);
        governing = await governingFor(db, after.org_id, traitsOf(after));
        if (governing) inserts.push(...freshRows(governing, { ...after, clock_origin_at: at }, at, []));
        break;
      }
      case 'reclassified':
      case 'policy_changed': {
        governing = await governingFor(db, after.org_id, traitsOf(after));
        if (!governing) break;
        const g = governing;
        const holds = await loadHolds();
        const origin = after.clock_origin_at ?? after.received_at;
        const fresh = freshRows(g, { ...after, clock_origin_at: origin }, at, holds);
        for (const plan of fresh) {
          const row = cycleRows().find((r) => r.clock === plan.clock);
          // A clock that has stopped keeps the deadline it was judged by.
          if (row && row.outcome !== 'running') continue;
          if (plan.outcome !== 'running') continue;
          const fields = {
            policy_id: plan.policy_id,
            policy_version: plan.policy_version,
            started_at: plan.started_at,
            span_ms: plan.span_ms,
            due_at: plan.due_at,
            warn_at: plan.warn_at,
            paused_at: plan.paused_at,
          };
          if (row) {
            const moved = row.due_at !== plan.due_at;
            set(row, { ...fields, ...(moved ? { alarm_stage: 0, repeats: 0, escalation_level: 0 } : {}) });
          } else inserts.push(plan);
        }
        // Clocks the new policy does not keep stop without counting either way.
        for (const row of running())
          if (!fresh.some((p) => p.clock === row.clock) && existing.some((e) => e.id === row.id))
            stop(row, 'cancelled');
        break;
      }
    }
  }

  // Alarms follow from the new state.
  for (const row of [...current.values(), ...inserts]) {
    if (row.outcome !== 'running') continue;
    const g = await governingOf(row);
    const next = nextAlarm(g, row);
    if (next !== row.next_alarm_at) set(row, { next_alarm_at: next });
  }

  const rows = cycleRows();
  const columns: Partial<TicketsTable> = { ...ticketClockColumns(after.status, rows) };
  if (governing) {
    columns.policy_id = governing.policyId;
    columns.policy_version = governing.version;
    planned = {
      policyId: governing.policyId,
      policyName: governing.snapshot.name,
      version: governing.version,
      deadlines: deadlinesFromRows(rows),
    };
  }
  if (events.includes('reopened')) columns.clock_origin_at = at;
  return {
    columns,
    planned,
    write: async (tx) => {
      await repo.insertClocks(tx, inserts);
      for (const [id, patch] of updates)
        if (!inserts.some((r) => r.id === id)) await repo.updateClock(tx, id, patch);
    },
  };
}

function traitsOf(t: ClockedTicket): ClockTraits {
  return { type: t.type, categoryId: t.category_id, urgency: t.urgency, projectId: t.project_id };
}

/** What a `clocks_set` timeline entry records: why, which policy version, and the deadlines it set. */
export function clocksSetData(
  reason: 'created' | ClockEvent,
  g: Pick<Governing, 'policyId' | 'version'> & { snapshot: Pick<PolicySnapshot, 'name'> },
  rows: readonly TicketClocksTable[],
): Record<string, unknown> {
  return {
    reason,
    policyId: g.policyId,
    policyName: g.snapshot.name,
    version: g.version,
    deadlines: deadlinesFromRows(rows),
  };
}

/* ------------------------------------------------------------------ shapes */

/** The clocks of the record's current cycle, as the detail page shows them. */
export async function clockDtos(
  db: Executor,
  t: Pick<TicketsTable, 'id' | 'org_id' | 'reopen_count'>,
): Promise<TicketClock[]> {
  const rows = await repo.clocksOf(db, t.id, t.reopen_count);
  const out: TicketClock[] = [];
  for (const kind of CLOCKS) {
    const row = rows.find((r) => r.clock === kind);
    if (!row) continue;
    const snapshot = await snapshotOf(db, row.policy_id, row.policy_version);
    out.push({
      clock: row.clock,
      cycle: row.cycle,
      startedAt: row.started_at,
      dueAt: row.due_at,
      warnAt: row.warn_at,
      pausedAt: row.paused_at,
      stoppedAt: row.stopped_at,
      outcome: row.outcome,
      escalationLevel: row.escalation_level,
      policyId: row.policy_id,
      policyName: snapshot.name,
      policyVersion: row.policy_version,
      alwaysOpen: snapshot.calendar.alwaysOpen,
    });
  }
  return out;
}

export async function promiseDtos(db: Executor, ticketId: string): Promise<TicketPromise[]> {
  const rows = await db
    .selectFrom('ticket_promises as p')
    .innerJoin('users as o', 'o.id', 'p.owner_id')
    .innerJoin('users as m', 'm.id', 'p.made_by')
    .selectAll('p')
    .select(['o.display_name as owner_name', 'm.display_name as made_by_name'])
    .where('p.ticket_id', '=', ticketId)
    .orderBy('p.made_at')
    .orderBy('p.id')
    .execute();
  return rows.map(promiseDto);
}

export function promiseDto(
  r: TicketPromisesTable & { owner_name: string; made_by_name: string },
): TicketPromise {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind,
    dueAt: r.due_at,
    owner: { id: r.owner_id, name: r.owner_name },
    madeBy: { id: r.made_by, name: r.made_by_name },
    madeAt: r.made_at,
    note: r.note,
    status: r.status,
    settledAt: r.settled_at,
    settleNote: r.settle_note,
  };
}

/* ------------------------------------------------------------------ policy edits */

/**
 * After a policy edit, by the editor's explicit choice: the open records whose running clocks this
 * policy set are planned again under the policy that now governs them (their stopped clocks keep the
 * deadlines they were judged by). Each gets a new version and a `clocks_set` entry naming the policy
 * version. Returns how many records changed.
 */
export async function recomputeOpenClocks(
  tx: Executor,
  ctx: { orgId: string; actorId: string; at: string },
  policyId: string,
): Promise<number> {
  const ids = await tx
    .selectFrom('ticket_clocks')
    .select('ticket_id')
    .distinct()
    .where('policy_id', '=', policyId)
    .where('outcome', '=', 'running')
    .where('org_id', '=', ctx.orgId)
    // In id order, as every lock on several records is taken: no circle with another transaction.
    .orderBy('ticket_id')
    .execute();
  const actor = await tx
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', ctx.actorId)
    .executeTakeFirst();
  let changed = 0;
  for (const { ticket_id } of ids) {
    // Locked, then read, as actions and replies do: a reply stops the feedback clock without a new
    // version, so the version check alone would not see it.
    await lockRows(tx, 'tickets', ctx.orgId, [ticket_id]);
    const t = await tx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticket_id)
      .where('org_id', '=', ctx.orgId)
      .executeTakeFirst();
    if (!t) continue;
    const change = await clockChange(tx, t, ['policy_changed'], ctx.at, () =>
      repo.holdsOf(tx, t.id, t.clock_origin_at ?? t.received_at),
    );
    const done = await tx
      .updateTable('tickets')
      .set({ ...change.columns, updated_at: ctx.at, version: t.version + 1 })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .executeTakeFirst();
    // Changed meanwhile by its own action, which planned its clocks itself: leave it.
    if (Number(done.numUpdatedRows) === 0) continue;
    await change.write(tx);
    if (change.planned)
      await tx
        .insertInto('ticket_events')
        .values({
          id: newId(),
          org_id: t.org_id,
          ticket_id: t.id,
          kind: 'clocks_set',
          visibility: 'internal',
          actor_kind: 'staff',
          actor_id: ctx.actorId,
          actor_name: actor?.display_name ?? '',
          body: null,
          data: JSON.stringify({ reason: 'policy_changed', ...change.planned }),
          created_at: ctx.at,
        })
        .execute();
    changed++;
  }
  return changed;
}
