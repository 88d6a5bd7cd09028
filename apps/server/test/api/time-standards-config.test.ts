import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  BusinessCalendar,
  Category,
  CreateCalendarBody,
  CreatePolicyBody,
  House,
  PolicyUpdated,
  Ticket,
  TimePolicy,
} from '@steward/contracts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';

type Method = 'GET' | 'POST' | 'PATCH';
type ErrorJson = { error: { code: string; message: string; details?: Record<string, unknown> } };

describeEngines('time standards configuration: calendars and policies', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;
  let intruder: Session;
  let reader: Session;
  let outsider: Session;
  let scoped: Session;
  let p: Awaited<ReturnType<typeof newProject>>;
  let elsewhere: Awaited<ReturnType<typeof newProject>>;
  let house: House;
  let categories: Category[];
  const category = (code: string) => categories.find((c) => c.code === code)!;

  const call = (s: Session, method: Method, url: string, payload?: unknown, locale?: string) =>
    h.app.inject({
      method,
      url,
      headers: { ...s.headers, ...(locale ? { 'accept-language': locale } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const fields = (response: { json(): ErrorJson }) =>
    ((response.json().error.details?.fields as { field: string }[] | undefined) ?? [])
      .map((f) => f.field)
      .sort();
  const field = (response: { json(): ErrorJson }) => {
    const named = fields(response);
    return named.length === 1 ? named[0] : undefined;
  };
  const calendars = async (s = admin) =>
    (await call(s, 'GET', '/api/v1/calendars')).json<{ items: BusinessCalendar[] }>().items;
  const calendarNamed = async (name: string, s = admin) => (await calendars(s)).find((c) => c.name === name)!;
  const policies = async (s = admin) =>
    (await call(s, 'GET', '/api/v1/time-policies')).json<{ items: TimePolicy[] }>().items;
  const policyNamed = async (name: string, s = admin) => (await policies(s)).find((x) => x.name === name)!;
  const versions = (policyId: string) =>
    h.deps.db
      .selectFrom('time_policy_versions')
      .selectAll()
      .where('policy_id', '=', policyId)
      .orderBy('version')
      .execute();
  /** Everything these endpoints may write, to prove a refusal changed nothing. */
  const snapshot = async () => {
    const db = h.deps.db;
    return JSON.stringify(
      await Promise.all([
        db.selectFrom('business_calendars').selectAll().orderBy('id').execute(),
        db.selectFrom('time_policies').selectAll().orderBy('id').execute(),
        db.selectFrom('time_policy_versions').selectAll().orderBy('policy_id').orderBy('version').execute(),
        db.selectFrom('audit_log').select('id').orderBy('id').execute(),
      ]),
    );
  };
  const office = (start = '08:30', end = '17:30') => [{ start, end }];
  const weekdays = (periods: { start: string; end: string }[]) => [
    periods,
    periods,
    periods,
    periods,
    periods,
    [],
    [],
  ];
  const newCalendar = (extra: Partial<CreateCalendarBody> = {}): CreateCalendarBody => ({
    name: '工程部工作时间',
    alwaysOpen: false,
    week: weekdays([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]),
    days: [],
    ...extra,
  });
  const newPolicy = async (extra: Partial<CreatePolicyBody> = {}): Promise<CreatePolicyBody> => ({
    name: '水电报修（一期）',
    type: 'repair',
    categoryId: category('WATER').id,
    urgency: null,
    projectId: p.id,
    calendarId: (await calendarNamed('服务中心工作时间')).id,
    clocks: { dispatch: 5, accept: 15, arrive: 45, complete: 480, feedback: 'same_day' },
    promiseMinutes: 10,
    warnPercent: 75,
    ladder: [
      { afterMinutes: 0, notify: ['handler'] },
      { afterMinutes: 30, notify: ['supervisor', 'receiver'] },
    ],
    repeatMinutes: null,
    ...extra,
  });
  const match = async (q: { type: string; code: string; urgency: string; projectId?: string }, s = admin) => {
    const query = new URLSearchParams({
      type: q.type,
      categoryId: category(q.code).id,
      urgency: q.urgency,
      projectId: q.projectId ?? p.id,
    });
    const response = await call(s, 'GET', `/api/v1/time-policies/match?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<TimePolicy>().name;
  };

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps, 'A 物业');
    other = await newOrg(h.deps, 'B 物业');
    p = await newProject(h.deps, org, { buildings: ['1'] });
    elsewhere = await newProject(h.deps, org, { buildings: ['1'] });
    house = await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '101' });
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
    intruder = await signIn(h.app, other.adminUsername, PASSWORD);
    categories = (await call(admin, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items;
    const role = async (code: string, permissions: string[]) =>
      expect((await call(admin, 'POST', '/api/v1/roles', { code, name: code, permissions })).statusCode).toBe(
        201,
      );
    await role('desk_reader', ['tickets.read']);
    await role('dashboard_only', ['dashboard.view']);
    await role('desk_setup', ['tickets.read', 'servicedesk.configure']);
    reader = await signIn(h.app, (await newUser(h.deps, org, { roles: ['desk_reader'] })).username, PASSWORD);
    outsider = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['dashboard_only'] })).username,
      PASSWORD,
    );
    scoped = await signIn(
      h.app,
      (
        await newUser(h.deps, org, {
          roles: ['desk_setup'],
          scope: { all: false, projects: [{ projectId: p.id, buildingIds: [] }] },
        })
      ).username,
      PASSWORD,
    );
  });
  afterAll(() => h.close());

  it('shows the seeded calendars and standards to anyone who reads records, general before specific', async () => {
    const cals = await calendars(reader);
    expect(cals.map((c) => c.name)).toEqual([
      '全天候（24×7）',
      '服务中心工作时间',
      '行政办公时间（法定节假日）',
    ]);
    expect(cals[0]).toMatchObject({ alwaysOpen: true, active: true, version: 1, policyCount: 2 });
    expect(cals[1]!.week[0]).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
    expect(cals[2]!.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });

    const list = await policies(reader);
    expect(list[0]).toMatchObject({
      name: '默认标准',
      type: null,
      categoryId: null,
      urgency: null,
      projectId: null,
      calendarName: '服务中心工作时间',
      warnPercent: 80,
      openRecords: 0,
      version: 1,
    });
    const lift = list.find((x) => x.name === '电梯困人')!;
    expect(lift).toMatchObject({
      urgency: 'emergency',
      categoryId: category('LIFT-TRAPPED').id,
      categoryName: category('LIFT-TRAPPED').name,
      calendarName: '全天候（24×7）',
      clocks: { dispatch: 1, accept: 3, arrive: 10, complete: 60, feedback: 30 },
    });
    // The most specific (urgency and category) comes last.
    expect(list.at(-1)!.name).toBe('电梯困人');
    expect(list.find((x) => x.name === '一般报修')!.clocks.feedback).toBe('same_day');
    // Another organisation sees only its own.
    expect((await policies(intruder)).map((x) => x.id)).not.toContain(lift.id);
  });

  it('creates and edits a calendar with lunch breaks, holidays and make-up days; versions and audit', async () => {
    const created = await call(
      admin,
      'POST',
      '/api/v1/calendars',
      newCalendar({
        name: '  工程部工作时间 ',
        days: [
          { date: '2026-10-10', kind: 'workday', name: '国庆调休', hours: office('09:00', '12:00') },
          { date: '2026-10-01', kind: 'holiday', name: ' 国庆节 ' },
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const cal = created.json<BusinessCalendar>();
    expect(cal).toMatchObject({ name: '工程部工作时间', active: true, version: 1, policyCount: 0 });
    // Dates in order, names trimmed.
    expect(cal.days).toEqual([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'workday', name: '国庆调休', hours: [{ start: '09:00', end: '12:00' }] },
    ]);

    const edited = await call(admin, 'PATCH', `/api/v1/calendars/${cal.id}`, {
      version: 1,
      days: [...cal.days, { date: '2026-10-02', kind: 'holiday', name: '国庆节' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<BusinessCalendar>()).toMatchObject({ version: 2 });
    expect(edited.json<BusinessCalendar>().days.map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-10',
    ]);

    const before = await snapshot();
    const stale = await call(admin, 'PATCH', `/api/v1/calendars/${cal.id}`, { version: 1, name: '过期' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await snapshot()).toBe(before);

    // 24×7 needs no hours; a body that changes nothing keeps the version.
    const open = await call(admin, 'PATCH', `/api/v1/calendars/${cal.id}`, {
      version: 2,
      alwaysOpen: true,
      week: [[], [], [], [], [], [], []],
    });
    expect(open.json()).toMatchObject({ alwaysOpen: true, version: 3 });
    const same = await call(admin, 'PATCH', `/api/v1/calendars/${cal.id}`, { version: 3, alwaysOpen: true });
    expect(same.json()).toMatchObject({ version: 3 });

    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'servicedesk.configured')
      .where('target_id', '=', cal.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).change)).toEqual(['created', 'updated', 'updated']);
    expect(JSON.parse(audit[2]!.details)).toMatchObject({
      entity: 'calendar',
      name: '工程部工作时间',
      changes: { alwaysOpen: { from: false, to: true }, week: { changed: true } },
    });
  });

  it('refuses calendars it cannot count in, naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const refuse = async (body: unknown, code: string, expected: string | string[]) => {
      const response = await call(admin, 'POST', '/api/v1/calendars', body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe(code);
      if (Array.isArray(expected)) expect(fields(response)).toEqual(expected);
      else expect(field(response)).toBe(expected);
      return response;
    };
    const overlap = await refuse(
      newCalendar({
        week: weekdays([
          { start: '08:00', end: '12:30' },
          { start: '12:00', end: '17:00' },
        ]),
      }),
      'CALENDAR_INTERVALS_OVERLAP',
      'body.week.0.1',
    );
    expect(overlap.json().error.message).toContain('周一第 2 段');
    const english = await call(
      admin,
      'POST',
      '/api/v1/calendars',
      newCalendar({ week: [[], [], [{ start: '18:00', end: '09:00' }], [], [], [], []] }),
      'en-US',
    );
    expect(english.json().error).toMatchObject({ code: 'CALENDAR_INTERVAL_EMPTY' });
    expect(english.json().error.message).toBe('Wednesday, period 1: the end must be after the start');
    expect(field(english)).toBe('body.week.2.0');
    await refuse(
      newCalendar({
        week: [
          [
            { start: '13:00', end: '17:00' },
            { start: '08:00', end: '12:00' },
          ],
          [],
          [],
          [],
          [],
          [],
          [],
        ],
      }),
      'CALENDAR_INTERVALS_OVERLAP',
      'body.week.0.1',
    );
    await refuse(
      newCalendar({ week: [[], [], [], [], [], [], []] }),
      'CALENDAR_NO_WORKING_TIME',
      'body.week',
    );
    await refuse(
      newCalendar({
        days: [
          { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
          { date: '2026-05-01', kind: 'workday', name: '重复' },
        ],
      }),
      'CALENDAR_DAY_DUPLICATE',
      'body.days.1.date',
    );
    await refuse(
      newCalendar({ days: [{ date: '2026-05-01', kind: 'holiday', name: 'x', hours: office() }] }),
      'CALENDAR_HOLIDAY_HOURS',
      'body.days.0.hours',
    );
    await refuse(
      newCalendar({ days: [{ date: '2026-05-09', kind: 'workday', name: 'x', hours: [] }] }),
      'CALENDAR_WORKDAY_NO_HOURS',
      'body.days.0.hours',
    );
    await refuse(
      newCalendar({
        days: [{ date: '2026-05-09', kind: 'workday', name: 'x', hours: office('12:00', '09:00') }],
      }),
      'CALENDAR_INTERVAL_EMPTY',
      'body.days.0.hours.0',
    );
    await refuse({ ...newCalendar(), name: '   ' }, 'NAME_BLANK', 'body.name');
    // The schema: six days, a time that does not exist, a date that does not exist, unknown fields.
    await refuse(
      {
        ...newCalendar({ days: [{ date: '2026-02-30', kind: 'holiday', name: 'x' }] }),
        week: [office('08:00', '25:00'), [], [], [], [], []],
        extra: 1,
      },
      'VALIDATION_FAILED',
      ['body.days.0.date', 'body.extra', 'body.week', 'body.week.0.0.end'],
    );
    const cal = await calendarNamed('服务中心工作时间');
    const patch = await call(admin, 'PATCH', `/api/v1/calendars/${cal.id}`, {
      version: cal.version,
      week: [[{ start: '09:00', end: '09:00' }], [], [], [], [], [], []],
    });
    expect(patch.json().error.code).toBe('CALENDAR_INTERVAL_EMPTY');
    expect(await snapshot()).toBe(before);
  });

  it('will not retire a calendar that standards in force count in; a retired one cannot be chosen', async () => {
    const service = await calendarNamed('服务中心工作时间');
    const before = await snapshot();
    const inUse = await call(admin, 'PATCH', `/api/v1/calendars/${service.id}`, {
      version: service.version,
      active: false,
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('CALENDAR_IN_USE');
    expect(inUse.json().error.details.policies).toEqual(
      expect.arrayContaining(['默认标准', '一般报修', '投诉']),
    );
    expect(inUse.json().error.message).toContain('一般报修');
    expect(await snapshot()).toBe(before);

    const spare = (
      await call(admin, 'POST', '/api/v1/calendars', newCalendar({ name: '备用日历' }))
    ).json<BusinessCalendar>();
    const off = await call(admin, 'PATCH', `/api/v1/calendars/${spare.id}`, { version: 1, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    const named = await call(
      admin,
      'POST',
      '/api/v1/time-policies',
      await newPolicy({ calendarId: spare.id }),
    );
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('CALENDAR_INACTIVE');
    expect(field(named)).toBe('body.calendarId');
  });

  it('makes a new version of every standard naming a calendar whose hours change', async () => {
    const always = await calendarNamed('全天候（24×7）');
    const emergency = await policyNamed('紧急事件');
    const response = await call(admin, 'PATCH', `/api/v1/calendars/${always.id}`, {
      version: always.version,
      name: '全天候',
      days: [{ date: '2026-12-31', kind: 'holiday', name: '停电检修' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await policyNamed('紧急事件')).version).toBe(emergency.version + 1);
    const rows = await versions(emergency.id);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(JSON.parse(rows[1]!.snapshot)).toMatchObject({
      name: '紧急事件',
      urgency: 'emergency',
      calendarId: always.id,
      clocks: emergency.clocks,
      calendar: {
        name: '全天候',
        alwaysOpen: true,
        days: [{ date: '2026-12-31', kind: 'holiday', name: '停电检修' }],
      },
    });
    expect(rows[1]!.created_by).toBe(org.admin.userId);
  });

  it('creates a standard for a type, category and project, with its first version and audit', async () => {
    const response = await call(admin, 'POST', '/api/v1/time-policies', await newPolicy());
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<TimePolicy>();
    expect(created).toMatchObject({
      name: '水电报修（一期）',
      type: 'repair',
      categoryId: category('WATER').id,
      categoryName: '水电',
      urgency: null,
      projectId: p.id,
      projectName: p.name,
      calendarName: '服务中心工作时间',
      clocks: { dispatch: 5, accept: 15, arrive: 45, complete: 480, feedback: 'same_day' },
      warnPercent: 75,
      active: true,
      version: 1,
      openRecords: 0,
    });
    const rows = await versions(created.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.snapshot)).toMatchObject({
      name: '水电报修（一期）',
      type: 'repair',
      projectId: p.id,
      promiseMinutes: 10,
      ladder: [
        { afterMinutes: 0, notify: ['handler'] },
        { afterMinutes: 30, notify: ['supervisor', 'receiver'] },
      ],
      calendar: { name: '服务中心工作时间', alwaysOpen: false },
    });
    expect(JSON.parse(rows[0]!.snapshot).calendar.week).toHaveLength(7);
    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('servicedesk.configured');
    expect(JSON.parse(audit.details)).toMatchObject({
      entity: 'time_policy',
      change: 'created',
      type: 'repair',
    });

    // The same four traits again: refused, naming the standard that has them.
    const before = await snapshot();
    const twin = await call(admin, 'POST', '/api/v1/time-policies', await newPolicy({ name: '另一个' }));
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error).toMatchObject({
      code: 'POLICY_MATCH_TAKEN',
      details: { policyId: created.id, policyName: '水电报修（一期）' },
    });
    expect(twin.json().error.message).toContain('水电报修（一期）');
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad standards and other organisations’ ids, changing nothing', async () => {
    const theirs = {
      category: (await call(intruder, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items[0]!
        .id,
      calendar: (await calendars(intruder))[0]!.id,
      project: (await newProject(h.deps, other, { buildings: ['1'] })).id,
    };
    const before = await snapshot();
    const refuse = async (extra: Partial<CreatePolicyBody>, status: number, code: string, where?: string) => {
      const response = await call(admin, 'POST', '/api/v1/time-policies', await newPolicy(extra));
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.code).toBe(code);
      if (where) expect(field(response)).toBe(where);
    };
    await refuse({ categoryId: theirs.category }, 404, 'NOT_FOUND', 'body.categoryId');
    await refuse({ categoryId: UNKNOWN }, 404, 'NOT_FOUND', 'body.categoryId');
    await refuse({ projectId: theirs.project }, 404, 'NOT_FOUND', 'body.projectId');
    await refuse({ calendarId: theirs.calendar }, 404, 'NOT_FOUND', 'body.calendarId');
    await refuse(
      { clocks: { dispatch: null, accept: null, arrive: null, complete: null, feedback: null } },
      400,
      'POLICY_NO_CLOCK',
      'body.clocks',
    );
    await refuse(
      { ladder: [{ afterMinutes: 0, notify: ['handler', 'janitor'] }] },
      400,
      'LADDER_TARGET_UNKNOWN',
      'body.ladder.0.notify',
    );
    await refuse(
      {
        ladder: [
          { afterMinutes: 30, notify: ['handler'] },
          { afterMinutes: 30, notify: ['manager'] },
        ],
      },
      400,
      'LADDER_NOT_ASCENDING',
      'body.ladder.1.afterMinutes',
    );
    await refuse({ name: ' ' }, 400, 'NAME_BLANK', 'body.name');
    const bad = await call(admin, 'POST', '/api/v1/time-policies', {
      ...(await newPolicy()),
      warnPercent: 5,
      urgency: 'whenever',
      clocks: { dispatch: 0, accept: 10, arrive: null, complete: null, feedback: 'tomorrow' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([
      'body.clocks.dispatch',
      'body.clocks.feedback',
      'body.urgency',
      'body.warnPercent',
    ]);
    // A role code of the organisation is a valid recipient; another organisation's id is not a policy here.
    const mine = await policyNamed('默认标准');
    const foreign = (await policies(intruder))[0]!;
    const hijack = await call(admin, 'PATCH', `/api/v1/time-policies/${foreign.id}`, {
      version: 1,
      name: 'x',
    });
    expect(hijack.statusCode).toBe(404);
    const hijackCal = await call(admin, 'PATCH', `/api/v1/calendars/${theirs.calendar}`, {
      version: 1,
      name: 'x',
    });
    expect(hijackCal.statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/api/v1/time-policies/${UNKNOWN}`, { version: 1 })).statusCode).toBe(
      404,
    );
    const calendarOfTheirs = await call(admin, 'PATCH', `/api/v1/time-policies/${mine.id}`, {
      version: mine.version,
      calendarId: theirs.calendar,
    });
    expect(calendarOfTheirs.statusCode).toBe(404);
    expect(field(calendarOfTheirs)).toBe('body.calendarId');
    expect(await snapshot()).toBe(before);
  });

  it('edits a standard: a new version each time, stale versions refused, the catch-all always in force', async () => {
    const general = await policyNamed('一般报修');
    const response = await call(admin, 'PATCH', `/api/v1/time-policies/${general.id}`, {
      version: general.version,
      clocks: { ...general.clocks, accept: 20 },
      ladder: [
        { afterMinutes: 0, notify: ['handler'] },
        { afterMinutes: 20, notify: ['supervisor'] },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<PolicyUpdated>();
    expect(updated.recomputed).toBe(0);
    expect(updated.policy).toMatchObject({
      version: general.version + 1,
      clocks: { ...general.clocks, accept: 20 },
      warnPercent: 80,
    });
    const rows = await versions(general.id);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(JSON.parse(rows[1]!.snapshot)).toMatchObject({
      clocks: { accept: 20 },
      ladder: [{ afterMinutes: 0 }, { afterMinutes: 20, notify: ['supervisor'] }],
      calendar: { name: '服务中心工作时间' },
    });
    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', general.id)
      .orderBy('id')
      .execute();
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({
      entity: 'time_policy',
      change: 'updated',
      changes: { clocks: { from: { accept: 10 }, to: { accept: 20 } } },
    });
    expect(Object.keys(JSON.parse(audit.at(-1)!.details).changes).sort()).toEqual(['clocks', 'ladder']);

    const before = await snapshot();
    const stale = await call(admin, 'PATCH', `/api/v1/time-policies/${general.id}`, {
      version: general.version,
      name: '过期的修改',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: general.version + 1 },
    });
    const fallback = await policyNamed('默认标准');
    const off = await call(admin, 'PATCH', `/api/v1/time-policies/${fallback.id}`, {
      version: fallback.version,
      active: false,
    });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('POLICY_CATCH_ALL_REQUIRED');
    const noClock = await call(admin, 'PATCH', `/api/v1/time-policies/${general.id}`, {
      version: general.version + 1,
      clocks: { dispatch: null, accept: null, arrive: null, complete: null, feedback: null },
    });
    expect(noClock.json().error.code).toBe('POLICY_NO_CLOCK');
    expect(await snapshot()).toBe(before);

    // Another standard may be switched off and on again.
    const help = await policyNamed('求助');
    const helpOff = await call(admin, 'PATCH', `/api/v1/time-policies/${help.id}`, {
      version: help.version,
      active: false,
    });
    expect(helpOff.json<PolicyUpdated>().policy).toMatchObject({ active: false, version: help.version + 1 });
    const helpOn = await call(admin, 'PATCH', `/api/v1/time-policies/${help.id}`, {
      version: help.version + 1,
      active: true,
    });
    expect(helpOn.json<PolicyUpdated>().policy).toMatchObject({ active: true, version: help.version + 2 });
  });

  it('recomputes the open records of a standard when asked, and counts them', async () => {
    const repair = {
      type: 'repair',
      channel: 'phone',
      urgency: 'general',
      categoryId: category('DOOR-LOCK').id,
      description: '入户门锁打不开',
      houseId: house.id,
      reporterName: '王先生',
      reporterPhone: '13812345678',
      dispatch: 'none',
    };
    const made: Ticket[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await call(admin, 'POST', '/api/v1/tickets', repair);
      expect(created.statusCode, created.body).toBe(201);
      made.push(created.json<Ticket>());
    }
    const general = await policyNamed('一般报修');
    expect(general.openRecords).toBe(2);
    const dispatchBy = made[0]!.deadlines.dispatchBy!;

    const response = await call(admin, 'PATCH', `/api/v1/time-policies/${general.id}`, {
      version: general.version,
      clocks: { ...general.clocks, dispatch: 15 },
      applyToOpen: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<PolicyUpdated>();
    expect(updated.recomputed).toBe(2);
    expect(updated.policy.openRecords).toBe(2);
    const ticket = (await call(admin, 'GET', `/api/v1/tickets/${made[0]!.id}`)).json<Ticket>();
    expect(new Date(ticket.deadlines.dispatchBy!).getTime() - new Date(dispatchBy).getTime()).toBe(
      10 * 60_000,
    );
    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', general.id)
      .orderBy('id')
      .execute();
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ applyToOpen: true, recomputed: 2 });

    // Without the box ticked, open records keep what they had.
    const again = await call(admin, 'PATCH', `/api/v1/time-policies/${general.id}`, {
      version: updated.policy.version,
      clocks: { ...general.clocks, dispatch: 30 },
    });
    expect(again.json<PolicyUpdated>().recomputed).toBe(0);
    const unchanged = (await call(admin, 'GET', `/api/v1/tickets/${made[0]!.id}`)).json<Ticket>();
    expect(unchanged.deadlines.dispatchBy).toBe(ticket.deadlines.dispatchBy);
  });

  it('picks the standard a record would get, most specific first', async () => {
    expect(
      await match({ type: 'repair', code: 'WATER-LEAK', urgency: 'general', projectId: elsewhere.id }),
    ).toBe('一般报修');
    // The project's own standard (type, category, project) loses to one that names the urgency …
    expect(await match({ type: 'repair', code: 'WATER-LEAK', urgency: 'general' })).toBe('一般报修');
    // … and wins where none does.
    expect(await match({ type: 'repair', code: 'WATER-LEAK', urgency: 'special' })).toBe('水电报修（一期）');
    expect(
      await match({ type: 'repair', code: 'WATER-LEAK', urgency: 'special', projectId: elsewhere.id }),
    ).toBe('默认标准');
    // Urgency beats type; urgency with the category beats urgency alone.
    expect(await match({ type: 'repair', code: 'DOOR-LOCK', urgency: 'emergency' })).toBe('紧急事件');
    expect(await match({ type: 'help', code: 'LIFT-TRAPPED', urgency: 'emergency' })).toBe('电梯困人');
    expect(await match({ type: 'complaint', code: 'NOISE', urgency: 'general' }, reader)).toBe('投诉');
    expect(await match({ type: 'praise', code: 'STAFF', urgency: 'general' })).toBe('默认标准');

    // The nearer category wins: 水管爆裂 over 水电 for a burst pipe, 水电 for other water matters.
    const calendarId = (await calendarNamed('服务中心工作时间')).id;
    const add = async (name: string, code: string) => {
      const response = await call(
        admin,
        'POST',
        '/api/v1/time-policies',
        await newPolicy({
          name,
          type: null,
          categoryId: category(code).id,
          urgency: 'special',
          projectId: null,
          calendarId,
        }),
      );
      expect(response.statusCode, response.body).toBe(201);
    };
    await add('水电（特约）', 'WATER');
    await add('水管爆裂（特约）', 'WATER-BURST');
    expect(await match({ type: 'repair', code: 'WATER-BURST', urgency: 'special' })).toBe('水管爆裂（特约）');
    expect(await match({ type: 'repair', code: 'WATER-TAP', urgency: 'special' })).toBe('水电（特约）');
    expect(await match({ type: 'repair', code: 'DOOR-LOCK', urgency: 'special' })).toBe('默认标准');

    // A switched-off standard no longer applies.
    const burst = await policyNamed('水管爆裂（特约）');
    await call(admin, 'PATCH', `/api/v1/time-policies/${burst.id}`, {
      version: burst.version,
      active: false,
    });
    expect(await match({ type: 'repair', code: 'WATER-BURST', urgency: 'special' })).toBe('水电（特约）');

    const theirCategory = (await call(intruder, 'GET', '/api/v1/categories')).json<{ items: Category[] }>()
      .items[0]!.id;
    for (const categoryId of [UNKNOWN, theirCategory]) {
      const response = await call(
        admin,
        'GET',
        `/api/v1/time-policies/match?type=repair&urgency=general&categoryId=${categoryId}&projectId=${p.id}`,
      );
      expect(response.statusCode).toBe(404);
      expect(field(response)).toBe('query.categoryId');
    }
    const noProject = await call(
      intruder,
      'GET',
      `/api/v1/time-policies/match?type=repair&urgency=general&categoryId=${theirCategory}&projectId=${p.id}`,
    );
    expect(noProject.statusCode).toBe(404);
    expect(field(noProject)).toBe('query.projectId');
    const missing = await call(admin, 'GET', `/api/v1/time-policies/match?type=repair&urgency=general`);
    expect(missing.statusCode).toBe(400);
  });

  it('lets readers read, configurers change, and nobody else either', async () => {
    const before = await snapshot();
    const general = await policyNamed('一般报修');
    const cal = await calendarNamed('服务中心工作时间');
    const writes: [Method, string, unknown][] = [
      ['POST', '/api/v1/calendars', newCalendar({ name: '读者的日历' })],
      ['PATCH', `/api/v1/calendars/${cal.id}`, { version: cal.version, name: 'x' }],
      ['POST', '/api/v1/time-policies', await newPolicy({ name: '读者的标准', urgency: 'emergency' })],
      ['PATCH', `/api/v1/time-policies/${general.id}`, { version: general.version, name: 'x' }],
    ];
    for (const [method, url, body] of writes) {
      const response = await call(reader, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    expect((await call(reader, 'GET', '/api/v1/calendars')).statusCode).toBe(200);
    for (const url of ['/api/v1/calendars', '/api/v1/time-policies', '/api/v1/time-policies/match']) {
      const response = await call(outsider, 'GET', url);
      expect(response.statusCode, url).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });

  it('keeps a configurer to the projects of their scope', async () => {
    const before = await snapshot();
    const outside = await call(
      scoped,
      'POST',
      '/api/v1/time-policies',
      await newPolicy({ name: '别的项目', projectId: elsewhere.id }),
    );
    expect(outside.statusCode).toBe(404);
    expect(field(outside)).toBe('body.projectId');
    const theirsAlready = (
      await call(
        admin,
        'POST',
        '/api/v1/time-policies',
        await newPolicy({ name: '二期报修', projectId: elsewhere.id }),
      )
    ).json<TimePolicy>();
    const between = await snapshot();
    expect(between).not.toBe(before);
    const edit = await call(scoped, 'PATCH', `/api/v1/time-policies/${theirsAlready.id}`, {
      version: 1,
      warnPercent: 50,
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('POLICY_OUTSIDE_SCOPE');
    expect(await snapshot()).toBe(between);

    // Inside the scope, and organisation-wide standards, they may change.
    const own = await call(
      scoped,
      'POST',
      '/api/v1/time-policies',
      await newPolicy({ name: '一期投诉', type: 'complaint', categoryId: null }),
    );
    expect(own.statusCode, own.body).toBe(201);
    const suggestion = await policyNamed('建议');
    const wide = await call(scoped, 'PATCH', `/api/v1/time-policies/${suggestion.id}`, {
      version: suggestion.version,
      warnPercent: null,
    });
    expect(wide.json<PolicyUpdated>().policy.warnPercent).toBeNull();
  });
});
