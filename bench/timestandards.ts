import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import {
  CompiledQuery,
  PostgresQueryCompiler,
  sql,
  SqliteQueryCompiler,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import {
  buildApp,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  systemClock,
  clockSpan,
  planClock,
  governingVersion,
  nextAlarm,
  choosePolicy,
  sweepOnce,
  type Database,
  type Governing,
  type PolicyCandidate,
  type TicketClocksTable,
  type TicketPromisesTable,
} from '@steward/server';
import { startCluster, type BenchCluster } from './pg-cluster.ts';
import {
  load,
  postgresWriter,
  random,
  readEstate,
  sqliteWriter,
  uuid7,
  type Estate,
  type Generated,
  type Row,
} from './tickets-data.ts';
import { latency, type Latency } from './stats.ts';

/**
 * Time standards at scale (issue 5), in one process, each figure against a baseline of this run:
 *  (a) the sweeper: --records records (default 1 000 000) of which about --open (default 50 000)
 *      are open, every one with the clocks of its policy and a reply promise when it has a customer,
 *      bulk-loaded into a demo organisation; then sweepOnce passes at a fixed "now" until nothing is
 *      due (the catch-up after a pause), and steady passes 15 s apart (STEWARD_SWEEP_MS). Baseline
 *      per pass: the sweeper's own two selection queries run alone, and one raw single-row UPDATE
 *      per row the pass examined, all in one transaction;
 *  (b) the on-time dashboard (GET /api/v1/dashboard/time-standards, month and today, as the
 *      organisation-wide admin and as a supervisor of one estate) against its main aggregate
 *      statement (clocks per project × department × clock) run alone; and the drill-down
 *      GET /api/v1/tickets?clock=accept&clockOutcome=breached&receivedFrom&receivedTo against its
 *      list statement run alone.
 * SQLite in a temp dir by default; --engine postgres starts a throwaway cluster with default
 * settings, STEWARD_BENCH_DATABASE_URL uses an empty database of yours. Prints the figures (and
 * query plans) and appends a section to results.md.
 */
const { values: flags } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.STEWARD_BENCH_DATABASE_URL ? 'postgres' : 'sqlite' },
    records: { type: 'string', default: process.env.BENCH_RECORDS ?? '1000000' },
    open: { type: 'string', default: process.env.BENCH_OPEN ?? '50000' },
    houses: { type: 'string', default: process.env.BENCH_HOUSES ?? '20000' },
    samples: { type: 'string', default: process.env.BENCH_SAMPLES ?? '100' },
    steady: { type: 'string', default: '20' },
    'due-share': { type: 'string', default: '0.03' },
    // Where the catch-up's time goes: every statement the sweeper runs timed by kind (adds overhead).
    trace: { type: 'boolean', default: false },
    // A CPU profile of the catch-up passes, written to the temp dir (its top functions printed).
    profile: { type: 'boolean', default: false },
    // A trial run: print the figures, leave results.md alone.
    'skip-results': { type: 'boolean', default: false },
  },
});
const ENGINE = flags.engine === 'postgres' ? 'postgres' : 'sqlite';
const RECORDS = Number(flags.records);
const OPEN_TARGET = Number(flags.open);
const HOUSES = Number(flags.houses);
const SAMPLES = Number(flags.samples);
const STEADY_PASSES = Number(flags.steady);
/** The share of running clocks and open promises whose next alarm has come at the sweep's "now". */
const DUE_SHARE = Number(flags['due-share']);
const PASSWORD = 'Bench2026x';
const RESULTS = path.join(import.meta.dirname, 'results.md');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;
const NEVER = '9999-12-31T23:59:59.999Z';
/** The sweeper's interval by default (STEWARD_SWEEP_MS) and its batch per query. */
const SWEEP_MS = 15_000;
const BATCH = 500;
/** Alarms already due lie within the last quarter hour (a paused sweeper); the others within two days. */
const MISSED_WINDOW = 15 * MINUTE;
const HORIZON = 2 * DAY;
/** Stopped clocks and settled promises: this share on time. */
const MET_SHARE = 0.9;
const CLOCKS = ['dispatch', 'accept', 'arrive', 'complete', 'feedback'] as const;
type ClockKind = (typeof CLOCKS)[number];
const OPEN_STATUSES = new Set(['received', 'dispatched', 'accepted', 'arrived', 'in_progress', 'on_hold']);
/** The stage clocks a status runs, in the server's order of preference (clocks.service.ts). */
const STAGE: Record<string, ClockKind[]> = {
  received: ['dispatch'],
  dispatched: ['accept'],
  accepted: ['arrive', 'complete'],
  arrived: ['complete'],
  in_progress: ['complete'],
};

// ---------------------------------------------------------------------------------------------
// Small tools

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const iso = (at: number) => new Date(at).toISOString();

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** The sweeper's and the app's "now": set by hand, like the tests' ManualClock. */
class BenchClock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(by: number): void {
    this.at += by;
  }
}

