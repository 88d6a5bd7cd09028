import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Category, Department, DutyShift, PriceItem, StaffProfile } from '@steward/contracts';
import type { TicketStatus } from '@steward/contracts/catalogues';
import { HOUR } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  departmentOf,
  dispatchPool,
  findPriceItem,
  resolveCategory,
} from '../../src/modules/servicedesk/index.ts';
import { DEMO_STAFF, loadDemo } from '../../src/modules/setup/index.ts';
import { newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type ErrorJson = { error: { code: string; details?: { fields?: { field: string }[] } } };

/** Helpers shared by the suites below, bound to one test app. */
function tools(h: () => TestApp) {
  const call = (s: Session, method: Method, url: string, payload?: unknown) =>
    h().app.inject({
      method,
      url,
      headers: s.headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const fields = (response: { json(): ErrorJson }) =>
    (response.json().error.details?.fields ?? []).map((f) => f.field).sort();
  /** The one field a business error names (reported like a validation error, in details.fields). */
  const field = (response: { json(): ErrorJson }) => {
    const named = response.json().error.details?.fields ?? [];
    return named.length === 1 ? named[0]!.field : undefined;
  };
  const snapshot = async () => {
    const db = h().deps.db;
    return JSON.stringify(
      await Promise.all([
        db.selectFrom('departments').selectAll().orderBy('id').execute(),
        db.selectFrom('ticket_categories').selectAll().orderBy('id').execute(),
        db.selectFrom('price_items').selectAll().orderBy('id').execute(),
        db.selectFrom('staff_profiles').selectAll().orderBy('user_id').execute(),
        db.selectFrom('building_duties').selectAll().orderBy('id').execute(),
        db.selectFrom('duty_shifts').selectAll().orderBy('id').execute(),
        db.selectFrom('audit_log').select('id').orderBy('id').execute(),
      ]),
    );
  };
  /** A record assigned to someone, inserted directly (the tickets module owns the real flow). */
  const insertTicket = async (
    org: TestOrg,
    input: { status: TicketStatus; assigneeId: string; projectId: string; categoryId: string },
  ) => {
    const now = h().clock.now().toISOString();
    await h()
      .deps.db.insertInto('tickets')
      .values({
        id: newId(),
        org_id: org.orgId,
        number: uniqueName('BX'),
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        status: input.status,
        category_id: input.categoryId,
        project_id: input.projectId,
        building_id: null,
        house_id: null,
        area_id: null,
        location: '公共区域',
        customer_id: null,
        reporter_name: null,
        reporter_phone: null,
        description: '测试',
        department_id: null,
        assignee_id: input.assigneeId,
        received_by: org.admin.userId,
        received_at: now,
        promised_reply_at: null,
        dispatch_by: null,
        accept_by: null,
        arrive_by: null,
        complete_by: null,
        feedback_by: null,
        next_due_at: null,
        hold_reason: null,
        held_from: null,
        held_at: null,
        reopen_count: 0,
        escalation_level: 0,
        master_id: null,
        parent_incident_id: null,
        dispatched_at: null,
        accepted_at: null,
        arrived_at: null,
        completed_at: null,
        completion_note: null,
        confirmation: null,
        closed_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  };
  return { call, fields, field, snapshot, insertTicket };
}

describeEngines('service desk configuration', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;
  let intruder: Session;
  let technician: Session;
  let reader: Session;
  let p: Awaited<ReturnType<typeof newProject>>;
  let otherBuilding: string;
  const t = tools(() => h);
  const { call, fields, field, snapshot } = t;

  const categories = async (s = admin) =>
    (await call(s, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items;
  const category = async (code: string) => (await categories()).find((c) => c.code === code)!;
  const departments = async (s = admin) =>
    (await call(s, 'GET', '/api/v1/departments')).json<{ items: Department[] }>().items;
  const department = async (code: string) => (await departments()).find((d) => d.code === code)!;
  const staff = async (query = '', s = admin) =>
    (await call(s, 'GET', `/api/v1/staff${query}`)).json<{ items: StaffProfile[] }>().items;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps, 'A 物业');
    other = await newOrg(h.deps, 'B 物业');
    p = await newProject(h.deps, org, { buildings: ['1', '2'] });
    otherBuilding = (await newProject(h.deps, other, { buildings: ['9'] })).buildingIds[0]!;
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
    intruder = await signIn(h.app, other.adminUsername, PASSWORD);
    technician = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['technician'] })).username,
      PASSWORD,
    );
    const role = await call(admin, 'POST', '/api/v1/roles', {
      code: 'dashboard_only',
      name: '只看首页',
      permissions: ['dashboard.view'],
    });
    expect(role.statusCode).toBe(201);
    reader = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['dashboard_only'] })).username,
      PASSWORD,
    );
  });
  afterAll(() => h.close());

  it('shows the seeded configuration to anyone who reads records', async () => {
    const tree = await categories(technician);
    const water = tree.find((c) => c.code === 'WATER')!;
    expect(water).toMatchObject({ parentId: null, name: '水电', skill: 'plumbing', active: true });
    expect(tree.find((c) => c.code === 'WATER-BURST')).toMatchObject({
      parentId: water.id,
      defaultUrgency: 'emergency',
    });
    expect((await departments(technician)).map((d) => d.code).sort()).toEqual([
      'CLN',
      'CS',
      'ENG',
      'FIN',
      'GRN',
      'SEC',
    ]);
    const prices = (await call(technician, 'GET', '/api/v1/price-items')).json<{ items: PriceItem[] }>();
    expect(prices.items.find((i) => i.code === 'PS-TAP')).toMatchObject({ priceFen: 3000, unit: '次' });
    const people = await staff('', technician);
    expect(people.find((s) => s.userId === org.admin.userId)).toMatchObject({
      departmentId: null,
      skills: [],
      duties: [],
      openLoad: 0,
      onDutyNow: false,
    });
  });

  it('adds, moves and deactivates categories; department and skill are inherited', async () => {
    const water = await category('WATER');
    const eng = await department('ENG');
    const created = await call(admin, 'POST', '/api/v1/categories', {
      parentId: water.id,
      code: 'WATER-METER',
      name: '  水表 ',
      nameEn: 'Water meter',
    });
    expect(created.statusCode).toBe(201);
    const meter = created.json<Category>();
    expect(meter).toMatchObject({ name: '水表', departmentId: null, skill: null, defaultUrgency: 'general' });
    const siblings = (await categories()).filter((c) => c.parentId === water.id && c.id !== meter.id);
    expect(meter.sortOrder).toBeGreaterThan(Math.max(...siblings.map((c) => c.sortOrder)));
    expect(await resolveCategory(h.deps.db, org.orgId, meter.id)).toEqual({
      id: meter.id,
      path: ['水电', '水表'],
      chainIds: [meter.id, water.id],
      departmentId: eng.id,
      skill: 'plumbing',
      defaultUrgency: 'general',
      active: true,
    });

    // A grandchild inherits through two levels.
    const leaf = (
      await call(admin, 'POST', '/api/v1/categories', {
        parentId: meter.id,
        code: 'WATER-METER-LEAK',
        name: '表漏',
      })
    ).json<Category>();
    expect(await resolveCategory(h.deps.db, org.orgId, leaf.id)).toMatchObject({
      path: ['水电', '水表', '表漏'],
      departmentId: eng.id,
      skill: 'plumbing',
    });

    const door = await category('DOOR');
    const moved = await call(admin, 'PATCH', `/api/v1/categories/${meter.id}`, { parentId: door.id });
    expect(moved.json()).toMatchObject({ parentId: door.id });
    expect(await resolveCategory(h.deps.db, org.orgId, leaf.id)).toMatchObject({
      path: ['门窗', '水表', '表漏'],
      skill: 'carpentry',
    });

    const cs = await department('CS');
    await call(admin, 'PATCH', `/api/v1/categories/${meter.id}`, { departmentId: cs.id, skill: 'locks' });
    expect(await resolveCategory(h.deps.db, org.orgId, leaf.id)).toMatchObject({
      departmentId: cs.id,
      skill: 'locks',
    });

    // Deactivated, not deleted: still listed, and what lies below it is unavailable too.
    const off = await call(admin, 'PATCH', `/api/v1/categories/${meter.id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect((await categories()).find((c) => c.id === meter.id)).toMatchObject({ active: false });
    expect((await resolveCategory(h.deps.db, org.orgId, leaf.id))!.active).toBe(false);
    expect((await call(admin, 'DELETE', `/api/v1/categories/${meter.id}`)).statusCode).toBe(404);
    expect(await resolveCategory(h.deps.db, org.orgId, UNKNOWN)).toBeNull();
    expect(await resolveCategory(h.deps.db, other.orgId, meter.id)).toBeNull();

    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'servicedesk.configured')
      .where('target_id', '=', meter.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).change)).toEqual([
      'created',
      'updated',
      'updated',
      'updated',
    ]);
    expect(JSON.parse(audit[3]!.details)).toMatchObject({
      entity: 'category',
      code: 'WATER-METER',
      changes: { active: { from: 1, to: 0 } },
    });
  });

  it('refuses cycles, bad parents and bad input, changing nothing', async () => {
    const water = await category('WATER');
    const burst = await category('WATER-BURST');
    const otherCategory = (await categories(intruder))[0]!;
    const before = await snapshot();

    const cycle = await call(admin, 'PATCH', `/api/v1/categories/${water.id}`, { parentId: burst.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('CATEGORY_CYCLE');
    expect(field(cycle)).toBe('body.parentId');
    const self = await call(admin, 'PATCH', `/api/v1/categories/${water.id}`, { parentId: water.id });
    expect(self.json().error.code).toBe('CATEGORY_CYCLE');

    for (const parentId of [UNKNOWN, otherCategory.id]) {
      const moved = await call(admin, 'PATCH', `/api/v1/categories/${burst.id}`, { parentId });
      expect(moved.statusCode).toBe(404);
      expect(field(moved)).toBe('body.parentId');
      const created = await call(admin, 'POST', '/api/v1/categories', { parentId, code: 'X1', name: 'x' });
      expect(created.statusCode).toBe(404);
      expect(field(created)).toBe('body.parentId');
    }
    const otherDepartment = (await departments(intruder))[0]!;
    const foreign = await call(admin, 'POST', '/api/v1/categories', {
      code: 'X2',
      name: 'x',
      departmentId: otherDepartment.id,
    });
    expect(foreign.statusCode).toBe(404);
    expect(field(foreign)).toBe('body.departmentId');

    const taken = await call(admin, 'POST', '/api/v1/categories', { code: 'WATER', name: '重复' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CATEGORY_CODE_TAKEN');
    expect(field(taken)).toBe('body.code');

    const bad = await call(admin, 'POST', '/api/v1/categories', {
      code: 'bad code!',
      name: '',
      skill: 'juggling',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['body.code', 'body.extra', 'body.name', 'body.skill']);
    const blank = await call(admin, 'POST', '/api/v1/categories', { code: 'BLANK', name: '   ' });
    expect(blank.json().error.code).toBe('NAME_BLANK');
    expect(field(blank)).toBe('body.name');
    const empty = await call(admin, 'PATCH', `/api/v1/categories/${water.id}`, {});
    expect(empty.statusCode).toBe(400);
    const sort = await call(admin, 'PATCH', `/api/v1/categories/${water.id}`, { sortOrder: 1.5 });
    expect(fields(sort)).toEqual(['body.sortOrder']);

    expect(await snapshot()).toBe(before);
  });

  it('keeps departments: member counts, unique codes, no deactivation while categories go there', async () => {
    const created = await call(admin, 'POST', '/api/v1/departments', {
      code: 'HVAC',
      name: '暖通组',
      kind: 'engineering',
    });
    expect(created.statusCode).toBe(201);
    const hvac = created.json<Department>();
    expect(hvac).toMatchObject({ code: 'HVAC', active: true, memberCount: 0 });

    const before = await snapshot();
    const taken = await call(admin, 'POST', '/api/v1/departments', {
      code: 'HVAC',
      name: 'x',
      kind: 'other',
    });
    expect(taken.json().error.code).toBe('DEPARTMENT_CODE_TAKEN');
    expect(field(taken)).toBe('body.code');
    const bad = await call(admin, 'POST', '/api/v1/departments', { code: 'X', name: 'x', kind: 'magic' });
    expect(fields(bad)).toEqual(['body.kind']);
    const eng = await department('ENG');
    const inUse = await call(admin, 'PATCH', `/api/v1/departments/${eng.id}`, { active: false });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('DEPARTMENT_IN_USE');
    expect(inUse.json().error.details.categories).toContain('DOOR');
    expect((await call(admin, 'PATCH', `/api/v1/departments/${UNKNOWN}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect(await snapshot()).toBe(before);

    const off = await call(admin, 'PATCH', `/api/v1/departments/${hvac.id}`, { name: '暖通', active: false });
    expect(off.json()).toMatchObject({ name: '暖通', active: false });
    const routed = await call(admin, 'POST', '/api/v1/categories', {
      code: 'AC',
      name: '空调',
      departmentId: hvac.id,
    });
    expect(routed.statusCode).toBe(400);
    expect(routed.json().error.code).toBe('DEPARTMENT_INACTIVE');
    expect(field(routed)).toBe('body.departmentId');
  });

  it('sets a person’s department, skills and building duties, with load and duty shown', async () => {
    const eng = await department('ENG');
    const person = await newUser(h.deps, org, {
      roles: ['technician'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [] }] },
    });
    const put = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: eng.id,
      skills: ['locks', 'plumbing'],
      duties: [
        { buildingId: p.buildingIds[0], duty: 'technician' },
        { buildingId: p.buildingIds[0], duty: 'butler' },
      ],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json<StaffProfile>()).toMatchObject({
      userId: person.id,
      username: person.username,
      departmentId: eng.id,
      skills: ['plumbing', 'locks'],
      duties: [
        { buildingId: p.buildingIds[0], buildingName: '1 栋', projectId: p.id, duty: 'butler' },
        { buildingId: p.buildingIds[0], buildingName: '1 栋', projectId: p.id, duty: 'technician' },
      ],
    });
    expect((await staff(`?departmentId=${eng.id}`)).map((s) => s.userId)).toEqual([person.id]);
    expect((await department('ENG')).memberCount).toBe(1);
    expect(await departmentOf(h.deps.db, org.orgId, person.id)).toBe(eng.id);
    expect(await departmentOf(h.deps.db, other.orgId, person.id)).toBeNull();

    const water = await category('WATER');
    for (const status of ['dispatched', 'on_hold', 'completed', 'cancelled'] as const)
      await t.insertTicket(org, { status, assigneeId: person.id, projectId: p.id, categoryId: water.id });
    const now = h.clock.now().getTime();
    await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + HOUR).toISOString(),
    });
    expect((await staff()).find((s) => s.userId === person.id)).toMatchObject({
      openLoad: 2,
      onDutyNow: true,
    });

    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'servicedesk.configured')
      .where('target_id', '=', person.id)
      .execute();
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      entity: 'staff',
      username: person.username,
      changes: { departmentId: { from: null, to: eng.id }, dutiesAdded: [{}, {}] },
    });

    const cleared = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: null,
      skills: [],
      duties: [],
    });
    expect(cleared.json()).toMatchObject({ departmentId: null, skills: [], duties: [] });
    expect(await staff(`?departmentId=${eng.id}`)).toEqual([]);
  });

  it('lets only callers whose scope holds a building change its duties', async () => {
    const [b1, b2] = p.buildingIds as [string, string];
    const role = await call(admin, 'POST', '/api/v1/roles', {
      code: 'desk_config',
      name: '配置员',
      permissions: ['tickets.read', 'servicedesk.configure'],
    });
    expect(role.statusCode).toBe(201);
    const scoped = await signIn(
      h.app,
      (
        await newUser(h.deps, org, {
          roles: ['desk_config'],
          scope: { all: false, projects: [{ projectId: p.id, buildingIds: [b1] }] },
        })
      ).username,
      PASSWORD,
    );
    const person = await newUser(h.deps, org, { roles: ['technician'] });
    const narrow = await newUser(h.deps, org, {
      roles: ['technician'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [b1] }] },
    });
    const both = [
      { buildingId: b1, duty: 'technician' },
      { buildingId: b2, duty: 'technician' },
    ];
    expect(
      (
        await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
          departmentId: null,
          skills: [],
          duties: both,
        })
      ).statusCode,
    ).toBe(200);

    const before = await snapshot();
    const adding = await call(scoped, 'PUT', `/api/v1/staff/${narrow.id}`, {
      departmentId: null,
      skills: [],
      duties: [{ buildingId: b2, duty: 'technician' }],
    });
    expect(adding.statusCode).toBe(403);
    expect(adding.json().error.code).toBe('DUTY_OUTSIDE_SCOPE');
    expect(field(adding)).toBe('body.duties.0');
    const removing = await call(scoped, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: null,
      skills: [],
      duties: [both[0]],
    });
    expect(removing.json().error.code).toBe('DUTY_OUTSIDE_SCOPE');
    const outsidePerson = await call(admin, 'PUT', `/api/v1/staff/${narrow.id}`, {
      departmentId: null,
      skills: [],
      duties: [{ buildingId: b2, duty: 'butler' }],
    });
    expect(outsidePerson.statusCode).toBe(400);
    expect(outsidePerson.json().error.code).toBe('DUTY_OUTSIDE_USER_SCOPE');
    const foreignBuilding = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: null,
      skills: [],
      duties: [{ buildingId: otherBuilding, duty: 'butler' }],
    });
    expect(foreignBuilding.statusCode).toBe(404);
    expect(field(foreignBuilding)).toBe('body.duties.0.buildingId');
    const foreignDepartment = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: (await departments(intruder))[0]!.id,
      skills: [],
      duties: both,
    });
    expect(foreignDepartment.statusCode).toBe(404);
    expect(field(foreignDepartment)).toBe('body.departmentId');
    const badSkills = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: null,
      skills: ['flying', 'locks', 'locks'],
      duties: both,
    });
    expect(badSkills.statusCode).toBe(400);
    expect(fields(badSkills)).toEqual(['body.skills', 'body.skills.0']);
    const missing = await call(admin, 'PUT', `/api/v1/staff/${person.id}`, { skills: [] });
    expect(fields(missing)).toEqual(['body.departmentId', 'body.duties']);
    expect(
      (await call(admin, 'PUT', `/api/v1/staff/${UNKNOWN}`, { departmentId: null, skills: [], duties: [] }))
        .statusCode,
    ).toBe(404);
    expect(await snapshot()).toBe(before);

    // Duties on buildings outside the caller's scope may come back unchanged.
    const kept = await call(scoped, 'PUT', `/api/v1/staff/${person.id}`, {
      departmentId: null,
      skills: ['hvac'],
      duties: both,
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ skills: ['hvac'], duties: [{ buildingId: b1 }, { buildingId: b2 }] });
  });

  it('keeps a roster: shifts of at most 24 hours that never overlap; ended shifts stay', async () => {
    const eng = await department('ENG');
    const person = await newUser(h.deps, org, { roles: ['technician'] });
    await call(admin, 'PUT', `/api/v1/staff/${person.id}`, { departmentId: eng.id, skills: [], duties: [] });
    const start = h.clock.now().getTime() + 10 * HOUR;
    const at = (hours: number) => new Date(start + hours * HOUR).toISOString();

    const first = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(0),
      endsAt: at(8),
    });
    expect(first.statusCode).toBe(201);
    expect(first.json<DutyShift>()).toMatchObject({
      userId: person.id,
      userName: `用户 ${person.username}`,
      departmentId: eng.id,
      startsAt: at(0),
      endsAt: at(8),
    });

    const before = await snapshot();
    const overlap = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(4),
      endsAt: at(10),
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({
      code: 'SHIFT_OVERLAP',
      details: { shiftId: first.json().id, fields: [{ field: 'body.startsAt' }] },
    });
    const inside = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(1),
      endsAt: at(2),
    });
    expect(inside.json().error.code).toBe('SHIFT_OVERLAP');
    const long = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(20),
      endsAt: at(44.5),
    });
    expect(long.json().error.code).toBe('SHIFT_TOO_LONG');
    expect(field(long)).toBe('body.endsAt');
    const backwards = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(30),
      endsAt: at(29),
    });
    expect(backwards.json().error.code).toBe('SHIFT_NOT_POSITIVE');
    const garbled = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: 'tomorrow',
      endsAt: at(29),
    });
    expect(fields(garbled)).toEqual(['body.startsAt']);
    const foreigner = (await staff('', intruder))[0]!.userId;
    for (const userId of [foreigner, UNKNOWN]) {
      const response = await call(admin, 'POST', '/api/v1/duty-shifts', {
        userId,
        startsAt: at(30),
        endsAt: at(31),
      });
      expect(response.statusCode).toBe(404);
      expect(field(response)).toBe('body.userId');
    }
    expect(await snapshot()).toBe(before);

    const next = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(8),
      endsAt: at(32),
    });
    expect(next.statusCode).toBe(201);
    const list = async (query: string) =>
      (await call(technician, 'GET', `/api/v1/duty-shifts?${query}`)).json<{ items: DutyShift[] }>().items;
    const window = `from=${encodeURIComponent(at(-1))}&to=${encodeURIComponent(at(40))}`;
    expect((await list(window)).map((s) => s.id)).toEqual([first.json().id, next.json().id]);
    expect(await list(`${window}&departmentId=${eng.id}`)).toHaveLength(2);
    expect(await list(`${window}&departmentId=${(await department('CS')).id}`)).toEqual([]);
    expect(
      (await list(`from=${encodeURIComponent(at(9))}&to=${encodeURIComponent(at(10))}`)).map((s) => s.id),
    ).toEqual([next.json().id]);
    const inverted = await call(
      admin,
      'GET',
      `/api/v1/duty-shifts?from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(1))}`,
    );
    expect(inverted.json().error.code).toBe('SHIFT_WINDOW_INVALID');
    const unknownDept = await call(admin, 'GET', `/api/v1/duty-shifts?${window}&departmentId=${UNKNOWN}`);
    expect(unknownDept.statusCode).toBe(404);

    // Two desks adding overlapping shifts for one person at the same moment: exactly one wins.
    const twins = await Promise.all(
      [at(100), at(101)].map((startsAt) =>
        call(admin, 'POST', '/api/v1/duty-shifts', { userId: person.id, startsAt, endsAt: at(104) }),
      ),
    );
    expect(twins.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    await call(admin, 'DELETE', `/api/v1/duty-shifts/${twins.find((r) => r.statusCode === 201)!.json().id}`);

    const removed = await call(admin, 'DELETE', `/api/v1/duty-shifts/${next.json().id}`);
    expect(removed.json()).toEqual({ ok: true });
    expect(await list(window)).toHaveLength(1);

    // A shift in the past (recorded afterwards) has ended: it stays as the record of who was on duty.
    const past = await call(admin, 'POST', '/api/v1/duty-shifts', {
      userId: person.id,
      startsAt: at(-20),
      endsAt: at(-12),
    });
    expect(past.statusCode).toBe(201);
    const ended = await call(admin, 'DELETE', `/api/v1/duty-shifts/${past.json().id}`);
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.code).toBe('SHIFT_ENDED');
    expect((await call(admin, 'DELETE', `/api/v1/duty-shifts/${UNKNOWN}`)).statusCode).toBe(404);
  });

  it('keeps the price list in integer fen', async () => {
    const door = await category('DOOR');
    const created = await call(admin, 'POST', '/api/v1/price-items', {
      code: 'PS-KEY',
      name: '配钥匙',
      unit: '把',
      priceFen: 1500,
      categoryId: door.id,
    });
    expect(created.statusCode).toBe(201);
    const item = created.json<PriceItem>();
    expect(item).toMatchObject({ priceFen: 1500, categoryId: door.id, active: true });

    const before = await snapshot();
    for (const priceFen of [15.5, -1, '1500', 100_000_001]) {
      const bad = await call(admin, 'POST', '/api/v1/price-items', {
        code: 'PS-X',
        name: 'x',
        unit: '次',
        priceFen,
      });
      expect(bad.statusCode).toBe(400);
      expect(fields(bad)).toEqual(['body.priceFen']);
    }
    const taken = await call(admin, 'POST', '/api/v1/price-items', {
      code: 'PS-KEY',
      name: 'x',
      unit: '次',
      priceFen: 1,
    });
    expect(taken.json().error.code).toBe('PRICE_ITEM_CODE_TAKEN');
    expect(field(taken)).toBe('body.code');
    const foreignCategory = (await categories(intruder))[0]!.id;
    const foreign = await call(admin, 'PATCH', `/api/v1/price-items/${item.id}`, {
      categoryId: foreignCategory,
    });
    expect(foreign.statusCode).toBe(404);
    expect(field(foreign)).toBe('body.categoryId');
    expect(await snapshot()).toBe(before);

    const changed = await call(admin, 'PATCH', `/api/v1/price-items/${item.id}`, {
      priceFen: 1800,
      active: false,
    });
    expect(changed.json()).toMatchObject({ priceFen: 1800, active: false });
    expect(await findPriceItem(h.deps.db, org.orgId, item.id)).toEqual({
      id: item.id,
      name: '配钥匙',
      unit: '把',
      priceFen: 1800,
      active: false,
    });
    expect(await findPriceItem(h.deps.db, other.orgId, item.id)).toBeNull();
  });

  it('refuses callers without the permission, before reading anything', async () => {
    const before = await snapshot();
    const writes: [Method, string][] = [
      ['POST', '/api/v1/categories'],
      ['PATCH', `/api/v1/categories/${UNKNOWN}`],
      ['POST', '/api/v1/departments'],
      ['PATCH', `/api/v1/departments/${UNKNOWN}`],
      ['PUT', `/api/v1/staff/${UNKNOWN}`],
      ['POST', '/api/v1/duty-shifts'],
      ['DELETE', `/api/v1/duty-shifts/${UNKNOWN}`],
      ['POST', '/api/v1/price-items'],
      ['PATCH', `/api/v1/price-items/${UNKNOWN}`],
    ];
    for (const [method, url] of writes) {
      const response = await call(technician, method, url, { code: 'X', name: 'x' });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.details).toMatchObject({ permission: 'servicedesk.configure' });
    }
    for (const url of ['/api/v1/categories', '/api/v1/departments', '/api/v1/staff', '/api/v1/price-items']) {
      const response = await call(reader, 'GET', url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.details).toMatchObject({ permission: 'tickets.read' });
    }
    expect(await snapshot()).toBe(before);
  });

  it('keeps organisations apart', async () => {
    const mine = {
      category: (await category('WATER')).id,
      department: (await department('ENG')).id,
      price: (await call(admin, 'GET', '/api/v1/price-items')).json<{ items: PriceItem[] }>().items[0]!.id,
      user: org.admin.userId,
    };
    const theirs = JSON.stringify(
      await Promise.all(
        ['/api/v1/categories', '/api/v1/departments', '/api/v1/staff', '/api/v1/price-items'].map(
          async (url) => (await call(intruder, 'GET', url)).body,
        ),
      ),
    );
    for (const id of Object.values(mine)) expect(theirs).not.toContain(id);
    const eng = await department('ENG');
    const shifts = await call(
      intruder,
      'GET',
      `/api/v1/duty-shifts?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&departmentId=${eng.id}`,
    );
    expect(shifts.statusCode).toBe(404);
    expect((await call(intruder, 'GET', `/api/v1/staff?departmentId=${eng.id}`)).statusCode).toBe(404);
  });
});

