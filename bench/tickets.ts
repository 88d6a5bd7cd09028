import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
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
  type Database,
} from '@steward/server';
import { startCluster, type BenchCluster } from './pg-cluster.ts';
import { load, postgresWriter, random, readEstate, sqliteWriter, SPAN_MS } from './tickets-data.ts';
import { latency, type Latency } from './stats.ts';

/**
 * The service desk at scale, in one process, each figure against a baseline measured in this run:
 *  (a) intake: authenticated POST /api/v1/tickets over real HTTP at 1, 16 and 64 connections,
 *      against bare Fastify answering a constant and bare Fastify doing one raw INSERT of the body
 *      into the same database (the floor of any durable write);
 *  (b) queues and search at scale: --records tickets (default 1 000 000, with their search words
 *      and one timeline entry each) bulk-loaded into a demo organisation of --houses houses
 *      (default 85 000: about 100 000 customers), then GET /api/v1/tickets pages (queues, due sort,
 *      filters, word/number/phone search) one at a time, against the same SQL statement the server
 *      ran, executed alone through the same Kysely instance and driver; and the intake look-up
 *      (GET /api/v1/intake/lookup by full mobile, phone tail, room label) and the customer 360
 *      (GET /api/v1/customers/:id/overview), against every statement they ran, alone and summed.
 *      (The month on-time dashboard, also part of this, is in timestandards.ts.)
 * SQLite in a temp dir by default; --engine postgres starts a throwaway PostgreSQL cluster with
 * default settings. Prints the figures (and the query plans) and appends a section to results.md.
 */
const { values: flags } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    records: { type: 'string', default: '1000000' },
    // About 102 000 customers (the demo archive has ≈1.2 per house): the issue's 100k customers.
    houses: { type: 'string', default: '85000' },
    part: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '5' },
    samples: { type: 'string', default: '100' },
    connections: { type: 'string', default: '1,16,64' },
    // A trial run: print the figures without appending them to results.md.
    'skip-results': { type: 'boolean', default: false },
  },
});
const ENGINE = flags.engine === 'postgres' ? 'postgres' : 'sqlite';
const RECORDS = Number(flags.records);
const HOUSES = Number(flags.houses);
const SECONDS = Number(flags.seconds);
const SAMPLES = Number(flags.samples);
const CONNECTIONS = flags.connections.split(',').map(Number);
const PASSWORD = 'Bench2026x';
const RESULTS = path.join(import.meta.dirname, 'results.md');
const MOBILE = /^1[3-9]\d{9}$/;

// ---------------------------------------------------------------------------------------------
// Small tools

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const n = (value: number) => Math.round(value).toLocaleString('en-US');

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** A fresh data dir and an empty database (a new database on the cluster for PostgreSQL). */
async function openFresh(cluster: BenchCluster | null, name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `steward-bench-${name}-`));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DATABASE_URL: cluster ? await cluster.createDatabase(`steward_${name}`) : '',
    STEWARD_WEB_DIR: '',
    STEWARD_LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.engine);
  const cipher = await openKeyring({ db: database.db, clock: systemClock, config });
  return { dataDir, config, database, cipher };
}

async function signIn(url: string, username: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
}

// ---------------------------------------------------------------------------------------------
// (a) Intake

interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
}

async function hammer(
  url: string,
  connections: number,
  bodies: readonly string[],
  headers: Record<string, string>,
) {
  let k = 0;
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: bodies[k++ % bodies.length] }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url} c=${connections}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const ok = result['2xx'];
  return { rps: ok / (result.duration || SECONDS), p50: result.latency.p50, p99: result.latency.p99, ok };
}

interface IntakeRow {
  connections: number;
  steward: Throughput;
  constant: Throughput;
  insert: Throughput;
}