/** Keeps the statement trees the app runs while `on`, to compile and run them alone afterwards. */
class Capture implements KyselyPlugin {
  on = false;
  readonly nodes: PluginTransformQueryArgs[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.on) this.nodes.push(args);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Times every statement between compilation and result, summed by its shape (a trace of the sweeper). */
class Trace implements KyselyPlugin {
  readonly started = new WeakMap<object, { at: number; node: RootOperationNode }>();
  readonly totals = new Map<string, { count: number; ms: number }>();
  constructor(private readonly compiler: SqliteQueryCompiler | PostgresQueryCompiler) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { at: performance.now(), node: args.node });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const start = this.started.get(args.queryId);
    if (!start) return args.result;
    const elapsed = performance.now() - start.at;
    const text = this.compiler.compileQuery(start.node, args.queryId).sql;
    const shape = text
      .replace(/\$\d+/g, '?')
      .replace(/\(\?(, \?)*\)/g, '(…)')
      .slice(0, 110);
    const total = this.totals.get(shape) ?? { count: 0, ms: 0 };
    total.count++;
    total.ms += elapsed;
    this.totals.set(shape, total);
    return args.result;
  }
}

async function explain(database: Database, c: CompiledQuery): Promise<string> {
  if (database.engine === 'sqlite') {
    const plan = await database.db.executeQuery<{ detail: string; id: number; parent: number }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]),
    );
    const depth = new Map<number, number>([[0, 0]]);
    return plan.rows
      .map((r) => {
        depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
        return `${'  '.repeat(depth.get(r.id)! - 1)}${r.detail}`;
      })
      .join('\n');
  }
  const plan = await database.db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]),
  );
  return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
}

// ---------------------------------------------------------------------------------------------
// (1) The clocks and promises of every record, as intake and the lifecycle write them

type Traits = Parameters<typeof choosePolicy>[1];

interface Policies {
  candidates: PolicyCandidate[];
  governing: Map<string, Governing>;
  /** Each category's chain: itself, then its parents up to the top. */
  chains: Map<string, string[]>;
}

async function readPolicies(database: Database, orgId: string): Promise<Policies> {
  const rows = await database.db
    .selectFrom('time_policies')
    .select(['id', 'type', 'category_id', 'urgency', 'project_id', 'version'])
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .execute();
  const governing = new Map<string, Governing>();
  for (const r of rows) governing.set(r.id, await governingVersion(database.db, orgId, r.id, r.version));
  const categories = await database.db
    .selectFrom('ticket_categories')
    .select(['id', 'parent_id'])
    .where('org_id', '=', orgId)
    .execute();
  const parent = new Map(categories.map((c) => [c.id, c.parent_id]));
  const chains = new Map<string, string[]>();
  for (const c of categories) {
    const chain = [c.id];
    for (let p = parent.get(c.id); p; p = parent.get(p)) chain.push(p);
    chains.set(c.id, chain);
  }
  return {
    candidates: rows.map((r) => ({
      id: r.id,
      type: r.type,
      categoryId: r.category_id,
      urgency: r.urgency,
      projectId: r.project_id,
    })) as PolicyCandidate[],
    governing,
    chains,
  };
}

interface ClockFacts {
  open: number;
  clocks: number;
  running: number;
  paused: number;
  clocksDue: number;
  promises: number;
  promisesOpen: number;
  promisesDue: number;
}

/**
 * For each generated record: the clocks its policy sets (the server's own matching, spans and
 * calendars), and a reply promise when it has a customer; the record's own clock columns to match.
 *
 * Closed records: every clock stopped, MET_SHARE met (stopped by the record's own time when that
 * was in time), the rest breached after their deadline; cancelled records' unstopped clocks
 * cancelled. Open records: the clocks their status has passed stopped likewise; the running ones
 * (the stage clock, completion, arrival, today's feedback) get their next alarm — the warning or the
 * breach — spread over the next HORIZON, except a DUE_SHARE whose alarm came within the last
 * MISSED_WINDOW; on hold, they are paused. Their reply promises stay open, alarms spread alike.
 */
