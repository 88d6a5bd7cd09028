import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  Client,
  intake,
  percentile,
  provision,
  cpuWait,
  rss,
  start,
  stop,
  type Answer,
  type Engine,
  type Store,
} from './live-server.ts';
import { FULL, report, size } from './support.ts';

/**
 * Soak. A server process under a steady mixed load well below its maximum, sent open-loop (on a
 * fixed schedule, whether or not earlier answers are back, as many independent desks would): queue
 * pages, record reads and timelines, registrations, comments and actions. Per window: requests,
 * errors, p50/p99 latency and the server's resident memory. Nothing fails; latency stays flat (the
 * last window's p99 against the first's); memory stops growing once warm (the last window's RSS
 * against the second's). Ratios within one run, never absolute timings: the machine is shared.
 */
const RATE = 20; // requests per second, a small fraction of what one process serves (bench/results.md)
/** Not measured: the first requests compile code paths and fill caches. Errors still count. */
const WARM_UP_S = size(4, 20);
const WINDOW_S = size(8, 30);
const WINDOWS = size(3, 10);
/**
 * The late p99 may be this many times the first window's, plus a floor for scheduling noise. Figures
 * measured on the shared 2-core box (load average 3-11 from other work): per-window p99 of 32-144 ms
 * with bursts to 650 ms in single windows; p50 5-20 ms; RSS 270-310 MB, flat after the warm-up.
 */
const P99_FACTOR = 3;
const P99_FLOOR_MS = 50;
/** RSS growth allowed from the second window to the last: a share plus a fixed allowance. */
const RSS_SHARE = 0.15;
const RSS_ALLOWANCE = 40 * 1024 * 1024;

/** One second of load: 20 requests, each kind at its share. */
const SECOND = [
  'queue',
  'read',
  'create',
  'queue',
  'timeline',
  'read',
  'comment',
  'queue',
  'read',
  'dispatch',
  'queue',
  'create',
  'timeline',
  'queue',
  'read',
  'comment',
  'queue',
  'read',
  'create',
  'cancel',
] as const;
type Kind = (typeof SECOND)[number];
const QUEUES = [
  'queue=all',
  'queue=unassigned',
  'queue=department',
  'queue=mine',
  'sort=due&open=true',
  'q=%E6%BC%8F%E6%B0%B4', // 漏水
  'due=overdue',
  'status=dispatched',
];

interface Window {
  requests: number;
  errors: string[];
  conflicts: number;
  /** How late the scheduler itself sent at worst: a sign of a busy machine, not of the server. */
  late: number;
  /** How long the server's main thread waited for a CPU (ms): the machine's noise, not the server. */
  cpuWait: number;
  ms: number[];
  rss: number[];
}

interface TicketRef {
  id: string;
  version: number;
}

