import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import {
  buildApp,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  systemClock,
} from '@steward/server';

/**
 * Foundation benchmark: an authenticated request through the whole platform (cookie → session
 * → user, roles, scope → handler → schema serialisation) against bare Fastify answering a
 * constant, both measured here in this run. Prints the figures and appends a row to results.md.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 16];
const RESULTS = path.join(import.meta.dirname, 'results.md');

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

async function measure(
  url: string,
  connections: number,
  headers: Record<string, string> = {},
): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const TABLE_HEADER =
  '| date (UTC) | machine | engine | what | figures | baseline (same run) | ratio to baseline |';

/**
 * Adds the rows at the end of this benchmark's table in results.md (other benchmarks append their
 * own sections below it), creating the file or the table when missing.
 */
function appendToTable(rows: readonly string[]): void {
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const lines = text.replace(/\n+$/, '').split('\n');
  const header = lines.indexOf(TABLE_HEADER);
  if (header < 0) {
    lines.push('', TABLE_HEADER, '| --- | --- | --- | --- | --- | --- | --- |', ...rows);
  } else {
    let end = header + 1;
    while (end < lines.length && lines[end]!.startsWith('|')) end += 1;
    lines.splice(end, 0, ...rows);
  }
  fs.writeFileSync(RESULTS, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get('/', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-'));
  const databaseUrl = process.env.STEWARD_BENCH_DATABASE_URL ?? '';
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DATABASE_URL: databaseUrl,
    STEWARD_WEB_DIR: '',
    STEWARD_LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.engine);
  const cipher = await openKeyring({ db: database.db, clock: systemClock, config });
  await loadDemo({ db: database.db, clock: systemClock, config, cipher }, 'Bench2026x');
  const app = await buildApp({ config, database, cipher, logger: false });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent', password: 'Bench2026x' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const rows: string[] = [];
  for (const c of CONNECTIONS) {
    const base = await measure(`${bareUrl}/`, c);
    const me = await measure(`${appUrl}/api/v1/auth/me`, c, { cookie });
    const ratio = base.rps / me.rps;
    console.log(
      `GET /api/v1/auth/me  c=${c}  ${me.rps.toFixed(0)} req/s  p50 ${me.p50} ms  p99 ${me.p99} ms  |  bare Fastify ${base.rps.toFixed(0)} req/s  →  ${ratio.toFixed(1)}× slower than bare`,
    );
    rows.push(
      `| ${new Date().toISOString().slice(0, 16)} | ${os.cpus().length}× ${os.cpus()[0]?.model.trim() ?? '?'} | ${database.engine} | GET /auth/me c=${c} | ${me.rps.toFixed(0)} req/s, p50 ${me.p50} ms, p99 ${me.p99} ms | bare Fastify ${base.rps.toFixed(0)} req/s | ${ratio.toFixed(1)}× |`,
    );
  }
  appendToTable(rows);

  await app.close();
  await database.close();
  await bare.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
