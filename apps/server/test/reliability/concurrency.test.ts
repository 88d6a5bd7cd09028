import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  BusinessCalendar,
  Category,
  Customer,
  House,
  PageOf,
  PolicyUpdated,
  StaffProfile,
  Ticket,
  TicketPromise,
  TimelineEntry,
  TimePolicy,
} from '@steward/contracts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { updateStaff } from '../../src/modules/servicedesk/index.ts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';
import { report, size } from './support.ts';

/**
 * Conflicting writes to one record from many clients at once, over real HTTP: the app listens on
 * 127.0.0.1 and every race is a burst of fetches from several signed-in users, so on PostgreSQL
 * the pool runs the transactions side by side and on SQLite they interleave at every await.
 * Whatever the interleaving: of N writers holding the same version exactly one wins and the rest
 * get a 409 that says why; the record ends as the winner's answer said; the timeline holds exactly
 * the winner's entry; appends are all kept; numbers stay unique and gapless; an Idempotency-Key
 * makes one record; nothing answers 5xx.
 */

/** Rounds of each race: the record-level races are cheap and run more often than the lifecycle. */
const ROUNDS = size(1, 10);
const QUICK_ROUNDS = size(3, 30);
const WRITERS = 16;
const CREATIONS = 64;
const IDEMPOTENT_CLIENTS = 8;

/** Entries the time standards add beside an action (clocks re-planned, promises settled). */
const TIME_STANDARD_KINDS = new Set([
  'clocks_set',
  'breached',
  'promise_made',
  'promise_kept',
  'promise_broken',
  'promise_withdrawn',
]);

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  client: string;
}