async function measureIntake(cluster: BenchCluster | null): Promise<{ rows: IntakeRow[]; stored: number }> {
  const { dataDir, config, database, cipher } = await openFresh(cluster, 'intake');
  try {
    await loadDemo({ db: database.db, clock: systemClock, config, cipher }, PASSWORD);
    const app = await buildApp({ config, database, cipher, logger: false });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const agent = await signIn(appUrl, 'agent');
    const get = async <T>(url: string) =>
      (await (await fetch(`${appUrl}${url}`, { headers: { cookie: agent.cookie } })).json()) as T;

    // 200 different calls: homes of the agent's estate with their first occupant, four trades.
    const houses = (
      await get<{ items: { id: string; occupants: { customerId: string }[] }[] }>('/api/v1/houses?limit=200')
    ).items.filter((h) => h.occupants.length);
    const categories = (await get<{ items: { id: string; code: string }[] }>('/api/v1/categories')).items;
    const trades = [
      ['WATER-LEAK', '卫生间漏水，楼下天花板在滴水'],
      ['WATER-DRAIN', '厨房下水道堵塞，水排不下去'],
      ['POWER-SOCKET', '厨房插座没电，电饭煲插上没反应'],
      ['LIGHT', '楼道灯不亮，晚上看不见'],
    ] as const;
    const bodies = houses.map((h, i) => {
      const [code, description] = trades[i % trades.length]!;
      return JSON.stringify({
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        categoryId: categories.find((c) => c.code === code)!.id,
        description,
        houseId: h.id,
        customerId: h.occupants[0]!.customerId,
        dispatch: 'auto',
      });
    });

    const constant = Fastify();
    constant.post('/', async (_request, reply) => reply.status(201).send({ ok: true }));
    const constantUrl = await constant.listen({ host: '127.0.0.1', port: 0 });
    await sql`CREATE TABLE bench_intake (id text PRIMARY KEY, body text NOT NULL, created_at text NOT NULL)`.execute(
      database.db,
    );
    const insert = Fastify();
    insert.post('/', async (request, reply) => {
      const id = randomUUID();
      await sql`INSERT INTO bench_intake (id, body, created_at)
        VALUES (${id}, ${JSON.stringify(request.body)}, ${new Date().toISOString()})`.execute(database.db);
      return reply.status(201).send({ id });
    });
    const insertUrl = await insert.listen({ host: '127.0.0.1', port: 0 });

    const rows: IntakeRow[] = [];
    const auth = { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken };
    for (const connections of CONNECTIONS) {
      const row = {
        connections,
        constant: await hammer(`${constantUrl}/`, connections, bodies, {}),
        insert: await hammer(`${insertUrl}/`, connections, bodies, {}),
        steward: await hammer(`${appUrl}/api/v1/tickets`, connections, bodies, auth),
      };
      log(
        `intake c=${connections}: ${n(row.steward.rps)} records/s p50 ${row.steward.p50} p99 ${row.steward.p99} ms | ` +
          `raw insert ${n(row.insert.rps)}/s | constant ${n(row.constant.rps)}/s`,
      );
      rows.push(row);
    }
    const stored = Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM tickets`.execute(database.db)).rows[0]!.n,
    );
    const created = rows.reduce((sum, r) => sum + r.steward.ok, 0);
    // Every answered POST is a stored record (the demo's own records come on top).
    if (stored < created) throw new Error(`${created} records answered 201 but only ${stored} stored`);
    await app.close();
    await constant.close();
    await insert.close();
    return { rows, stored: created };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// (b) Queues at scale

/** Keeps the statement trees the app runs while `on`, to compile and run them alone afterwards. */
class Capture implements KyselyPlugin {
  on = false;
  readonly nodes: PluginTransformQueryArgs[] = [];
  /** From compiling each captured statement to its result (waiting for the connection included). */
  readonly spans: { queryId: unknown; from: number; to: number }[] = [];
  private readonly started = new Map<unknown, number>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.on) {
      this.nodes.push(args);
      this.started.set(args.queryId, performance.now());
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.started.get(args.queryId);
    if (started !== undefined) {
      this.started.delete(args.queryId);
      this.spans.push({ queryId: args.queryId, from: started, to: performance.now() });
    }
    return args.result;
  }
  reset(on: boolean): void {
    this.nodes.length = 0;
    this.spans.length = 0;
    this.started.clear();
    this.on = on;
  }
  /** How long at least one of these statements was under way (statements side by side count once). */
  busy(queryIds: ReadonlySet<unknown>): number {
    let total = 0;
    let end = -Infinity;
    const spans = this.spans.filter((s) => queryIds.has(s.queryId)).sort((a, b) => a.from - b.from);
    for (const { from, to } of spans) {
      if (to <= end) continue;
      total += to - Math.max(from, end);
      end = to;
    }
    return total;
  }
}

interface QueueQuery {
  label: string;
  /** One URL (a queue page), or one per sample (look-ups and 360 views of different customers). */
  urls: readonly string[];
  as: 'agent' | 'admin';
  /**
   * The baseline: `main` — the page's list statement (the one reading "tickets as t"); `all` —
   * every statement the request ran apart from authentication, each run alone, summed.
   */
  baseline: 'main' | 'all';
  /** What the answer found, for the table (a queue page: its rows). */
  found?: (body: Record<string, unknown>) => number;
}

interface QueueRow extends QueueQuery {
  samples: number;
  /** Rows of the page; for `found`, its mean over the samples. */
  items: number;
  /** Statements the baseline ran per request (mean). */
  statements: number;
  http: Latency;
  raw: Latency;
  /** For `all`: how long the same statements were under way while the server answered. */
  serving: Latency | null;
  plan: string;
}

interface LoadFacts {
  demoSeconds: number;
  customers: number;
  phones: number;
  loadSeconds: number;
  analyzeSeconds: number;
  tickets: number;
  terms: number;
  events: number;
  size: string;
}

async function measureQueues(
  cluster: BenchCluster | null,
): Promise<{ rows: QueueRow[]; load: LoadFacts; floor: Latency }> {
  const fresh = await openFresh(cluster, 'queue');
  const { dataDir, config, cipher } = fresh;
  let database: Database = fresh.database;
  try {
    const demo = await timed(() =>
      loadDemo({ db: database.db, clock: systemClock, config, cipher }, PASSWORD, { houses: HOUSES }),
    );
    const estate = await readEstate(database);
    const count = async (table: 'customers' | 'customer_phones') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('org_id', '=', estate.orgId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const archive = { customers: await count('customers'), phones: await count('customer_phones') };
    log(
      `demo organisation with ${n(HOUSES)} houses, ${n(archive.customers)} customers, ${n(archive.phones)} phones: ${demo.seconds.toFixed(1)} s`,
    );
    await database.close();

    // Bulk load through a connection of its own, then fresh planner statistics.
    const now = Date.now();
    const writer =
      ENGINE === 'sqlite'
        ? sqliteWriter(path.join(dataDir, 'steward.db'))
        : await postgresWriter(config.databaseUrl!);
    let lastLog = 0;
    const loaded = await timed(() =>
      load(writer, estate, RECORDS, now, ENGINE, (done) => {
        if (performance.now() - lastLog > 10_000 || done === RECORDS) {
          lastLog = performance.now();
          log(`loaded ${n(done)} / ${n(RECORDS)} records`);
        }
      }),
    );
    const analyzed = await timed(() => writer.exec(ENGINE === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE'));
    await writer.close();
    log(
      `bulk load: ${loaded.seconds.toFixed(1)} s (${n(RECORDS / loaded.seconds)} records/s), ` +
        `${n(loaded.value.terms)} search words; statistics ${analyzed.seconds.toFixed(1)} s`,
    );

    const capture = new Capture();
    database = openDatabase(config);
    const plain = database;
    const app = await buildApp({
      config,
      database: { ...plain, db: plain.db.withPlugin(capture) },
      cipher,
      logger: false,
    });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const sessions = { agent: await signIn(appUrl, 'agent'), admin: await signIn(appUrl, 'admin') };
    const size =
      ENGINE === 'sqlite'
        ? `${(fs.statSync(path.join(dataDir, 'steward.db')).size / 2 ** 30).toFixed(2)} GB`
        : String(
            (
              await sql<{
                s: string;
              }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(plain.db)
            ).rows[0]!.s,
          );

    const get = async (q: QueueQuery, url: string) => {
      const started = performance.now();
      const response = await fetch(`${appUrl}${url}`, { headers: { cookie: sessions[q.as].cookie } });
      const body = (await response.json()) as Record<string, unknown>;
      const elapsed = performance.now() - started;
      if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(body)}`);
      return { elapsed, items: q.found ? q.found(body) : (body.items as unknown[]).length };
    };

    // Search values that exist in the agent's estate: a record number from about 100 days ago and
    // a customer's phone with records.
    const projectId = (
      (await (
        await fetch(`${appUrl}/api/v1/tickets?limit=1`, { headers: { cookie: sessions.agent.cookie } })
      ).json()) as {
        items: { projectId: string }[];
      }
    ).items[0]!.projectId;
    const old = new Date(now - 100 * 24 * 3600_000).toISOString();
    const sample = await plain.db
      .selectFrom('tickets')
      .select(['number', 'reporter_phone'])
      .where('project_id', '=', projectId)
      .where('received_at', '<', old)
      .where('customer_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

    // For the look-ups and the 360 view a different value every sample (and three more for the
    // warm-up): customers living in the agent's estate with a mobile and records (callers with a
    // history: at a million records nearly all residents), and houses of that estate.
    const next = random(20261125);
    const pick = <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      const picked: T[] = [];
      while (picked.length < count && pool.length)
        picked.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return picked;
    };
    const residents = await plain.db
      .selectFrom('customer_phones as p')
      .innerJoin('customer_houses as ch', 'ch.customer_id', 'p.customer_id')
      .innerJoin('houses as h', 'h.id', 'ch.house_id')
      .select(['p.customer_id', 'p.phone'])
      .where('h.project_id', '=', projectId)
      .where('ch.until', 'is', null)
      .where('p.position', '=', 0)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('tickets as t')
            .select('t.id')
            .where('t.org_id', '=', estate.orgId)
            .whereRef('t.customer_id', '=', 'p.customer_id'),
        ),
      )
      .orderBy('p.customer_id')
      .execute();
    const mobiles = [
      ...new Map(residents.filter((r) => MOBILE.test(r.phone)).map((r) => [r.customer_id, r.phone])),
    ];
    const people = pick(mobiles, SAMPLES + 3);
    const rooms = pick(
      estate.houses.filter((h) => h.projectId === projectId).map((h) => h.label),
      SAMPLES + 3,
    );
    if (!people.length || !rooms.length) throw new Error('no resident of the agent’s estate has records');
    const enc = encodeURIComponent;
    const lookup = (q: string) => `/api/v1/intake/lookup?q=${enc(q)}`;
    const lookupFound = (body: Record<string, unknown>) =>
      (body.customers as unknown[]).length + (body.houses as unknown[]).length;
    const page = (label: string, url: string, as: QueueQuery['as'] = 'agent'): QueueQuery => ({
      label,
      urls: [url],
      as,
      baseline: 'main',
    });
    const queries: QueueQuery[] = [
      page('queue=all, newest first (organisation-wide admin)', '/api/v1/tickets?queue=all', 'admin'),
      page('queue=all, newest first (agent: one estate)', '/api/v1/tickets?queue=all'),
      page('queue=unassigned (待派工)', '/api/v1/tickets?queue=unassigned'),
      page('open=true, sort=due', '/api/v1/tickets?open=true&sort=due'),
      page('status=in_progress + projectId', `/api/v1/tickets?status=in_progress&projectId=${projectId}`),
      page('q=漏水 (a common word)', `/api/v1/tickets?q=${enc('漏水')}`),
      page('q=<record number>', `/api/v1/tickets?q=${enc(sample.number)}`),
      page('q=<customer phone>', `/api/v1/tickets?q=${sample.reporter_phone!}`),
      {
        label: 'intake lookup, full mobile (customers + houses found)',
        urls: people.map(([, phone]) => lookup(phone)),
        as: 'agent',
        baseline: 'all',
        found: lookupFound,
      },
      {
        label: 'intake lookup, phone tail: last 4 digits (customers + houses found)',
        urls: people.map(([, phone]) => lookup(phone.slice(-4))),
        as: 'agent',
        baseline: 'all',
        found: lookupFound,
      },
      {
        label: 'intake lookup, room label (customers + houses found)',
        urls: rooms.map(lookup),
        as: 'agent',
        baseline: 'all',
        found: lookupFound,
      },
      {
        label: "customer 360: GET /api/v1/customers/:id/overview (the customer's records)",
        urls: people.map(([id]) => `/api/v1/customers/${id}/overview`),
        as: 'agent',
        baseline: 'all',
        found: (body) => (body.requests as { total: number }).total,
      },
    ];

    // The main statement of each page (the one reading "tickets as t"), compiled as the app ran it.
    const compiler = ENGINE === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler();
    const compile = (nodes: readonly PluginTransformQueryArgs[]) =>
      nodes.map(({ node, queryId }) => compiler.compileQuery(node, queryId));
    const statements = new Map<QueueQuery, CompiledQuery>();
    for (const q of queries.filter((q) => q.baseline === 'main')) {
      capture.reset(true);
      await get(q, q.urls[0]!);
      capture.on = false;
      const compiled = compile(capture.nodes).find(
        (c) => /from "tickets" as "t"/.test(c.sql) && /limit/.test(c.sql),
      );
      if (!compiled) throw new Error(`no list statement captured for ${q.urls[0]}`);
      statements.set(q, compiled);
    }
    // Authentication's own statements (the session and its user, roles and scope; the session's
    // idle clock), left out of the "all statements" baselines: every request pays them.
    const authentication = new Set<string>();
    for (const as of ['agent', 'admin'] as const) {
      capture.reset(true);
      await fetch(`${appUrl}/api/v1/auth/me`, { headers: { cookie: sessions[as].cookie } });
      capture.on = false;
      for (const c of compile(capture.nodes)) authentication.add(c.sql);
    }
    const own = (nodes: readonly PluginTransformQueryArgs[]) =>
      nodes
        .map((args) => ({ args, compiled: compile([args])[0]! }))
        .filter(({ compiled: c }) => !authentication.has(c.sql) && !/^update "sessions"/.test(c.sql));
    const explain = async (c: CompiledQuery): Promise<string> => {
      if (ENGINE === 'sqlite') {
        const plan = await plain.db.executeQuery<{ detail: string; id: number; parent: number }>(
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
      const plan = await plain.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]),
      );
      return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    };

    // Warm-up (values not measured afterwards), then every page in one shuffled sequence so drift
    // (GC, caches) hits all alike. A page slower than half a second every time of the warm-up (one
    // slow first call, on a busy machine, does not count) is sampled 10 times only (its p99 is then
    // its maximum).
    const samples = new Map<QueueQuery, number>();
    for (const q of queries) {
      let fastest = Infinity;
      for (let i = 0; i < 3; i++)
        fastest = Math.min(fastest, (await get(q, q.urls[(SAMPLES + i) % q.urls.length]!)).elapsed);
      samples.set(q, fastest > 500 ? Math.min(10, SAMPLES) : SAMPLES);
    }
    const order = queries.flatMap((q) => Array.from({ length: samples.get(q)! }, (_, i) => ({ q, i })));
    let seed = 7;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const times = new Map<QueueQuery, number[]>(queries.map((q) => [q, []]));
    const found = new Map<QueueQuery, number[]>(queries.map((q) => [q, []]));
    // For the "all statements" baselines: what each sampled request ran, captured as it ran.
    const ran = new Map<QueueQuery, CompiledQuery[][]>(queries.map((q) => [q, []]));
    const busy = new Map<QueueQuery, number[]>(queries.map((q) => [q, []]));
    for (const { q, i } of order) {
      capture.reset(q.baseline === 'all');
      const { elapsed, items } = await get(q, q.urls[i % q.urls.length]!);
      capture.on = false;
      times.get(q)!.push(elapsed);
      found.get(q)!.push(items);
      if (q.baseline === 'all') {
        const mine = own(capture.nodes);
        ran.get(q)!.push(mine.map((m) => m.compiled));
        busy.get(q)!.push(capture.busy(new Set(mine.map((m) => m.args.queryId))));
      }
    }
    const rows: QueueRow[] = [];
    for (const q of queries) {
      const raw: number[] = [];
      let plan: string;
      let perRequest = 1;
      if (q.baseline === 'main') {
        const compiled = statements.get(q)!;
        for (let i = 0; i < samples.get(q)! + 3; i++) {
          const started = performance.now();
          await plain.db.executeQuery(compiled);
          if (i >= 3) raw.push(performance.now() - started);
        }
        plan = await explain(compiled);
      } else {
        // Each sample's statements one after the other (the server runs some of them side by side:
        // on PostgreSQL over several pooled connections), timed one by one and summed; the time
        // per statement shape shows where a request's SQL goes.
        const lists = ran.get(q)!;
        const shapes = new Map<string, { first: CompiledQuery; ms: number; runs: number }>();
        for (const c of lists.slice(0, 3).flat()) await plain.db.executeQuery(c);
        for (const list of lists) {
          let total = 0;
          for (const c of list) {
            const started = performance.now();
            await plain.db.executeQuery(c);
            const elapsed = performance.now() - started;
            total += elapsed;
            const shape = shapes.get(c.sql) ?? { first: c, ms: 0, runs: 0 };
            shape.ms += elapsed;
            shape.runs += 1;
            shapes.set(c.sql, shape);
          }
          raw.push(total);
        }
        perRequest = lists.reduce((sum, list) => sum + list.length, 0) / lists.length;
        const costly = [...shapes.values()].sort((a, b) => b.ms - a.ms);
        const parts: string[] = [
          `${shapes.size} statement shapes; ms per request (runs in all): ${costly
            .slice(0, 8)
            .map((s) => `${ms(s.ms / lists.length)} (${s.runs})`)
            .join(', ')}${costly.length > 8 ? ', …' : ''}`,
        ];
        // The plans of the two costliest shapes, each with the first parameters it ran with.
        for (const s of costly.slice(0, 2))
          parts.push(`[${ms(s.ms / s.runs)} ms a run] ${s.first.sql}\n${await explain(s.first)}`);
        plan = parts.join('\n');
      }
      const itemCounts = found.get(q)!;
      const row = {
        ...q,
        samples: samples.get(q)!,
        items: itemCounts.reduce((sum, v) => sum + v, 0) / itemCounts.length,
        statements: perRequest,
        http: latency(times.get(q)!),
        raw: latency(raw),
        serving: q.baseline === 'all' ? latency(busy.get(q)!) : null,
        plan,
      };
      log(
        `${q.label}: p50 ${ms(row.http.p50)} p99 ${ms(row.http.p99)} ms | raw SQL${q.baseline === 'all' ? ` (${row.statements.toFixed(1)} statements)` : ''} p50 ${ms(row.raw.p50)} p99 ${ms(row.raw.p99)} ms` +
          (row.serving
            ? ` | the same in the request p50 ${ms(row.serving.p50)} p99 ${ms(row.serving.p99)} ms`
            : ''),
      );
      rows.push(row);
    }

    const bare = Fastify();
    bare.get('/', async () => ({ items: [], nextCursor: null }));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareTimes: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const started = performance.now();
      await (await fetch(`${bareUrl}/`)).json();
      if (i >= 20) bareTimes.push(performance.now() - started);
    }
    await bare.close();
    await app.close();
    return {
      rows,
      floor: latency(bareTimes),
      load: {
        demoSeconds: demo.seconds,
        ...archive,
        loadSeconds: loaded.seconds,
        analyzeSeconds: analyzed.seconds,
        ...loaded.value,
        size,
      },
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cluster = ENGINE === 'postgres' ? await startCluster() : null;
  try {
    const started = performance.now();
    const intake = flags.part === 'queue' ? null : await measureIntake(cluster);
    const queues = flags.part === 'intake' ? null : await measureQueues(cluster);
    const minutes = (performance.now() - started) / 60_000;

    const when = new Date().toISOString().slice(0, 16);
    const machine = `${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
    const engine = cluster ? `postgres (${cluster.version}, default settings)` : 'sqlite';
    const out: string[] = [];
    out.push(
      `## Service desk — ${when} UTC, ${ENGINE}${queues ? `, ${n(RECORDS)} records` : ''}`,
      '',
      `${machine}, Node ${process.version}, ${engine}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end; the run took ${minutes.toFixed(1)} min.`,
    );
    if (intake) {
      out.push(
        '',
        `Intake: POST /api/v1/tickets as the signed-in front desk (cookie + CSRF), 200 different homes and customers, dispatch by rule; ${SECONDS} s per level; ${n(intake.stored)} records created and stored.`,
        '',
        '| connections | POST /api/v1/tickets | bare Fastify, constant (same run) | bare Fastify + one raw INSERT (same run) | ratio to raw INSERT |',
        '| --- | --- | --- | --- | --- |',
        ...intake.rows.map(
          (r) =>
            `| ${r.connections} | ${n(r.steward.rps)} records/s, p50 ${r.steward.p50} ms, p99 ${r.steward.p99} ms | ${n(r.constant.rps)} req/s, p99 ${r.constant.p99} ms | ${n(r.insert.rps)} rows/s, p50 ${r.insert.p50} ms, p99 ${r.insert.p99} ms | ${(r.insert.rps / r.steward.rps).toFixed(1)}× |`,
        ),
      );
    }
    if (queues) {
      const l = queues.load;
      out.push(
        '',
        `Queues and search: demo organisation of ${n(HOUSES)} houses, ${n(l.customers)} customers and ${n(l.phones)} phones (${l.demoSeconds.toFixed(0)} s), then ${n(l.tickets)} records over ${Math.round(SPAN_MS / 864e5 / 365)} years with ${n(l.terms)} search words and ${n(l.events)} timeline entries bulk-loaded in ${l.loadSeconds.toFixed(0)} s (${n(l.tickets / l.loadSeconds)} records/s), statistics ${l.analyzeSeconds.toFixed(0)} s; database ${l.size}. GET /api/v1/tickets pages of 20 and the agent's look-ups (GET /api/v1/intake/lookup?q=, each sample another customer's mobile or its last 4 digits, or another house's room label of the agent's estate) and 360 views (GET /api/v1/customers/:id/overview, each sample another of those customers), one request at a time, ${SAMPLES} each (fewer where marked), shuffled together. Raw SQL, as the server compiled it and run alone through the same Kysely and driver: for a page its list statement; for a look-up or a 360 view every statement of that request but authentication, one after the other, summed (the server runs some side by side), and beside it how long those statements were under way while the server answered (from compiling to the result, overlaps counted once). The month on-time dashboard, also part of "queue and search at scale", is measured by bench:timestandards.`,
        '',
        '| request | rows | HTTP p50 / p99 | raw SQL p50 / p99 (same run) | ratio p50 |',
        '| --- | --- | --- | --- | --- |',
        ...queues.rows.map(
          (r) =>
            `| ${r.label}${r.samples === SAMPLES ? '' : ` (${r.samples} samples)`} | ${Number.isInteger(r.items) ? r.items : `${r.items.toFixed(1)} (mean)`} | ${ms(r.http.p50)} / ${ms(r.http.p99)} ms | ${ms(r.raw.p50)} / ${ms(r.raw.p99)} ms${r.serving ? ` (${r.statements.toFixed(1)} statements summed; under way while serving: ${ms(r.serving.p50)} / ${ms(r.serving.p99)} ms)` : ''} | ${(r.http.p50 / r.raw.p50).toFixed(1)}× |`,
        ),
        `| bare Fastify GET (floor) | — | ${ms(queues.floor.p50)} / ${ms(queues.floor.p99)} ms | — | — |`,
      );
      console.log('\nQuery plans:\n');
      for (const r of queues.rows) console.log(`--- ${r.label}\n${r.plan}\n`);
    }
    const section = out.join('\n');
    console.log(`\n${section}\n`);
    if (!flags['skip-results']) {
      if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, '# Benchmark results\n');
      fs.appendFileSync(RESULTS, `\n${section}\n`);
    }
  } finally {
    cluster?.stop();
  }
}

await main();