function clockPlanner(estate: Estate, policies: Policies, now: number) {
  const next = random(20261126);
  const facts: ClockFacts = {
    open: 0,
    clocks: 0,
    running: 0,
    paused: 0,
    clocksDue: 0,
    promises: 0,
    promisesOpen: 0,
    promisesDue: 0,
  };
  const chosen = new Map<string, Governing>();
  const governingOf = (t: Row): Governing => {
    const key = `${t.type}|${t.category_id}|${t.urgency}|${t.project_id}`;
    let g = chosen.get(key);
    if (!g) {
      const categoryId = String(t.category_id);
      const policy = choosePolicy(policies.candidates, {
        type: t.type as Traits['type'],
        categoryChain: policies.chains.get(categoryId) ?? [categoryId],
        urgency: t.urgency as Traits['urgency'],
        projectId: String(t.project_id),
      });
      if (!policy) throw new Error(`no policy for ${key} (the catch-all is missing)`);
      chosen.set(key, (g = policies.governing.get(policy.id)!));
    }
    return g;
  };
  /** Where the next alarm falls: mostly ahead, a DUE_SHARE already come. */
  const alarmAt = () =>
    next() < DUE_SHARE ? now - Math.floor(next() * MISSED_WINDOW) : now + 1 + Math.floor(next() * HORIZON);

  const more = (record: Generated): Record<string, Row[]> => {
    const t = record.ticket;
    const time = (column: string) => (t[column] ? Date.parse(String(t[column])) : null);
    const at = time('received_at')!;
    const status = String(t.status);
    const open = OPEN_STATUSES.has(status);
    const completed = time('completed_at');
    const answered = completed === at;
    const g = governingOf(t);
    const updated = iso(Math.min(now, time('updated_at') ?? at));
    const stopOf: Record<ClockKind, number | null> = {
      dispatch: time('dispatched_at'),
      accept: time('accepted_at'),
      arrive: time('arrived_at') ?? completed,
      complete: completed,
      feedback: answered ? at : null,
    };
    // Today's feedback is still owed on an open record; older ones were given (or missed).
    const today = Math.floor((now + SHANGHAI) / DAY) === Math.floor((at + SHANGHAI) / DAY);
    if (open) facts.open++;

    const clocks: TicketClocksTable[] = [];
    for (const kind of CLOCKS) {
      const start = kind === 'accept' ? time('dispatched_at') : at;
      if (start === null) continue;
      const span = clockSpan(kind, g.snapshot, g.cal, new Date(start));
      if (span === null) continue;
      const row: TicketClocksTable = {
        id: uuid7(start),
        org_id: estate.orgId,
        ticket_id: String(t.id),
        cycle: 0,
        clock: kind,
        policy_id: g.policyId,
        policy_version: g.version,
        started_at: iso(start),
        span_ms: span,
        due_at: '',
        warn_at: null,
        paused_at: null,
        stopped_at: null,
        outcome: 'running',
        escalation_level: 0,
        alarm_stage: 0,
        repeats: 0,
        next_alarm_at: NEVER,
        updated_at: updated,
      };
      const stop = stopOf[kind] ?? (open ? null : kind === 'feedback' ? null : (completed ?? null));
      const running = open && stop === null && (kind !== 'feedback' || today);
      if (running) {
        // The warning (stage 0) or the breach (stage 1, warned already) at the alarm instant; the
        // deadline a fifth of the span after the warning (warnPercent 80).
        const alarm = alarmAt();
        const stage = next() < 0.5 ? 0 : 1;
        const tail = Math.floor(span * 0.2);
        const due = stage === 0 ? alarm + tail : alarm;
        Object.assign(row, {
          due_at: iso(due),
          warn_at: iso(due - tail),
          alarm_stage: stage,
        });
        if (status === 'on_hold') {
          row.paused_at = iso(Math.min(now, time('held_at') ?? at));
          facts.paused++;
        } else {
          row.next_alarm_at = nextAlarm(g, row);
          facts.running++;
          if (row.next_alarm_at <= iso(now)) facts.clocksDue++;
        }
      } else {
        const plan = planClock(g.cal, new Date(start), span, g.snapshot.warnPercent, []);
        const due = plan.dueAt.getTime();
        row.due_at = iso(due);
        row.warn_at = plan.warnAt ? plan.warnAt.toISOString() : null;
        if (status === 'cancelled' && stop === null) {
          row.stopped_at = iso(Math.min(now, time('closed_at') ?? at));
          row.outcome = 'cancelled';
        } else {
          const onTime = next() < MET_SHARE;
          let stopped = onTime
            ? stop !== null && stop <= due
              ? stop
              : start + Math.floor(next() * (due - start))
            : due + MINUTE + Math.floor(next() * Math.max(30 * MINUTE, due - start));
          stopped = Math.max(start, Math.min(stopped, now - MINUTE));
          row.stopped_at = iso(stopped);
          row.outcome = stopped <= due ? 'met' : 'breached';
          const warned = plan.warnAt !== null && stopped >= plan.warnAt.getTime();
          row.alarm_stage = row.outcome === 'breached' ? 2 : warned ? 1 : 0;
          row.escalation_level = row.outcome === 'breached' ? 1 : 0;
        }
      }
      clocks.push(row);
    }
    facts.clocks += clocks.length;

    // The record's clock columns, as ticketClockColumns derives them.
    const by = new Map(clocks.map((c) => [c.clock, c]));
    const stage = (STAGE[status] ?? [])
      .map((k) => by.get(k))
      .find((c) => c !== undefined && c.outcome === 'running' && c.paused_at === null);
    const feedback = by.get('feedback');
    Object.assign(t, {
      dispatch_by: by.get('dispatch')?.due_at ?? null,
      accept_by: by.get('accept')?.due_at ?? null,
      arrive_by: by.get('arrive')?.due_at ?? null,
      complete_by: by.get('complete')?.due_at ?? null,
      feedback_by: feedback?.due_at ?? null,
      next_due_at: stage?.due_at ?? NEVER,
      next_warn_at: stage?.warn_at ?? NEVER,
      clock_started_at: stage?.started_at ?? null,
      policy_id: g.policyId,
      policy_version: g.version,
      clock_origin_at: t.received_at,
      feedback_at: feedback && feedback.outcome !== 'running' ? feedback.stopped_at : null,
    });

    // The reply promised to a customer at intake (none when answered on the spot).
    const promises: TicketPromisesTable[] = [];
    if (t.customer_id !== null && !answered) {
      const promised = time('promised_reply_at') ?? at + HOUR;
      const length = Math.max(MINUTE, promised - at);
      const p: TicketPromisesTable = {
        id: uuid7(at),
        org_id: estate.orgId,
        ticket_id: String(t.id),
        kind: 'reply',
        due_at: '',
        warn_at: null,
        owner_id: String(t.received_by),
        made_by: String(t.received_by),
        made_at: '',
        note: null,
        status: 'open',
        settled_at: null,
        settled_by: null,
        settle_note: null,
        alarm_stage: 0,
        next_alarm_at: NEVER,
      };
      if (open) {
        // Made recently (a call-back promised on the record): its reminder or its due time ahead.
        const alarm = alarmAt();
        const stage = next() < 0.5 ? 0 : 1;
        const made = stage === 0 ? alarm - Math.floor(length * 0.8) : alarm - length;
        Object.assign(p, {
          made_at: iso(made),
          warn_at: iso(made + Math.floor(length * 0.8)),
          due_at: iso(made + length),
          alarm_stage: stage,
          next_alarm_at: iso(alarm),
        });
        facts.promisesOpen++;
        if (alarm <= now) facts.promisesDue++;
      } else {
        const kept = next() < MET_SHARE;
        const settled = kept ? at + Math.floor(next() * length) : promised;
        Object.assign(p, {
          made_at: iso(at),
          warn_at: iso(at + Math.floor(length * 0.8)),
          due_at: iso(promised),
          status: kept ? 'kept' : 'broken',
          settled_at: iso(Math.min(settled, now)),
          settled_by: kept ? t.received_by : null,
          alarm_stage: kept ? (settled >= at + length * 0.8 ? 1 : 0) : 2,
        });
      }
      t.promised_reply_at = p.due_at;
      promises.push(p);
    }
    facts.promises += promises.length;
    return {
      ticket_clocks: clocks as unknown as Row[],
      ticket_promises: promises as unknown as Row[],
    };
  };
  return { more, facts };
}

