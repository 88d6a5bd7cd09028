import type { AlertKind, ClockKind } from '@steward/contracts/catalogues';
import type { Engine } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type {
  AlertsTable,
  TicketClocksTable,
  TicketEventsTable,
  TicketPromisesTable,
  TicketsTable,
} from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { insertAlerts, publishAlerts } from '../alerts/index.ts';
import { orgTimeZone } from '../property/index.ts';
import { alarmsDue } from './clock-plan.ts';
import { governingVersion, nextAlarm } from './clocks.service.ts';
import { NEVER } from './timestandards.repository.ts';

/**
 * The sweeper: finds clocks and promises whose next alarm has come and sends what is due — the
 * warning, the breach, each rung of the escalation ladder, the repeats the policy asks for, the
 * promise reminders — exactly once.
 *
 * Exactly once, whatever runs at the same time: each clock's progress (alarm_stage, repeats) moves
 * only by a compare-and-set on what was read, in the same transaction as the alerts it sends, and
 * each alert has a unique key per person. On PostgreSQL the rows are also claimed with
 * FOR UPDATE SKIP LOCKED, so two processes share the work instead of queueing on it. Nothing lives
 * in memory: a restarted or late sweeper picks up where the database says, sending each rung it
 * missed once and, of the repeats it missed, only the latest.
 */
export interface SweeperDeps {
  db: Db;
  engine: Engine;
  clock: Clock;
  events?: Pick<EventBus, 'publish'>;
  log?: { error: (obj: object, msg: string) => void };
}

const NOTHING = { inserted: [] as AlertsTable[], ticket: null };

/** Organisations' time zones, read once a minute rather than once per clock. */
const zones = new Map<string, { timeZone: string; until: number }>();
async function zoneOf(db: Executor, orgId: string): Promise<string> {
  const hit = zones.get(orgId);
  if (hit && hit.until > Date.now()) return hit.timeZone;
  const timeZone = await orgTimeZone(db, orgId);
  zones.set(orgId, { timeZone, until: Date.now() + 60_000 });
  return timeZone;
}

/** A row whose alarms cannot be worked out (a broken calendar) is looked at again this much later. */
const RETRY_BROKEN_MS = 60 * 60_000;

export interface SweepResult {
  examined: number;
  alerts: number;
}

const BATCH = 500;

export async function sweepOnce(deps: SweeperDeps, batch = BATCH): Promise<SweepResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const result: SweepResult = { examined: 0, alerts: 0 };
  const clocks = await deps.db
    .selectFrom('ticket_clocks')
    .select('id')
    .where('next_alarm_at', '<=', at)
    .orderBy('next_alarm_at')
    .limit(batch)
    .execute();
  for (const { id } of clocks) {
    result.examined++;
    result.alerts += await isolated(deps, 'ticket_clocks', id, now, () => sweepClock(deps, id, now));
  }
  const promises = await deps.db
    .selectFrom('ticket_promises')
    .select('id')
    .where('next_alarm_at', '<=', at)
    .orderBy('next_alarm_at')
    .limit(batch)
    .execute();
  for (const { id } of promises) {
    result.examined++;
    result.alerts += await isolated(deps, 'ticket_promises', id, now, () => sweepPromise(deps, id, now));
  }
  return result;
}

/**
 * One row that fails (say, a calendar edited into one with no working time for years) must not stop
 * the alarms of every other record: it is logged and looked at again an hour later.
 */
async function isolated(
  deps: SweeperDeps,
  table: 'ticket_clocks' | 'ticket_promises',
  id: string,
  now: Date,
  work: () => Promise<number>,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    deps.log?.error({ err: error, table, id }, 'time-standards alarm failed; retried later');
    await deps.db
      .updateTable(table)
      .set({ next_alarm_at: new Date(now.getTime() + RETRY_BROKEN_MS).toISOString() })
      .where('id', '=', id)
      .execute();
    return 0;
  }
}

type Alarmed = { ticket_clocks: TicketClocksTable; ticket_promises: TicketPromisesTable };

/**
 * A clock or promise whose alarm has come, with its record. Locks in the order the record's own
 * actions take them — the record, then its clock or promise — so a sweeper and a desk never wait on
 * each other in a circle; a record being acted on right now is left to the next pass. Null when
 * there is nothing (left) to do.
 */
