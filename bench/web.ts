import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type * as Vite from 'vite';
import {
  buildApp,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  systemClock,
} from '@steward/server';
import { percentile } from './stats.ts';

/**
 * The web console, in one process, each figure against a baseline measured in this run:
 *  (a) the production bundle: a fresh `vite build` of apps/web (its own vite.config.ts, into a temp
 *      dir, with the manifest) — total size, the initial load (index.html, the entry script and
 *      every chunk and stylesheet it imports statically) and what the ticket queue adds, raw, gzip
 *      (level 9) and brotli (quality 11); the largest chunks; whose code the initial load is (the
 *      bundler's per-module lengths, grouped by package). Baseline: the share of the initial load in
 *      the whole bundle, and the antd + React part of the initial load;
 *  (b) the ticket queue (/desk/tickets?queue=all) in headless Chromium against the real server with
 *      the demo organisation, signed in as the front desk (the session cookie is set on the browser
 *      context, so sign-in is not measured): navigation start → the first table row in the DOM and
 *      clickable, First and Largest Contentful Paint, cold (a new browser context: empty cache) and
 *      warm (a reload: fingerprinted assets cached), --runs times. Baselines in the same browser:
 *      a static page from bare Fastify on the same host with one module script that fetches the
 *      same rows (the queue page's own JSON, captured) and renders them as a plain table — the
 *      floor of any page showing this data; and GET /api/v1/tickets alone from Node.
 * Prints the figures and appends a section to results.md.
 */
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '10' },
    path: { type: 'string', default: '/desk/tickets?queue=all' },
    user: { type: 'string', default: 'agent' },
    chromium: { type: 'string', default: process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium' },
    'skip-results': { type: 'boolean', default: false },
  },
});
const RUNS = Number(flags.runs);
const PASSWORD = 'Bench2026x';
const RESULTS = path.join(import.meta.dirname, 'results.md');
const WEB_ROOT = path.resolve(import.meta.dirname, '../apps/web');
const CONSOLE_ROWS = '[data-testid="ticket-table"] tr.ant-table-row';
const FLOOR_ROWS = 'tr.row';

// ---------------------------------------------------------------------------------------------
// Small tools

interface Spread {
  p50: number;
  p95: number;
}

function spread(samples: readonly number[]): Spread {
  const sorted = samples.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const ms = (value: number) =>
  !Number.isFinite(value) ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} kB`;
const pct = (part: number, whole: number) => {
  const share = (100 * part) / whole;
  return `${share < 10 ? share.toFixed(1) : share.toFixed(0)} %`;
};
const pair = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} ms`;

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// (a) The bundle

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 };
const add = (a: Sizes, b: Sizes): Sizes => ({
  raw: a.raw + b.raw,
  gzip: a.gzip + b.gzip,
  brotli: a.brotli + b.brotli,
});

