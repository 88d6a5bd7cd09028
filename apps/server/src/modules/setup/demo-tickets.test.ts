import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PageOf, Ticket, TicketSummary, TimelineEntry } from '@steward/contracts';
import { CHANNELS, TICKET_STATUSES, TICKET_TYPES } from '@steward/contracts/catalogues';
import { signIn, startTestApp, type Session, type TestApp } from '../../../test/harness.ts';
import { describeEngines } from '../../../test/test-db.ts';
import { DAY } from '../../platform/clock.ts';
import { loadDemo } from './demo.ts';
import { DEMO_RECORDS } from './demo-tickets.data.ts';

const PASSWORD = 'DemoPass2026';

/** What a loaded demo says about its records, for comparing two loads. */
async function fingerprint(h: TestApp) {
  return h.deps.db
    .selectFrom('tickets')
    .select(['number', 'status', 'type', 'channel', 'description', 'received_at', 'reopen_count'])
    .orderBy('number')
    .execute();
}

describeEngines('demo service records', (engine) => {
  let h: TestApp;
  let agent: Session;
  let tickets: Awaited<ReturnType<typeof fingerprint>>;
  const get = async <T>(s: Session, url: string) => {
    const response = await h.app.inject({ url, headers: s.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  beforeAll(async () => {
    h = await startTestApp(engine, { timeZone: 'Asia/Shanghai' });
    await loadDemo({ ...h.deps, config: h.config }, PASSWORD, { houses: 300 });
    agent = await signIn(h.app, 'agent', PASSWORD);
    tickets = await fingerprint(h);
  });
  afterAll(() => h.close());

  it('makes every listed record, covering every type, channel and status over the last 14 days', async () => {
    expect(tickets).toHaveLength(DEMO_RECORDS.length);
    expect(tickets.length).toBeGreaterThanOrEqual(55);
    const distinct = (values: readonly string[]) => [...new Set(values)].sort();
    expect(distinct(tickets.map((t) => t.status))).toEqual([...TICKET_STATUSES].sort());
    expect(distinct(tickets.map((t) => t.type))).toEqual([...TICKET_TYPES].sort());
    expect(distinct(tickets.map((t) => t.channel))).toEqual([...CHANNELS].sort());
    const now = h.clock.now().getTime();
    const received = tickets.map((t) => new Date(t.received_at).getTime());
    expect(Math.max(...received)).toBeLessThan(now);
    expect(Math.min(...received)).toBeGreaterThanOrEqual(now - 14 * DAY);
    // Spread over the fortnight: numbers carry the business day they were received on.
    expect(distinct(tickets.map((t) => t.number.split('-')[1]!)).length).toBeGreaterThanOrEqual(12);
    const categories = await h.deps.db.selectFrom('tickets').select('category_id').distinct().execute();
    expect(categories.length).toBeGreaterThanOrEqual(10);
  });

  it('writes timelines in time order, none later than now, each starting when its record came in', async () => {
    const events = await h.deps.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select(['e.ticket_id', 'e.kind', 'e.visibility', 'e.created_at', 't.received_at'])
      .orderBy('e.ticket_id')
      .orderBy('e.id')
      .execute();
    const now = h.clock.now().toISOString();
    let previous = { ticket: '', at: '' };
    for (const e of events) {
      if (e.ticket_id !== previous.ticket)
        expect(e).toMatchObject({ kind: 'created', created_at: e.received_at });
      else expect(e.created_at >= previous.at, `${e.kind} of ${e.ticket_id}`).toBe(true);
      expect(e.created_at <= now).toBe(true);
      previous = { ticket: e.ticket_id, at: e.created_at };
    }
    const comments = events.filter((e) => e.kind === 'comment');
    expect([...new Set(comments.map((c) => c.visibility))].sort()).toEqual(['internal', 'public']);
  });

  it('has a reopened job, paid lines, and a burst pipe reported by three households', async () => {
    const page = await get<PageOf<TicketSummary>>(agent, '/api/v1/tickets?queue=all&limit=100');
    expect(page.items).toHaveLength(DEMO_RECORDS.length);
    const reopened = page.items.filter((t) => t.reopenCount > 0);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.status).toBe('confirmed');
    const reopenedTimeline = await get<PageOf<TimelineEntry>>(
      agent,
      `/api/v1/tickets/${reopened[0]!.id}/timeline`,
    );
    expect(reopenedTimeline.items.map((e) => e.kind)).toContain('reopened');

    const charged = await h.deps.db
      .selectFrom('ticket_lines')
      .select(['ticket_id', 'amount_fen'])
      .where('kind', '=', 'charge')
      .execute();
    expect(new Set(charged.map((l) => l.ticket_id)).size).toBeGreaterThanOrEqual(5);
    const paid = await get<Ticket>(agent, `/api/v1/tickets/${charged[0]!.ticket_id}`);
    expect(paid.chargeTotalFen).toBeGreaterThan(0);

    const duplicates = await h.deps.db
      .selectFrom('tickets')
      .select(['id', 'master_id', 'house_id', 'status'])
      .where('master_id', 'is not', null)
      .execute();
    expect(duplicates).toHaveLength(2);
    const master = await get<Ticket>(agent, `/api/v1/tickets/${duplicates[0]!.master_id}`);
    expect(duplicates.every((d) => d.master_id === master.id)).toBe(true);
    expect(master.links.filter((l) => l.role === 'duplicate')).toHaveLength(2);
    expect(new Set([master.houseId, ...duplicates.map((d) => d.house_id)]).size).toBe(3);
    expect(master.status).toBe('visited');
    for (const d of duplicates) {
      expect(['completed', 'confirmed']).toContain(d.status);
      const timeline = await get<PageOf<TimelineEntry>>(agent, `/api/v1/tickets/${d.id}/timeline`);
      expect(timeline.items.map((e) => e.kind)).toContain('master_closed');
    }
  });

  it('gives each demo login something to work on within their scope', async () => {
    const tech = await signIn(h.app, 'tech', PASSWORD);
    const mine = await get<PageOf<TicketSummary>>(tech, '/api/v1/tickets?queue=mine&open=true');
    expect(mine.items.length).toBeGreaterThan(0);
    const butler = await signIn(h.app, 'butler', PASSWORD);
    const seen = await get<PageOf<TicketSummary>>(butler, '/api/v1/tickets?queue=all&limit=100');
    // The butler sees the homes and places of their buildings, not the estate-wide areas.
    expect(seen.items.length).toBeGreaterThan(30);
    expect(seen.items.length).toBeLessThan(DEMO_RECORDS.length);
    expect(seen.items.every((t) => t.buildingId !== null)).toBe(true);
    const unassigned = await get<PageOf<TicketSummary>>(agent, '/api/v1/tickets?queue=unassigned');
    expect(unassigned.items.map((t) => t.status)).toEqual(unassigned.items.map(() => 'received'));
    expect(unassigned.items.length).toBeGreaterThan(0);
  });

  it.skipIf(engine !== 'sqlite')('is the same every time it is loaded at the same moment', async () => {
    const again = await startTestApp(engine, { timeZone: 'Asia/Shanghai' });
    try {
      await loadDemo({ ...again.deps, config: again.config }, PASSWORD, { houses: 300 });
      expect(await fingerprint(again)).toEqual(tickets);
    } finally {
      await again.close();
    }
  });
});