describeEngines('dispatch pool and category lookups for the tickets module', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  const t = tools(() => h);

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps, 'C 物业');
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  it('offers the department’s active members whose scope reaches the place, with duty, load and roster', async () => {
    const p = await newProject(h.deps, org, { buildings: ['1', '2'] });
    const p2 = await newProject(h.deps, org, { buildings: ['1'] });
    const [b1, b2] = p.buildingIds as [string, string];
    const list = (await t.call(admin, 'GET', '/api/v1/departments')).json<{ items: Department[] }>().items;
    const eng = list.find((d) => d.code === 'ENG')!.id;
    const cs = list.find((d) => d.code === 'CS')!.id;
    const person = async (
      name: string,
      scope: { all: boolean; projects: { projectId: string; buildingIds: string[] }[] },
      profile: { departmentId: string; skills: string[]; duties: { buildingId: string; duty: string }[] },
    ) => {
      const user = await newUser(h.deps, org, { roles: ['technician'], scope, username: uniqueName(name) });
      const response = await t.call(admin, 'PUT', `/api/v1/staff/${user.id}`, profile);
      expect(response.statusCode).toBe(200);
      return user.id;
    };
    const all = { all: true, projects: [] };
    const everywhere = await person('t1', all, {
      departmentId: eng,
      skills: ['plumbing'],
      duties: [{ buildingId: b1, duty: 'butler' }],
    });
    const building1 = await person(
      't2',
      { all: false, projects: [{ projectId: p.id, buildingIds: [b1] }] },
      {
        departmentId: eng,
        skills: ['electrical'],
        duties: [
          { buildingId: b1, duty: 'technician' },
          { buildingId: b1, duty: 'butler' },
        ],
      },
    );
    const project2 = await person(
      't3',
      { all: false, projects: [{ projectId: p2.id, buildingIds: [] }] },
      { departmentId: eng, skills: [], duties: [] },
    );
    const disabled = await person('t4', all, { departmentId: eng, skills: [], duties: [] });
    await h.deps.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled).execute();
    const service = await person('t5', all, { departmentId: cs, skills: [], duties: [] });

    const at = h.clock.now().toISOString();
    const pool = (projectId: string, buildingId: string | null, when = at) =>
      dispatchPool(h.deps.db, { orgId: org.orgId, departmentId: eng, projectId, buildingId, at: when });
    const ids = (people: { userId: string }[]) => people.map((x) => x.userId).sort();

    const atB1 = await pool(p.id, b1);
    expect(atB1.rosterKept).toBe(false);
    expect(ids(atB1.people)).toEqual([everywhere, building1].sort());
    expect(atB1.people.find((x) => x.userId === everywhere)).toMatchObject({
      departmentId: eng,
      skills: ['plumbing'],
      onDuty: true,
      buildingDuty: 'butler',
      openLoad: 0,
    });
    expect(atB1.people.find((x) => x.userId === building1)).toMatchObject({
      buildingDuty: 'technician',
      onDuty: true,
    });
    expect(ids((await pool(p.id, b2)).people)).toEqual([everywhere]);
    expect((await pool(p.id, b2)).people[0]!.buildingDuty).toBeNull();
    // A place without a building (a public area) needs the whole project in scope.
    expect(ids((await pool(p.id, null)).people)).toEqual([everywhere]);
    expect(ids((await pool(p2.id, null)).people)).toEqual([everywhere, project2].sort());

    const water = (await t.call(admin, 'GET', '/api/v1/categories'))
      .json<{ items: Category[] }>()
      .items.find((c) => c.code === 'WATER')!;
    for (const status of ['accepted', 'arrived', 'on_hold', 'completed', 'confirmed', 'cancelled'] as const)
      await t.insertTicket(org, { status, assigneeId: building1, projectId: p.id, categoryId: water.id });
    expect((await pool(p.id, b1)).people.find((x) => x.userId === building1)!.openLoad).toBe(3);

    // The roster: one shift covering `at` makes it kept; only that person is on duty.
    const now = h.clock.now().getTime();
    const shift = async (userId: string, fromHours: number, hours: number) => {
      const response = await t.call(admin, 'POST', '/api/v1/duty-shifts', {
        userId,
        startsAt: new Date(now + fromHours * HOUR).toISOString(),
        endsAt: new Date(now + (fromHours + hours) * HOUR).toISOString(),
      });
      expect(response.statusCode).toBe(201);
      return response.json<DutyShift>().id;
    };
    const clearShifts = () => h.deps.db.deleteFrom('duty_shifts').where('org_id', '=', org.orgId).execute();

    await shift(service, -1, 2); // another department's roster does not count
    expect((await pool(p.id, b1)).rosterKept).toBe(false);

    await shift(everywhere, -1, 2);
    const kept = await pool(p.id, b1);
    expect(kept.rosterKept).toBe(true);
    expect(kept.people.map((x) => [x.userId, x.onDuty]).sort()).toEqual(
      [
        [everywhere, true],
        [building1, false],
      ].sort(),
    );

    await clearShifts();
    await shift(building1, 6 * 24, 8); // six days ahead: the roster is kept, nobody is on now
    expect(await pool(p.id, b1)).toMatchObject({ rosterKept: true });
    expect((await pool(p.id, b1)).people.every((x) => !x.onDuty)).toBe(true);

    await clearShifts();
    await shift(building1, 8 * 24, 8); // beyond a week: no roster, everyone counts as on duty
    expect((await pool(p.id, b1)).rosterKept).toBe(false);
    expect((await pool(p.id, b1)).people.every((x) => x.onDuty)).toBe(true);
    expect(
      (await pool(p.id, b1, new Date(now + 8 * 24 * HOUR + HOUR).toISOString())).people.find(
        (x) => x.userId === building1,
      )!.onDuty,
    ).toBe(true);
  });
});

