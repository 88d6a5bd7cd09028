import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Area, House, ProjectTree, Unit } from '@steward/contracts';
import { newId } from '../../src/platform/ids.ts';
import {
  newArea,
  newHouse,
  newOrg,
  newProject,
  newUnit,
  newUser,
  PASSWORD,
  uniqueName,
  type TestOrg,
} from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';
const NASTY = `<script>alert("x")</script>'; DROP TABLE houses;--`;

describeEngines('property registry: units, houses, areas and the project tree', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  let p: Awaited<ReturnType<typeof newProject>>;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    p = await newProject(h.deps, org, { code: uniqueName('R'), buildings: ['1', '2', '3'] });
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  type Method = 'GET' | 'POST' | 'PATCH';
  const call = (s: Session, method: Method, url: string, payload?: unknown, headers = {}) =>
    h.app.inject({
      method,
      url,
      headers: { ...s.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const tree = async (s: Session, projectId = p.id) =>
    (await call(s, 'GET', `/api/v1/projects/${projectId}/tree`)).json<ProjectTree>();
  const count = async (table: 'houses' | 'units' | 'areas' | 'projects' | 'buildings') =>
    (await h.deps.db.selectFrom(table).select('id').execute()).length;
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        (['projects', 'buildings', 'units', 'houses', 'areas'] as const).map((t) =>
          h.deps.db.selectFrom(t).selectAll().orderBy('id').execute(),
        ),
      ),
    );
  const fields = (response: { json(): { error: { details?: { fields?: { field: string }[] } } } }) =>
    (response.json().error.details?.fields ?? []).map((f) => f.field).sort();

  /** A customer related to a house, inserted directly (the customers module owns the real flow). */
  const relate = async (
    house: House,
    input: {
      name: string;
      role?: 'owner' | 'tenant' | 'family' | 'occupant';
      phones?: string[];
      until?: string;
    },
  ) => {
    const now = h.clock.now().toISOString();
    const customerId = newId();
    await h.deps.db
      .insertInto('customers')
      .values({
        id: customerId,
        org_id: org.orgId,
        code: uniqueName('C'),
        kind: 'person',
        name: input.name,
        id_type: null,
        id_number_cipher: null,
        id_number_masked: null,
        id_number_hash: null,
        emergency_name: null,
        emergency_phone: null,
        value_level: 'ordinary',
        demand_pattern: null,
        demand_refreshed_at: null,
        notes: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await relateExisting(customerId, house, input);
    for (const [position, phone] of (input.phones ?? []).entries())
      await h.deps.db
        .insertInto('customer_phones')
        .values({
          id: newId(),
          org_id: org.orgId,
          customer_id: customerId,
          phone,
          tail: phone.slice(-4),
          label: 'mobile',
          position,
        })
        .execute();
    return customerId;
  };
  const relateExisting = async (
    customerId: string,
    house: House,
    input: { role?: 'owner' | 'tenant' | 'family' | 'occupant'; until?: string },
  ) =>
    h.deps.db
      .insertInto('customer_houses')
      .values({
        id: newId(),
        org_id: org.orgId,
        customer_id: customerId,
        house_id: house.id,
        project_id: house.projectId,
        building_id: house.buildingId,
        role: input.role ?? 'owner',
        since: null,
        until: input.until ?? null,
        created_at: h.clock.now().toISOString(),
      })
      .execute();

  it('adds units with a default name, refuses a duplicate code on the field, renames them', async () => {
    const created = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, { code: '1' });
    expect(created.statusCode).toBe(201);
    expect(created.json<Unit>()).toMatchObject({
      projectId: p.id,
      buildingId: p.buildingIds[0],
      code: '1',
      name: '1单元',
      houseCount: 0,
    });
    const named = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, {
      code: '2',
      name: '  二单元 ',
    });
    expect(named.json().name).toBe('二单元');
    // The same code in another building is fine.
    expect(
      (await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[1]}/units`, { code: '1' })).statusCode,
    ).toBe(201);

    const before = await snapshot();
    const dup = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, { code: '1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('UNIT_CODE_TAKEN');
    expect(fields(dup)).toEqual(['body.code']);
    const bad = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, {
      code: '3',
      floors: 30,
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['body.floors']);
    const badCode = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, { code: '-x' });
    expect(fields(badCode)).toEqual(['body.code']);
    const blank = await call(admin, 'POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, {
      code: '4',
      name: '   ',
    });
    expect(blank.statusCode).toBe(400);
    expect(fields(blank)).toEqual(['body.name']);
    const unknown = await call(admin, 'POST', `/api/v1/buildings/${UNKNOWN}/units`, { code: '5' });
    expect(unknown.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);

    const renamed = await call(admin, 'PATCH', `/api/v1/units/${created.json().id}`, { name: NASTY });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: created.json().id, code: '1', name: NASTY });
    expect((await call(admin, 'PATCH', `/api/v1/units/${UNKNOWN}`, { name: 'x' })).statusCode).toBe(404);
    expect(
      fields(await call(admin, 'PATCH', `/api/v1/units/${created.json().id}`, { name: 'x', code: '9' })),
    ).toEqual(['body.code']);
  });

  it('creates houses in units and without one; labels, areas in hundredths, tree counts', async () => {
    const b1 = p.buildingIds[0]!;
    const units = (await tree(admin)).buildings.find((b) => b.id === b1)!.units;
    const unit1 = units.find((u) => u.code === '1')!;
    const response = await call(admin, 'POST', '/api/v1/houses', {
      buildingId: b1,
      unitId: unit1.id,
      roomNo: '1502',
      floor: 15,
      area: 89.56,
      use: 'residence',
      state: 'owner_occupied',
    });
    expect(response.statusCode).toBe(201);
    const house = response.json<House>();
    expect(house).toMatchObject({
      projectId: p.id,
      projectName: p.name,
      buildingId: b1,
      buildingName: '1 栋',
      unitId: unit1.id,
      unitName: NASTY,
      roomNo: '1502',
      roomLabel: '1-1-1502',
      floor: 15,
      area: 89.56,
      use: 'residence',
      state: 'owner_occupied',
      occupants: [],
      version: 1,
    });
    const stored = await h.deps.db
      .selectFrom('houses')
      .select('area_hundredths')
      .where('id', '=', house.id)
      .executeTakeFirstOrThrow();
    expect(stored.area_hundredths).toBe(8956);

    const shop = (
      await call(admin, 'POST', '/api/v1/houses', {
        buildingId: b1,
        roomNo: 'S01',
        use: 'shop',
        state: 'vacant',
      })
    ).json<House>();
    expect(shop).toMatchObject({ unitId: null, unitName: null, roomLabel: '1-S01', floor: null, area: null });
    await newHouse(h.deps, org, { buildingId: b1, unitId: unit1.id, roomNo: '1501', area: 0.1 });
    await newHouse(h.deps, org, {
      buildingId: b1,
      unitId: units.find((u) => u.code === '2')!.id,
      roomNo: '101',
      area: 120,
    });
    await newHouse(h.deps, org, { buildingId: p.buildingIds[1]!, roomNo: '101' });
    await newHouse(h.deps, org, { buildingId: p.buildingIds[2]!, roomNo: '101' });

    const t = await tree(admin);
    expect(t.projectId).toBe(p.id);
    expect(t.houseCount).toBe(6);
    const [t1, t2, t3] = t.buildings;
    expect(t.buildings.map((b) => b.code)).toEqual(['1', '2', '3']);
    expect(t1).toMatchObject({ houseCount: 4, housesWithoutUnit: 1 });
    expect(t1!.units.map((u) => [u.code, u.houseCount])).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    expect(t2).toMatchObject({ houseCount: 1, housesWithoutUnit: 1 });
    expect(t2!.units.map((u) => [u.code, u.houseCount])).toEqual([['1', 0]]);
    expect(t3).toMatchObject({ houseCount: 1, housesWithoutUnit: 1, units: [] });
    // The unit's own count follows too.
    const renamed = await call(admin, 'PATCH', `/api/v1/units/${unit1.id}`, { name: '1单元' });
    expect(renamed.json().houseCount).toBe(2);
  });

  it('refuses bad house input with 400 naming the field, and stores nothing', async () => {
    const b1 = p.buildingIds[0]!;
    const b2 = p.buildingIds[1]!;
    const unitOfB2 = (await tree(admin)).buildings.find((b) => b.id === b2)!.units[0]!;
    const valid = { buildingId: b1, roomNo: '2001', use: 'residence', state: 'vacant' };
    const before = await snapshot();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...valid, owner: 'x' }, ['body.owner']],
      [{ ...valid, floor: '3' }, ['body.floor']],
      [{ ...valid, floor: 2.5 }, ['body.floor']],
      [{ ...valid, area: -1 }, ['body.area']],
      [{ ...valid, area: 89.123 }, ['body.area']],
      [{ ...valid, area: '89.5' }, ['body.area']],
      [{ ...valid, use: 'castle' }, ['body.use']],
      [{ ...valid, buildingId: 'not-a-uuid' }, ['body.buildingId']],
      [{ ...valid, roomNo: NASTY }, ['body.roomNo']],
      [{ roomNo: '1' }, ['body.buildingId', 'body.state', 'body.use']],
      [{ ...valid, unitId: unitOfB2.id }, ['body.unitId']],
      [{ ...valid, unitId: UNKNOWN }, ['body.unitId']],
    ];
    for (const [payload, expected] of cases) {
      const response = await call(admin, 'POST', '/api/v1/houses', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(fields(response), JSON.stringify(payload)).toEqual(expected);
    }
    const unknownBuilding = await call(admin, 'POST', '/api/v1/houses', { ...valid, buildingId: UNKNOWN });
    expect(unknownBuilding.statusCode).toBe(404);
    const dup = await call(admin, 'POST', '/api/v1/houses', { ...valid, roomNo: 'S01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('HOUSE_LABEL_TAKEN');
    expect(dup.json().error.message).toContain('1-S01');
    expect(fields(dup)).toEqual(['body.roomNo']);
    expect(await snapshot()).toBe(before);
    for (const url of [`/api/v1/houses/${UNKNOWN}`])
      expect((await call(admin, 'GET', url)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/api/v1/houses/${UNKNOWN}`, { version: 1 })).statusCode).toBe(404);
  });

  it('replays a house creation with the same Idempotency-Key', async () => {
    const body = { buildingId: p.buildingIds[2]!, roomNo: '102', use: 'residence', state: 'vacant' };
    const key = { 'idempotency-key': uniqueName('k') };
    const first = await call(admin, 'POST', '/api/v1/houses', body, key);
    const again = await call(admin, 'POST', '/api/v1/houses', body, key);
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const other = await call(admin, 'POST', '/api/v1/houses', { ...body, roomNo: '103' }, key);
    expect(other.json().error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('updates a house by version; a stale version is 409; a change of nothing keeps the version', async () => {
    const house = await newHouse(h.deps, org, { buildingId: p.buildingIds[1]!, roomNo: '201', area: 50 });
    h.clock.advance(60_000);
    const changed = await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, {
      version: 1,
      area: 50.05,
      state: 'rented',
      floor: null,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ area: 50.05, state: 'rented', floor: null, version: 2 });
    expect(changed.json().updatedAt).not.toBe(house.updatedAt);

    const stale = await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, { version: 1, state: 'vacant' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    h.clock.advance(60_000);
    const same = await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, {
      version: 2,
      area: 50.05,
      state: 'rented',
    });
    expect(same.json()).toMatchObject({ version: 2, updatedAt: changed.json().updatedAt });
    const nothing = await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, { version: 2 });
    expect(nothing.json().version).toBe(2);
    const read = await call(admin, 'GET', `/api/v1/houses/${house.id}`);
    expect(read.json()).toMatchObject({ version: 2, area: 50.05, state: 'rented' });

    for (const [payload, expected] of [
      [{ version: 2, roomNo: '999' }, ['body.roomNo']],
      [{ state: 'vacant' }, ['body.version']],
      [{ version: 2, area: 1.005 }, ['body.area']],
      [{ version: 0 }, ['body.version']],
    ] as const) {
      const response = await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(fields(response)).toEqual(expected);
    }
  });

  it('lists houses in room-label order with keyset pages, filters and room search', async () => {
    const other = await newProject(h.deps, org, { code: uniqueName('Q'), buildings: ['3', 'A'] });
    const unitQ = await newUnit(h.deps, org, other.buildingIds[0]!, '2');
    await newHouse(h.deps, org, { buildingId: other.buildingIds[0]!, unitId: unitQ.id, roomNo: '1502' });
    const unitB = await newUnit(h.deps, org, other.buildingIds[1]!, 'b');
    await newHouse(h.deps, org, {
      buildingId: other.buildingIds[1]!,
      unitId: unitB.id,
      roomNo: '101',
      use: 'office',
    });
    const unitP = await newUnit(h.deps, org, p.buildingIds[2]!, '2');
    await newHouse(h.deps, org, { buildingId: p.buildingIds[2]!, unitId: unitP.id, roomNo: '1502' });

    const all = (await call(admin, 'GET', `/api/v1/houses?projectId=${p.id}&limit=200`)).json<{
      items: House[];
      nextCursor: string | null;
    }>();
    expect(all.nextCursor).toBeNull();
    const labels = all.items.map((x) => x.roomLabel);
    // Natural order of the room label (numbers as numbers), so units come in order within a building.
    expect(labels).toEqual([
      '1-1-1501',
      '1-1-1502',
      '1-2-101',
      '1-S01',
      '2-101',
      '2-201',
      '3-2-1502',
      '3-101',
      '3-102',
    ]);

    // Walking the pages gives the same order, without gaps or repeats.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: House[]; nextCursor: string | null } = (
        await call(
          admin,
          'GET',
          `/api/v1/houses?projectId=${p.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json<{ items: House[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((x) => x.roomLabel));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(labels);
    expect((await call(admin, 'GET', '/api/v1/houses?cursor=bm9wZQ')).json().error.code).toBe(
      'INVALID_CURSOR',
    );

    const search = async (query: string) =>
      (await call(admin, 'GET', `/api/v1/houses?limit=200&${query}`))
        .json<{ items: House[] }>()
        .items.map((x) => x.roomLabel)
        .sort();
    // A full label across projects, a prefix, a room number, case-insensitively.
    expect(await search('q=3-2-1502')).toEqual(['3-2-1502', '3-2-1502']);
    expect(await search(`q=3-2-1502&projectId=${other.id}`)).toEqual(['3-2-1502']);
    expect(await search(`q=1-1&projectId=${p.id}`)).toEqual(['1-1-1501', '1-1-1502']);
    expect(await search('q=1502')).toEqual(['1-1-1502', '3-2-1502', '3-2-1502']);
    expect(await search('q=150')).toEqual([]);
    expect(await search('q=a-B-1')).toEqual(['A-b-101']);
    expect(await search('q=%25')).toEqual([]);
    expect(await search('q=1_')).toEqual([]);
    expect(await search(`q=${encodeURIComponent(NASTY)}`)).toEqual([]);
    expect(await search(`buildingId=${p.buildingIds[0]}`)).toEqual([
      '1-1-1501',
      '1-1-1502',
      '1-2-101',
      '1-S01',
    ]);
    expect(await search(`unitId=${unitP.id}`)).toEqual(['3-2-1502']);
    expect(await search('use=office')).toEqual(['A-b-101']);
    expect(await search(`state=owner_occupied&projectId=${p.id}`)).toEqual(['1-1-1502']);
    expect((await call(admin, 'GET', '/api/v1/houses?use=castle')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/v1/houses?projectId=nope')).statusCode).toBe(400);
  });

  it('shows current occupants with a masked first phone, in the list and the house, and counts customers', async () => {
    const house = await newHouse(h.deps, org, { buildingId: p.buildingIds[1]!, roomNo: '301' });
    const owner = await relate(house, { name: '王芳', phones: ['13812345678', '13900001111'] });
    await relate(house, { name: NASTY, role: 'tenant' });
    await relate(house, { name: '搬走的人', role: 'tenant', until: '2020-01-01' });
    // The owner also owns a house in another building: counted once at project level.
    const elsewhere = await newHouse(h.deps, org, { buildingId: p.buildingIds[2]!, roomNo: '301' });
    await relateExisting(owner, elsewhere, { role: 'owner' });

    const read = (await call(admin, 'GET', `/api/v1/houses/${house.id}`)).json<House>();
    expect(read.occupants).toEqual([
      {
        relationId: expect.any(String),
        customerId: owner,
        name: '王芳',
        role: 'owner',
        phone: '138****5678',
      },
      expect.objectContaining({ name: NASTY, role: 'tenant', phone: null }),
    ]);
    const listed = (await call(admin, 'GET', `/api/v1/houses?q=2-301`)).json<{ items: House[] }>();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]!.occupants).toEqual(read.occupants);
    const raw = (await call(admin, 'GET', `/api/v1/houses?limit=200`)).body;
    expect(raw).not.toContain('13812345678');

    const t = await tree(admin);
    const [t1, t2, t3] = t.buildings;
    expect(t1!.customerCount).toBe(0);
    expect(t2!.customerCount).toBe(3);
    expect(t3!.customerCount).toBe(1);
    expect(t.customerCount).toBe(3);
  });

  it('areas: creates, lists, filters, renames; codes unique per project; building must be of the project', async () => {
    const lobby = await call(admin, 'POST', '/api/v1/areas', {
      projectId: p.id,
      buildingId: p.buildingIds[0],
      kind: 'area',
      category: 'lobby',
      code: 'L1',
      name: ' 1栋大堂 ',
      location: NASTY,
    });
    expect(lobby.statusCode).toBe(201);
    expect(lobby.json<Area>()).toMatchObject({
      projectId: p.id,
      buildingId: p.buildingIds[0],
      kind: 'area',
      category: 'lobby',
      code: 'L1',
      name: '1栋大堂',
      location: NASTY,
    });
    const gate = await call(admin, 'POST', '/api/v1/areas', {
      projectId: p.id,
      kind: 'area',
      category: 'gate',
      code: 'G1',
      name: '南大门',
    });
    expect(gate.json()).toMatchObject({ buildingId: null, location: null });
    await newArea(h.deps, org, {
      projectId: p.id,
      code: 'E3',
      kind: 'facility',
      category: 'elevator',
      buildingId: p.buildingIds[2]!,
    });
    const other = await newProject(h.deps, org, { code: uniqueName('S'), buildings: ['1'] });
    await newArea(h.deps, org, { projectId: other.id, code: 'G1', category: 'gate' });

    const before = await snapshot();
    const dup = await call(admin, 'POST', '/api/v1/areas', {
      projectId: p.id,
      kind: 'facility',
      category: 'pump_room',
      code: 'G1',
      name: '水泵房',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('AREA_CODE_TAKEN');
    expect(fields(dup)).toEqual(['body.code']);
    const foreignBuilding = await call(admin, 'POST', '/api/v1/areas', {
      projectId: p.id,
      buildingId: other.buildingIds[0],
      kind: 'area',
      category: 'lobby',
      code: 'X1',
      name: 'x',
    });
    expect(foreignBuilding.statusCode).toBe(400);
    expect(fields(foreignBuilding)).toEqual(['body.buildingId']);
    const unknownProject = await call(admin, 'POST', '/api/v1/areas', {
      projectId: UNKNOWN,
      kind: 'area',
      category: 'lobby',
      code: 'X2',
      name: 'x',
    });
    expect(unknownProject.statusCode).toBe(404);
    const badKind = await call(admin, 'POST', '/api/v1/areas', {
      projectId: p.id,
      kind: 'room',
      category: 'lobby',
      code: 'X3',
      name: 'x',
      extra: 1,
    });
    expect(fields(badKind)).toEqual(['body.extra', 'body.kind']);
    expect(await snapshot()).toBe(before);

    const list = async (query: string) =>
      (await call(admin, 'GET', `/api/v1/areas?limit=200&${query}`))
        .json<{ items: Area[] }>()
        .items.map((a) => a.code);
    expect(await list(`projectId=${p.id}`)).toEqual(['E3', 'G1', 'L1']);
    expect(await list(`projectId=${p.id}&kind=facility`)).toEqual(['E3']);
    expect(await list(`buildingId=${p.buildingIds[0]}`)).toEqual(['L1']);
    expect(await list(`projectId=${p.id}&q=${encodeURIComponent('大门')}`)).toEqual(['G1']);
    expect((await list('q=g1')).length).toBe(2);
    const paged = (await call(admin, 'GET', `/api/v1/areas?projectId=${p.id}&limit=2`)).json();
    expect(paged.items).toHaveLength(2);
    const rest = (
      await call(admin, 'GET', `/api/v1/areas?projectId=${p.id}&limit=2&cursor=${paged.nextCursor}`)
    ).json();
    expect(rest.items.map((a: Area) => a.code)).toEqual(['L1']);
    expect(rest.nextCursor).toBeNull();

    const renamed = await call(admin, 'PATCH', `/api/v1/areas/${gate.json().id}`, {
      name: '南门',
      location: ' 南侧 ',
      category: 'other',
    });
    expect(renamed.json()).toMatchObject({ name: '南门', location: '南侧', category: 'other', code: 'G1' });
    expect((await call(admin, 'PATCH', `/api/v1/areas/${gate.json().id}`, {})).statusCode).toBe(400);
    expect(fields(await call(admin, 'PATCH', `/api/v1/areas/${gate.json().id}`, { code: 'G9' }))).toEqual([
      'body.code',
    ]);
    expect((await call(admin, 'PATCH', `/api/v1/areas/${UNKNOWN}`, { name: 'x' })).statusCode).toBe(404);

    const t = await tree(admin);
    expect(t.areaCount).toBe(1);
    expect(t.buildings.map((b) => b.areaCount)).toEqual([1, 0, 1]);
  });

  it('changes projects and buildings; trims names; stores markup verbatim', async () => {
    const project = await newProject(h.deps, org, { code: uniqueName('E'), buildings: ['1'] });
    const changed = await call(admin, 'PATCH', `/api/v1/projects/${project.id}`, {
      name: ` ${NASTY} `,
      type: 'office',
      address: '  ',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id: project.id,
      name: NASTY,
      type: 'office',
      address: null,
      buildingCount: 1,
    });
    expect((await call(admin, 'GET', `/api/v1/projects/${project.id}`)).json().name).toBe(NASTY);
    for (const [payload, expected] of [
      [{}, ['body']],
      [{ code: 'NEW' }, ['body.code']],
      [{ type: 'castle' }, ['body.type']],
      [{ name: 5 }, ['body.name']],
      [{ name: '  ' }, ['body.name']],
    ] as const) {
      const response = await call(admin, 'PATCH', `/api/v1/projects/${project.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(fields(response), JSON.stringify(payload)).toEqual(expected);
    }
    expect((await call(admin, 'PATCH', `/api/v1/projects/${UNKNOWN}`, { name: 'x' })).statusCode).toBe(404);

    const building = await call(admin, 'PATCH', `/api/v1/buildings/${project.buildingIds[0]}`, {
      name: ' 一号楼 ',
    });
    expect(building.json()).toMatchObject({
      id: project.buildingIds[0],
      code: '1',
      name: '一号楼',
      projectId: project.id,
    });
    expect((await call(admin, 'GET', `/api/v1/projects/${project.id}/buildings`)).json().items[0].name).toBe(
      '一号楼',
    );
    expect(
      fields(
        await call(admin, 'PATCH', `/api/v1/buildings/${project.buildingIds[0]}`, { name: 'x', code: '2' }),
      ),
    ).toEqual(['body.code']);
    expect((await call(admin, 'PATCH', `/api/v1/buildings/${UNKNOWN}`, { name: 'x' })).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/api/v1/projects/${UNKNOWN}/tree`)).statusCode).toBe(404);
  });

  it('a butler of buildings 1–2 sees only their houses, areas and counts; building 3 is 404 or absent', async () => {
    const [b1, b2, b3] = p.buildingIds as [string, string, string];
    const butler = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [b1, b2] }] },
    });
    const s = await signIn(h.app, butler.username, PASSWORD);
    const houseIn3 = await newHouse(h.deps, org, { buildingId: b3, roomNo: '909' });
    const areaIn3 = (await tree(admin)).buildings[2]!.areaCount;
    expect(areaIn3).toBeGreaterThan(0);

    const houses = (await call(s, 'GET', '/api/v1/houses?limit=200')).json<{ items: House[] }>().items;
    expect(houses.length).toBeGreaterThan(0);
    expect(houses.every((x) => x.buildingId === b1 || x.buildingId === b2)).toBe(true);
    expect((await call(s, 'GET', `/api/v1/houses?buildingId=${b3}`)).json().items).toEqual([]);
    expect((await call(s, 'GET', `/api/v1/houses?q=3-2-1502`)).json().items).toEqual([]);
    const notFound = await call(s, 'GET', `/api/v1/houses/${houseIn3.id}`);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().error.code).toBe('NOT_FOUND');

    const areas = (await call(s, 'GET', `/api/v1/areas?limit=200`)).json<{ items: Area[] }>().items;
    // Their building's lobby and the project's own gate, not building 3's elevator.
    expect(areas.map((a) => a.code).sort()).toEqual(['G1', 'L1']);
    expect((await call(s, 'GET', `/api/v1/areas?buildingId=${b3}`)).json().items).toEqual([]);

    const all = await tree(admin);
    const mine = await tree(s);
    expect(mine.buildings.map((b) => b.id)).toEqual([b1, b2]);
    expect(mine.buildings).toEqual(all.buildings.slice(0, 2));
    expect(mine.houseCount).toBe(all.buildings[0]!.houseCount + all.buildings[1]!.houseCount);
    expect(mine.houseCount).toBeLessThan(all.houseCount);
    // The owner of houses in buildings 2 and 3 still counts, once; building 3's own customers do not.
    expect(mine.customerCount).toBe(3);
    expect(mine.areaCount).toBe(all.areaCount);

    // Writes: the butler holds no projects.manage.
    const refused = await call(s, 'POST', '/api/v1/houses', {
      buildingId: b1,
      roomNo: '888',
      use: 'residence',
      state: 'vacant',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a manager limited to buildings 1–2 writes there only: building 3 is 404, the project itself 403', async () => {
    const [b1, , b3] = p.buildingIds as [string, string, string];
    const manager = await newUser(h.deps, org, {
      roles: ['manager'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [b1, p.buildingIds[1]!] }] },
    });
    const s = await signIn(h.app, manager.username, PASSWORD);
    const houseIn3 = (await call(admin, 'GET', `/api/v1/houses?buildingId=${b3}&limit=1`)).json<{
      items: House[];
    }>().items[0]!;
    const adminAreas = (await call(admin, 'GET', `/api/v1/areas?projectId=${p.id}&limit=200`)).json<{
      items: Area[];
    }>().items;
    const areaIn3 = adminAreas.find((a) => a.buildingId === b3)!;
    const gate = adminAreas.find((a) => a.buildingId === null)!;
    const lobby = adminAreas.find((a) => a.buildingId === b1)!;
    const unitIn3 = (await tree(admin)).buildings[2]!.units[0]!;

    const before = await snapshot();
    const house = { roomNo: '777', use: 'residence', state: 'vacant' };
    const attempts: [Method, string, unknown, number][] = [
      ['POST', '/api/v1/houses', { ...house, buildingId: b3 }, 404],
      ['PATCH', `/api/v1/houses/${houseIn3.id}`, { version: houseIn3.version, state: 'rented' }, 404],
      ['POST', `/api/v1/buildings/${b3}/units`, { code: '9' }, 404],
      ['PATCH', `/api/v1/units/${unitIn3.id}`, { name: 'x' }, 404],
      ['PATCH', `/api/v1/buildings/${b3}`, { name: 'x' }, 404],
      [
        'POST',
        '/api/v1/areas',
        { projectId: p.id, buildingId: b3, kind: 'area', category: 'roof', code: 'R3', name: 'x' },
        404,
      ],
      ['PATCH', `/api/v1/areas/${areaIn3.id}`, { name: 'x' }, 404],
      ['GET', `/api/v1/projects/${p.id}/tree`, undefined, 200],
      ['PATCH', `/api/v1/projects/${p.id}`, { name: 'x' }, 403],
      [
        'POST',
        '/api/v1/areas',
        { projectId: p.id, kind: 'area', category: 'gate', code: 'G2', name: 'x' },
        403,
      ],
      ['PATCH', `/api/v1/areas/${gate.id}`, { name: 'x' }, 403],
    ];
    for (const [method, url, payload, status] of attempts) {
      const response = await call(s, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(status);
      // Not the permission gate's FORBIDDEN: the caller holds the permission, not the whole project.
      if (status === 403) expect(response.json().error.code).toBe('PROJECT_SCOPE_REQUIRED');
    }
    expect(await snapshot()).toBe(before);

    const created = await call(s, 'POST', '/api/v1/houses', { ...house, buildingId: b1 });
    expect(created.statusCode).toBe(201);
    expect((await call(s, 'PATCH', `/api/v1/areas/${lobby.id}`, { name: '大堂' })).statusCode).toBe(200);
    expect((await call(s, 'PATCH', `/api/v1/buildings/${b1}`, { name: '1 栋' })).statusCode).toBe(200);
  });

  it('an agent (no projects.manage) reads but every write is 403 and changes nothing', async () => {
    const agent = await newUser(h.deps, org, { roles: ['agent'] });
    const s = await signIn(h.app, agent.username, PASSWORD);
    const houseId = (await call(admin, 'GET', '/api/v1/houses?limit=1')).json().items[0].id;
    const areaId = (await call(admin, 'GET', '/api/v1/areas?limit=1')).json().items[0].id;
    const unitId = (await tree(admin)).buildings[0]!.units[0]!.id;
    expect((await call(s, 'GET', `/api/v1/houses/${houseId}`)).statusCode).toBe(200);
    expect((await call(s, 'GET', `/api/v1/projects/${p.id}/tree`)).statusCode).toBe(200);
    const before = await snapshot();
    const writes: [Method, string, unknown][] = [
      ['PATCH', `/api/v1/projects/${p.id}`, { name: 'x' }],
      ['PATCH', `/api/v1/buildings/${p.buildingIds[0]}`, { name: 'x' }],
      ['POST', `/api/v1/buildings/${p.buildingIds[0]}/units`, { code: '8' }],
      ['PATCH', `/api/v1/units/${unitId}`, { name: 'x' }],
      ['POST', '/api/v1/houses', { buildingId: p.buildingIds[0], roomNo: '1', use: 'shop', state: 'vacant' }],
      ['PATCH', `/api/v1/houses/${houseId}`, { version: 1, state: 'vacant' }],
      ['POST', '/api/v1/areas', { projectId: p.id, kind: 'area', category: 'roof', code: 'Z', name: 'z' }],
      ['PATCH', `/api/v1/areas/${areaId}`, { name: 'x' }],
    ];
    for (const [method, url, payload] of writes) {
      const response = await call(s, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'FORBIDDEN',
        details: { permission: 'projects.manage' },
      });
    }
    expect(await snapshot()).toBe(before);
    expect(await count('houses')).toBeGreaterThan(0);
  });

  it('lists houses, buildings and units in natural order: 2 before 10, room 99 before 101 before 1001', async () => {
    const q = await newProject(h.deps, org, { code: uniqueName('N'), buildings: ['10', '2'] });
    const [ten, two] = q.buildingIds;
    const unit = await newUnit(h.deps, org, two!, '1');
    for (const roomNo of ['1001', '101', '99'])
      await newHouse(h.deps, org, { buildingId: two!, unitId: unit.id, roomNo });
    await newHouse(h.deps, org, { buildingId: ten!, roomNo: '101' });
    const labels: string[] = [];
    let cursor: string | null = '';
    // Two per page: the keyset cursor must follow the same order.
    while (cursor !== null) {
      const page: { items: House[]; nextCursor: string | null } = (
        await call(
          admin,
          'GET',
          `/api/v1/houses?projectId=${q.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      labels.push(...page.items.map((x) => x.roomLabel));
      cursor = page.nextCursor;
    }
    expect(labels).toEqual(['2-1-99', '2-1-101', '2-1-1001', '10-101']);
    expect((await tree(admin, q.id)).buildings.map((b) => b.code)).toEqual(['2', '10']);
  });
});