const engines: Engine[] = FULL ? ['sqlite', 'postgres'] : ['sqlite'];
for (const engine of engines) {
  describe.skipIf(engine === 'postgres' && !inject('pgUrl'))(`soak on ${engine}`, () => {
    const children: ChildProcess[] = [];
    let store: Store | undefined;
    afterAll(async () => {
      for (const c of children) c.kill('SIGKILL');
      await store?.dispose();
    });

    it('serves a steady mixed load without errors, flat p99 and flat memory', async () => {
      store = await provision(engine, inject('pgUrl'));
      // The time-standards sweeper runs as in production (its default period).
      const server = await start(store, ['demo', '--houses', '200'], { STEWARD_SWEEP_MS: '15000' }, children);
      const pid = server.child.pid!;
      const desk = await Client.signIn(server.url, 'agent');
      const forms = await intake(desk);
      const run = randomBytes(4).toString('hex');

      // Records to read: the demo's, then ours as they are made. Ours (open) take the actions.
      const known: string[] = (
        await desk.get<{ items: { id: string }[] }>('/api/v1/tickets?queue=all&limit=100')
      ).items.map((t) => t.id);
      const open: TicketRef[] = [];
      let created = 0;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

      // Window 0 is the warm-up.
      const windows: Window[] = Array.from({ length: WINDOWS + 1 }, () => ({
        requests: 0,
        errors: [],
        conflicts: 0,
        late: 0,
        cpuWait: 0,
        ms: [],
        rss: [],
      }));
      const expectStatus = (w: Window, what: string, answer: Answer, ok: number[]) => {
        w.requests++;
        w.ms.push(answer.ms);
        if (answer.status === 409 && ok.includes(409)) w.conflicts++;
        else if (!ok.includes(answer.status))
          w.errors.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      };

      const send = async (n: number, kind: Kind, w: Window): Promise<void> => {
        const own = open.length ? pick(open) : null;
        if (kind === 'create') {
          const i = created++;
          const a = await desk.request<TicketRef>(
            'POST',
            '/api/v1/tickets',
            forms.body(`soak-${run}-${i} 厨房下水道堵塞，水排不下去`, i),
            { 'idempotency-key': `soak-${run}-${i}` },
          );
          expectStatus(w, kind, a, [201]);
          if (a.status === 201) {
            open.push({ id: a.body.id, version: a.body.version });
            known.push(a.body.id);
          }
        } else if (kind === 'read') {
          expectStatus(w, kind, await desk.request('GET', `/api/v1/tickets/${pick(known)}`), [200]);
        } else if (kind === 'timeline') {
          expectStatus(w, kind, await desk.request('GET', `/api/v1/tickets/${pick(known)}/timeline`), [200]);
        } else if (kind === 'comment' && own) {
          const a = await desk.request('POST', `/api/v1/tickets/${own.id}/comments`, {
            visibility: n % 2 ? 'internal' : 'public',
            body: `已联系业主，约定上门时间 (${n})`,
          });
          expectStatus(w, kind, a, [201]);
        } else if ((kind === 'dispatch' || kind === 'cancel') && own) {
          // Dispatch again by the rules (a transfer), or cancel the oldest of ours. The sweeper may
          // have moved a record on meanwhile (an escalation): a stale version is 409, then re-read.
          const target = kind === 'cancel' ? open.shift()! : own;
          const a = await desk.request<TicketRef>(
            'POST',
            `/api/v1/tickets/${target.id}/actions/${kind}`,
            kind === 'cancel'
              ? { version: target.version, reason: '业主来电取消' }
              : { version: target.version },
          );
          expectStatus(w, kind, a, [200, 409]);
          if (a.status === 200) target.version = a.body.version;
          else if (a.status === 409) {
            target.version = (await desk.get<TicketRef>(`/api/v1/tickets/${target.id}`)).version;
            if (kind === 'cancel') open.push(target);
          }
        } else {
          expectStatus(
            w,
            kind,
            await desk.request('GET', `/api/v1/tickets?${QUEUES[n % QUEUES.length]}&limit=20`),
            [200],
          );
        }
      };

      // Open loop: request n leaves at start + n/RATE seconds, whether or not earlier ones are back.
      const total = RATE * (WARM_UP_S + WINDOW_S * WINDOWS);
      const started = performance.now();
      /** The window of a moment, in seconds since the start. */
      const windowAt = (seconds: number) => {
        const s = seconds - WARM_UP_S;
        return windows[s < 0 ? 0 : Math.min(WINDOWS, 1 + Math.floor(s / WINDOW_S))]!;
      };
      let waited = cpuWait(pid) ?? 0;
      const sampler = setInterval(() => {
        const w = windowAt((performance.now() - started) / 1000);
        const bytes = rss(pid);
        if (bytes !== null) w.rss.push(bytes);
        const now = cpuWait(pid);
        if (now !== null) {
          w.cpuWait += now - waited;
          waited = now;
        }
      }, 500);
      const pending: Promise<void>[] = [];
      try {
        for (let n = 0; n < total; n++) {
          const due = started + (n * 1000) / RATE;
          const wait = due - performance.now();
          const w = windowAt(n / RATE);
          if (wait > 0) await sleep(wait);
          else w.late = Math.max(w.late, -wait);
          pending.push(
            send(n, SECOND[n % SECOND.length]!, w).catch((error: unknown) => {
              w.requests++;
              w.errors.push(`${SECOND[n % SECOND.length]}: no answer (${String(error)})`);
            }),
          );
        }
        await Promise.all(pending);
      } finally {
        clearInterval(sampler);
      }
      expect(await stop(server)).toBe(0);

      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
      const rows = windows.map((w) => {
        const sorted = [...w.ms].sort((a, b) => a - b);
        const memory = [...w.rss].sort((a, b) => a - b);
        return {
          requests: w.requests,
          errors: w.errors.length,
          conflicts: w.conflicts,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          rss: percentile(memory, 50), // the median sample: steadier than one reading
          late: w.late,
          cpuWait: w.cpuWait,
        };
      });
      report(
        'soak',
        `${engine}: ${RATE} req/s open-loop, ${WARM_UP_S} s warm-up then ${WINDOWS} x ${WINDOW_S} s, ${created} records made, ` +
          `per window: requests, errors, 409s, p50/p99 ms, RSS MB (median), scheduler's worst lateness ms, server's wait for a CPU ms`,
      );
      for (const [i, r] of rows.entries())
        report(
          'soak',
          `${engine} ${i ? `#${i}` : 'warm-up'}: ${r.requests} ${r.errors} ${r.conflicts} ${r.p50.toFixed(1)}/${r.p99.toFixed(1)} ${mb(r.rss)} ${r.late.toFixed(0)} ${r.cpuWait.toFixed(0)}`,
        );

      expect(windows.flatMap((w) => w.errors)).toEqual([]);
      // Every request was answered (the sends were scheduled; each got a response).
      expect(rows.reduce((sum, r) => sum + r.requests, 0)).toBe(total);
      const first = rows[1]!;
      const second = rows[2]!;
      const last = rows[rows.length - 1]!;
      // Latency that grows with the run raises every late window; another process's burst on this
      // shared machine raises one. So the lower p99 of the last two windows is held to the first's.
      const lateP99 = Math.min(last.p99, rows[rows.length - 2]!.p99);
      expect(lateP99).toBeLessThanOrEqual(first.p99 * P99_FACTOR + P99_FLOOR_MS);
      expect(last.rss).toBeLessThanOrEqual(second.rss * (1 + RSS_SHARE) + RSS_ALLOWANCE);
    }, 900_000);
  });
}