async function claimDue<T extends keyof Alarmed>(
  deps: SweeperDeps,
  tx: Executor,
  table: T,
  id: string,
  at: string,
): Promise<{ ticket: TicketsTable; row: Alarmed[T] } | null> {
  const due = () =>
    tx
      .selectFrom(table as 'ticket_clocks')
      .where('id', '=', id)
      .where('next_alarm_at', '<=', at);
  const peek = await due().select('ticket_id').executeTakeFirst();
  if (!peek) return null;
  const ticket = await claimRecord(deps, tx, peek.ticket_id);
  if (!ticket) return null;
  const row = await claim(deps, due().selectAll()).executeTakeFirst();
  return row ? { ticket, row: row as unknown as Alarmed[T] } : null;
}

/** The record, locked for this transaction on PostgreSQL; undefined when someone else holds it. */
function claimRecord(deps: SweeperDeps, tx: Executor, ticketId: string) {
  const q = tx.selectFrom('tickets').selectAll().where('id', '=', ticketId);
  return (deps.engine === 'postgres' ? q.forNoKeyUpdate().skipLocked() : q).executeTakeFirst();
}

/** Claims a row for this transaction: locked on PostgreSQL (skipped if another sweeper holds it). */
function claim<T>(deps: SweeperDeps, query: T): T {
  const q = query as unknown as { forUpdate(): { skipLocked(): T } };
  return deps.engine === 'postgres' ? q.forUpdate().skipLocked() : query;
}