describeEngines('concurrency', (engine) => {
  let h: TestApp;
  let base: string;
  let org: TestOrg;
  let admin: Session;
  /** Staff who may dispatch, hold, cancel, reclassify and edit archives (managers, supervisors, agents). */
  let desk: Session[];
  /** Technicians of the engineering department: any of them may accept its unassigned jobs. */
  let techs: Session[];
  let managers: Session[];
  let house: House;
  let p: Awaited<ReturnType<typeof newProject>>;
  let categories: Category[];
  let eng: string;
  const category = (code: string) => categories.find((c) => c.code === code)!;

  const tally = { races: 0, requests: 0, wins: 0, conflicts: 0, appended: 0, created: 0, serverErrors: 0 };
  const serverErrors: string[] = [];

  beforeAll(async () => {
    h = await startTestApp(engine);
    base = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    org = await newOrg(h.deps);
    p = await newProject(h.deps, org, { code: uniqueName('C'), buildings: ['1', '2'] });
    house = await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '1502' });
    // Users made and signed in side by side: each costs a password hash (argon2 runs off the
    // main thread), and this setup is most of the short version's fixed cost.
    const roles = ['manager', 'manager', 'supervisor', 'supervisor', 'agent', 'agent'];
    const techRoles = ['technician', 'technician', 'technician', 'technician'];
    const users = await Promise.all(
      [...roles, ...techRoles].map((role) => newUser(h.deps, org, { roles: [role] })),
    );
    const sessions = await Promise.all([
      signIn(h.app, org.adminUsername, PASSWORD),
      ...users.map((u) => signIn(h.app, u.username, PASSWORD)),
    ]);
    admin = sessions[0]!;
    managers = sessions.slice(0, 3);
    desk = sessions.slice(0, 1 + roles.length);
    techs = sessions.slice(1 + roles.length);
    categories = (await call(admin, 'GET', '/api/v1/categories')).body.items as Category[];
    eng = category('WATER').departmentId!;
    for (const t of users.slice(roles.length))
      await updateStaff(h.deps as never, org.admin, SYSTEM_META, t.id, {
        departmentId: eng,
        skills: ['plumbing'],
        duties: [],
      });
  });

  afterAll(async () => {
    report(
      'concurrency',
      `${engine}: ${tally.races} races, ${tally.requests} requests: ${tally.wins} won, ${tally.conflicts} refused 409, ` +
        `${tally.appended} concurrent appends kept, ${tally.created} concurrent creations numbered, ${tally.serverErrors + serverErrors.length} 5xx`,
    );
    await h?.close();
  });

  /** One request over HTTP; a 5xx is remembered with its body (each test ends by asserting none). */
  async function call(s: Session, method: string, url: string, payload?: unknown, headers = {}) {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...s.headers,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (response.status >= 500) serverErrors.push(`${method} ${url} → ${response.status} ${text}`);
    return { status: response.status, body };
  }

  /** N clients, each with its own request, released together; answers in client order. */
  async function race(requests: { s: Session; method: string; url: string; payload?: unknown }[]) {
    tally.races += 1;
    tally.requests += requests.length;
    const answers = await Promise.all(
      requests.map(async (r, i) => ({ ...(await call(r.s, r.method, r.url, r.payload)), client: String(i) })),
    );
    return answers as Answer[];
  }

  /** Exactly one 2xx; every other answer a 409 with one of `codes` and a message. */
  function oneWinner(answers: Answer[], codes: string[]): Answer {
    const won = answers.filter((a) => a.status >= 200 && a.status < 300);
    const lost = answers.filter((a) => !(a.status >= 200 && a.status < 300));
    const summary = answers.map((a) => `${a.status} ${a.body?.error?.code ?? ''}`).join(', ');
    expect(won.length, summary).toBe(1);
    for (const a of lost) {
      expect(a.status, summary).toBe(409);
      expect(codes, summary).toContain(a.body.error.code);
      expect(a.body.error.message).toBeTruthy();
    }
    tally.wins += 1;
    tally.conflicts += lost.length;
    return won[0]!;
  }

  /** Each test answers for its own 5xx (the list is emptied; the count goes to the report). */
  const noServerErrors = () => {
    const seen = serverErrors.splice(0);
    tally.serverErrors += seen.length;
    expect(seen).toEqual([]);
  };
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;

  const repair = (extra: Record<string, unknown> = {}) => ({
    type: 'repair',
    channel: 'phone',
    urgency: 'general',
    categoryId: category('WATER-LEAK').id,
    description: '卫生间漏水，楼下天花板在滴水',
    houseId: house.id,
    reporterName: '王先生',
    reporterPhone: '138-1234-5678',
    ...extra,
  });
  const create = async (s: Session, body: Record<string, unknown>) => {
    const response = await call(s, 'POST', '/api/v1/tickets', body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as Ticket;
  };
  const getTicket = async (id: string) => (await call(admin, 'GET', `/api/v1/tickets/${id}`)).body as Ticket;
  const timeline = async (id: string) => {
    const entries: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: PageOf<TimelineEntry> = (
        await call(
          admin,
          'GET',
          `/api/v1/tickets/${id}/timeline?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
      ).body;
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return entries;
  };
  /** The lifecycle's entries, without those the time standards add beside them. */
  const lifecycle = (entries: TimelineEntry[]) => entries.filter((e) => !TIME_STANDARD_KINDS.has(e.kind));

  /** The timeline is oldest first, each entry once; the stored rows are exactly what it lists. */
  async function consistentTimeline(id: string): Promise<TimelineEntry[]> {
    const entries = await timeline(id);
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const stored = await h.deps.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', id)
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.id)).toEqual(ids);
    return entries;
  }

  /** How many lifecycle entries each raced record's timeline held after its last race. */
  const seen = new Map<string, number>();

  /**
   * One action from `clients` at once, all holding the ticket's current version: exactly one wins,
   * the version moves by one, and the timeline gains exactly one lifecycle entry, of `kind`.
   */
  async function sameAction(
    t: Ticket,
    action: string,
    kind: string,
    clients: Session[],
    extra: Record<string, unknown> = {},
  ): Promise<Ticket> {
    const before = seen.get(t.id) ?? lifecycle(await timeline(t.id)).length;
    const answers = await race(
      Array.from({ length: WRITERS }, (_, i) => ({
        s: pick(clients, i),
        method: 'POST',
        url: `/api/v1/tickets/${t.id}/actions/${action}`,
        payload: { version: t.version, ...extra },
      })),
    );
    const won = oneWinner(answers, ['VERSION_CONFLICT', 'ACTION_NOT_ALLOWED']).body as Ticket;
    expect(won.version, action).toBe(t.version + 1);
    const now = await getTicket(t.id);
    expect(now.version).toBe(t.version + 1);
    expect(now.status).toBe(won.status);
    const entries = lifecycle(await consistentTimeline(t.id));
    expect(
      entries.slice(before).map((e) => e.kind),
      action,
    ).toEqual([kind]);
    seen.set(t.id, entries.length);
    return now;
  }

  it('the same action with the same version from 16 clients: one wins, the version moves by one, one timeline entry', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      let t = await create(pick(desk, round), repair({ dispatch: 'none' }));
      expect(t.status).toBe('received');
      t = await sameAction(t, 'dispatch', 'dispatched', desk, { departmentId: eng });
      expect(t.department?.id).toBe(eng);
      expect(t.assignee).toBeNull();
      // Any technician of the department may take an unassigned job: four people, each twice.
      const accepted = await sameAction(t, 'accept', 'accepted', techs);
      const taker = techs.find((s) => s.user.id === accepted.assignee?.id);
      expect(taker).toBeDefined();
      // Field steps: the assignee and the desk (on their behalf) at once.
      const field = [taker!, ...desk];
      t = await sameAction(accepted, 'arrive', 'arrived', field);
      t = await sameAction(t, 'start', 'started', field);
      t = await sameAction(t, 'hold', 'held', field, { reason: 'parts' });
      t = await sameAction(t, 'resume', 'resumed', field);
      t = await sameAction(t, 'escalate', 'escalated', field, { note: '客户催促' });
      expect(t.escalationLevel).toBe(1);
      t = await sameAction(t, 'complete', 'completed', field, { note: '已更换阀门' });
      t = await sameAction(t, 'confirm', 'confirmed', desk, { method: 'phone', rating: 5 });
      t = await sameAction(t, 'reopen', 'reopened', desk, { reason: '仍在渗水' });
      expect(t.reopenCount).toBe(1);
      t = await sameAction(t, 'cancel', 'cancelled', desk, { reason: '客户自行处理' });
      expect(t.status).toBe('cancelled');
    }
    noServerErrors();
  });

  it('different conflicting actions on one version: exactly one wins and the record and timeline are the winner’s', async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < QUICK_ROUNDS; round++) {
      const t0 = await create(pick(desk, round), repair({ dispatch: { departmentId: eng } }));
      const accepted = (
        await call(pick(techs, round), 'POST', `/api/v1/tickets/${t0.id}/actions/accept`, {
          version: t0.version,
        })
      ).body as Ticket;
      expect(accepted.status).toBe('accepted');
      const taker = techs.find((s) => s.user.id === accepted.assignee?.id)!;
      const other = techs.find((s) => s !== taker)!;
      const v = accepted.version;
      const before = lifecycle(await timeline(t0.id)).length;
      // Eight different things to do with the same record at the same moment.
      const contenders: [string, Session, Record<string, unknown>, string][] = [
        ['cancel', pick(desk, round), { reason: '重复报修' }, 'cancelled'],
        ['dispatch', pick(desk, round + 1), { departmentId: eng, assigneeId: other.user.id }, 'dispatched'],
        ['hold', pick(desk, round + 2), { reason: 'customer' }, 'held'],
        ['reclassify', pick(desk, round + 3), { urgency: 'emergency' }, 'reclassified'],
        ['escalate', pick(desk, round + 4), { note: '升级' }, 'escalated'],
        ['arrive', taker, {}, 'arrived'],
        ['decline', taker, { reason: '不是我的片区' }, 'declined'],
        ['complete', taker, { note: '已处理' }, 'completed'],
      ];
      // Shuffled, so no action always leaves first.
      const order = contenders.map((c, i) => [c, (i * 5 + round * 3) % contenders.length] as const);
      order.sort((a, b) => a[1] - b[1]);
      const answers = await race(
        order.map(([[action, s, extra]]) => ({
          s,
          method: 'POST',
          url: `/api/v1/tickets/${t0.id}/actions/${action}`,
          payload: { version: v, ...extra },
        })),
      );
      const winner = oneWinner(answers, ['VERSION_CONFLICT', 'ACTION_NOT_ALLOWED']);
      const [action, , , kind] = order[Number(winner.client)]![0];
      outcomes.set(action, (outcomes.get(action) ?? 0) + 1);
      const won = winner.body as Ticket;
      const now = await getTicket(t0.id);
      expect(won.version).toBe(v + 1);
      // The record is what the winner was told, field by field that an action can change.
      for (const field of [
        'version',
        'status',
        'urgency',
        'escalationLevel',
        'holdReason',
        'completionNote',
        'closedAt',
      ] as const)
        expect(now[field], `${action}: ${field}`).toEqual(won[field]);
      expect(now.assignee?.id ?? null).toBe(won.assignee?.id ?? null);
      const added = lifecycle(await consistentTimeline(t0.id)).slice(before);
      expect(
        added.map((e) => e.kind),
        action,
      ).toEqual([kind]);
    }
    report(
      'concurrency',
      `${engine}: winners of the mixed-action races: ${[...outcomes].map(([a, n]) => `${a} ${n}`).join(', ')}`,
    );
    noServerErrors();
  });

  it('a reply to the customer and a hold at the same moment: both kept, the clocks consistent with both', async () => {
    let mixed = 0;
    for (let round = 0; round < QUICK_ROUNDS; round++) {
      const t0 = await create(pick(desk, round), repair({ dispatch: { departmentId: eng } }));
      const taker = pick(techs, round);
      const accepted = (
        await call(taker, 'POST', `/api/v1/tickets/${t0.id}/actions/accept`, { version: t0.version })
      ).body as Ticket;
      expect(accepted.status).toBe('accepted');
      // The first public reply stops the feedback clock; the hold pauses every running clock.
      const answers = await race([
        ...Array.from({ length: 3 }, (_, i) => ({
          s: pick(desk, round + i),
          method: 'POST',
          url: `/api/v1/tickets/${t0.id}/comments`,
          payload: { visibility: 'public', body: `已联系客户 ${i}` },
        })),
        {
          s: taker,
          method: 'POST',
          url: `/api/v1/tickets/${t0.id}/actions/hold`,
          payload: { version: accepted.version, reason: 'customer' },
        },
      ]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 200]);
      tally.appended += 3;
      tally.wins += 1;
      const now = await getTicket(t0.id);
      expect(now.status).toBe('on_hold');
      expect(now.version).toBe(accepted.version + 1);
      // The record runs a feedback clock (the default standard sets one) and, whichever came first,
      // the reply answered the customer: that clock has stopped.
      const feedback = now.clocks.find((c) => c.clock === 'feedback');
      expect(feedback, JSON.stringify(now.clocks)).toBeDefined();
      expect(feedback!.outcome, JSON.stringify(feedback)).not.toBe('running');
      // A clock is running (maybe paused) or stopped — never stopped and paused at once, which is
      // what a hold computed from clocks read before the reply committed would write.
      for (const c of now.clocks) {
        if (c.stoppedAt !== null && c.pausedAt !== null) mixed += 1;
        expect(c.stoppedAt !== null && c.pausedAt !== null, JSON.stringify(c)).toBe(false);
      }
      await consistentTimeline(t0.id);
    }
    expect(mixed).toBe(0);
    noServerErrors();
  });

  it('parallel edits of versioned records: one wins, the others 409, nothing silently overwritten', async () => {
    const phone = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;
    for (let round = 0; round < ROUNDS; round++) {
      // A customer: every editor keeps the stored number and adds one of their own.
      const customer = (
        await call(pick(managers, round), 'POST', '/api/v1/customers', {
          kind: 'person',
          name: `并发客户${round}`,
          phones: [{ phone: '13800001111' }],
          houses: [{ houseId: house.id, role: 'owner' }],
        })
      ).body as Customer;
      expect(customer.version).toBeGreaterThan(0);
      const answers = await race(
        Array.from({ length: WRITERS }, (_, i) => ({
          s: pick(managers, i),
          method: 'PATCH',
          url: `/api/v1/customers/${customer.id}`,
          payload: {
            version: customer.version,
            notes: `editor ${i}`,
            phones: [{ keep: 0 }, { phone: phone(round * 100 + i) }],
          },
        })),
      );
      const winner = oneWinner(answers, ['VERSION_CONFLICT']);
      const i = Number(winner.client);
      const stored = await h.deps.db
        .selectFrom('customer_phones')
        .select('phone')
        .where('customer_id', '=', customer.id)
        .orderBy('position')
        .execute();
      expect(stored.map((r) => r.phone)).toEqual(['13800001111', phone(round * 100 + i)]);
      const now = (await call(admin, 'GET', `/api/v1/customers/${customer.id}`)).body as Customer;
      expect(now.notes).toBe(`editor ${i}`);
      expect(now.version).toBe(customer.version + 1);
      expect(winner.body.version).toBe(customer.version + 1);
      const audited = await h.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'customer.updated')
        .where('target_id', '=', customer.id)
        .execute();
      expect(audited).toHaveLength(1);

      // A house.
      const target = await newHouse(h.deps, org, { buildingId: p.buildingIds[1]!, roomNo: `${round + 1}01` });
      const houseAnswers = await race(
        Array.from({ length: WRITERS }, (_, i) => ({
          s: pick(managers, i),
          method: 'PATCH',
          url: `/api/v1/houses/${target.id}`,
          payload: { version: target.version, floor: i + 1 },
        })),
      );
      const houseWinner = oneWinner(houseAnswers, ['VERSION_CONFLICT']);
      const houseNow = (await call(admin, 'GET', `/api/v1/houses/${target.id}`)).body as House;
      expect(houseNow.floor).toBe(Number(houseWinner.client) + 1);
      expect(houseNow.version).toBe(target.version + 1);

      // A business calendar and a time policy: each edit writes a new version of the policy.
      const calendars = (await call(admin, 'GET', '/api/v1/calendars')).body.items as BusinessCalendar[];
      const calendar = calendars[0]!;
      const calendarAnswers = await race(
        Array.from({ length: WRITERS }, (_, i) => ({
          s: pick(managers, i),
          method: 'PATCH',
          url: `/api/v1/calendars/${calendar.id}`,
          payload: { version: calendar.version, name: `日历 ${round}-${i}` },
        })),
      );
      const calendarWinner = oneWinner(calendarAnswers, ['VERSION_CONFLICT']);
      const calendarNow = (
        (await call(admin, 'GET', '/api/v1/calendars')).body.items as BusinessCalendar[]
      ).find((c) => c.id === calendar.id)!;
      expect(calendarNow.name).toBe(`日历 ${round}-${calendarWinner.client}`);
      expect(calendarNow.version).toBe(calendar.version + 1);

      const policies = (await call(admin, 'GET', '/api/v1/time-policies')).body.items as TimePolicy[];
      const policy = policies[policies.length - 1]!;
      const versionsBefore = await policyVersions(policy.id);
      const policyAnswers = await race(
        Array.from({ length: WRITERS }, (_, i) => ({
          s: pick(managers, i),
          method: 'PATCH',
          url: `/api/v1/time-policies/${policy.id}`,
          payload: { version: policy.version, name: `${policy.name.split(' #')[0]} #${round}-${i}` },
        })),
      );
      const policyWinner = oneWinner(policyAnswers, ['VERSION_CONFLICT']);
      const updated = (policyWinner.body as PolicyUpdated).policy;
      const policyNow = ((await call(admin, 'GET', '/api/v1/time-policies')).body.items as TimePolicy[]).find(
        (x) => x.id === policy.id,
      )!;
      expect(policyNow.name).toBe(updated.name);
      expect(updated.name.endsWith(`#${round}-${policyWinner.client}`)).toBe(true);
      expect(policyNow.version).toBe(policy.version + 1);
      // One snapshot per version, none twice and none skipped.
      expect(await policyVersions(policy.id)).toEqual([...versionsBefore, policy.version + 1]);
    }
    noServerErrors();
  });

  const policyVersions = async (id: string) =>
    (
      await h.deps.db
        .selectFrom('time_policy_versions')
        .select('version')
        .where('policy_id', '=', id)
        .orderBy('version')
        .execute()
    ).map((r) => Number(r.version));

  it('a staff profile written by several managers at once ends as exactly one of them wrote it', async () => {
    const person = await newUser(h.deps, org, { roles: ['technician'] });
    const duty = (b: number, d: 'butler' | 'technician') => ({ buildingId: p.buildingIds[b]!, duty: d });
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, person.id, {
      departmentId: eng,
      skills: ['plumbing'],
      duties: [duty(0, 'technician')],
    });
    for (let round = 0; round < QUICK_ROUNDS; round++) {
      // Department and skills as they are; every writer keeps the first duty and sets the others
      // its own way: a merge of two writes, or the kept duty twice, would show.
      const bodies = Array.from({ length: 8 }, (_, i) => ({
        departmentId: eng,
        skills: ['plumbing'],
        duties: [
          duty(0, 'technician'),
          ...(i % 4 === 0 ? [] : [duty(1, i % 2 ? 'technician' : 'butler')]),
          ...(i % 3 === 0 ? [duty(0, 'butler')] : []),
        ],
      }));
      const answers = await race(
        bodies.map((payload, i) => ({
          s: pick(managers, i),
          method: 'PUT',
          url: `/api/v1/staff/${person.id}`,
          payload,
        })),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
      tally.wins += answers.length;
      const stored = await h.deps.db
        .selectFrom('building_duties')
        .select(['building_id', 'duty'])
        .where('user_id', '=', person.id)
        .execute();
      const duties = stored.map((d) => `${d.building_id}/${d.duty}`).sort();
      expect(
        bodies.some(
          (b) =>
            JSON.stringify(b.duties.map((d) => `${d.buildingId}/${d.duty}`).sort()) ===
            JSON.stringify(duties),
        ),
        duties.join(', '),
      ).toBe(true);
      const profile = ((await call(admin, 'GET', '/api/v1/staff')).body.items as StaffProfile[]).find(
        (s) => s.userId === person.id,
      );
      expect(profile).toBeDefined();
    }
    noServerErrors();
  });

  it('appends from many clients are all kept: comments in one order, a promise settled once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = await create(pick(desk, round), repair());
      const before = await consistentTimeline(t.id);
      const answers = await race(
        Array.from({ length: WRITERS }, (_, i) => ({
          s: pick([...desk, ...techs], i),
          method: 'POST',
          url: `/api/v1/tickets/${t.id}/comments`,
          payload: { visibility: i % 4 === 0 ? 'public' : 'internal', body: `note ${round}-${i}` },
        })),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
      tally.appended += answers.length;
      const entries = await consistentTimeline(t.id);
      const comments = entries.filter((e) => e.kind === 'comment');
      expect(comments.map((c) => c.body).sort()).toEqual(
        Array.from({ length: WRITERS }, (_, i) => `note ${round}-${i}`).sort(),
      );
      // Each answer is the entry as stored, and a second read lists them in the same order.
      const byId = new Map(comments.map((c) => [c.id, c]));
      for (const a of answers) expect(byId.get(a.body.id)?.body).toBe(a.body.body);
      expect((await timeline(t.id)).map((e) => e.id)).toEqual(entries.map((e) => e.id));
      expect(entries.length).toBeGreaterThanOrEqual(before.length + WRITERS);
      // Comments are notes, not changes: the version is where it was.
      expect((await getTicket(t.id)).version).toBe(t.version);

      // A promise kept and withdrawn at the same moment by several people: settled once.
      const made = await call(pick(desk, round), 'POST', `/api/v1/tickets/${t.id}/promises`, {
        kind: 'callback',
        dueAt: new Date(h.clock.now().getTime() + 3_600_000).toISOString(),
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const promise = made.body as TicketPromise;
      const settle = await race(
        Array.from({ length: 8 }, (_, i) => ({
          s: pick(desk, i),
          method: 'POST',
          url: `/api/v1/tickets/${t.id}/promises/${promise.id}/${i % 2 ? 'keep' : 'withdraw'}`,
          payload: i % 2 ? { note: '已回电' } : { reason: '客户取消' },
        })),
      );
      const settled = oneWinner(settle, ['PROMISE_SETTLED']).body as TicketPromise;
      const after = (await getTicket(t.id)).promises.find((x) => x.id === promise.id)!;
      expect(after.status).toBe(settled.status);
      expect(['kept', 'withdrawn']).toContain(after.status);
      const entriesAfter = await consistentTimeline(t.id);
      const settledEntries = entriesAfter.filter(
        (e) => ['promise_kept', 'promise_withdrawn'].includes(e.kind) && e.data.promiseId === promise.id,
      );
      expect(settledEntries).toHaveLength(1);
    }
    noServerErrors();
  });

  it('a promise made while the record closes: no open promise is left on a closed record', async () => {
    const outcomes = { made: 0, refused: 0 };
    for (let round = 0; round < QUICK_ROUNDS; round++) {
      // Even rounds close by the customer's confirmation (from completed), odd ones by a cancel.
      const closing = round % 2 === 0 ? 'confirm' : 'cancel';
      const t0 = await create(pick(desk, round), repair({ dispatch: { departmentId: eng } }));
      const taker = pick(techs, round);
      let t = (await call(taker, 'POST', `/api/v1/tickets/${t0.id}/actions/accept`, { version: t0.version }))
        .body as Ticket;
      if (closing === 'confirm')
        t = (
          await call(taker, 'POST', `/api/v1/tickets/${t.id}/actions/complete`, {
            version: t.version,
            note: '已处理',
          })
        ).body as Ticket;
      const due = () => new Date(h.clock.now().getTime() + 3_600_000).toISOString();
      // A reply promise is already open: a new one replaces it (withdrawing the old one).
      const first = await call(pick(desk, round), 'POST', `/api/v1/tickets/${t.id}/promises`, {
        kind: 'reply',
        dueAt: due(),
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const version = (await getTicket(t.id)).version;
      const answers = await race([
        ...Array.from({ length: 3 }, (_, i) => ({
          s: pick(desk, round + i),
          method: 'POST',
          url: `/api/v1/tickets/${t.id}/promises`,
          payload: { kind: 'reply', dueAt: due(), note: `再次承诺 ${i}` },
        })),
        {
          s: pick(desk, round + 3),
          method: 'POST',
          url: `/api/v1/tickets/${t.id}/actions/${closing}`,
          payload: closing === 'confirm' ? { version, method: 'phone' } : { version, reason: '客户自行处理' },
        },
      ]);
      const summary = answers.map((a) => `${a.status} ${a.body?.error?.code ?? ''}`).join(', ');
      // The closing action holds the current version and nobody else changes the status: it wins.
      expect(answers[3]!.status, summary).toBe(200);
      tally.wins += 1;
      for (const a of answers.slice(0, 3)) {
        // A promise is made before the record closes (and then ended by the closing) or refused after.
        if (a.status === 201) outcomes.made += 1;
        else {
          expect(`${a.status} ${a.body?.error?.code}`, summary).toBe('409 PROMISE_CLOSED');
          outcomes.refused += 1;
          tally.conflicts += 1;
        }
      }
      const now = await getTicket(t.id);
      expect(now.status).toBe(closing === 'confirm' ? 'confirmed' : 'cancelled');
      const open = now.promises.filter((x) => x.status === 'open');
      expect(open, JSON.stringify(now.promises)).toEqual([]);
      // Every promise of the record (made by hand or by the record's standard) ends exactly once in
      // the timeline, and every one made by hand is among them.
      const entries = await consistentTimeline(t.id);
      const kinds = JSON.stringify(entries.map((e) => e.kind));
      const made = entries.filter((e) => e.kind === 'promise_made').map((e) => e.data.promiseId as string);
      const ended = entries
        .filter((e) => ['promise_kept', 'promise_withdrawn', 'promise_broken'].includes(e.kind))
        .map((e) => e.data.promiseId as string);
      expect(new Set(ended).size, kinds).toBe(ended.length);
      expect(ended, kinds).toEqual(expect.arrayContaining([...made, ...now.promises.map((x) => x.id)]));
    }
    report(
      'concurrency',
      `${engine}: promises raced against confirm/cancel: ${outcomes.made} made before the close, ${outcomes.refused} refused after`,
    );
    noServerErrors();
  });

  it(`${CREATIONS} records created at once get unique, gapless numbers`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Complaints: their own sequence, so the other tests' repairs do not interleave.
      const body = repair({ type: 'complaint', categoryId: category('NOISE').id, dispatch: 'none' });
      const last = await lastNumber('TS');
      const answers = await race(
        Array.from({ length: CREATIONS }, (_, i) => ({
          s: pick(desk, i),
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { ...body, description: `噪音扰民 ${round}-${i}` },
        })),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
      tally.created += answers.length;
      const seqs = answers.map((a) => Number((a.body as Ticket).number.split('-')[2])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: CREATIONS }, (_, i) => last + 1 + i));
      expect(await lastNumber('TS')).toBe(last + CREATIONS);
    }
    noServerErrors();
  });

  /** The highest sequence of a prefix among the stored records (0 when none). */
  async function lastNumber(prefix: string): Promise<number> {
    const rows = await h.deps.db
      .selectFrom('tickets')
      .select('number')
      .where('org_id', '=', org.orgId)
      .where('number', 'like', `${prefix}-%`)
      .execute();
    return Math.max(0, ...rows.map((r) => Number(r.number.split('-')[2])));
  }

  it('one Idempotency-Key from 8 clients at once makes one record, and every answer is that record', async () => {
    // The key belongs to its user: the same person from several browsers (sessions) at once.
    const agentUser = await newUser(h.deps, org, { roles: ['agent'] });
    // Four at once: the account's sign-in throttle refuses more than five simultaneous attempts.
    const sessions = await Promise.all(
      Array.from({ length: 4 }, () => signIn(h.app, agentUser.username, PASSWORD)),
    );
    for (let round = 0; round < QUICK_ROUNDS; round++) {
      const key = uniqueName('race');
      const description = `幂等 ${key}`;
      const last = await lastNumber('BX');
      tally.races += 1;
      tally.requests += IDEMPOTENT_CLIENTS;
      const answers = await Promise.all(
        Array.from({ length: IDEMPOTENT_CLIENTS }, (_, i) =>
          call(pick(sessions, i), 'POST', '/api/v1/tickets', repair({ description }), {
            'idempotency-key': key,
          }),
        ),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
      const ids = new Set(answers.map((a) => (a.body as Ticket).id));
      expect(ids.size).toBe(1);
      // Identical answers: the replays are the first answer as it was stored.
      const first = JSON.stringify(answers[0]!.body);
      for (const a of answers) expect(JSON.stringify(a.body)).toBe(first);
      const rows = await h.deps.db
        .selectFrom('tickets')
        .select('id')
        .where('description', '=', description)
        .execute();
      expect(rows).toHaveLength(1);
      // The twins that lost rolled their number back: the sequence moved by one.
      expect(await lastNumber('BX')).toBe(last + 1);
      tally.wins += 1;

      // The same key with different bodies at once: one record; the others are refused 409 or,
      // when they match the winner's body, answered with it.
      const key2 = uniqueName('clash');
      const clash = await Promise.all(
        Array.from({ length: IDEMPOTENT_CLIENTS }, (_, i) =>
          call(pick(sessions, i), 'POST', '/api/v1/tickets', repair({ description: `${key2} ${i % 2}` }), {
            'idempotency-key': key2,
          }),
        ),
      );
      tally.races += 1;
      tally.requests += IDEMPOTENT_CLIENTS;
      const created = clash.filter((a) => a.status === 201);
      expect(new Set(created.map((a) => (a.body as Ticket).id)).size).toBe(1);
      for (const a of clash.filter((x) => x.status !== 201)) {
        expect(a.status).toBe(409);
        expect(a.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
      }
      tally.conflicts += clash.length - created.length;
      const made = await h.deps.db
        .selectFrom('tickets')
        .select('description')
        .where('description', 'like', `${key2} %`)
        .execute();
      expect(made).toHaveLength(1);
      // Everyone who got a 201 sent the winner's body.
      for (const a of created) expect((a.body as Ticket).description).toBe(made[0]!.description);
    }
    noServerErrors();
  });
});