function sizes(file: string): Sizes {
  const bytes = fs.readFileSync(file);
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

/** The package a bundled module comes from, or the console's own code. */
function owner(id: string): string {
  const at = id.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const parts = id.slice(at + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (id.includes('/apps/web/src/')) return 'console (apps/web/src)';
  if (id.includes('/packages/contracts/')) return '@steward/contracts';
  return 'bundler helpers';
}

/** antd and what it is made of, and React: the UI kit any antd console ships. */
function isAntdOrReact(pkg: string): boolean {
  return (
    /^(antd|react|react-dom|scheduler|rc-[\w-]+|@rc-component\/.+|@ant-design\/.+)$/.test(pkg) ||
    pkg === 'react-is'
  );
}

interface Bundle {
  dir: string;
  buildSeconds: number;
  total: Sizes;
  files: number;
  /** Every file of the build with its sizes, by path relative to the build dir. */
  each: Map<string, Sizes>;
  initial: string[];
  queue: string[];
  /** Rendered (pre-minification) code length by package, for the initial files and for all. */
  initialOwners: Map<string, number>;
  allOwners: Map<string, number>;
  /** Rendered code length by package, per chunk file. */
  chunkOwners: Map<string, Map<string, number>>;
  htmlAgrees: boolean;
}

async function buildBundle(): Promise<Bundle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-web-'));
  // Vite of the console itself (apps/web's devDependency), with its own vite.config.ts.
  const require = createRequire(path.join(WEB_ROOT, 'package.json'));
  const vite = (await import(pathToFileURL(require.resolve('vite')).href)) as typeof Vite;
  const modules = new Map<string, Map<string, number>>();
  const started = performance.now();
  const previousEnv = process.env.NODE_ENV;
  // antd's production build, as users get it (the e2e global setup does the same).
  process.env.NODE_ENV = 'production';
  await vite.build({
    root: WEB_ROOT,
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, manifest: true },
    plugins: [
      {
        name: 'steward-bench-modules',
        generateBundle(_options, output) {
          for (const chunk of Object.values(output)) {
            if (chunk.type !== 'chunk') continue;
            const byOwner = new Map<string, number>();
            for (const [id, m] of Object.entries(chunk.modules))
              byOwner.set(owner(id), (byOwner.get(owner(id)) ?? 0) + m.renderedLength);
            modules.set(chunk.fileName, byOwner);
          }
        },
      },
    ],
  });
  if (previousEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = previousEnv;
  const buildSeconds = (performance.now() - started) / 1000;

  const each = new Map<string, Sizes>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      // The build's own .br/.gz copies (sent to browsers that accept them) are not more code.
      else if (!rel.startsWith('.vite/') && !/\.(br|gz)$/.test(rel))
        each.set(rel, sizes(path.join(dir, rel)));
    }
  };
  walk('');
  const total = [...each.values()].reduce(add, ZERO);

  // The initial load: the entry and its static imports, transitively, with their stylesheets.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const closure = (keys: readonly string[], into = new Set<string>()): Set<string> => {
    for (const key of keys) {
      const chunk = manifest[key];
      if (!chunk || into.has(chunk.file)) continue;
      into.add(chunk.file);
      for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) into.add(f);
      closure(chunk.imports ?? [], into);
    }
    return into;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('no index.html entry in the vite manifest');
  const initialSet = closure([entry]);
  const queueKey = Object.keys(manifest).find((k) => k.endsWith('features/tickets/TicketsPage.tsx'));
  if (!queueKey) throw new Error('no TicketsPage chunk in the vite manifest');
  const queue = [...closure([queueKey])].filter((f) => !initialSet.has(f));
  const initial = ['index.html', ...initialSet];

  // What index.html itself names (script, modulepreload, stylesheet) must be the same set.
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const named = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!));
  const htmlAgrees = named.size === initialSet.size && [...named].every((f) => initialSet.has(f));

  const sum = (files: Iterable<string>) => {
    const out = new Map<string, number>();
    for (const f of files)
      for (const [who, length] of modules.get(f) ?? []) out.set(who, (out.get(who) ?? 0) + length);
    return out;
  };
  return {
    dir,
    buildSeconds,
    total,
    files: each.size,
    each,
    initial,
    queue,
    initialOwners: sum(initialSet),
    allOwners: sum(modules.keys()),
    chunkOwners: modules,
    htmlAgrees,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) The queue page in Chromium

/**
 * Runs before the page's own scripts: notes when the first row enters the DOM (a mutation
 * observer fires before the next paint), then, frame by frame, when it is clickable: laid out,
 * at the same place as in the frame before, and the topmost element at its centre (what
 * Playwright's actionability check asks, without its polling intervals and round trips). Keeps
 * the last Largest Contentful Paint candidate and adds up the main thread's long tasks.
 */
const probe = (selector: string) => `(() => {
  const bench = (window.__bench = { rows: NaN, clickable: NaN, lcp: NaN, tasks: [] });
  const watch = (row, last) => requestAnimationFrame(() => {
    const box = row.getBoundingClientRect();
    const hit = box.width > 0 && box.height > 0 &&
      row.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
    if (hit && last && last.top === box.top && last.left === box.left && last.width === box.width) {
      bench.clickable = performance.now();
    } else {
      watch(row.isConnected ? row : document.querySelector(${JSON.stringify(selector)}) || row, box);
    }
  });
  new MutationObserver((_, observer) => {
    const row = document.querySelector(${JSON.stringify(selector)});
    if (row) {
      bench.rows = performance.now();
      observer.disconnect();
      watch(row, null);
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    bench.lcp = entries[entries.length - 1].startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) bench.tasks.push([task.startTime, task.duration]);
  }).observe({ type: 'longtask', buffered: true });
})()`;