async function sweepClock(deps: SweeperDeps, id: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const sent = await deps.db.transaction().execute(async (tx) => {
    const claimed = await claimDue(deps, tx, 'ticket_clocks', id, at);
    if (!claimed) return NOTHING;
    const { ticket, row } = claimed;
    if (row.outcome !== 'running' || row.paused_at !== null) {
      await tx.updateTable('ticket_clocks').set({ next_alarm_at: NEVER }).where('id', '=', id).execute();
      return NOTHING;
    }
    const g = await governingVersion(
      tx,
      row.org_id,
      row.policy_id,
      row.policy_version,
      await zoneOf(tx, row.org_id),
    );
    const due = alarmsDue(
      g.cal,
      g.snapshot,
      {
        dueAt: new Date(row.due_at),
        warnAt: row.warn_at ? new Date(row.warn_at) : null,
        stage: row.alarm_stage,
        repeats: row.repeats,
      },
      now,
    );
    const stage = Math.max(row.alarm_stage, due.reached);
    const level = stage >= 2 ? Math.max(row.escalation_level, stage - 1) : row.escalation_level;
    const next = nextAlarm(g, { ...row, alarm_stage: stage, repeats: due.repeats });
    // Compare-and-set on what was read: of two sweepers, one moves the clock on; the other finds
    // nothing to do.
    const moved = await tx
      .updateTable('ticket_clocks')
      .set({
        alarm_stage: stage,
        repeats: due.repeats,
        escalation_level: level,
        next_alarm_at: next,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('alarm_stage', '=', row.alarm_stage)
      .where('repeats', '=', row.repeats)
      .where('due_at', '=', row.due_at)
      .where('outcome', '=', 'running')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return NOTHING;

    const alerts: AlertsTable[] = [];
    const entries: TicketEventsTable[] = [];
    // Once per clock and start: a deadline moved by a hold or a re-classification does not warn or
    // escalate again for what was already sent; a new dispatch (a new start) is a new clock.
    const key = `${row.id}|${row.started_at}`;
    for (const s of due.stages) {
      const rung = s >= 2 ? g.snapshot.ladder[s - 2] : undefined;
      const targets = s === 1 ? ['handler'] : (rung?.notify ?? ['handler']);
      const people = await recipients(tx, ticket, row.clock, targets);
      const kind: AlertKind = s === 1 ? 'warning' : s === 2 ? 'breach' : 'escalation';
      alerts.push(...people.map((p) => alertRow(ticket, row, kind, s - 1, `${key}|s${s}`, p.id, at)));
      if (s >= 2)
        entries.push(
          systemEntry(ticket, at, s === 2 ? 'breached' : 'escalated', {
            clock: row.clock,
            dueAt: row.due_at,
            level: s - 1,
            auto: true,
            notified: people.map((p) => p.name),
          }),
        );
    }
    if (due.repeats > row.repeats) {
      const last = g.snapshot.ladder[g.snapshot.ladder.length - 1];
      const people = await recipients(tx, ticket, row.clock, last?.notify ?? ['handler']);
      alerts.push(
        ...people.map((p) =>
          alertRow(
            ticket,
            row,
            'escalation',
            Math.max(1, g.snapshot.ladder.length),
            `${key}|r${due.repeats}`,
            p.id,
            at,
          ),
        ),
      );
    }
    const inserted = await insertAlerts(tx, alerts);
    if (entries.length) await tx.insertInto('ticket_events').values(entries).execute();
    if (level > ticket.escalation_level)
      await tx.updateTable('tickets').set({ escalation_level: level }).where('id', '=', ticket.id).execute();
    return { inserted, ticket };
  });
  publishAlerts(deps, sent.ticket, sent.inserted);
  return sent.inserted.length;
}

async function sweepPromise(deps: SweeperDeps, id: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const sent = await deps.db.transaction().execute(async (tx) => {
    const claimed = await claimDue(deps, tx, 'ticket_promises', id, at);
    if (!claimed) return NOTHING;
    const { ticket, row: p } = claimed;
    if (p.status !== 'open') {
      await tx.updateTable('ticket_promises').set({ next_alarm_at: NEVER }).where('id', '=', id).execute();
      return NOTHING;
    }
    const broken = p.due_at <= at;
    // Past due: broken (a reminder that would only arrive with it is not sent); else the reminder.
    const patch = broken
      ? { status: 'broken' as const, settled_at: p.due_at, alarm_stage: 2, next_alarm_at: NEVER }
      : { alarm_stage: 1, next_alarm_at: p.due_at };
    const moved = await tx
      .updateTable('ticket_promises')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('alarm_stage', '=', p.alarm_stage)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return NOTHING;
    const kind: AlertKind = broken ? 'promise_broken' : 'promise_warning';
    const people = [p.owner_id];
    if (broken)
      for (const s of await recipients(tx, ticket, 'promise', ['supervisor']))
        if (!people.includes(s.id)) people.push(s.id);
    const alerts = people.map((userId) => ({
      id: newId(),
      org_id: p.org_id,
      user_id: userId,
      kind,
      clock: 'promise',
      level: 0,
      ticket_id: p.ticket_id,
      due_at: p.due_at,
      dedupe_key: `${p.id}|${kind}`,
      created_at: at,
      read_at: null,
    }));
    const inserted = await insertAlerts(tx, alerts);
    if (broken)
      await tx
        .insertInto('ticket_events')
        .values(systemEntry(ticket, at, 'promise_broken', { promiseId: p.id, kind: p.kind, dueAt: p.due_at }))
        .execute();
    return { inserted, ticket };
  });
  publishAlerts(deps, sent.ticket, sent.inserted);
  return sent.inserted.length;
}

function alertRow(
  t: TicketsTable,
  c: TicketClocksTable,
  kind: AlertKind,
  level: number,
  key: string,
  userId: string,
  at: string,
): AlertsTable {
  return {
    id: newId(),
    org_id: t.org_id,
    user_id: userId,
    kind,
    clock: c.clock,
    level,
    ticket_id: t.id,
    due_at: c.due_at,
    dedupe_key: key,
    created_at: at,
    read_at: null,
  };
}

function systemEntry(
  t: Pick<TicketsTable, 'id' | 'org_id'>,
  at: string,
  kind: TicketEventsTable['kind'],
  data: Record<string, unknown>,
): TicketEventsTable {
  return {
    id: newId(),
    org_id: t.org_id,
    ticket_id: t.id,
    kind,
    visibility: 'internal',
    actor_kind: 'system',
    actor_id: null,
    actor_name: '系统',
    body: null,
    data: JSON.stringify(data),
    created_at: at,
  };
}

/**
 * Who a rung notifies for a record: 'handler' — the person the clock waits for (the assignee for
 * response, arrival and completion; the receiving agent for forwarding and feedback, and whenever
 * nobody is assigned), 'receiver' — the agent who registered it, or everyone active with a role of
 * that code whose data scope covers the record.
 */
export async function recipients(
  db: Executor,
  t: Pick<TicketsTable, 'org_id' | 'project_id' | 'building_id' | 'assignee_id' | 'received_by'>,
  clock: ClockKind | 'promise',
  targets: readonly string[],
): Promise<{ id: string; name: string }[]> {
  const ids = new Set<string>();
  for (const target of targets) {
    if (target === 'receiver') ids.add(t.received_by);
    else if (target === 'handler')
      ids.add(
        (clock === 'accept' || clock === 'arrive' || clock === 'complete') && t.assignee_id
          ? t.assignee_id
          : t.received_by,
      );
  }
  const roles = targets.filter((x) => x !== 'handler' && x !== 'receiver');
  if (roles.length) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select('u.id')
      .where('u.org_id', '=', t.org_id)
      .where('r.org_id', '=', t.org_id)
      .where('r.code', 'in', roles)
      .where('u.status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb('u.scope_all', '=', 1),
          eb.exists(
            eb
              .selectFrom('user_scopes as s')
              .select('s.id')
              .whereRef('s.user_id', '=', 'u.id')
              .where('s.project_id', '=', t.project_id)
              .where((w) =>
                t.building_id === null
                  ? w('s.building_id', 'is', null)
                  : w.or([w('s.building_id', 'is', null), w('s.building_id', '=', t.building_id)]),
              ),
          ),
        ]),
      )
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return users.map((u) => ({ id: u.id, name: u.display_name }));
}