// ---------------------------------------------------------------------------------------------
// (2) The sweeper

interface Pass {
  ms: number;
  examined: number;
  alerts: number;
  /** Baseline: the two selection queries alone, and one raw UPDATE per examined row in one transaction. */
  selectMs: number;
  updateMs: number;
  /** The same UPDATEs, each in a transaction of its own (as the sweeper commits each row): what commits cost. */
  commitsMs: number;
  selected: number;
}

/** Stops the profiler; writes the profile to the temp dir and sums self time by function. */
async function profileSummary(session: Session): Promise<string> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const file = path.join(os.tmpdir(), `steward-sweep-${Date.now()}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  const self = new Map<number, number>();
  profile.samples!.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas![i]!));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = sum([...byName.values()]);
  return [
    `CPU profile of the catch-up: ${file} (${ms(total / 1000)} ms sampled); top self time:`,
    ...[...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(
        ([name, us]) =>
          `${ms(us / 1000).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} % ${name}`,
      ),
  ].join('\n');
}

/** Live events go nowhere, but the sweeper still reads back what it would publish. */
const events = { publish: () => undefined };

async function measuredPass(database: Database, clock: BenchClock, trace?: Trace): Promise<Pass> {
  const { db } = database;
  const at = clock.now().toISOString();
  const started = performance.now();
  const clocks = await db
    .selectFrom('ticket_clocks')
    .select('id')
    .where('next_alarm_at', '<=', at)
    .orderBy('next_alarm_at')
    .limit(BATCH)
    .execute();
  const promises = await db
    .selectFrom('ticket_promises')
    .select('id')
    .where('next_alarm_at', '<=', at)
    .orderBy('next_alarm_at')
    .limit(BATCH)
    .execute();
  const selectMs = performance.now() - started;

  const swept = performance.now();
  const result = await sweepOnce({
    db: trace ? db.withPlugin(trace) : db,
    engine: database.engine,
    clock,
    events,
  });
  const sweepMs = performance.now() - swept;

  const raw = [
    ...clocks.map(({ id }) => sql`UPDATE ticket_clocks SET next_alarm_at = next_alarm_at WHERE id = ${id}`),
    ...promises.map(
      ({ id }) => sql`UPDATE ticket_promises SET next_alarm_at = next_alarm_at WHERE id = ${id}`,
    ),
  ];
  const updated = performance.now();
  await db.transaction().execute(async (tx) => {
    for (const statement of raw) await statement.execute(tx);
  });
  const updateMs = performance.now() - updated;
  const committed = performance.now();
  for (const statement of raw) await db.transaction().execute((tx) => statement.execute(tx));
  const commitsMs = performance.now() - committed;
  return {
    ms: sweepMs,
    examined: result.examined,
    alerts: result.alerts,
    selectMs,
    updateMs,
    commitsMs,
    selected: clocks.length + promises.length,
  };
}

interface SweepFacts {
  catchUp: Pass[];
  steady: Pass[];
  plan: string;
  alerts: number;
  alertsByKind: Record<string, number>;
  trace: string | null;
}

async function measureSweeper(database: Database, clock: BenchClock): Promise<SweepFacts> {
  const trace = flags.trace
    ? new Trace(database.engine === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler())
    : undefined;
  const session = flags.profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const catchUp: Pass[] = [];
  for (;;) {
    const pass = await measuredPass(database, clock, trace);
    catchUp.push(pass);
    log(
      `catch-up pass ${catchUp.length}: ${ms(pass.ms)} ms, ${pass.examined} examined, ${pass.alerts} alerts | ` +
        `select ${ms(pass.selectMs)} ms + ${pass.selected} raw updates ${ms(pass.updateMs)} ms ` +
        `(one transaction each: ${ms(pass.commitsMs)} ms)`,
    );
    if (pass.examined === 0) break;
    if (catchUp.length > 1000) throw new Error('the sweeper does not catch up');
  }
  if (session) log(await profileSummary(session));
  const steady: Pass[] = [];
  for (let i = 0; i < STEADY_PASSES; i++) {
    clock.advance(SWEEP_MS);
    steady.push(await measuredPass(database, clock));
  }
  log(
    `steady passes (${STEADY_PASSES} × ${SWEEP_MS / 1000} s): p50 ${ms(latency(steady.map((p) => p.ms)).p50)} ms, ` +
      `${sum(steady.map((p) => p.examined))} examined, ${sum(steady.map((p) => p.alerts))} alerts`,
  );
  const selection = database.db
    .selectFrom('ticket_clocks')
    .select('id')
    .where('next_alarm_at', '<=', clock.now().toISOString())
    .orderBy('next_alarm_at')
    .limit(BATCH)
    .compile();
  const kinds = await database.db
    .selectFrom('alerts')
    .select(['kind', sql<number>`count(*)`.as('n')])
    .groupBy('kind')
    .execute();
  return {
    catchUp,
    steady,
    plan: await explain(database, selection),
    alerts: sum(kinds.map((k) => Number(k.n))),
    alertsByKind: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])),
    trace: trace
      ? [...trace.totals]
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([shape, t]) => `${ms(t.ms).padStart(9)} ms ${String(t.count).padStart(6)}× ${shape}`)
          .join('\n')
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// (3) The dashboard and its drill-down

interface Page {
  label: string;
  url: string;
  as: 'admin' | 'supervisor';
  /** Which captured statement is the page's main one. */
  main: (sql: string) => boolean;
}

interface PageRow extends Page {
  samples: number;
  http: Latency;
  raw: Latency;
  rawAll: Latency;
  statements: number;
  found: string;
  plan: string;
}

const isClockAggregate = (s: string) => /join "ticket_clocks"/.test(s) && /group by/.test(s);
const isList = (s: string) => /from "tickets" as "t"/.test(s) && /limit/.test(s);

async function measureDashboard(
  config: ReturnType<typeof loadConfig>,
  cipher: Awaited<ReturnType<typeof openKeyring>>,
  database: Database,
  clock: BenchClock,
): Promise<{ rows: PageRow[]; floor: Latency; period: Record<string, { from: string; to: string }> }> {
  const capture = new Capture();
  const app = await buildApp({
    config,
    database: { ...database, db: database.db.withPlugin(capture) },
    cipher,
    clock,
    logger: false,
  });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const sessions = {
      admin: await signIn(url, 'admin'),
      supervisor: await signIn(url, 'supervisor'),
    };
    const get = async (page: Pick<Page, 'url' | 'as'>) => {
      const started = performance.now();
      const response = await fetch(`${url}${page.url}`, { headers: { cookie: sessions[page.as] } });
      const body = (await response.json()) as Record<string, unknown>;
      const elapsed = performance.now() - started;
      if (!response.ok) throw new Error(`GET ${page.url}: ${response.status} ${JSON.stringify(body)}`);
      return { elapsed, body };
    };
    const dashboard = '/api/v1/dashboard/time-standards';
    const period: Record<string, { from: string; to: string }> = {};
    for (const p of ['month', 'today']) {
      const { body } = await get({ url: `${dashboard}?period=${p}`, as: 'admin' });
      period[p] = { from: String(body.from), to: String(body.to) };
    }
    const enc = encodeURIComponent;
    const drill = (p: string) =>
      `/api/v1/tickets?clock=accept&clockOutcome=breached&receivedFrom=${enc(period[p]!.from)}&receivedTo=${enc(period[p]!.to)}&limit=20`;
    const pages: Page[] = [
      {
        label: 'dashboard, month, admin (organisation)',
        url: `${dashboard}?period=month`,
        as: 'admin',
        main: isClockAggregate,
      },
      {
        label: 'dashboard, month, supervisor (one estate)',
        url: `${dashboard}?period=month`,
        as: 'supervisor',
        main: isClockAggregate,
      },
      {
        label: 'dashboard, today, admin (organisation)',
        url: `${dashboard}?period=today`,
        as: 'admin',
        main: isClockAggregate,
      },
      {
        label: 'dashboard, today, supervisor (one estate)',
        url: `${dashboard}?period=today`,
        as: 'supervisor',
        main: isClockAggregate,
      },
      { label: 'drill-down accept breached, month, admin', url: drill('month'), as: 'admin', main: isList },
      {
        label: 'drill-down accept breached, month, supervisor',
        url: drill('month'),
        as: 'supervisor',
        main: isList,
      },
      { label: 'drill-down accept breached, today, admin', url: drill('today'), as: 'admin', main: isList },
    ];

    // Each page's statements, compiled as the app ran them.
    const compiler = database.engine === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler();
    const statements = new Map<Page, { main: CompiledQuery; all: CompiledQuery[] }>();
    const found = new Map<Page, string>();
    for (const page of pages) {
      capture.nodes.length = 0;
      capture.on = true;
      const { body } = await get(page);
      capture.on = false;
      const compiled = capture.nodes.map(({ node, queryId }) => compiler.compileQuery(node, queryId));
      const main = compiled.find((c) => page.main(c.sql));
      if (!main) throw new Error(`no main statement captured for ${page.url}`);
      // The dashboard's three aggregates (volumes, clocks, promises) or the list alone.
      const all = compiled.filter((c) => /group by/.test(c.sql) || c === main);
      statements.set(page, { main, all });
      const total = body.total as
        { received: number; clocks: Record<string, Record<string, number>> } | undefined;
      found.set(
        page,
        total
          ? `${n(total.received)} records; accept met ${n(total.clocks.accept!.met!)} / breached ${n(total.clocks.accept!.breached!)} / running ${n(total.clocks.accept!.running!)}`
          : `${(body.items as unknown[]).length} records`,
      );
    }

    // Warm-up, then all pages shuffled together; a page slower than half a second gets 10 samples.
    const samples = new Map<Page, number>();
    for (const page of pages) {
      let slowest = 0;
      for (let i = 0; i < 3; i++) slowest = Math.max(slowest, (await get(page)).elapsed);
      samples.set(page, slowest > 500 ? Math.min(10, SAMPLES) : SAMPLES);
    }
    const order = pages.flatMap((p) => Array.from({ length: samples.get(p)! }, () => p));
    let seed = 7;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const times = new Map<Page, number[]>(pages.map((p) => [p, []]));
    for (const page of order) times.get(page)!.push((await get(page)).elapsed);

    const rows: PageRow[] = [];
    for (const page of pages) {
      const { main, all } = statements.get(page)!;
      const raw: number[] = [];
      const rawAll: number[] = [];
      for (let i = 0; i < samples.get(page)! + 3; i++) {
        let started = performance.now();
        await database.db.executeQuery(main);
        if (i >= 3) raw.push(performance.now() - started);
        started = performance.now();
        for (const c of all) await database.db.executeQuery(c);
        if (i >= 3) rawAll.push(performance.now() - started);
      }
      const row: PageRow = {
        ...page,
        samples: samples.get(page)!,
        http: latency(times.get(page)!),
        raw: latency(raw),
        rawAll: latency(rawAll),
        statements: all.length,
        found: found.get(page)!,
        plan: await explain(database, main),
      };
      log(
        `${page.label}: p50 ${ms(row.http.p50)} p99 ${ms(row.http.p99)} ms | main SQL p50 ${ms(row.raw.p50)} ms, ` +
          `its ${row.statements} statements ${ms(row.rawAll.p50)} ms | ${row.found}`,
      );
      rows.push(row);
    }

    const bare = Fastify();
    bare.get('/', async () => ({ ok: true }));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareTimes: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const started = performance.now();
      await (await fetch(`${bareUrl}/`)).json();
      if (i >= 20) bareTimes.push(performance.now() - started);
    }
    await bare.close();
    return { rows, floor: latency(bareTimes), period };
  } finally {
    await app.close();
  }
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  // The code measured: the commit, and whether the server had uncommitted changes (read-only git), as loaded.
  let commit = '?';
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: import.meta.dirname, encoding: 'utf8', stdio: 'pipe' }).trim();
    commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../apps/server', '../packages') ? ' + uncommitted changes' : ''}`;
  } catch {
    // not a git checkout
  }
  const external = process.env.STEWARD_BENCH_DATABASE_URL;
  const cluster: (BenchCluster & { version: string }) | null =
    ENGINE === 'postgres' && !external ? await startCluster() : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-timestandards-'));
  const databaseUrl =
    ENGINE === 'postgres' ? (external ?? (await cluster!.createDatabase('steward_ts'))) : '';
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DATABASE_URL: databaseUrl,
    STEWARD_WEB_DIR: '',
    STEWARD_LOG_LEVEL: 'silent',
    // The bench runs the passes itself.
    STEWARD_SWEEP_MS: '0',
  });
  let database = openDatabase(config);
  try {
    await migrateToLatest(database.db, database.engine);
    const cipher = await openKeyring({ db: database.db, clock: systemClock, config });
    const demo = await timed(() =>
      loadDemo({ db: database.db, clock: systemClock, config, cipher }, PASSWORD, { houses: HOUSES }),
    );
    log(`demo organisation with ${n(HOUSES)} houses: ${demo.seconds.toFixed(1)} s`);
    const estate = await readEstate(database);
    const policies = await readPolicies(database, estate.orgId);
    await database.close();

    // Bulk load through a connection of its own (no search words: nothing here searches), then
    // fresh planner statistics.
    const now = Date.now();
    const planner = clockPlanner(estate, policies, now);
    const writer =
      ENGINE === 'sqlite'
        ? sqliteWriter(path.join(dataDir, 'steward.db'))
        : await postgresWriter(databaseUrl);
    let lastLog = 0;
    const loaded = await timed(() =>
      load(
        writer,
        estate,
        RECORDS,
        now,
        ENGINE,
        (done) => {
          if (performance.now() - lastLog > 15_000 || done === RECORDS) {
            lastLog = performance.now();
            log(`loaded ${n(done)} / ${n(RECORDS)} records`);
          }
        },
        { terms: false, open: OPEN_TARGET, more: planner.more },
      ),
    );
    const analyzed = await timed(() => writer.exec(ENGINE === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE'));
    await writer.close();
    const f = planner.facts;
    log(
      `bulk load: ${loaded.seconds.toFixed(1)} s (${n(RECORDS / loaded.seconds)} records/s), ${n(f.open)} open, ` +
        `${n(f.clocks)} clocks (${n(f.running)} running, ${n(f.paused)} paused, ${n(f.clocksDue)} due), ` +
        `${n(f.promises)} promises (${n(f.promisesOpen)} open, ${n(f.promisesDue)} due); statistics ${analyzed.seconds.toFixed(1)} s`,
    );

    database = openDatabase(config);
    const size =
      ENGINE === 'sqlite'
        ? `${(fs.statSync(path.join(dataDir, 'steward.db')).size / 2 ** 30).toFixed(2)} GB`
        : String(
            (
              await sql<{
                s: string;
              }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(database.db)
            ).rows[0]!.s,
          );
    const version =
      ENGINE === 'sqlite'
        ? 'sqlite'
        : `postgres (${
            cluster?.version ??
            `PostgreSQL ${(await sql<{ v: string }>`SHOW server_version`.execute(database.db)).rows[0]!.v}`
          }, default settings)`;

    const clock = new BenchClock(now);
    const sweep = await measureSweeper(database, clock);
    const dashboard = await measureDashboard(config, cipher, database, clock);
    const minutes = (performance.now() - started) / 60_000;

    // ----------------------------------------------------------------------------- report
    const when = new Date().toISOString().slice(0, 16);
    const machine = `${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
    const ratio = (p: Pass) => p.ms / (p.selectMs + p.updateMs);
    const catchUp = sweep.catchUp;
    const steady = sweep.steady;
    const steadyMs = latency(steady.map((p) => p.ms));
    const steadyFloor = latency(steady.map((p) => p.selectMs + p.updateMs));
    const catchUpMs = sum(catchUp.map((p) => p.ms));
    const catchUpExamined = sum(catchUp.map((p) => p.examined));
    const out: string[] = [
      `## Time standards — ${when} UTC, ${ENGINE}, ${n(RECORDS)} records (${n(f.open)} open)`,
      '',
      `${machine}, Node ${process.version}, ${version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end; the run took ${minutes.toFixed(1)} min; code at ${commit}.`,
      '',
      `Data: demo organisation of ${n(HOUSES)} houses (${demo.seconds.toFixed(0)} s), then ${n(loaded.value.tickets)} records over 3 years (no search words) with ${n(f.clocks)} clocks of the seeded policies and ${n(f.promises)} reply promises, bulk-loaded in ${loaded.seconds.toFixed(0)} s (${n(RECORDS / loaded.seconds)} records/s), statistics ${analyzed.seconds.toFixed(0)} s; database ${size}. Open: ${n(f.open)} records, ${n(f.running)} running clocks (${n(f.clocksDue)} with an alarm due at the sweep's "now", the rest within ${HORIZON / DAY} days), ${n(f.paused)} paused (on hold), ${n(f.promisesOpen)} open promises (${n(f.promisesDue)} due). Closed: ${Math.round(MET_SHARE * 100)} % of stopped clocks met.`,
      '',
      `Sweeper: sweepOnce (batch ${BATCH} clocks + ${BATCH} promises) at a fixed "now", passes until nothing is due, then ${STEADY_PASSES} steady passes ${SWEEP_MS / 1000} s apart. Baseline of each pass (same run): its two selection queries run alone, and one raw single-row UPDATE per row it examined, in one transaction; for comparison the same UPDATEs with a transaction each (the sweeper commits every row on its own). ${n(sweep.alerts)} alerts in all (${Object.entries(
        sweep.alertsByKind,
      )
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', ')}).`,
      '',
      '| pass | ms | examined | alerts | ms per row | baseline: selection alone + raw UPDATEs in one transaction | ratio to baseline | the raw UPDATEs one transaction each |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...catchUp.map(
        (p, i) =>
          `| catch-up ${i + 1} | ${ms(p.ms)} | ${p.examined} | ${p.alerts} | ${p.examined ? ms(p.ms / p.examined) : '—'} | ${ms(p.selectMs)} + ${ms(p.updateMs)} ms (${p.selected} rows) | ${ratio(p).toFixed(1)}× | ${ms(p.commitsMs)} ms |`,
      ),
      `| catch-up total | ${ms(catchUpMs)} | ${catchUpExamined} | ${sum(catchUp.map((p) => p.alerts))} | ${catchUpExamined ? ms(catchUpMs / catchUpExamined) : '—'} | ${ms(sum(catchUp.map((p) => p.selectMs)))} + ${ms(sum(catchUp.map((p) => p.updateMs)))} ms | ${(catchUpMs / sum(catchUp.map((p) => p.selectMs + p.updateMs))).toFixed(1)}× | ${ms(sum(catchUp.map((p) => p.commitsMs)))} ms |`,
      `| steady, ${STEADY_PASSES} passes 15 s apart: p50 / max | ${ms(steadyMs.p50)} / ${ms(Math.max(...steady.map((p) => p.ms)))} | ${sum(steady.map((p) => p.examined))} in all (max ${Math.max(...steady.map((p) => p.examined))} per pass) | ${sum(steady.map((p) => p.alerts))} | — | ${ms(latency(steady.map((p) => p.selectMs)).p50)} + ${ms(latency(steady.map((p) => p.updateMs)).p50)} ms (p50) | ${(steadyMs.p50 / steadyFloor.p50).toFixed(1)}× (p50) | ${ms(latency(steady.map((p) => p.commitsMs)).p50)} ms (p50) |`,
      '',
      `Dashboard: GET ${'/api/v1/dashboard/time-standards'} and the drill-down, one request at a time, ${SAMPLES} each (fewer where marked), shuffled together; month = ${dashboard.period.month!.from} – ${dashboard.period.month!.to}, today = ${dashboard.period.today!.from} – ${dashboard.period.today!.to}. Main SQL: the page's clock aggregate (dashboard) or list statement (drill-down) as the server compiled it, run alone through the same Kysely and driver; "all" adds the dashboard's other aggregates.`,
      '',
      '| page | what it found | HTTP p50 / p99 | main SQL p50 / p99 | all its aggregates p50 | ratio p50 (HTTP / main SQL) |',
      '| --- | --- | --- | --- | --- | --- |',
      ...dashboard.rows.map(
        (r) =>
          `| ${r.label}${r.samples === SAMPLES ? '' : ` (${r.samples} samples)`} | ${r.found} | ${ms(r.http.p50)} / ${ms(r.http.p99)} ms | ${ms(r.raw.p50)} / ${ms(r.raw.p99)} ms | ${r.main === isList ? '—' : `${ms(r.rawAll.p50)} ms (${r.statements})`} | ${(r.http.p50 / r.raw.p50).toFixed(1)}× |`,
      ),
      `| bare Fastify GET (floor) | — | ${ms(dashboard.floor.p50)} / ${ms(dashboard.floor.p99)} ms | — | — | — |`,
    ];
    if (sweep.trace) console.log(`\nThe catch-up's statements (traced):\n${sweep.trace}\n`);
    console.log(`\nQuery plans:\n\n--- sweeper selection\n${sweep.plan}\n`);
    for (const r of dashboard.rows) console.log(`--- ${r.label}\n${r.plan}\n`);
    const section = out.join('\n');
    console.log(`\n${section}\n`);
    if (!flags['skip-results']) {
      if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, '# Benchmark results\n');
      fs.appendFileSync(RESULTS, `\n${section}\n`);
    }
  } finally {
    await database.close().catch(() => undefined);
    // BENCH_KEEP=1 leaves the data (and a throwaway cluster) for a closer look afterwards.
    if (process.env.BENCH_KEEP)
      log(`kept: ${ENGINE === 'sqlite' ? path.join(dataDir, 'steward.db') : databaseUrl}`);
    else {
      fs.rmSync(dataDir, { recursive: true, force: true });
      cluster?.stop();
    }
  }
}

await main();
