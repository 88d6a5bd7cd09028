import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqlite, type Database } from '../db/database.ts';
import type { Actor } from './auth/actor.ts';
import { scopeFromRows } from './auth/scope.ts';
import { createEventBus, type EventLog, type LiveEvent } from './events.ts';
import { eventFrame, eventReaches } from './events.routes.ts';

function actor(over: Partial<Actor> & Pick<Actor, 'scope'>): Actor {
  return {
    kind: 'user',
    userId: 'u-1',
    orgId: 'org-a',
    orgName: 'A',
    username: 'butler',
    displayName: 'Butler',
    lastLoginAt: null,
    roles: ['butler'],
    roleNames: {},
    permissions: new Set(['tickets.read']),
    mustChangePassword: false,
    ...over,
  };
}

function event(over: Partial<LiveEvent>): LiveEvent {
  return {
    type: 'ticket.updated',
    orgId: 'org-a',
    projectId: 'p-1',
    buildingId: 'b-1',
    data: { ticketId: 't-1' },
    ...over,
  };
}

describe('eventReaches', () => {
  // A butler of building b-1 in project p-1, and of the whole of project p-2.
  const butler = actor({
    scope: scopeFromRows(false, [
      { project_id: 'p-1', building_id: 'b-1' },
      { project_id: 'p-2', building_id: null },
    ]),
  });
  const manager = actor({ userId: 'u-2', scope: scopeFromRows(true, []) });

  it('follows the caller’s scope within their organisation', () => {
    expect(eventReaches(butler, event({}))).toBe(true);
    expect(eventReaches(butler, event({ buildingId: 'b-2' }))).toBe(false);
    // A project-level record (no building) belongs to whole-project staff, as the record itself does.
    expect(eventReaches(butler, event({ buildingId: null }))).toBe(false);
    expect(eventReaches(butler, event({ projectId: 'p-2', buildingId: 'any' }))).toBe(true);
    expect(eventReaches(butler, event({ projectId: 'p-3', buildingId: null }))).toBe(false);
    expect(eventReaches(butler, event({ projectId: null, buildingId: null }))).toBe(false);
    expect(eventReaches(manager, event({ projectId: null, buildingId: null }))).toBe(true);
    expect(eventReaches(manager, event({ projectId: 'p-9', buildingId: 'b-9' }))).toBe(true);
  });

  it('reaches an addressed user outside their scope, but never across organisations', () => {
    expect(eventReaches(butler, event({ projectId: 'p-3', buildingId: 'x', userIds: ['u-1'] }))).toBe(true);
    expect(eventReaches(butler, event({ projectId: 'p-3', buildingId: 'x', userIds: ['u-2'] }))).toBe(false);
    expect(eventReaches(butler, event({ orgId: 'org-b', userIds: ['u-1'] }))).toBe(false);
    expect(eventReaches(manager, event({ orgId: 'org-b' }))).toBe(false);
  });

  it('needs the permission to read the record unless addressed', () => {
    const cashier = actor({ permissions: new Set(['bills.read']), scope: scopeFromRows(true, []) });
    expect(eventReaches(cashier, event({}))).toBe(false);
    expect(eventReaches(cashier, event({ userIds: ['u-1'] }))).toBe(true);
  });
});

describe('eventFrame', () => {
  it('writes one SSE event whose data carries the type', () => {
    expect(eventFrame(event({ type: 'ticket.created', data: { ticketId: 't-1', note: 'a\nb' } }))).toBe(
      'event: ticket.created\ndata: {"ticketId":"t-1","note":"a\\nb","type":"ticket.created"}\n\n',
    );
    // The data cannot change the announced type.
    expect(eventFrame(event({ data: { type: 'ticket.created' } }))).toContain('"type":"ticket.updated"');
  });
});

describe('the in-process bus (SQLite)', () => {
  let database: Database;
  afterEach(() => database?.close());

  const log = (): EventLog & { lines: string[] } => {
    const lines: string[] = [];
    const record = (_obj: object, msg?: string) => void lines.push(String(msg));
    return { lines, info: record, warn: record, error: record } as EventLog & { lines: string[] };
  };

  it('delivers to every subscriber on a later tick, in order, until they unsubscribe', async () => {
    database = openSqlite(':memory:');
    const bus = await createEventBus(database);
    const first: unknown[] = [];
    const second: unknown[] = [];
    bus.subscribe((e) => first.push(e.data.n));
    const unsubscribe = bus.subscribe((e) => second.push(e.data.n));
    bus.publish(event({ data: { n: 1 } }));
    bus.publish(event({ data: { n: 2 } }));
    expect(first).toEqual([]); // never inside the publishing request
    await vi.waitFor(() => expect(first).toEqual([1, 2]));
    expect(second).toEqual([1, 2]);
    unsubscribe();
    bus.publish(event({ data: { n: 3 } }));
    await vi.waitFor(() => expect(first).toEqual([1, 2, 3]));
    expect(second).toEqual([1, 2]);
    await bus.close();
  });

  it('keeps a failing subscriber from hurting the others or the publisher', async () => {
    database = openSqlite(':memory:');
    const logged = log();
    const bus = await createEventBus(database, logged);
    const seen: unknown[] = [];
    bus.subscribe(() => {
      throw new Error('broken view');
    });
    bus.subscribe((e) => seen.push(e.data.n));
    expect(() => bus.publish(event({ data: { n: 1 } }))).not.toThrow();
    await vi.waitFor(() => expect(seen).toEqual([1]));
    expect(logged.lines).toContain('live event listener failed');
    await bus.close();
    bus.publish(event({ data: { n: 2 } }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1]);
  });
});
