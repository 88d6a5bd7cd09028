import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import {
  actorForUsername,
  buildApp,
  CUSTOMER_COLUMNS,
  demoArchive,
  HOUSE_COLUMNS,
  importFile,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  readSheet,
  SYSTEM_META,
  systemClock,
  writeSheet,
} from '@steward/server';
import { percentile } from './stats.ts';

/**
 * The customer archive at scale: a generated archive of BENCH_HOUSES houses (default 100 000, about
 * 1.35 customer rows per house) written to two .xlsx files, then
 *  - imported through the same function as the console and the CLI, against reading the files alone
 *    (the parse cost no import can avoid), plus a re-import of the same files (the idempotent path);
 *  - searched through the real HTTP server (GET /api/v1/customers?q=…) by full mobile, phone tail,
 *    room label and name prefix, one request at a time, against a raw indexed SQL lookup of the
 *    phone and a bare Fastify route (the HTTP floor), all measured here in this run.
 * SQLite in a temp dir by default; PostgreSQL (an empty database) with STEWARD_BENCH_DATABASE_URL.
 * Prints a table and appends a dated section to results.md.
 */
const HOUSES = Number(process.env.BENCH_HOUSES ?? 100_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 300);
const PASSWORD = 'Bench2026x';
/** The target for a lookup by phone, name or room label at 100k customers. */
const TARGET_MS = 50;
const RESULTS = path.join(import.meta.dirname, 'results.md');

// ---------------------------------------------------------------------------------------------
// Small tools

/** mulberry32, seeded: the same samples on every run and engine. */
function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform sample of `size` values from a stream of unknown length (reservoir sampling). */
class Reservoir {
  readonly items: string[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly next: () => number,
  ) {}

  offer(value: string): void {
    this.seen += 1;
    if (this.items.length < this.size) this.items.push(value);
    else {
      const slot = Math.floor(this.next() * this.seen);
      if (slot < this.size) this.items[slot] = value;
    }
  }
}

interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const rate = (rows: number, seconds: number) =>
  `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`;
const n = (value: number) => value.toLocaleString('en-US');

interface Phase {
  seconds: number;
  peak: number;
  start: number;
}

const memory = (phase: Phase) => `peak RSS ${mb(phase.peak)} (+${mb(phase.peak - phase.start)})`;

/** A results row: an import against reading the same file alone. */
function importRow(what: string, phase: Phase, rows: number, read: Phase): string {
  return `| ${what} | ${phase.seconds.toFixed(1)} s, ${rate(rows, phase.seconds)}, ${memory(phase)} | read only ${read.seconds.toFixed(1)} s, ${rate(rows, read.seconds)}, ${memory(read)} | ${(phase.seconds / read.seconds).toFixed(2)}× |`;
}

/** Peak resident memory while `run` runs: sampled on a timer and whenever the import reports progress. */
class RssPeak {
  peak = 0;
  /** RSS when the phase started. */
  start = 0;
  private timer: NodeJS.Timeout | undefined;

  sample = (): void => {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  };

