import http from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createEventBus, type EventBus, type LiveEvent } from '../../src/platform/events.ts';
import { newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, testConfig, type Session } from '../harness.ts';
import { createTestDatabase, describeEngines, type TestDatabase } from '../test-db.ts';

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  text(): string;
  /** The events received so far: name and parsed data. */
  events(): { event: string; data: Record<string, unknown> }[];
  /** Resolves when the server ends the stream (true) or it breaks off (false). */
  ended: Promise<boolean>;
  abort(): void;
}

/**
 * Opens the SSE stream over real HTTP (inject cannot stream) and reads it as it arrives. Plain
 * node:http on a connection of its own, like a browser's EventSource: fetch's pool dials spare
 * connections that would muddle what the server is shown to close.
 */
function openStream(base: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/v1/events`, { headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      const ended = new Promise<boolean>((done) => {
        response.on('end', () => done(true));
        response.on('error', () => done(false));
        response.on('close', () => done(response.complete));
      });
      resolve({
        status: response.statusCode!,
        headers: response.headers,
        text: () => text,
        events: () =>
          text
            .split('\n\n')
            .filter((block) => block.startsWith('event: '))
            .map((block) => {
              const [eventLine, dataLine] = block.split('\n');
              return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) };
            }),
        ended,
        abort: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

const ticketIds = (s: Stream) => s.events().map((e) => e.data.ticketId);

describeEngines('live updates over Server-Sent Events', (engine) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let config: ReturnType<typeof testConfig>;
  let bus: EventBus;
  let subscribers = 0;
  let app: FastifyInstance;
  let base: string;
  let a: TestOrg;
  let b: TestOrg;
  let p1: { id: string; buildingIds: string[] };
  let p2: { id: string; buildingIds: string[] };
  let butler: Session & { id: string };
  let managerA: Session;
  let managerB: Session;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    clock = new ManualClock();
    config = testConfig({ engine });
    const inner = await createEventBus(database);
    // The app's bus, counting live subscriptions so the test can see streams let go of theirs.
    bus = {
      ...inner,
      subscribe: (listener) => {
        subscribers++;
        const unsubscribe = inner.subscribe(listener);
        return () => {
          subscribers--;
          unsubscribe();
        };
      },
    };
    app = await buildApp({ config, database, clock, logger: false, events: bus });
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');

    const deps = { db: database.db, clock };
    a = await newOrg(deps, 'A 物业');
    b = await newOrg(deps, 'B 物业');
    p1 = await newProject(deps, a, { buildings: ['1', '2'] });
    p2 = await newProject(deps, a, { buildings: ['1'] });
    const user = await newUser(deps, a, {
      roles: ['technician'],
      scope: { all: false, projects: [{ projectId: p1.id, buildingIds: [p1.buildingIds[0]!] }] },
    });
    butler = { ...(await signIn(app, user.username, PASSWORD)), id: user.id };
    managerA = await signIn(app, a.adminUsername, PASSWORD);
    managerB = await signIn(app, b.adminUsername, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await bus.close();
    await database.destroy();
  });

  const ticket = (org: TestOrg, ticketId: string, over: Partial<LiveEvent> = {}): LiveEvent => ({
    type: 'ticket.updated',
    orgId: org.orgId,
    projectId: p1.id,
    buildingId: p1.buildingIds[0]!,
    data: { ticketId, status: 'dispatched', version: 2 },
    ...over,
  });

  it('refuses a caller without credentials', async () => {
    const stream = await openStream(base);
    expect(stream.status).toBe(401);
    expect(await stream.ended).toBe(true);
    expect(JSON.parse(stream.text()).error.code).toBe('UNAUTHENTICATED');
  });

  it('delivers to each caller exactly the events of their organisation within their reach', async () => {
    const streams = await Promise.all(
      [butler, managerA, managerB].map((s) => openStream(base, { cookie: s.cookie })),
    );
    const [toButler, toManagerA, toManagerB] = streams as [Stream, Stream, Stream];
    expect(toButler.status).toBe(200);
    expect(toButler.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(toButler.headers['cache-control']).toBe('no-store');
    await vi.waitFor(() => expect(toButler.text()).toBe('retry: 3000\n\n'));

    bus.publish(ticket(a, 't1', { type: 'ticket.created' }));
    bus.publish(ticket(a, 't2', { buildingId: p1.buildingIds[1]! })); // another building of the project
    bus.publish(ticket(a, 't3', { projectId: p2.id, buildingId: p2.buildingIds[0]! })); // another project
    bus.publish(ticket(a, 't4', { projectId: p2.id, buildingId: p2.buildingIds[0]!, userIds: [butler.id] }));
    bus.publish(ticket(b, 't5', { userIds: [butler.id] })); // another organisation, same ids
    bus.publish(ticket(a, 't6', { projectId: null, buildingId: null })); // organisation-wide
    bus.publish(ticket(a, 't7', { buildingId: null })); // a project-level area: whole-project staff only
    bus.publish(ticket(a, 'end'));
    bus.publish(ticket(b, 'end'));

    // Events arrive in the order published, so once "end" is in, everything before it is too.
    for (const s of streams) await vi.waitFor(() => expect(ticketIds(s)).toContain('end'), { timeout: 5000 });
    expect(ticketIds(toButler)).toEqual(['t1', 't4', 'end']);
    expect(ticketIds(toManagerA)).toEqual(['t1', 't2', 't3', 't4', 't6', 't7', 'end']);
    expect(ticketIds(toManagerB)).toEqual(['t5', 'end']);
    expect(toButler.events()[0]).toEqual({
      event: 'ticket.created',
      data: { type: 'ticket.created', ticketId: 't1', status: 'dispatched', version: 2 },
    });

    // A client that goes away lets go of its subscription.
    expect(subscribers).toBe(3);
    for (const s of streams) s.abort();
    await vi.waitFor(() => expect(subscribers).toBe(0), { timeout: 5000 });
  });

  it('does not count holding the stream open as activity of the session', async () => {
    const session = await signIn(app, a.adminUsername, PASSWORD);
    const lastSeen = () =>
      database.db
        .selectFrom('sessions')
        .select('last_seen_at')
        .where('csrf_token', '=', session.csrfToken)
        .executeTakeFirstOrThrow();
    const before = await lastSeen();
    clock.advance(5 * 60_000);
    const stream = await openStream(base, { cookie: session.cookie });
    expect(stream.status).toBe(200);
    expect(await lastSeen()).toEqual(before);
    stream.abort();
    await app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(await lastSeen()).not.toEqual(before);
  });

  it.runIf(engine === 'postgres')(
    'carries events between server processes sharing the database',
    async () => {
      const elsewhere = await createEventBus(database);
      const heardElsewhere: unknown[] = [];
      elsewhere.subscribe((e) => heardElsewhere.push(e.data.ticketId));
      const stream = await openStream(base, { cookie: butler.cookie });
      await vi.waitFor(() => expect(stream.text()).toContain('retry'));

      elsewhere.publish(ticket(a, 'from-elsewhere'));
      bus.publish(ticket(a, 'from-here'));
      // Two processes publish independently: both events arrive, in whichever order they committed.
      await vi.waitFor(() => expect(ticketIds(stream).sort()).toEqual(['from-elsewhere', 'from-here']), {
        timeout: 5000,
      });
      await vi.waitFor(() => expect(heardElsewhere.sort()).toEqual(['from-elsewhere', 'from-here']), {
        timeout: 5000,
      });
      stream.abort();
      await elsewhere.close();
    },
  );

  it('ends open streams cleanly when the server closes, without keeping it waiting', async () => {
    // A second server on the same database with a bus of its own, closed with it.
    const other = await buildApp({ config, database, clock, logger: false });
    const otherBase = (await other.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const session = await signIn(other, a.adminUsername, PASSWORD);
    const stream = await openStream(otherBase, { cookie: session.cookie });
    await vi.waitFor(() => expect(stream.text()).toContain('retry'));

    const started = Date.now();
    await other.close();
    expect(await stream.ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
