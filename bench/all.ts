import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster, type BenchCluster } from './pg-cluster.ts';

/**
 * `npm run bench`: the whole benchmark suite, one benchmark after another (each in its own
 * process, so one's memory and caches do not colour the next), on SQLite and on PostgreSQL.
 * Every benchmark measures its own baseline in the same run and appends its figures to
 * results.md; this runner only sequences them and prints how long each took.
 *
 *   npm run bench                                   # everything, both engines, full scale (about 50 min)
 *   npm run bench -- --quick                        # smaller data (about 12 min): a smoke run of the suite
 *   npm run bench -- --engines sqlite --only tickets,web
 */
const { values: flags } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    only: { type: 'string', default: 'auth,archive,tickets,timestandards,web' },
    quick: { type: 'boolean', default: false },
  },
});

type Engine = 'sqlite' | 'postgres';
interface Step {
  name: string;
  script: string;
  /** Arguments for the engine; `url` is an empty PostgreSQL database for benchmarks that take one. */
  args(engine: Engine): string[];
  /** Benchmarks that open a database given by URL (the others start their own cluster). */
  needsUrl?: boolean;
  /** Measured once, not per engine (the web console bench runs against SQLite). */
  once?: boolean;
  env?: Record<string, string>;
}

const quick = flags.quick;
const STEPS: Step[] = [
  { name: 'auth', script: 'run.ts', args: () => [], needsUrl: true },
  {
    name: 'archive',
    script: 'archive.ts',
    args: () => [],
    needsUrl: true,
    env: quick ? { BENCH_HOUSES: '10000', BENCH_LOOKUPS: '100' } : {},
  },
  {
    name: 'tickets',
    script: 'tickets.ts',
    args: (engine) => [
      '--engine',
      engine,
      ...(quick ? ['--records', '100000', '--houses', '10000', '--samples', '30', '--seconds', '3'] : []),
    ],
  },
  {
    name: 'timestandards',
    script: 'timestandards.ts',
    args: (engine) => [
      '--engine',
      engine,
      ...(quick ? ['--records', '100000', '--open', '5000', '--houses', '5000', '--samples', '30'] : []),
    ],
  },
  { name: 'web', script: 'web.ts', args: () => (quick ? ['--runs', '5'] : []), once: true },
];

function runStep(script: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, script), ...args],
      {
        stdio: 'inherit',
        env: { ...process.env, ...env },
      },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const engines = flags.engines.split(',').filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
  const only = new Set(flags.only.split(','));
  const unknown = [...only].filter((name) => !STEPS.some((s) => s.name === name));
  if (unknown.length > 0 || engines.length === 0) {
    console.error(
      `bench: unknown ${unknown.length > 0 ? `benchmark(s) ${unknown.join(', ')}` : 'engines'}; ` +
        `benchmarks: ${STEPS.map((s) => s.name).join(', ')}; engines: sqlite, postgres`,
    );
    process.exit(2);
  }
  const summary: string[] = [];
  let cluster: BenchCluster | null = null;
  let failed = 0;
  try {
    for (const step of STEPS.filter((s) => only.has(s.name))) {
      for (const engine of step.once ? (['sqlite'] as const) : engines) {
        const env: Record<string, string> = { ...step.env };
        if (step.needsUrl && engine === 'postgres') {
          cluster ??= await startCluster();
          env.STEWARD_BENCH_DATABASE_URL = await cluster.createDatabase(
            `bench_${step.name}_${Date.now().toString(36)}`,
          );
        } else if (step.needsUrl) env.STEWARD_BENCH_DATABASE_URL = '';
        const label = step.once ? step.name : `${step.name} on ${engine}`;
        console.log(`\n=== bench: ${label} (load average ${os.loadavg()[0]!.toFixed(1)}) ===\n`);
        const started = Date.now();
        const code = await runStep(step.script, step.args(engine), env);
        const minutes = ((Date.now() - started) / 60_000).toFixed(1);
        summary.push(
          `${label.padEnd(26)} ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${minutes} min`,
        );
        if (code !== 0) failed++;
      }
    }
  } finally {
    cluster?.stop();
  }
  console.log(`\n=== bench: summary (figures appended to bench/results.md) ===\n${summary.join('\n')}`);
  if (failed > 0) process.exit(1);
}

await main();
