import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  Category,
  House,
  KpiRow,
  PageOf,
  Ticket,
  TicketSummary,
  TimeStandardsDashboard,
} from '@steward/contracts';
import { CLOCKS } from '@steward/contracts/catalogues';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { MINUTE } from '../../src/platform/clock.ts';
import { updateStaff } from '../../src/modules/servicedesk/index.ts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';
/** 10:00 on Sunday 22 November 2026 in Shanghai: the service centre is working. */
const T0 = Date.parse('2026-11-22T02:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();
const OUTCOMES = ['met', 'breached', 'running'] as const;

describeEngines('time standards dashboard (服务时效看板) and its drill-down', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  let manager: Session;
  let supervisor: Session;
  let agent: Session;
  let tech: Session;
  let techId: string;
  let p1: Awaited<ReturnType<typeof newProject>>;
  let p2: Awaited<ReturnType<typeof newProject>>;
  let house1: House;
  let house2: House;
  let eng: string;
  let categories: Category[];
  const records: Record<string, Ticket> = {};

  const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: s.headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const create = async (house: House, extra: Record<string, unknown> = {}) => {
    const response = await call(admin, 'POST', '/api/v1/tickets', {
      type: 'repair',
      channel: 'phone',
      urgency: 'general',
      categoryId: categories.find((c) => c.code === 'WATER-LEAK')!.id,
      description: '厨房水管漏水',
      houseId: house.id,
      reporterName: '李女士',
      reporterPhone: '13900001111',
      dispatch: 'none',
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Ticket>();
  };
  /** An action on a record as it stands now, at a given minute after T0. */
  const act = async (s: Session, name: string, action: string, minute: number, body = {}) => {
    h.clock.set(at(minute));
    const current = (await call(s, 'GET', `/api/v1/tickets/${records[name]!.id}`)).json<Ticket>();
    const response = await call(s, 'POST', `/api/v1/tickets/${current.id}/actions/${action}`, {
      version: current.version,
      ...body,
    });
    expect(response.statusCode, `${name} ${action}: ${response.body}`).toBe(200);
  };
  const dispatch = (name: string, minute: number) =>
    act(admin, name, 'dispatch', minute, { departmentId: eng, assigneeId: techId });
  const reply = async (name: string, minute: number) => {
    h.clock.set(at(minute));
    const response = await call(admin, 'POST', `/api/v1/tickets/${records[name]!.id}/comments`, {
      visibility: 'public',
      body: '已安排师傅处理，请保持电话畅通',
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  const dashboard = async (s: Session, query = '') => {
    const response = await call(s, 'GET', `/api/v1/dashboard/time-standards${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<TimeStandardsDashboard>();
  };
  /** Every record of a queue query, following the cursor. */
  const drill = async (s: Session, params: Record<string, string>) => {
    const items: TicketSummary[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({
        queue: 'all',
        limit: '7',
        ...params,
        ...(cursor ? { cursor } : {}),
      });
      const response = await call(s, 'GET', `/api/v1/tickets?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<PageOf<TicketSummary>>();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const numbers = (items: TicketSummary[]) => items.map((t) => t.number).sort();
  const named = (...names: string[]) => names.map((n) => records[n]!.number).sort();

  /** Each number of a row equals the number of records its drill-down lists. */
  const expectDrillDownsMatch = async (
    s: Session,
    d: TimeStandardsDashboard,
    row: KpiRow,
    filter: Record<string, string>,
  ) => {
    const period = { receivedFrom: d.from, receivedTo: d.to, ...filter };
    expect((await drill(s, period)).length, `${row.name} received`).toBe(row.received);
    expect((await drill(s, { ...period, open: 'true' })).length, `${row.name} open`).toBe(row.open);
    expect((await drill(s, { ...period, completed: 'true' })).length, `${row.name} completed`).toBe(
      row.completed,
    );
    for (const clock of CLOCKS)
      for (const outcome of OUTCOMES)
        expect(
          (await drill(s, { ...period, clock, clockOutcome: outcome })).length,
          `${row.name || 'total'} ${clock} ${outcome}`,
        ).toBe(row.clocks[clock][outcome]);
  };

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    p1 = await newProject(h.deps, org, { buildings: ['1'] });
    p2 = await newProject(h.deps, org, { buildings: ['1'] });
    house1 = await newHouse(h.deps, org, { buildingId: p1.buildingIds[0]!, roomNo: '101' });
    house2 = await newHouse(h.deps, org, { buildingId: p2.buildingIds[0]!, roomNo: '201' });
    const m = await newUser(h.deps, org, { roles: ['manager'] });
    const s = await newUser(h.deps, org, {
      roles: ['supervisor'],
      scope: { all: false, projects: [{ projectId: p1.id, buildingIds: [] }] },
    });
    const a = await newUser(h.deps, org, { roles: ['agent'] });
    const t = await newUser(h.deps, org, { roles: ['technician'] });
    techId = t.id;
    const signInAll = async () => {
      admin = await signIn(h.app, org.adminUsername, PASSWORD);
      manager = await signIn(h.app, m.username, PASSWORD);
      supervisor = await signIn(h.app, s.username, PASSWORD);
      agent = await signIn(h.app, a.username, PASSWORD);
      tech = await signIn(h.app, t.username, PASSWORD);
    };

    // Before the periods: last month (23:30 on 31 October in Shanghai), and yesterday's last minute.
    h.clock.set('2026-10-31T15:30:00.000Z');
    await signInAll();
    categories = (await call(admin, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items;
    eng = categories.find((c) => c.code === 'WATER')!.departmentId!;
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, techId, {
      departmentId: eng,
      skills: ['plumbing'],
      duties: [p1, p2].map((p) => ({ buildingId: p.buildingIds[0]!, duty: 'technician' as const })),
    });
    records.O = await create(house1);
    h.clock.set('2026-11-21T15:59:00.000Z');
    await signInAll();
    records.Y = await create(house1);
    // Today from its first instant (00:00 in Shanghai), before the service centre opens.
    h.clock.set('2026-11-21T16:00:00.000Z');
    records.Z = await create(house2);

    h.clock.set(at(0));
    await signInAll();
    for (const name of ['A', 'B', 'C', 'G']) records[name] = await create(house1);
    for (const name of ['D', 'E', 'F']) records[name] = await create(house2);
    // A: everything in time. B: never dispatched. C: dispatched late. D: cancelled. E: dispatched,
    // never accepted. F: dispatched late, accept still running. G: accepted, then on hold.
    await dispatch('E', 1);
    await dispatch('G', 1);
    await dispatch('A', 2);
    await act(tech, 'G', 'accept', 2);
    await act(admin, 'D', 'cancel', 3, { reason: '业主自行处理' });
    await act(tech, 'G', 'hold', 3, { reason: 'parts' });
    await act(tech, 'A', 'accept', 4);
    await act(tech, 'A', 'arrive', 6);
    await act(tech, 'A', 'complete', 8, { note: '更换阀门' });
    await reply('A', 9);
    await dispatch('C', 10);
    // The reply promised within 10 minutes comes two minutes late: a broken promise.
    await reply('C', 12);
    await dispatch('F', 25);
  });
  afterAll(() => h.close());

  it('today: volume, each clock’s outcomes and rate, promises, by project and department', async () => {
    h.clock.set(at(30));
    const d = await dashboard(manager, '?period=today');
    expect(d.period).toBe('today');
    // Local midnight to local midnight in Shanghai.
    expect([d.from, d.to]).toEqual(['2026-11-21T16:00:00.000Z', '2026-11-22T16:00:00.000Z']);
    expect(d.total).toMatchObject({ id: null, received: 8, completed: 1, open: 6 });
    // Dispatch: A, E, G in time; B and Z still undispatched past the deadline, C and F late; D cancelled.
    expect(d.total.clocks.dispatch).toEqual({ met: 3, breached: 4, running: 0, rate: 3 / 7 });
    // Accept runs from each dispatch: A and G in time, C and E past it, F still running.
    expect(d.total.clocks.accept).toEqual({ met: 2, breached: 2, running: 1, rate: 0.5 });
    // Arrival: A in time; Z (since 08:00) is past its hour; G is on hold, so running.
    expect(d.total.clocks.arrive).toEqual({ met: 1, breached: 1, running: 5, rate: 0.5 });
    expect(d.total.clocks.feedback).toMatchObject({ met: 2, breached: 0, rate: 1 });
    expect(d.promises).toEqual({ kept: 1, broken: 1, open: 5, rate: 0.5 });

    expect(d.byProject.map((r) => [r.id, r.name, r.received])).toEqual(
      expect.arrayContaining([
        [p1.id, p1.name, 4],
        [p2.id, p2.name, 4],
      ]),
    );
    expect(d.byProject).toHaveLength(2);
    // The department the five dispatched records went to, then the records nobody was dispatched to.
    expect(d.byDepartment.map((r) => [r.id, r.received])).toEqual([
      [eng, 5],
      [null, 3],
    ]);
    expect(d.byDepartment[1]!.name).toBe('');
    for (const rows of [d.byProject, d.byDepartment])
      for (const clock of CLOCKS)
        for (const outcome of OUTCOMES)
          expect(
            rows.reduce((sum, r) => sum + r.clocks[clock][outcome], 0),
            `${clock} ${outcome}`,
          ).toBe(d.total.clocks[clock][outcome]);

    // A project filter gives exactly that project's row.
    const one = await dashboard(manager, `?period=today&projectId=${p1.id}`);
    const row = d.byProject.find((r) => r.id === p1.id)!;
    expect({ ...one.total, id: row.id, name: row.name }).toEqual(row);
    const dept = await dashboard(manager, `?departmentId=${eng}`);
    expect(dept.total.received).toBe(5);
    expect(dept.byDepartment.map((r) => r.id)).toEqual([eng]);
  });

  it('month: from the 1st 00:00 to the next 1st, local time; today is the default period', async () => {
    h.clock.set(at(30));
    const month = await dashboard(admin, '?period=month');
    expect([month.from, month.to]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
    // Yesterday's record counts; the one of 31 October does not.
    expect(month.total.received).toBe(9);
    expect(numbers(await drill(admin, { receivedFrom: month.from, receivedTo: month.to }))).not.toContain(
      records.O!.number,
    );
    const today = await dashboard(admin);
    expect(today.period).toBe('today');
    expect(today.total.received).toBe(8);
  });

  it('every number equals the records its drill-down lists, in total, per project and per department', async () => {
    h.clock.set(at(30));
    const d = await dashboard(admin, '?period=today');
    await expectDrillDownsMatch(admin, d, d.total, {});
    for (const row of d.byProject) await expectDrillDownsMatch(admin, d, row, { projectId: row.id! });
    for (const row of d.byDepartment)
      await expectDrillDownsMatch(
        admin,
        d,
        row,
        row.id === null ? { undispatched: 'true' } : { departmentId: row.id },
      );
    expect(d.byDepartment.some((r) => r.id === null)).toBe(true);
    // Which records, not just how many.
    const period = { receivedFrom: d.from, receivedTo: d.to };
    expect(numbers(await drill(admin, { ...period, clock: 'dispatch', clockOutcome: 'breached' }))).toEqual(
      named('B', 'C', 'F', 'Z'),
    );
    expect(numbers(await drill(admin, { ...period, clock: 'dispatch', clockOutcome: 'cancelled' }))).toEqual(
      named('D'),
    );
    // A clock alone: the records that have it (accept starts at a dispatch).
    expect(numbers(await drill(admin, { ...period, clock: 'accept' }))).toEqual(
      named('A', 'C', 'E', 'F', 'G'),
    );

    const month = await dashboard(admin, '?period=month');
    await expectDrillDownsMatch(admin, month, month.total, {});
  });

  it('a paused clock is judged when it paused: the hold outlasting the old deadline is no breach', async () => {
    h.clock.set(at(65));
    const d = await dashboard(admin);
    // B, C, E and F ran past 11:00 without anyone on site; G is on hold since 10:03.
    expect(d.total.clocks.arrive).toEqual({ met: 1, breached: 5, running: 1, rate: 1 / 6 });
    expect(
      numbers(
        await drill(admin, {
          receivedFrom: d.from,
          receivedTo: d.to,
          clock: 'arrive',
          clockOutcome: 'running',
        }),
      ),
    ).toEqual(named('G'));
    await expectDrillDownsMatch(admin, d, d.total, {});
  });

  it('scope: a supervisor of one project sees only its numbers; roles without kpi.view are refused', async () => {
    h.clock.set(at(30));
    const all = await dashboard(admin);
    const mine = await dashboard(supervisor);
    const p1Row = all.byProject.find((r) => r.id === p1.id)!;
    expect(mine.byProject).toEqual([p1Row]);
    expect({ ...mine.total, id: p1Row.id, name: p1Row.name }).toEqual(p1Row);
    await expectDrillDownsMatch(supervisor, mine, mine.total, {});
    // Another project's figures do not leak through a filter: nothing, as the queue shows nothing.
    const elsewhere = await dashboard(supervisor, `?projectId=${p2.id}`);
    expect(elsewhere.total).toMatchObject({ received: 0, completed: 0, open: 0 });
    expect(elsewhere.byProject).toEqual([]);
    expect(await drill(supervisor, { receivedFrom: all.from, receivedTo: all.to, projectId: p2.id })).toEqual(
      [],
    );

    for (const s of [agent, tech]) {
      const refused = await call(s, 'GET', '/api/v1/dashboard/time-standards');
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    }
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/dashboard/time-standards' })).statusCode).toBe(
      401,
    );
  });

  it('bad input: an unknown period or id format is a 400; an unknown project is simply empty', async () => {
    h.clock.set(at(30));
    for (const query of ['?period=year', '?projectId=p1', '?departmentId=1', '?extra=1&period=week']) {
      const response = await call(admin, 'GET', `/api/v1/dashboard/time-standards${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await dashboard(admin, `?projectId=${UNKNOWN}`);
    expect(unknown.total.received).toBe(0);
    expect(unknown.total.clocks.dispatch).toEqual({ met: 0, breached: 0, running: 0, rate: null });
    expect(unknown.promises).toEqual({ kept: 0, broken: 0, open: 0, rate: null });
    expect(unknown.byProject).toEqual([]);
    expect(await drill(admin, { projectId: UNKNOWN })).toEqual([]);

    // An outcome needs its clock.
    const noClock = await call(admin, 'GET', '/api/v1/tickets?clockOutcome=breached', undefined);
    expect(noClock.statusCode).toBe(400);
    expect(noClock.json<{ error: { code: string; message: string } }>().error.code).toBe('CLOCK_REQUIRED');
    const en = await h.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?clockOutcome=met',
      headers: { ...admin.headers, 'accept-language': 'en-US' },
    });
    expect(en.json<{ error: { message: string } }>().error.message).toMatch(/needs a clock/);
    for (const query of [
      'clock=lunch',
      'clockOutcome=late&clock=accept',
      'due=later',
      'receivedFrom=yesterday',
    ])
      expect((await call(admin, 'GET', `/api/v1/tickets?${query}`)).statusCode, query).toBe(400);
  });

  it('queue filters: overdue and due soon, read in deadline order', async () => {
    // 10:34: F's accept clock (10:25–10:35) is past its warning at 80 %.
    h.clock.set(at(34));
    const now = at(34);
    const everything = await drill(admin, {});
    const overdue = await drill(admin, { due: 'overdue', sort: 'due' });
    const soon = await drill(admin, { due: 'soon', sort: 'due' });
    expect(numbers(overdue)).toEqual(
      numbers(everything.filter((t) => t.nextDueAt !== null && t.nextDueAt <= now)),
    );
    expect(numbers(soon)).toEqual(
      numbers(everything.filter((t) => t.nextWarnAt !== null && t.nextWarnAt <= now && t.nextDueAt! > now)),
    );
    expect(numbers(overdue)).toEqual(expect.arrayContaining(named('B', 'E', 'Z', 'Y', 'O')));
    expect(numbers(soon)).toEqual(named('F'));
    // In deadline order, across pages.
    const dues = overdue.map((t) => t.nextDueAt!);
    expect(dues).toEqual([...dues].sort());
    // Combined with the other filters.
    expect(numbers(await drill(admin, { due: 'overdue', projectId: p2.id }))).toEqual(
      numbers(overdue.filter((t) => t.projectId === p2.id)),
    );
    // Nothing closed or on hold is overdue: their clocks are stopped or paused.
    for (const name of ['A', 'D', 'G']) expect(numbers(overdue)).not.toContain(records[name]!.number);
  });
});
