import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  Client,
  intake,
  pool,
  provision,
  start,
  stop,
  type Engine,
  type Server,
  type Store,
} from './live-server.ts';
import { report, size } from './support.ts';

/**
 * Crash safety. Front-desk clients register records over real HTTP, each intended record under an
 * Idempotency-Key of its own; the server process is killed (SIGKILL: no clean shutdown, requests
 * cut off mid-way) while they do, and started again on the same data. The clients re-send every
 * request that was not acknowledged, with the same key, as a real client must. Afterwards every
 * acknowledged record exists with its timeline, clocks and number; no key made two records; and the
 * database passes the engine's own integrity checks.
 */
const RECORDS = size(200, 3000);
const KILLS = size(1, 4);
const CLIENTS = size(8, 16);
/** Acknowledged requests sent again afterwards (twice at once each): the first answer, no new record. */
const RESENDS = size(40, 300);
/** New keys each sent twice at once, as by a client that gave up waiting and sent again. */
const TWINS = size(20, 100);
/** Records read back through the API (the database checks below cover them all). */
const READ_BACK = size(60, Infinity);

interface Ticket {
  id: string;
  number: string;
  receivedAt: string;
  clocks: unknown[];
  deadlines: Record<string, string | null>;
}

const engines: Engine[] = ['sqlite', 'postgres'];
for (const engine of engines) {
  describe.skipIf(engine === 'postgres' && !inject('pgUrl'))(`crash safety on ${engine}`, () => {
    const children: ChildProcess[] = [];
    let store: Store | undefined;
    afterAll(async () => {
      for (const c of children) c.kill('SIGKILL');
      await store?.dispose();
    });

    it('keeps every acknowledged record, and makes none twice, through SIGKILL and restart', async () => {
      store = await provision(engine, inject('pgUrl'));
      let server: Server = await start(store, ['demo', '--houses', '200'], {}, children);
      const desk = await Client.signIn(server.url, 'agent');
      const forms = await intake(desk);
      const run = randomBytes(4).toString('hex');
      const key = (i: number) => `crash-${run}-${i}`;
      const body = (i: number) => forms.body(`${key(i)} 卫生间漏水，楼下天花板在滴水`, i);

      // Kill points spread over the load: after this many acknowledgements.
      const killAt = Array.from({ length: KILLS }, (_, k) => Math.round((RECORDS * (k + 1)) / (KILLS + 1)));
      const acked = new Map<number, Ticket>();
      const retriedKeys = new Set<number>();
      /** When the kill that cut off a key's request came: did the record commit before it? */
      const cutOffAt = new Map<number, number>();
      const problems: string[] = [];
      const kills: { acked: number; inFlight: number; at: number; downMs: number }[] = [];
      let sent = 0;
      let retried = 0;
      let outstanding = 0;
      let ready: Promise<void> = Promise.resolve();
      let restarted: Promise<void> = Promise.resolve();
      let armed: Promise<void> | null = null;
      let killed: Promise<void> = Promise.resolve();

      const crash = () => {
        let open!: () => void;
        let fail!: (error: unknown) => void;
        // Closed before the kill, so that clients whose requests fail wait for the new process.
        ready = new Promise<void>((resolve, reject) => {
          open = resolve;
          fail = reject;
        });
        const kill = { acked: acked.size, inFlight: outstanding, at: Date.now(), downMs: 0 };
        kills.push(kill);
        const dead = server;
        dead.child.kill('SIGKILL');
        restarted = (async () => {
          await dead.proc.exited;
          server = await start(store!, ['serve'], {}, children);
          desk.url = server.url;
          kill.downMs = Date.now() - kill.at;
        })().then(open, fail);
      };

      const deliver = async (i: number) => {
        for (let attempt = 0; ; attempt++) {
          await ready;
          if (attempt > 0) {
            retried++;
            retriedKeys.add(i);
          }
          sent++;
          outstanding++;
          let answer;
          try {
            answer = await desk.request<Ticket>('POST', '/api/v1/tickets', body(i), {
              'idempotency-key': key(i),
            });
          } catch {
            // No answer: cut off by the kill, or refused while the server was down.
            if (!cutOffAt.has(i)) cutOffAt.set(i, kills[kills.length - 1]?.at ?? Date.now());
            continue;
          } finally {
            outstanding--;
          }
          if (answer.status !== 201) {
            problems.push(`${key(i)}: ${answer.status} ${JSON.stringify(answer.body)}`);
            return;
          }
          acked.set(i, answer.body);
          if (!armed && kills.length < KILLS && acked.size >= killAt[kills.length]!) {
            // At a random moment shortly after, so requests are caught at every stage (some
            // committed but not yet answered); clients keep sending meanwhile.
            killed = armed = sleep(Math.random() * 20).then(() => {
              crash();
              armed = null;
            });
          }
          return;
        }
      };
      const t0 = Date.now();
      await pool(
        Array.from({ length: RECORDS }, (_, i) => i),
        CLIENTS,
        deliver,
      );
      await killed;
      await restarted;
      const loadMs = Date.now() - t0;
      expect(problems).toEqual([]);
      expect(kills).toHaveLength(KILLS);
      expect(acked.size).toBe(RECORDS);
      // A request cut off by a kill may have committed first: its retry got the first answer back.
      const committedBeforeKill = [...cutOffAt].filter(
        ([i, at]) => Date.parse(acked.get(i)!.receivedAt) < at,
      ).length;

      // The keys worth a second look first: those retried, those acknowledged just before a kill;
      // then an even spread over the rest.
      const order = [...acked.keys()];
      const nearKills = kills.flatMap((k) => order.slice(Math.max(0, k.acked - 5), k.acked));
      const pick = (n: number) =>
        [
          ...new Set([
            ...retriedKeys,
            ...nearKills,
            ...order.filter((_, j) => j % Math.max(1, Math.floor(order.length / n)) === 0),
          ]),
        ].slice(0, n);

      // Acknowledged requests sent again, two at once: each answers with the first record.
      const resend = pick(RESENDS);
      await pool(resend, CLIENTS, async (i) => {
        const answers = await Promise.all(
          [0, 1].map(() =>
            desk.request<Ticket>('POST', '/api/v1/tickets', body(i), { 'idempotency-key': key(i) }),
          ),
        );
        for (const a of answers) {
          expect(a.status, JSON.stringify(a.body)).toBe(201);
          expect({ id: a.body.id, number: a.body.number }).toEqual({
            id: acked.get(i)!.id,
            number: acked.get(i)!.number,
          });
        }
      });

      // A client that timed out and sent again while its first request still ran: one record.
      const twins = Array.from({ length: TWINS }, (_, j) => RECORDS + j);
      await pool(twins, CLIENTS, async (i) => {
        const answers = await Promise.all(
          [0, 1].map(() =>
            desk.request<Ticket>('POST', '/api/v1/tickets', body(i), { 'idempotency-key': key(i) }),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual([201, 201]);
        expect(answers[1]!.body.id).toBe(answers[0]!.body.id);
        acked.set(i, answers[0]!.body);
      });

      // Every acknowledged record, through the API: number, clocks, and its timeline from `created`.
      await pool(
        pick(READ_BACK).map((i) => acked.get(i)!),
        CLIENTS,
        async (ack) => {
          const ticket = await desk.get<Ticket>(`/api/v1/tickets/${ack.id}`);
          expect(ticket.number).toBe(ack.number);
          expect(ticket.number).toMatch(/^BX-\d{8}-\d{4,}$/);
          expect(ticket.clocks.length).toBeGreaterThan(0);
          expect(ticket.deadlines.completeBy).toBeTruthy();
          const timeline = await desk.get<{ items: { kind: string }[] }>(
            `/api/v1/tickets/${ack.id}/timeline`,
          );
          expect(timeline.items[0]?.kind).toBe('created');
        },
      );
      expect(await stop(server)).toBe(0);

      // The stored data, read directly once the server has stopped.
      const ours = `description LIKE 'crash-${run}-%'`;
      const perKey = await store.query<{ description: string; n: number | string }>(
        `SELECT description, count(*) AS n FROM tickets WHERE ${ours} GROUP BY description`,
      );
      expect(perKey).toHaveLength(acked.size);
      expect(perKey.filter((r) => Number(r.n) !== 1)).toEqual([]);
      const rows = await store.query<{ id: string; number: string; description: string }>(
        `SELECT id, number, description FROM tickets WHERE ${ours}`,
      );
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...acked.values()].map((t) => t.id)));
      expect(
        await store.query(`SELECT org_id, number FROM tickets GROUP BY org_id, number HAVING count(*) > 1`),
      ).toEqual([]);
      for (const child of ['ticket_events', 'ticket_clocks']) {
        // Each record of the run has its children, and no child lost its record.
        expect(
          await store.query(
            `SELECT t.id FROM tickets t WHERE ${ours} AND NOT EXISTS (SELECT 1 FROM ${child} c WHERE c.ticket_id = t.id)`,
          ),
        ).toEqual([]);
        expect(
          await store.query(
            `SELECT c.ticket_id FROM ${child} c WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id)`,
          ),
        ).toEqual([]);
      }
      expect(
        await store.query(
          `SELECT t.id FROM tickets t WHERE ${ours} AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'created')`,
        ),
      ).toEqual([]);
      // The stored first answer of each key names the record that exists.
      const keys = await store.query<{ key: string; response: string }>(
        `SELECT key, response FROM idempotency_keys WHERE key LIKE 'crash-${run}-%'`,
      );
      expect(keys).toHaveLength(acked.size);
      for (const k of keys)
        expect((JSON.parse(k.response) as Ticket).id).toBe(acked.get(Number(k.key.split('-').pop()))!.id);

      const checked = engine === 'sqlite' ? await sqliteIntegrity(store) : await postgresIntegrity(store);

      report(
        'crash',
        `${engine}: ${RECORDS} records by ${CLIENTS} clients, ${KILLS} SIGKILL+restart; sent ${sent} requests; ` +
          `acknowledged before each kill ${kills.map((k) => k.acked).join('/')}, in flight at each kill ` +
          `${kills.map((k) => k.inFlight).join('/')}; retried ${retried} requests for ${retriedKeys.size} keys ` +
          `(${committedBeforeKill} had committed before the kill and got their first answer back); re-sent ` +
          `${resend.length} acknowledged x2: all replayed; ${TWINS} new keys sent twice at once: one record each; records found ${rows.length}, one per key; ${checked}; ` +
          `load ${(loadMs / 1000).toFixed(1)} s of which down ${kills.map((k) => (k.downMs / 1000).toFixed(1)).join('/')} s`,
      );
    }, 600_000);
  });
}

