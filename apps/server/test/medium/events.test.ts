import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  createEventBus,
  EVENT_CHANNEL,
  type EventBus,
  type EventLog,
  type LiveEvent,
} from '../../src/platform/events.ts';
import { createTestDatabase, describeEngines, type TestDatabase } from '../test-db.ts';

function event(n: number, over: Partial<LiveEvent> = {}): LiveEvent {
  return { type: 'ticket.updated', orgId: 'org-a', projectId: 'p-1', buildingId: null, data: { n }, ...over };
}

/** A log that keeps what it is told, so tests can see what was dropped and why. */
function memoryLog(): EventLog & { messages: string[] } {
  const messages: string[] = [];
  const record = (_obj: unknown, msg?: string) => void messages.push(String(msg));
  return { messages, info: record, warn: record, error: record } as EventLog & { messages: string[] };
}

function collect(bus: EventBus): unknown[] {
  const seen: unknown[] = [];
  bus.subscribe((e) => seen.push(e.data.n));
  return seen;
}

describeEngines('the event bus', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.destroy());

  it('delivers every event to its subscribers in the order published', async () => {
    const bus = await createEventBus(database);
    const seen = collect(bus);
    const numbers = Array.from({ length: 50 }, (_, i) => i);
    for (const n of numbers) bus.publish(event(n));
    await vi.waitFor(() => expect(seen).toEqual(numbers), { timeout: 5000 });
    await bus.close();
  });

  it('drops, with a log line, what cannot be sent, and goes on', async () => {
    const log = memoryLog();
    const bus = await createEventBus(database, log);
    const seen = collect(bus);
    expect(() => bus.publish(event(1, { data: { n: 1, note: 'x'.repeat(9000) } }))).not.toThrow();
    expect(() => bus.publish(event(2, { data: { n: 2, big: 10n } }))).not.toThrow();
    bus.publish(event(3));
    await vi.waitFor(() => expect(seen).toEqual(engine === 'postgres' ? [3] : [1, 2, 3]), { timeout: 5000 });
    if (engine === 'postgres') {
      expect(log.messages).toContain('live event too large to send; dropped');
      expect(log.messages).toContain('live event cannot be serialised; dropped');
    }
    await bus.close();
  });
});

describe.skipIf(!inject('pgUrl'))('the event bus across processes [postgres]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.destroy());

  it('lets two buses on one database hear each other, and themselves', async () => {
    const a = await createEventBus(database);
    const b = await createEventBus(database);
    const seenByA = collect(a);
    const seenByB = collect(b);
    a.publish(event(1));
    await vi.waitFor(() => expect(seenByB).toEqual([1]), { timeout: 5000 });
    b.publish(event(2));
    await vi.waitFor(() => expect(seenByA).toEqual([1, 2]), { timeout: 5000 });
    await vi.waitFor(() => expect(seenByB).toEqual([1, 2]), { timeout: 5000 });
    await Promise.all([a.close(), b.close()]);
  });

  it('ignores notifications on its channel that are not events', async () => {
    const log = memoryLog();
    const bus = await createEventBus(database, log);
    const seen = collect(bus);
    for (const payload of ['not json', '{"type":"ticket.exploded","orgId":"o","data":{}}', '[]'])
      await sql`select pg_notify(${EVENT_CHANNEL}, ${payload})`.execute(database.db);
    bus.publish(event(1));
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 5000 });
    expect(log.messages.filter((m) => m === 'live event not understood; ignored')).toHaveLength(3);
    await bus.close();
  });

  it('listens again after its connection is cut', async () => {
    const log = memoryLog();
    const bus = await createEventBus(database, log);
    const seen = collect(bus);
    bus.publish(event(1));
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 5000 });

    const { rows } = await sql<{ cut: boolean }>`
      select pg_terminate_backend(pid) as cut from pg_stat_activity
      where datname = current_database() and query like 'LISTEN %'`.execute(database.db);
    expect(rows.map((r) => r.cut)).toEqual([true]);
    await vi.waitFor(() => expect(log.messages).toContain('listen connection restored'), { timeout: 10_000 });

    bus.publish(event(2));
    await vi.waitFor(() => expect(seen).toEqual([1, 2]), { timeout: 5000 });
    await bus.close();
  });

  it('never throws into the publisher when the database cannot be reached', async () => {
    const log = memoryLog();
    // Listening works, but every NOTIFY goes to a server that is not there.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const bus = await createEventBus({ ...database, db }, log);
    expect(() => bus.publish(event(1))).not.toThrow();
    await vi.waitFor(() => expect(log.messages).toContain('live event not sent'), { timeout: 5000 });
    await bus.close();
    await db.destroy();
  });
});