/** Runs the sweeper every `everyMs` until stopped; a failed pass is logged and the next one tries again. */
export function startSweeper(
  deps: SweeperDeps,
  everyMs: number,
  log: { error: (obj: object, msg: string) => void },
): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    // One pass at a time in a process: a tick that finds the last pass still going lets it finish.
    if (stopped || running) return;
    running = (async () => {
      try {
        // Keep going while full batches come back: a long downtime is caught up in one tick.
        for (let i = 0; i < 100 && !stopped; i++) {
          const r = await sweepOnce(deps);
          if (r.examined < BATCH) break;
        }
      } catch (error) {
        log.error({ err: error }, 'time-standards sweep failed');
      } finally {
        running = null;
      }
    })();
  };
  deps = { ...deps, log };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  setImmediate(tick);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * A person escalates by hand (升级): the rung of the record's ladder for the new level is notified
 * now — once per level, however often the request is repeated.
 */
export async function manualEscalation(
  db: Executor,
  t: TicketsTable,
  level: number,
  at: string,
): Promise<AlertsTable[]> {
  const running = await db
    .selectFrom('ticket_clocks')
    .selectAll()
    .where('ticket_id', '=', t.id)
    .where('cycle', '=', t.reopen_count)
    .where('outcome', '=', 'running')
    .orderBy('due_at')
    .execute();
  const clock = running[0];
  // The running clocks carry the level too, so the record keeps it while they run.
  if (running.length)
    await db
      .updateTable('ticket_clocks')
      .set({ escalation_level: level })
      .where(
        'id',
        'in',
        running.map((r) => r.id),
      )
      .where('escalation_level', '<', level)
      .execute();
  let targets: readonly string[] = ['supervisor'];
  if (clock) {
    const g = await governingVersion(db, t.org_id, clock.policy_id, clock.policy_version);
    const ladder = g.snapshot.ladder;
    // Level 1 is the first step above the handler: the ladder's second rung, and so on up.
    if (ladder.length) targets = ladder[Math.min(level, ladder.length - 1)]!.notify;
  }
  const people = await recipients(db, t, clock?.clock ?? 'complete', targets);
  return insertAlerts(
    db,
    people.map((p) => ({
      id: newId(),
      org_id: t.org_id,
      user_id: p.id,
      kind: 'escalation' as const,
      clock: clock?.clock ?? 'complete',
      level,
      ticket_id: t.id,
      due_at: clock?.due_at ?? at,
      dedupe_key: `${t.id}|manual|${t.reopen_count}|L${level}`,
      created_at: at,
      read_at: null,
    })),
  );
}
