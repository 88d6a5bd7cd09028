import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  newArea,
  newHouse,
  newOrg,
  newProject,
  newUnit,
  newUser,
  PASSWORD,
  type TestOrg,
} from '../factories.ts';
import sharp from 'sharp';
import { newId } from '../../src/platform/ids.ts';
import { multipart, signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

/**
 * Organisation B's administrator, holding every permission in B, aims every endpoint at
 * organisation A's ids. Each answer must be a refusal, and A's data must be unchanged.
 */
describeEngines('organisations are sealed from each other', (engine) => {
  let h: TestApp;
  let a: TestOrg;
  let intruder: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startTestApp(engine);
    a = await newOrg(h.deps, 'A 物业');
    const b = await newOrg(h.deps, 'B 物业');
    const project = await newProject(h.deps, a, { buildings: ['1'] });
    const user = await newUser(h.deps, a, { roles: ['agent'] });
    const unit = await newUnit(h.deps, a, project.buildingIds[0]!, '1');
    const house = await newHouse(h.deps, a, {
      buildingId: project.buildingIds[0]!,
      unitId: unit.id,
      roomNo: '101',
    });
    const area = await newArea(h.deps, a, { projectId: project.id, code: 'G1' });
    const adminA = await signIn(h.app, a.adminUsername, PASSWORD);
    const roles = (await h.app.inject({ url: '/api/v1/roles', headers: adminA.headers })).json().items;
    const token = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: adminA.headers,
        payload: { name: 'A', userId: user.id },
      })
    ).json();
    Object.assign(ids, {
      project: project.id,
      building: project.buildingIds[0]!,
      user: user.id,
      role: roles[1].id,
      token: token.token.id,
      unit: unit.id,
      house: house.id,
      area: area.id,
    });
    const customer = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: adminA.headers,
        payload: {
          kind: 'person',
          name: '甲方客户',
          phones: [{ phone: '13912345678' }],
          houses: [{ houseId: house.id, role: 'owner' }],
        },
      })
    ).json();
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const form = multipart({ purpose: 'move_in' }, { name: 'id.png', data: image });
    const document = (
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/documents`,
        headers: { ...adminA.headers, ...form.headers },
        payload: form.payload,
      })
    ).json();
    Object.assign(ids, {
      customer: customer.id,
      relation: customer.houses[0].relationId,
      document: document.id,
    });
    const categories = (await h.app.inject({ url: '/api/v1/categories', headers: adminA.headers })).json()
      .items;
    const ticket = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: adminA.headers,
        payload: {
          type: 'repair',
          channel: 'phone',
          urgency: 'general',
          categoryId: categories[0].id,
          description: '甲方报修',
          houseId: house.id,
          customerId: customer.id,
          dispatch: 'none',
        },
      })
    ).json();
    const material = (
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/lines`,
        headers: adminA.headers,
        payload: { kind: 'material', name: '胶带', unit: '卷', quantity: 1 },
      })
    ).json();
    const photo = multipart({ stage: 'before' }, { name: 'p.png', data: image });
    const attachment = (
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/attachments`,
        headers: { ...adminA.headers, ...photo.headers },
        payload: photo.payload,
      })
    ).json();
    Object.assign(ids, { ticket: ticket.id, line: material.id, attachment: attachment.id });
    // A promise on A's record, and an alert addressed to A's administrator.
    const promise = (
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/promises`,
        headers: adminA.headers,
        payload: { kind: 'callback', dueAt: '2030-01-01T00:00:00.000Z' },
      })
    ).json();
    const alert = newId();
    await h.deps.db
      .insertInto('alerts')
      .values({
        id: alert,
        org_id: a.orgId,
        user_id: a.admin.userId,
        kind: 'warning',
        clock: 'dispatch',
        level: 0,
        ticket_id: ticket.id,
        due_at: '2030-01-01T00:00:00.000Z',
        dedupe_key: 'tenancy',
        created_at: '2026-11-22T02:00:00.000Z',
        read_at: null,
      })
      .execute();
    Object.assign(ids, { promise: promise.id, alert });
    // Service desk configuration of A: the first seeded category, department and price item, and
    // a planned duty shift.
    const firstOf = async (url: string): Promise<string> =>
      (await h.app.inject({ url, headers: adminA.headers })).json().items[0].id;
    const shift = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/duty-shifts',
        headers: adminA.headers,
        payload: {
          userId: user.id,
          startsAt: '2030-01-01T00:00:00.000Z',
          endsAt: '2030-01-01T08:00:00.000Z',
        },
      })
    ).json();
    Object.assign(ids, {
      category: await firstOf('/api/v1/categories'),
      department: await firstOf('/api/v1/departments'),
      priceItem: await firstOf('/api/v1/price-items'),
      shift: shift.id,
      calendar: await firstOf('/api/v1/calendars'),
      policy: await firstOf('/api/v1/time-policies'),
    });
    intruder = await signIn(h.app, b.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  const snapshot = async () => {
    const db = h.deps.db;
    return JSON.stringify(
      await Promise.all([
        db.selectFrom('users').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('projects').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('buildings').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db
          .selectFrom('role_permissions')
          .selectAll()
          .where('org_id', '=', a.orgId)
          .orderBy('role_id')
          .orderBy('permission')
          .execute(),
        db.selectFrom('api_tokens').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('user_roles').selectAll().where('org_id', '=', a.orgId).orderBy('user_id').execute(),
        db.selectFrom('units').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('houses').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('areas').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('customers').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('customer_houses').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('customer_phones').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('customer_documents').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('customer_contacts').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        ...(
          [
            'departments',
            'ticket_categories',
            'price_items',
            'building_duties',
            'duty_shifts',
            'business_calendars',
            'time_policies',
            'ticket_clocks',
            'ticket_promises',
            'alerts',
          ] as const
        ).map((table) =>
          db.selectFrom(table).selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        ),
        db
          .selectFrom('staff_profiles')
          .selectAll()
          .where('org_id', '=', a.orgId)
          .orderBy('user_id')
          .execute(),
        db.selectFrom('tickets').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('ticket_events').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('ticket_lines').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
        db.selectFrom('ticket_attachments').selectAll().where('org_id', '=', a.orgId).orderBy('id').execute(),
      ]),
    );
  };

  /** Every route that names a record by id, with a request aimed at A's record. */
  const targeted = () => [
    { method: 'GET', url: `/api/v1/users/${ids.user}` },
    { method: 'PATCH', url: `/api/v1/users/${ids.user}`, payload: { version: 1, displayName: 'hijacked' } },
    {
      method: 'POST',
      url: `/api/v1/users/${ids.user}/reset-password`,
      payload: { newPassword: 'Hijack1234' },
    },
    { method: 'POST', url: `/api/v1/users/${ids.user}/revoke-sessions` },
    { method: 'PATCH', url: `/api/v1/roles/${ids.role}`, payload: { permissions: [] } },
    { method: 'POST', url: `/api/v1/api-tokens/${ids.token}/revoke` },
    { method: 'GET', url: `/api/v1/projects/${ids.project}` },
    { method: 'GET', url: `/api/v1/projects/${ids.project}/buildings` },
    { method: 'POST', url: `/api/v1/projects/${ids.project}/buildings`, payload: { code: 'X', name: 'X' } },
    { method: 'PATCH', url: `/api/v1/projects/${ids.project}`, payload: { name: 'hijacked' } },
    { method: 'GET', url: `/api/v1/projects/${ids.project}/tree` },
    { method: 'PATCH', url: `/api/v1/buildings/${ids.building}`, payload: { name: 'hijacked' } },
    { method: 'POST', url: `/api/v1/buildings/${ids.building}/units`, payload: { code: 'X' } },
    { method: 'PATCH', url: `/api/v1/units/${ids.unit}`, payload: { name: 'hijacked' } },
    { method: 'GET', url: `/api/v1/houses/${ids.house}` },
    { method: 'PATCH', url: `/api/v1/houses/${ids.house}`, payload: { version: 1, state: 'vacant' } },
    { method: 'PATCH', url: `/api/v1/areas/${ids.area}`, payload: { name: 'hijacked' } },
    { method: 'GET', url: `/api/v1/customers/${ids.customer}` },
    { method: 'PATCH', url: `/api/v1/customers/${ids.customer}`, payload: { version: 1, name: 'hijacked' } },
    { method: 'GET', url: `/api/v1/customers/${ids.customer}/overview` },
    { method: 'POST', url: `/api/v1/customers/${ids.customer}/reveal`, payload: { field: 'phone' } },
    {
      method: 'POST',
      url: `/api/v1/customers/${ids.customer}/houses`,
      payload: { houseId: ids.house, role: 'tenant' },
    },
    {
      method: 'PATCH',
      url: `/api/v1/customers/${ids.customer}/houses/${ids.relation}`,
      route: 'PATCH /api/v1/customers/{id}/houses/{relationId}',
      payload: { until: '2020-01-01' },
    },
    {
      method: 'DELETE',
      url: `/api/v1/customers/${ids.customer}/houses/${ids.relation}`,
      route: 'DELETE /api/v1/customers/{id}/houses/{relationId}',
    },
    {
      method: 'POST',
      url: `/api/v1/customers/${ids.customer}/contacts`,
      payload: { channel: 'phone', topic: 'opinion', summary: 'x' },
    },
    { method: 'POST', url: `/api/v1/customers/${ids.customer}/documents`, upload: true },
    {
      method: 'GET',
      url: `/api/v1/customers/${ids.customer}/documents/${ids.document}/file`,
      route: 'GET /api/v1/customers/{id}/documents/{documentId}/file',
    },
    {
      method: 'DELETE',
      url: `/api/v1/customers/${ids.customer}/documents/${ids.document}`,
      route: 'DELETE /api/v1/customers/{id}/documents/{documentId}',
    },
    { method: 'PATCH', url: `/api/v1/categories/${ids.category}`, payload: { name: 'hijacked' } },
    { method: 'PATCH', url: `/api/v1/departments/${ids.department}`, payload: { name: 'hijacked' } },
    {
      method: 'PUT',
      url: `/api/v1/staff/${ids.user}`,
      payload: { departmentId: null, skills: [], duties: [] },
    },
    { method: 'DELETE', url: `/api/v1/duty-shifts/${ids.shift}` },
    { method: 'PATCH', url: `/api/v1/price-items/${ids.priceItem}`, payload: { priceFen: 1 } },
    { method: 'PATCH', url: `/api/v1/calendars/${ids.calendar}`, payload: { version: 1, name: 'hijacked' } },
    {
      method: 'PATCH',
      url: `/api/v1/time-policies/${ids.policy}`,
      payload: { version: 1, name: 'hijacked' },
    },
    { method: 'GET', url: `/api/v1/tickets/${ids.ticket}` },
    ...ticketActions().map((action) => ({
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/actions/${action.name}`,
      payload: { version: 1, ...action.body },
    })),
    { method: 'GET', url: `/api/v1/tickets/${ids.ticket}/timeline` },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/promises`,
      payload: { kind: 'visit', dueAt: '2030-01-01T00:00:00.000Z' },
    },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/promises/${ids.promise}/keep`,
      route: 'POST /api/v1/tickets/{id}/promises/{promiseId}/keep',
      payload: {},
    },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/promises/${ids.promise}/withdraw`,
      route: 'POST /api/v1/tickets/{id}/promises/{promiseId}/withdraw',
      payload: { reason: 'x' },
    },
    { method: 'POST', url: `/api/v1/alerts/${ids.alert}/read` },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/comments`,
      payload: { visibility: 'public', body: 'x' },
    },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/lines`,
      payload: { kind: 'material', name: 'x', unit: '个', quantity: 1 },
    },
    {
      method: 'POST',
      url: `/api/v1/tickets/${ids.ticket}/lines/${ids.line}/void`,
      route: 'POST /api/v1/tickets/{id}/lines/{lineId}/void',
      payload: { reason: 'x' },
    },
    { method: 'POST', url: `/api/v1/tickets/${ids.ticket}/attachments`, upload: 'before' },
    { method: 'GET', url: `/api/v1/attachments/${ids.attachment}` },
  ];

  /** Every lifecycle action with a body its schema accepts, so the refusal is about the organisation. */
  const ticketActions = () => [
    { name: 'dispatch', body: {} },
    { name: 'accept', body: {} },
    { name: 'decline', body: { reason: 'x' } },
    { name: 'arrive', body: {} },
    { name: 'start', body: {} },
    { name: 'hold', body: { reason: 'parts' } },
    { name: 'resume', body: {} },
    { name: 'complete', body: { note: 'x' } },
    { name: 'confirm', body: { method: 'phone' } },
    { name: 'visit', body: { satisfied: true, score: 5 } },
    { name: 'reopen', body: { reason: 'x' } },
    { name: 'cancel', body: { reason: 'x' } },
    { name: 'archive', body: {} },
    { name: 'escalate', body: { note: 'x' } },
    { name: 'link', body: { targetId: ids.ticket, kind: 'related' } },
    { name: 'reclassify', body: { urgency: 'emergency' } },
  ];

  it('answers 404 to every endpoint aimed at another organisation’s record and changes nothing', async () => {
    const before = await snapshot();
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    for (const request of targeted()) {
      const fields: Record<string, string> =
        'upload' in request && request.upload === 'before' ? { stage: 'before' } : { purpose: 'move_in' };
      const form = 'upload' in request ? multipart(fields, { name: 'x.png', data: image }) : null;
      const response = await h.app.inject({
        method: request.method as 'GET',
        url: request.url,
        ...('payload' in request ? { payload: request.payload } : {}),
        ...(form ? { payload: form.payload } : {}),
        headers: { ...intruder.headers, ...form?.headers },
      });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toBe(before);
  });

  it('never lists another organisation’s records', async () => {
    const lists = [
      '/api/v1/users?limit=200',
      '/api/v1/roles',
      '/api/v1/api-tokens',
      '/api/v1/projects?limit=200',
      '/api/v1/audit?limit=200',
      '/api/v1/houses?limit=200',
      `/api/v1/houses?limit=200&projectId=${ids.project}`,
      `/api/v1/houses?limit=200&q=1-1-101`,
      '/api/v1/areas?limit=200',
      '/api/v1/customers?limit=200',
      '/api/v1/customers?q=13912345678',
      '/api/v1/customers?q=1-1-101',
      '/api/v1/tags',
      `/api/v1/areas?limit=200&projectId=${ids.project}`,
      '/api/v1/categories',
      '/api/v1/departments',
      '/api/v1/staff',
      '/api/v1/price-items',
      '/api/v1/calendars',
      '/api/v1/time-policies',
      '/api/v1/duty-shifts?from=2029-12-31T00:00:00Z&to=2030-01-02T00:00:00Z',
      '/api/v1/tickets?limit=200',
      `/api/v1/tickets?limit=200&q=${encodeURIComponent('甲方报修')}`,
      '/api/v1/tickets?limit=200&q=13912345678',
      `/api/v1/tickets?limit=200&customerId=${ids.customer}`,
      '/api/v1/intake/lookup?q=13912345678',
      '/api/v1/intake/lookup?q=1-1-101',
    ];
    for (const url of lists) {
      const body = (await h.app.inject({ url, headers: intruder.headers })).body;
      for (const id of Object.values(ids)) expect(body, `${url} leaks ${id}`).not.toContain(id);
      expect(body).not.toContain(a.orgId);
    }
  });

  it('refuses another organisation’s ids inside a request body', async () => {
    const before = await snapshot();
    const scope = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: intruder.headers,
      payload: {
        username: 'sneaky-user',
        displayName: 's',
        password: 'Sneaky1234',
        roles: ['agent'],
        scope: { all: false, projects: [{ projectId: ids.project, buildingIds: [] }] },
      },
    });
    expect(scope.json().error.code).toBe('INVALID_SCOPE');
    const token = await h.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: intruder.headers,
      payload: { name: 'x', userId: ids.user },
    });
    expect(token.json().error.code).toBe('TOKEN_USER_INVALID');
    const house = await h.app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: intruder.headers,
      payload: { buildingId: ids.building, roomNo: '999', use: 'residence', state: 'vacant' },
    });
    expect(house.json().error.code).toBe('NOT_FOUND');
    const area = await h.app.inject({
      method: 'POST',
      url: '/api/v1/areas',
      headers: intruder.headers,
      payload: { projectId: ids.project, kind: 'area', category: 'gate', code: 'Z9', name: 'z' },
    });
    expect(area.json().error.code).toBe('NOT_FOUND');
    const desk = [
      {
        method: 'POST',
        url: '/api/v1/categories',
        payload: { parentId: ids.category, code: 'S1', name: 's' },
      },
      {
        method: 'POST',
        url: '/api/v1/categories',
        payload: { departmentId: ids.department, code: 'S2', name: 's' },
      },
      {
        method: 'POST',
        url: '/api/v1/price-items',
        payload: { categoryId: ids.category, code: 'S3', name: 's', unit: '次', priceFen: 1 },
      },
      {
        method: 'POST',
        url: '/api/v1/duty-shifts',
        payload: { userId: ids.user, startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-02-01T08:00:00Z' },
      },
      {
        method: 'POST',
        url: '/api/v1/time-policies',
        payload: {
          name: 's',
          type: null,
          categoryId: null,
          urgency: 'special',
          projectId: null,
          calendarId: ids.calendar,
          clocks: { dispatch: 5, accept: null, arrive: null, complete: null, feedback: null },
          promiseMinutes: null,
          warnPercent: null,
          ladder: [],
          repeatMinutes: null,
        },
      },
      {
        method: 'PUT',
        url: `/api/v1/staff/${intruder.user.id}`,
        payload: { departmentId: null, skills: [], duties: [{ buildingId: ids.building, duty: 'butler' }] },
      },
    ] as const;
    for (const { method, url, payload } of desk) {
      const response = await h.app.inject({ method, url, headers: intruder.headers, payload });
      expect(response.json().error.code, `${method} ${url}`).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toBe(before);
  });

  it('covers every id-bearing route the server has (a new route must be added here)', async () => {
    const paths = (await h.app.inject({ url: '/api/v1/openapi.json' })).json().paths as Record<
      string,
      Record<string, unknown>
    >;
    const declared = Object.entries(paths).flatMap(([path, methods]) =>
      path.includes('{id}') ? Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`) : [],
    );
    expect(declared.length).toBeGreaterThan(5);
    const covered = new Set(
      targeted().map((r) =>
        'route' in r && r.route ? r.route : `${r.method} ${r.url.replace(/[0-9a-f-]{36}/, '{id}')}`,
      ),
    );
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
  });
});