/** Read after the row is clickable and two more frames (so the paint of the rows is reported). */
const COLLECT = `(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const resources = performance.getEntriesByType('resource').map((r) => ({
    name: new URL(r.name).pathname + new URL(r.name).search,
    start: r.startTime,
    end: r.responseEnd,
    transfer: r.transferSize,
  }));
  return {
    rows: window.__bench.rows,
    clickable: window.__bench.clickable,
    lcp: window.__bench.lcp,
    longTasks: window.__bench.tasks.filter(([start]) => start < window.__bench.clickable).length,
    longTaskMs: window.__bench.tasks
      .filter(([start]) => start < window.__bench.clickable)
      .reduce((sum, [, duration]) => sum + duration, 0),
    fcp: fcp ? fcp.startTime : NaN,
    document: nav.responseEnd,
    domContentLoaded: nav.domContentLoadedEventEnd,
    transfer: nav.transferSize + resources.reduce((sum, r) => sum + r.transfer, 0),
    resources,
  };
})()`;

interface Load {
  rows: number;
  clickable: number;
  lcp: number;
  fcp: number;
  longTasks: number;
  longTaskMs: number;
  document: number;
  domContentLoaded: number;
  transfer: number;
  rowCount: number;
  resources: { name: string; start: number; end: number; transfer: number }[];
}

/** Loads (or reloads) a page and waits until its first row can be clicked. */
async function load(page: Page, selector: string, how: () => Promise<unknown>): Promise<Load> {
  await how();
  await page.waitForFunction('window.__bench.clickable >= 0', undefined, { polling: 'raf', timeout: 30_000 });
  // And Playwright agrees a click would land on the row (not timed: its retries wait 20–500 ms).
  await page.locator(selector).first().click({ trial: true, timeout: 5_000 });
  const figures = (await page.evaluate(COLLECT)) as Omit<Load, 'rowCount'>;
  return { ...figures, rowCount: await page.locator(selector).count() };
}

interface PageRuns {
  cold: Load[];
  warm: Load[];
}

async function visit(
  browser: Browser,
  url: string,
  selector: string,
  prepare: (context: BrowserContext) => Promise<void>,
): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  try {
    await prepare(context);
    await context.addInitScript({ content: probe(selector) });
    const page = await context.newPage();
    const cold = await load(page, selector, () => page.goto(url, { waitUntil: 'commit' }));
    const warm = await load(page, selector, () => page.reload({ waitUntil: 'commit' }));
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** The floor: one HTML page, one module script, the same JSON, a plain table. */
async function startFloor(rowsJson: string) {
  const floor = Fastify();
  floor.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(
        '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>工单</title>' +
          '<script type="module" src="/assets/app.js"></script></head>' +
          '<body><h1>工单</h1><div id="root"></div></body></html>',
      ),
  );
  floor.get('/assets/app.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(
        `const { items } = await (await fetch('/rows')).json();
const table = document.createElement('table');
for (const item of items) {
  const tr = document.createElement('tr');
  tr.className = 'row';
  tr.style.cursor = 'pointer';
  tr.onclick = () => history.pushState(null, '', '/tickets/' + item.id);
  for (const key of ['number', 'status', 'type', 'description']) {
    const td = document.createElement('td');
    td.textContent = String(item[key] ?? '');
    tr.append(td);
  }
  table.append(tr);
}
document.getElementById('root').append(table);`,
      ),
  );
  floor.get('/rows', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(rowsJson),
  );
  return { floor, url: await floor.listen({ host: '127.0.0.1', port: 0 }) };
}

interface CpuShare {
  /** The script's path (assets/…), or V8's own category: (garbage collector), (program), … */
  what: string;
  ms: number;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
}

/**
 * One more cold load (untimed) under V8's sampling profiler, from navigation to the first row
 * clickable: the main thread's CPU time by the script its functions come from.
 */