  async during<T>(run: () => Promise<T>): Promise<T> {
    this.start = process.memoryUsage.rss();
    this.peak = this.start;
    this.timer = setInterval(this.sample, 20);
    try {
      return await run();
    } finally {
      clearInterval(this.timer);
      this.sample();
    }
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

// ---------------------------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;
const SEPARATORS = /[;；,，、/\n]+/;
type Kind = 'phone' | 'tail' | 'room' | 'name';
const KINDS: readonly Kind[] = ['phone', 'tail', 'room', 'name'];
const KIND_LABEL: Record<Kind, string> = {
  phone: 'full mobile (11 digits)',
  tail: 'phone tail (last 4)',
  room: 'room label',
  name: 'name prefix (2 chars)',
};

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-archive-'));
  try {
    await measure(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function measure(work: string): Promise<void> {
  const databaseUrl = process.env.STEWARD_BENCH_DATABASE_URL ?? '';
  const config = loadConfig({
    STEWARD_DATA_DIR: path.join(work, 'data'),
    STEWARD_DATABASE_URL: databaseUrl,
    STEWARD_WEB_DIR: '',
    STEWARD_LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config);
  const { db, engine } = database;
  await migrateToLatest(db, engine);
  const cipher = await openKeyring({ db, clock: systemClock, config });
  const deps = { db, clock: systemClock, config, cipher };
  // The organisation and its staff. The demo needs a first estate with buildings 1–3 for its
  // butler (200 houses); its customers and houses are then removed so the measured import starts
  // from an empty archive (projects, buildings and units stay: staff scopes point at them, and the
  // generated archive names the same first project).
  const demo = await loadDemo(deps, PASSWORD, { houses: 200 });
  if (!demo.created) throw new Error('the benchmark needs an empty database');
  const actor = await actorForUsername(db, 'admin');
  for (const table of [
    'customer_tags',
    'tags',
    'customer_phones',
    'customer_houses',
    'customers',
    'houses',
  ] as const)
    await db.deleteFrom(table).where('org_id', '=', actor.orgId).execute();
  log(`${engine}: ${HOUSES.toLocaleString('en-US')} houses, work dir ${work}`);

  // --- the two files, sampling search terms on the way ----------------------------------------
  const archive = demoArchive({ houses: HOUSES });
  const next = random(20261123);
  const samples: Record<Kind, Reservoir> = {
    phone: new Reservoir(LOOKUPS, next),
    tail: new Reservoir(LOOKUPS, next),
    room: new Reservoir(LOOKUPS, next),
    name: new Reservoir(LOOKUPS, next),
  };
  function* sampled() {
    for (const row of archive.customers) {
      for (const cell of row.phones.split(SEPARATORS)) {
        const digits = cell.replace(/\D/g, '');
        if (MOBILE.test(digits)) {
          samples.phone.offer(digits);
          samples.tail.offer(digits.slice(-4));
        }
      }
      if (row.roomLabel) samples.room.offer(row.roomLabel);
      if (row.kind === '个人') samples.name.offer(row.name.slice(0, 2));
      yield row;
    }
  }
  const housesFile = path.join(work, 'houses.xlsx');
  const customersFile = path.join(work, 'customers.xlsx');
  const write = async (
    file: string,
    name: string,
    columns: typeof HOUSE_COLUMNS | typeof CUSTOMER_COLUMNS,
    rows: Iterable<Record<string, string>>,
  ) => {
    const out = fs.createWriteStream(file);
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
    const result = await writeSheet(out, name, columns, rows, { locale: 'zh-CN' });
    await done;
    return result.rows;
  };
  const wroteHouses = await timed(() => write(housesFile, '房屋', HOUSE_COLUMNS, archive.houses));
  const wroteCustomers = await timed(() => write(customersFile, '客户', CUSTOMER_COLUMNS, sampled()));
  const houseRows = wroteHouses.value;
  const customerRows = wroteCustomers.value;
  log(
    `wrote ${houseRows} house rows (${(fs.statSync(housesFile).size / 2 ** 20).toFixed(1)} MB) in ${wroteHouses.seconds.toFixed(1)} s, ` +
      `${customerRows} customer rows (${(fs.statSync(customersFile).size / 2 ** 20).toFixed(1)} MB) in ${wroteCustomers.seconds.toFixed(1)} s`,
  );

  // --- (a) reading alone, (b) importing, (c) importing the same files again --------------------
  const rss = new RssPeak();
  // Read twice, the faster one counts: the first pass also pays for compiling the reader.
  const readOnly = async (file: string, columns: typeof HOUSE_COLUMNS | typeof CUSTOMER_COLUMNS) => {
    let best = { seconds: Infinity, peak: 0, start: 0 };
    for (let pass = 0; pass < 2; pass++) {
      const { value, seconds } = await timed(() => rss.during(() => readSheet(file, columns)));
      if (!value.ok) throw new Error(`${file} did not read: ${JSON.stringify(value.problems.slice(0, 3))}`);
      if (seconds < best.seconds) best = { seconds, peak: rss.peak, start: rss.start };
    }
    return best;
  };
  const readHouses = await readOnly(housesFile, HOUSE_COLUMNS);
  log(`read houses: ${readHouses.seconds.toFixed(1)} s`);
  const readCustomers = await readOnly(customersFile, CUSTOMER_COLUMNS);
  log(`read customers: ${readCustomers.seconds.toFixed(1)} s`);

  const runImport = async (kind: 'houses' | 'customers', file: string) => {
    const { value, seconds } = await timed(() =>
      rss.during(() => importFile(deps, actor, SYSTEM_META, kind, file, rss.sample)),
    );
    if (!value.ok) throw new Error(`${kind} did not import: ${JSON.stringify(value.problems.slice(0, 3))}`);
    const { peak, start } = rss;
    log(`import ${kind}: ${seconds.toFixed(1)} s, ${JSON.stringify(value.result)}, peak RSS ${mb(peak)}`);
    return { seconds, result: value.result, peak, start };
  };
  const importHouses = await runImport('houses', housesFile);
  const importCustomers = await runImport('customers', customersFile);
  const againHouses = await runImport('houses', housesFile);
  const againCustomers = await runImport('customers', customersFile);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const counts = async (table: 'customers' | 'customer_phones' | 'houses') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', actor.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stored = {
    houses: await counts('houses'),
    customers: await counts('customers'),
    phones: await counts('customer_phones'),
  };
  log(`stored: ${JSON.stringify(stored)}`);

  // --- lookups ------------------------------------------------------------------------------------
  const bare = Fastify();
  bare.get('/', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const app = await buildApp({ config, database, cipher, logger: false });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const search = async (q: string) => {
    const started = performance.now();
    const response = await fetch(`${appUrl}/api/v1/customers?q=${encodeURIComponent(q)}&limit=20`, {
      headers: { cookie },
    });
    const body = (await response.json()) as { items?: unknown[] };
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`GET /customers?q=${q}: ${response.status} ${JSON.stringify(body)}`);
    return { elapsed, found: body.items!.length };
  };
  // Warm-up: connections, statement caches, the JIT.
  for (const kind of KINDS) for (const q of samples[kind].items.slice(0, 10)) await search(q);
  for (let i = 0; i < 50; i++) await (await fetch(`${bareUrl}/`)).json();

  // All lookups in one shuffled sequence, so drift over time (GC, caches) hits every kind alike.
  const order = KINDS.flatMap((kind) => samples[kind].items.map((q) => ({ kind, q })));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const times: Record<Kind, number[]> = { phone: [], tail: [], room: [], name: [] };
  const hits: Record<Kind, number> = { phone: 0, tail: 0, room: 0, name: 0 };
  for (const { kind, q } of order) {
    const { elapsed, found } = await search(q);
    times[kind].push(elapsed);
    if (found > 0) hits[kind] += 1;
  }

  const sqlTimes: number[] = [];
  for (const phone of samples.phone.items) {
    const started = performance.now();
    await db
      .selectFrom('customer_phones')
      .select('customer_id')
      .where('org_id', '=', actor.orgId)
      .where('phone', '=', phone)
      .execute();
    sqlTimes.push(performance.now() - started);
  }
  const bareTimes: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const started = performance.now();
    await (await fetch(`${bareUrl}/`)).json();
    bareTimes.push(performance.now() - started);
  }
  const rawSql = latency(sqlTimes);
  const bareHttp = latency(bareTimes);
  // The floor a lookup through HTTP could reach: one bare round trip plus one indexed query.
  const floor = { p50: bareHttp.p50 + rawSql.p50, p99: bareHttp.p99 + rawSql.p99 };

  // --- report ---------------------------------------------------------------------------------------
  const when = new Date().toISOString().slice(0, 16);
  const machine = `${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? '?'}`;
  const lines = [
    '| what | figures | baseline (same run) | ratio to baseline |',
    '| --- | --- | --- | --- |',
    importRow(
      `import houses: ${n(houseRows)} rows → ${n(importHouses.result.created)} houses created`,
      importHouses,
      houseRows,
      readHouses,
    ),
    importRow(
      `import customers: ${n(customerRows)} rows → ${n(importCustomers.result.created)} customers created`,
      importCustomers,
      customerRows,
      readCustomers,
    ),
    importRow(
      `re-import same houses file: ${n(againHouses.result.unchanged)} unchanged, ${n(againHouses.result.updated)} updated`,
      againHouses,
      houseRows,
      readHouses,
    ),
    importRow(
      `re-import same customers file: ${n(againCustomers.result.unchanged)} unchanged, ${n(againCustomers.result.updated)} updated`,
      againCustomers,
      customerRows,
      readCustomers,
    ),
    ...KINDS.map((kind) => {
      const l = latency(times[kind]);
      const verdict = l.p99 < TARGET_MS ? `meets < ${TARGET_MS} ms` : `**misses** < ${TARGET_MS} ms`;
      return `| GET /customers?q= ${KIND_LABEL[kind]}, ${l.n} sequential (${hits[kind]} found) | p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms, max ${ms(l.max)} ms; p99 ${verdict} | bare Fastify + raw SQL phone lookup: p50 ${ms(floor.p50)} ms, p99 ${ms(floor.p99)} ms | p50 ${(l.p50 / floor.p50).toFixed(1)}×, p99 ${(l.p99 / floor.p99).toFixed(1)}× |`;
    }),
    `| raw SQL: customer_phones by (org_id, phone), ${rawSql.n} sequential | p50 ${ms(rawSql.p50)} ms, p99 ${ms(rawSql.p99)} ms | — | — |`,
    `| bare Fastify GET, ${bareHttp.n} sequential | p50 ${ms(bareHttp.p50)} ms, p99 ${ms(bareHttp.p99)} ms | — | — |`,
  ];
  const heading = `## Archive at scale — ${when} UTC, ${engine}, ${HOUSES.toLocaleString('en-US')} houses`;
  const facts = `${machine}, Node ${process.version}. Stored: ${stored.houses.toLocaleString('en-US')} houses, ${stored.customers.toLocaleString('en-US')} customers, ${stored.phones.toLocaleString('en-US')} phones. Files: houses ${(fs.statSync(housesFile).size / 2 ** 20).toFixed(1)} MB, customers ${(fs.statSync(customersFile).size / 2 ** 20).toFixed(1)} MB. Process peak RSS (kernel high-water mark) ${mb(maxRss)}.`;
  console.log(`\n${heading}\n\n${facts}\n\n${lines.join('\n')}\n`);

  if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, '# Benchmark results\n');
  fs.appendFileSync(RESULTS, `\n${heading}\n\n${facts}\n\n${lines.join('\n')}\n`);

  await app.close();
  await bare.close();
  await database.close();
}

await main();