describeEngines('the demo organisation’s service desk', (engine) => {
  let h: TestApp;
  afterAll(() => h.close());

  it('places the demo staff in departments with duties and a week’s roster', async () => {
    h = await startTestApp(engine, { timeZone: 'Asia/Shanghai' });
    const { logins } = await loadDemo({ ...h.deps, config: h.config }, 'DemoPass2026', { houses: 300 });
    expect(logins.map((l) => l.username)).toEqual(DEMO_STAFF.map((s) => s.username));
    const manager = await signIn(h.app, 'manager', 'DemoPass2026');
    const t = tools(() => h);
    const departments = (await t.call(manager, 'GET', '/api/v1/departments')).json<{ items: Department[] }>()
      .items;
    const code = (id: string | null) => departments.find((d) => d.id === id)?.code ?? null;
    const people = new Map(
      (await t.call(manager, 'GET', '/api/v1/staff'))
        .json<{ items: StaffProfile[] }>()
        .items.map((s) => [s.username, s]),
    );
    const butler = people.get('butler')!;
    expect(butler.duties.length).toBeGreaterThan(0);
    expect(butler.duties.every((d) => d.duty === 'butler')).toBe(true);
    const tech = people.get('tech')!;
    expect(code(tech.departmentId)).toBe('ENG');
    expect(tech.skills).toEqual(['plumbing', 'electrical', 'locks']);
    expect(tech.duties.map((d) => [d.buildingId, d.duty])).toEqual(
      butler.duties.map((d) => [d.buildingId, 'technician']),
    );
    for (const username of ['butler', 'agent', 'supervisor'])
      expect(code(people.get(username)!.departmentId)).toBe('CS');
    for (const username of ['tech2', 'tech3']) expect(code(people.get(username)!.departmentId)).toBe('ENG');
    expect(departments.find((d) => d.code === 'ENG')!.memberCount).toBe(3);

    // The test clock says 10:00 in Shanghai: the day shift is on, the night shift is not.
    expect(tech.onDutyNow).toBe(true);
    expect(people.get('tech3')!.onDutyNow).toBe(false);
    const shifts = (
      await t.call(
        manager,
        'GET',
        `/api/v1/duty-shifts?from=2026-11-20T00:00:00Z&to=2026-12-05T00:00:00Z&departmentId=${tech.departmentId}`,
      )
    ).json<{ items: DutyShift[] }>().items;
    const of = (username: string) => shifts.filter((s) => s.userId === people.get(username)!.userId);
    expect(of('tech')).toHaveLength(7);
    expect(of('tech2')).toHaveLength(7);
    expect(of('tech3')).toHaveLength(8);
    expect(of('tech')[0]).toMatchObject({
      startsAt: '2026-11-22T00:00:00.000Z',
      endsAt: '2026-11-22T12:00:00.000Z',
    });
    expect(of('tech3')[0]).toMatchObject({
      startsAt: '2026-11-21T12:00:00.000Z',
      endsAt: '2026-11-22T00:00:00.000Z',
    });
  });
});
