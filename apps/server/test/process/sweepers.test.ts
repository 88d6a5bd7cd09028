import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../postgres-cluster.ts';
import { run, waitFor } from './support.ts';

/**
 * Several server processes on one PostgreSQL database each run the time-standards sweeper. The
 * demo leaves dozens of clocks past their warnings, deadlines and rungs; two processes catch up on
 * them at the same moment, one is killed mid-way and started again — and every breach and
 * escalation is still recorded exactly once.
 */
describe.skipIf(!inject('pgUrl'))('time-standards sweepers in several processes', () => {
  const children: ChildProcess[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-sweep-'));
  const name = `steward_sweep_${randomBytes(5).toString('hex')}`;
  const adminUrl = inject('pgUrl')!;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('sends each warning, breach and escalation once, through concurrency and a crash', async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const env = { STEWARD_DATABASE_URL: url.toString(), STEWARD_DATA_DIR: dir, STEWARD_LOG_LEVEL: 'warn' };

    // The demo, loaded by a process whose sweeper is off.
    const loader = run(['demo'], { ...env, STEWARD_PORT: String(await freePort()), STEWARD_SWEEP_MS: '0' });
    children.push(loader.child);
    await waitFor(() => loader.output().includes('demo is running'), 120_000);
    loader.child.kill('SIGTERM');
    expect(await loader.exited).toBe(0);

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const due = async () =>
        Number(
          (await db.query(`SELECT count(*) AS n FROM ticket_clocks WHERE next_alarm_at <= now()`)).rows[0].n,
        );
      expect(await due()).toBeGreaterThan(10);

      // Two processes sweep at once; one dies mid-way (SIGKILL: no clean shutdown) and comes back.
      const serve = async () =>
        run(['serve'], { ...env, STEWARD_PORT: String(await freePort()), STEWARD_SWEEP_MS: '50' });
      const a = await serve();
      const b = await serve();
      children.push(a.child, b.child);
      await waitFor(
        async () => (await db.query(`SELECT count(*) AS n FROM alerts`)).rows[0].n > 0,
        60_000,
        20,
      );
      a.child.kill('SIGKILL');
      await a.exited;
      const again = await serve();
      children.push(again.child);
      await waitFor(async () => (await due()) === 0, 90_000);

      // Each rung of each clock once on the timeline, each alert once per person.
      const twice = await db.query(`
        SELECT ticket_id, kind, data, count(*) AS n FROM ticket_events
        WHERE actor_kind = 'system' GROUP BY ticket_id, kind, data HAVING count(*) > 1`);
      expect(twice.rows).toEqual([]);
      const rungs = await db.query(`
        SELECT count(*) AS n FROM ticket_events WHERE actor_kind = 'system' AND kind IN ('breached', 'escalated')`);
      expect(Number(rungs.rows[0].n)).toBeGreaterThan(10);
      const alerts = await db.query(
        `SELECT count(*) AS n, count(DISTINCT (user_id, dedupe_key)) AS d FROM alerts`,
      );
      expect(alerts.rows[0].n).toBe(alerts.rows[0].d);
      // Every clock's progress matches what was sent: no clock is behind its own alarms.
      const behind = await db.query(`
        SELECT c.id FROM ticket_clocks c
        WHERE c.outcome = 'running' AND c.paused_at IS NULL AND c.due_at <= now() AND c.alarm_stage < 2`);
      expect(behind.rows).toEqual([]);
      b.child.kill('SIGTERM');
      again.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect(await again.exited).toBe(0);
      expect(a.output() + b.output() + again.output()).not.toMatch(/sweep failed/);
    } finally {
      await db.end();
    }
  }, 240_000);
});