async function profileColdLoad(
  browser: Browser,
  url: string,
  prepare: (context: BrowserContext) => Promise<void>,
): Promise<CpuShare[]> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  try {
    await prepare(context);
    await context.addInitScript({ content: probe(CONSOLE_ROWS) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__bench.clickable >= 0', undefined, {
      polling: 'raf',
      timeout: 30_000,
    });
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const byWhat = new Map<string, number>();
    samples.forEach((id, i) => {
      const frame = nodes.get(id)?.callFrame.url ?? '';
      const what = frame ? new URL(frame).pathname.slice(1) || 'index.html' : '(built-ins, no script)';
      byWhat.set(what, (byWhat.get(what) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
    // Time the renderer spent outside JavaScript shows as V8's pseudo-functions; name them.
    for (const node of profile.nodes) {
      const name = (node.callFrame as { functionName?: string }).functionName;
      if (node.callFrame.url || !name?.startsWith('(')) continue;
      const ms = samples.reduce(
        (sum, id, i) => (id === node.id ? sum + (deltas[i + 1] ?? 0) / 1000 : sum),
        0,
      );
      if (!ms) continue;
      byWhat.set('(built-ins, no script)', (byWhat.get('(built-ins, no script)') ?? 0) - ms);
      byWhat.set(name, (byWhat.get(name) ?? 0) + ms);
    }
    return [...byWhat]
      .filter(([what, ms]) => what !== '(idle)' && ms > 0.5)
      .map(([what, ms]) => ({ what, ms }))
      .sort((a, b) => b.ms - a.ms);
  } finally {
    await context.close();
  }
}

interface BrowserFigures {
  chromium: string;
  console: PageRuns;
  floor: PageRuns;
  rowCount: number;
  floorRowCount: number;
  ticketsPath: string;
  apiNode: number[];
  floorNode: number[];
  payloadBytes: number;
  profile: CpuShare[];
}

async function measureBrowser(webDir: string): Promise<BrowserFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-web-data-'));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DATABASE_URL: '',
    STEWARD_WEB_DIR: webDir,
    STEWARD_LOG_LEVEL: 'silent',
    STEWARD_SWEEP_MS: '0',
  });
  const database = openDatabase(config);
  let browser: Browser | null = null;
  try {
    await migrateToLatest(database.db, database.engine);
    const cipher = await openKeyring({ db: database.db, clock: systemClock, config });
    const demo = performance.now();
    await loadDemo({ db: database.db, clock: systemClock, config, cipher }, PASSWORD);
    log(`demo organisation loaded in ${((performance.now() - demo) / 1000).toFixed(1)} s`);
    const app = await buildApp({ config, database, cipher, logger: false });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    const login = await fetch(`${appUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: flags.user, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login ${flags.user}: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((c) => {
      const [name, ...value] = c.split(';')[0]!.split('=');
      return { name: name!, value: value.join('='), url: appUrl };
    });
    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const signedIn = async (context: BrowserContext) => context.addCookies(cookies);

    browser = await chromium.launch({
      executablePath: flags.chromium,
      headless: true,
      // playwright-core launches with a fresh temporary profile (--user-data-dir) of its own.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const chromiumVersion = browser.version();

    // One untimed visit: warms the server and Chromium, and captures the queue's own request and
    // answer, which the floor page then serves as its rows.
    const consoleUrl = `${appUrl}${flags.path}`;
    const first = await visit(browser, consoleUrl, CONSOLE_ROWS, signedIn);
    const ticketsPath = first.cold.resources.find((r) => r.name.startsWith('/api/v1/tickets?'))?.name;
    if (!ticketsPath) throw new Error('the queue page made no GET /api/v1/tickets request');
    const payload = await (
      await fetch(`${appUrl}${ticketsPath}`, { headers: { cookie: cookieHeader } })
    ).text();
    const { floor, url: floorUrl } = await startFloor(payload);
    await visit(browser, floorUrl, FLOOR_ROWS, async () => {});

    const runs = { console: { cold: [], warm: [] } as PageRuns, floor: { cold: [], warm: [] } as PageRuns };
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so drift (other jobs, GC) hits both pages alike.
      const order = i % 2 ? (['floor', 'console'] as const) : (['console', 'floor'] as const);
      for (const which of order) {
        const result =
          which === 'console'
            ? await visit(browser, consoleUrl, CONSOLE_ROWS, signedIn)
            : await visit(browser, floorUrl, FLOOR_ROWS, async () => {});
        runs[which].cold.push(result.cold);
        runs[which].warm.push(result.warm);
      }
      const c = runs.console.cold.at(-1)!;
      log(
        `run ${i + 1}/${RUNS}: console cold rows ${ms(c.rows)} ms, clickable ${ms(c.clickable)} ms, warm ${ms(runs.console.warm.at(-1)!.clickable)} ms | floor cold ${ms(runs.floor.cold.at(-1)!.clickable)} ms`,
      );
    }

    // The API alone, from Node, one request at a time; and the floor's JSON likewise.
    const timeFetch = async (url: string, headers: Record<string, string>) => {
      const out: number[] = [];
      for (let i = 0; i < Math.max(50, RUNS * 5) + 10; i++) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.text();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        if (i >= 10) out.push(performance.now() - started);
      }
      return out;
    };
    const apiNode = await timeFetch(`${appUrl}${ticketsPath}`, { cookie: cookieHeader });
    const floorNode = await timeFetch(`${floorUrl}/rows`, {});

    const profile = await profileColdLoad(browser, consoleUrl, signedIn);

    await floor.close();
    await app.close();
    return {
      chromium: chromiumVersion,
      console: runs.console,
      floor: runs.floor,
      rowCount: first.cold.rowCount,
      floorRowCount: runs.floor.cold[0]?.rowCount ?? 0,
      ticketsPath,
      apiNode,
      floorNode,
      payloadBytes: Buffer.byteLength(payload),
      profile,
    };
  } finally {
    await browser?.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

/** When a resource of the page ended (p50), found by the start of its path. */
function resourceEnd(loads: readonly Load[], prefix: string, field: 'start' | 'end' = 'end'): number {
  return spread(loads.map((l) => l.resources.find((r) => r.name.startsWith(prefix))?.[field] ?? NaN)).p50;
}

async function main(): Promise<void> {
  const started = performance.now();
  log('building the console (vite build into a temp dir)');
  const bundle = await buildBundle();
  log(`built in ${bundle.buildSeconds.toFixed(1)} s: ${bundle.files} files, ${kb(bundle.total.raw)}`);
  try {
    const browser = await measureBrowser(bundle.dir);
    const minutes = (performance.now() - started) / 60_000;

    const of = (files: readonly string[]) => files.map((f) => bundle.each.get(f) ?? ZERO).reduce(add, ZERO);
    const initial = of(bundle.initial);
    const queue = of(bundle.queue);
    const row = (label: string, s: Sizes) =>
      `| ${label} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${pct(s.gzip, bundle.total.gzip)} |`;
    const code = (owners: Map<string, number>) => [...owners.values()].reduce((a, b) => a + b, 0);
    const initialCode = code(bundle.initialOwners);
    const share = (owners: Map<string, number>, test: (pkg: string) => boolean) =>
      [...owners].filter(([pkg]) => test(pkg)).reduce((sum, [, n]) => sum + n, 0);
    const antdReact = share(bundle.initialOwners, isAntdOrReact);
    const own = share(
      bundle.initialOwners,
      (p) => p === 'console (apps/web/src)' || p === '@steward/contracts',
    );
    const topOwners = [...bundle.initialOwners].sort((a, b) => b[1] - a[1]).slice(0, 8);
    const largest = [...bundle.each]
      .filter(([f]) => f.endsWith('.js') || f.endsWith('.css'))
      .sort((a, b) => b[1].raw - a[1].raw)
      .slice(0, 10);
    const where = (f: string) =>
      bundle.initial.includes(f) ? 'initial' : bundle.queue.includes(f) ? 'queue page' : 'lazy (other pages)';

    const c = browser.console;
    const f = browser.floor;
    const figure = (loads: readonly Load[], key: 'rows' | 'clickable' | 'fcp' | 'lcp' | 'document') =>
      spread(loads.map((l) => l[key]));
    const ratio = (a: readonly Load[], b: readonly Load[], key: 'rows' | 'clickable' | 'fcp' | 'lcp') =>
      `${(figure(a, key).p50 / figure(b, key).p50).toFixed(1)}×`;
    const transfer = (loads: readonly Load[]) => kb(spread(loads.map((l) => l.transfer)).p50);
    const tasks = (loads: readonly Load[]) =>
      `${spread(loads.map((l) => l.longTasks)).p50}, ${ms(spread(loads.map((l) => l.longTaskMs)).p50)} ms`;
    // Every API request of the console's cold and warm loads, in order: when asked and answered.
    const waterfall = (loads: readonly Load[]) => {
      const names = [...new Set(loads[0]?.resources.map((r) => r.name) ?? [])].filter(
        (name) => name.startsWith('/api/') || name.includes('/TicketsPage-'),
      );
      return names
        .map(
          (name) =>
            `${name.split('?')[0]!.replace(/-[\w-]{8}\.js$/, '.js')} ${ms(resourceEnd(loads, name, 'start'))}–${ms(resourceEnd(loads, name))}`,
        )
        .join(', ');
    };
    const api = spread(browser.apiNode);
    const cpuTotal = browser.profile.reduce((sum, p) => sum + p.ms, 0);
    const holds = (file: string) => {
      const owners = bundle.chunkOwners.get(file);
      if (!owners) return '—';
      const all = code(owners);
      return [...owners]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([pkg, n]) => `${pkg} ${pct(n, all)}`)
        .join(', ');
    };
    const floorApi = spread(browser.floorNode);

    const when = new Date().toISOString().slice(0, 16);
    const machine = `${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
    const out: string[] = [
      `## Web console — ${when} UTC`,
      '',
      `${machine}, Node ${process.version}, Chromium ${browser.chromium} (headless, playwright-core), sqlite, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end; the run took ${minutes.toFixed(1)} min.`,
      '',
      `Bundle: \`vite build\` of apps/web (its vite.config.ts, NODE_ENV=production) in ${bundle.buildSeconds.toFixed(1)} s, ${bundle.files} files. Initial load: index.html, the entry script and every chunk and stylesheet it imports statically (from the vite manifest; ${bundle.htmlAgrees ? 'the same set index.html names' : '**not** the set index.html names'}). The queue page adds the TicketsPage chunk and its static imports. gzip level 9, brotli quality 11, per file. The server sends the files uncompressed (no compression in Steward; a reverse proxy may add it).`,
      '',
      '| what | raw | gzip | brotli | share of all gzip |',
      '| --- | --- | --- | --- | --- |',
      row(`initial load (${bundle.initial.length} files)`, initial),
      row(`+ the queue page (${bundle.queue.length} files)`, queue),
      row('= to the queue page', add(initial, queue)),
      row(`whole build (${bundle.files} files; baseline)`, bundle.total),
      '',
      `Whose code the initial load is (the bundler's rendered module lengths, before minification): antd + React (antd, @ant-design/*, @rc-component/*, react, react-dom, scheduler) ${pct(antdReact, initialCode)}, the console's own code and contracts ${pct(own, initialCode)}, other packages ${pct(initialCode - antdReact - own, initialCode)}. Largest: ${topOwners.map(([pkg, n]) => `${pkg} ${pct(n, initialCode)}`).join(', ')}.`,
      '',
      '| largest chunks | raw | gzip | brotli | loaded |',
      '| --- | --- | --- | --- | --- |',
      ...largest.map(
        ([file, s]) => `| ${file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${where(file)} |`,
      ),
      '',
      `Queue page: \`${flags.path}\` as the demo front desk (\`${flags.user}\`, session cookie set on the context; sign-in not measured), ${browser.rowCount} rows (\`${browser.ticketsPath}\`, ${kb(browser.payloadBytes)} of JSON); viewport 1366×800, zh-CN. ${RUNS} runs after one untimed, cold = a new browser context (empty cache), warm = a reload in it (fingerprinted assets from cache, index.html and the API revalidated). Times from navigation start, p50 / p95. "Rows" = the first row in the DOM (a mutation observer in the page); "clickable" = the first frame after it in which the row is laid out, where it was the frame before, and the topmost element at its centre (checked in the page every frame; Playwright's own actionability check then agrees, untimed); long tasks = the main thread's tasks over 50 ms before that. Floor (same run, same browser, alternating): bare Fastify on the same host serving one HTML page and one module script that fetches the same JSON and renders ${browser.floorRowCount} plain table rows.`,
      '',
      '| queue page | console cold | floor cold | ratio | console warm | floor warm | ratio |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| first row in the DOM | ${pair(figure(c.cold, 'rows'))} | ${pair(figure(f.cold, 'rows'))} | ${ratio(c.cold, f.cold, 'rows')} | ${pair(figure(c.warm, 'rows'))} | ${pair(figure(f.warm, 'rows'))} | ${ratio(c.warm, f.warm, 'rows')} |`,
      `| first row clickable | ${pair(figure(c.cold, 'clickable'))} | ${pair(figure(f.cold, 'clickable'))} | ${ratio(c.cold, f.cold, 'clickable')} | ${pair(figure(c.warm, 'clickable'))} | ${pair(figure(f.warm, 'clickable'))} | ${ratio(c.warm, f.warm, 'clickable')} |`,
      `| First Contentful Paint | ${pair(figure(c.cold, 'fcp'))} | ${pair(figure(f.cold, 'fcp'))} | ${ratio(c.cold, f.cold, 'fcp')} | ${pair(figure(c.warm, 'fcp'))} | ${pair(figure(f.warm, 'fcp'))} | ${ratio(c.warm, f.warm, 'fcp')} |`,
      `| Largest Contentful Paint | ${pair(figure(c.cold, 'lcp'))} | ${pair(figure(f.cold, 'lcp'))} | ${ratio(c.cold, f.cold, 'lcp')} | ${pair(figure(c.warm, 'lcp'))} | ${pair(figure(f.warm, 'lcp'))} | ${ratio(c.warm, f.warm, 'lcp')} |`,
      `| long tasks before clickable (p50) | ${tasks(c.cold)} | ${tasks(f.cold)} | — | ${tasks(c.warm)} | ${tasks(f.warm)} | — |`,
      `| bytes transferred (p50) | ${transfer(c.cold)} | ${transfer(f.cold)} | — | ${transfer(c.warm)} | ${transfer(f.warm)} | — |`,
      '',
      `Where the console's time goes (p50, ms from navigation start): cold — document ${ms(figure(c.cold, 'document').p50)}, First Contentful Paint ${ms(figure(c.cold, 'fcp').p50)}; requests asked–answered: ${waterfall(c.cold)}; first row in the DOM ${ms(figure(c.cold, 'rows').p50)}, clickable ${ms(figure(c.cold, 'clickable').p50)}. Warm — ${waterfall(c.warm)}; first row ${ms(figure(c.warm, 'rows').p50)}, clickable ${ms(figure(c.warm, 'clickable').p50)}.`,
      '',
      `Main-thread CPU of one more cold load (untimed, V8 sampling profiler, navigation → first row clickable): ${ms(cpuTotal)} ms in all (idle excluded), by script; a chunk's packages from the bundler's module lengths.`,
      '',
      '| script | CPU | share | what the chunk holds |',
      '| --- | --- | --- | --- |',
      ...browser.profile
        .slice(0, 10)
        .map((p) => `| ${p.what} | ${ms(p.ms)} ms | ${pct(p.ms, cpuTotal)} | ${holds(p.what)} |`),
      '',
      `The API alone from Node, one request at a time, ${browser.apiNode.length} samples: GET ${browser.ticketsPath} ${pair(api)}; bare Fastify serving the same JSON ${pair(floorApi)} (${(api.p50 / floorApi.p50).toFixed(1)}×). The API is ${pct(api.p50, figure(c.cold, 'clickable').p50)} of the cold and ${pct(api.p50, figure(c.warm, 'clickable').p50)} of the warm time to a clickable row.`,
    ];
    const section = out.join('\n');
    console.log(`\n${section}\n`);
    if (!flags['skip-results']) {
      if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, '# Benchmark results\n');
      fs.appendFileSync(RESULTS, `\n${section}\n`);
    }
  } finally {
    fs.rmSync(bundle.dir, { recursive: true, force: true });
  }
}

await main();