async function sqliteIntegrity(store: Store): Promise<string> {
  expect(await store.query(`PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
  expect(await store.query(`PRAGMA foreign_key_check`)).toEqual([]);
  await store.release();
  return 'integrity_check ok, foreign_key_check clean';
}

/** amcheck on every B-tree index (with heapallindexed) and every table, and each foreign key re-checked. */
async function postgresIntegrity(store: Store): Promise<string> {
  await store.query(`CREATE EXTENSION IF NOT EXISTS amcheck`);
  const indexes = await store.query<{ relname: string }>(`
    SELECT c.relname, bt_index_check(c.oid, true)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
    WHERE am.amname = 'btree' AND c.relpersistence <> 't' AND i.indisready AND i.indisvalid`);
  expect(indexes.length).toBeGreaterThan(50);
  const tables = await store.query<{ relname: string }>(`
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'`);
  expect(
    await store.query(`
      SELECT c.relname, v.* FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
        LATERAL verify_heapam(c.oid) v
      WHERE n.nspname = 'public' AND c.relkind = 'r'`),
  ).toEqual([]);
  // Constraints are enforced as rows are written; re-checked here as SQLite's foreign_key_check does.
  const fks = await store.query<{
    name: string;
    child: string;
    parent: string;
    cols: string[];
    refs: string[];
  }>(`
    SELECT con.conname AS name, ch.relname AS child, pa.relname AS parent,
      (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(con.conkey) WITH ORDINALITY k(num, n)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS cols,
      (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(con.confkey) WITH ORDINALITY k(num, n)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS refs
    FROM pg_constraint con JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_class pa ON pa.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public'`);
  expect(fks.length).toBeGreaterThan(20);
  const broken: string[] = [];
  for (const fk of fks) {
    const [row] = await store.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${fk.child}" c
       WHERE ${fk.cols.map((col) => `c."${col}" IS NOT NULL`).join(' AND ')}
         AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" p
           WHERE ${fk.cols.map((col, i) => `p."${fk.refs[i]}" = c."${col}"`).join(' AND ')})`,
    );
    if (Number(row!.n) > 0) broken.push(`${fk.name}: ${row!.n}`);
  }
  expect(broken).toEqual([]);
  await store.release();
  return `amcheck clean on ${indexes.length} B-tree indexes and ${tables.length} tables, ${fks.length} foreign keys hold`;
}
