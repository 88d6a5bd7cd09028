import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@steward/contracts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { multipart, signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

describeEngines('customers', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  let project: Awaited<ReturnType<typeof newProject>>;
  const houses: string[] = [];

  const create = (s: Session, body: object, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...s.headers, ...headers },
      payload: body,
    });
  const search = async (s: Session, query: string) =>
    (await h.app.inject({ url: `/api/v1/customers?${query}`, headers: s.headers })).json<{
      items: Customer[];
    }>().items;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    project = await newProject(h.deps, org, { code: 'JX', buildings: ['1', '2', '3'] });
    for (const [i, buildingId] of project.buildingIds.entries())
      houses.push((await newHouse(h.deps, org, { buildingId, roomNo: `${i + 1}01` })).id);
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  describe('registering and finding', () => {
    let wang: Customer;
    beforeAll(async () => {
      const response = await create(admin, {
        kind: 'person',
        name: '王建国',
        phones: [{ phone: '+86 139-0000-1234' }, { phone: '(025) 8456 1234', label: 'home' }],
        idType: 'resident_id',
        idNumber: '11010519491231002x',
        emergencyName: '王小明',
        emergencyPhone: '0086 13700001111',
        houses: [{ houseId: houses[0], role: 'owner', since: '2020-05-01' }],
      });
      expect(response.statusCode, response.body).toBe(201);
      wang = response.json();
    });

    it('stores personal data masked in every answer, with a generated code', () => {
      expect(wang.code).toMatch(/^C\d{7}$/);
      expect(wang.phones).toEqual([
        { masked: '139****1234', label: 'mobile' },
        { masked: '025****1234', label: 'home' },
      ]);
      expect(wang.idNumber).toBe('1101**********002X');
      expect(wang.emergencyPhone).toBe('137****1111');
      expect(JSON.stringify(wang)).not.toContain('13900001234');
      expect(wang.houses).toMatchObject([
        { houseId: houses[0], role: 'owner', roomLabel: '1-101', current: true },
      ]);
    });

    it('keeps the ID number encrypted at rest', async () => {
      const row = await h.deps.db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', wang.id)
        .executeTakeFirstOrThrow();
      expect(row.id_number_cipher).not.toContain('110105');
      expect(h.deps.cipher.decryptText(row.id_number_cipher!)).toBe('11010519491231002X');
    });

    it.each(['13900001234', '139 0000 1234', '+86 139-0000-1234', '0086 13900001234', '1234', '1390000'])(
      'finds the customer by the phone written as %s',
      async (phone) => {
        expect((await search(admin, `q=${encodeURIComponent(phone)}`)).map((c) => c.id)).toContain(wang.id);
        if (phone.length > 4)
          expect((await search(admin, `phone=${encodeURIComponent(phone)}`)).map((c) => c.id)).toContain(
            wang.id,
          );
      },
    );

    it('finds by landline, name prefix and room label', async () => {
      expect((await search(admin, `q=${encodeURIComponent('025-84561234')}`)).map((c) => c.id)).toContain(
        wang.id,
      );
      expect((await search(admin, `q=${encodeURIComponent('王建')}`)).map((c) => c.id)).toContain(wang.id);
      expect((await search(admin, 'q=1-101')).map((c) => c.id)).toContain(wang.id);
      expect(await search(admin, `q=${encodeURIComponent('李')}`)).toEqual([]);
    });

    it('reveals a field in full only with an audit entry, never putting the value in the log', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${wang.id}/reveal`,
        headers: admin.headers,
        payload: { field: 'idNumber' },
      });
      expect(response.json()).toEqual({ field: 'idNumber', value: '11010519491231002X' });
      const phone = await h.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${wang.id}/reveal`,
        headers: admin.headers,
        payload: { field: 'phone', index: 1 },
      });
      expect(phone.json().value).toBe('02584561234');
      const audit = (
        await h.app.inject({ url: '/api/v1/audit?action=pii.revealed', headers: admin.headers })
      ).json();
      expect(audit.items[0]).toMatchObject({
        action: 'pii.revealed',
        targetType: 'customer',
        targetId: wang.id,
      });
      expect(JSON.stringify(audit)).not.toContain('11010519491231002X');
      const none = await h.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${wang.id}/reveal`,
        headers: admin.headers,
        payload: { field: 'phone', index: 4 },
      });
      expect(none.statusCode).toBe(404);
    });

    it('updates with the version read, and refuses a stale one', async () => {
      const patch = (body: object) =>
        h.app.inject({
          method: 'PATCH',
          url: `/api/v1/customers/${wang.id}`,
          headers: admin.headers,
          payload: body,
        });
      const same = await patch({ version: wang.version, name: '王建国' });
      expect(same.json().version).toBe(wang.version);
      const changed = await patch({ version: wang.version, valueLevel: 'important', notes: '<b>VIP</b>' });
      expect(changed.json()).toMatchObject({
        valueLevel: 'important',
        notes: '<b>VIP</b>',
        version: wang.version + 1,
      });
      const stale = await patch({ version: wang.version, name: '王二' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      wang = changed.json();
    });

    it('changes one phone while keeping the others it only sees masked', async () => {
      const patch = (body: object) =>
        h.app.inject({
          method: 'PATCH',
          url: `/api/v1/customers/${wang.id}`,
          headers: admin.headers,
          payload: body,
        });
      const changed = await patch({
        version: wang.version,
        phones: [{ keep: 1, label: 'work' }, { phone: '137 0000 2222' }],
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().phones).toEqual([
        { masked: '025****1234', label: 'work' },
        { masked: '137****2222', label: 'mobile' },
      ]);
      const unknown = await patch({ version: changed.json().version, phones: [{ keep: 4 }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe('PHONE_KEEP_UNKNOWN');
      const same = await patch({ version: changed.json().version, phones: [{ keep: 0 }, { keep: 1 }] });
      expect(same.json().version).toBe(changed.json().version);
      wang = changed.json();
    });
  });

  it('refuses bad input clearly and stores nothing', async () => {
    const before = await h.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [object, string, string][] = [
      [{ kind: 'person', name: '甲', phones: [{ phone: '12345' }] }, 'INVALID_PHONE', 'body.phones.0.phone'],
      [
        { kind: 'person', name: '乙', idType: 'resident_id', idNumber: '110105194912310021' },
        'ID_CHECKSUM',
        'body.idNumber',
      ],
      [{ kind: 'person', name: '丙', idNumber: '110105194912310021' }, 'ID_TYPE_REQUIRED', 'body.idType'],
      [
        {
          kind: 'person',
          name: '丁',
          houses: [{ houseId: '01890000-0000-7000-8000-000000000000', role: 'owner' }],
        },
        'HOUSE_UNAVAILABLE',
        'body.houses.0.houseId',
      ],
      [
        {
          kind: 'person',
          name: '戊',
          houses: [{ houseId: houses[0], role: 'owner', since: '2025-01-02', until: '2024-01-01' }],
        },
        'RELATION_DATES',
        'body.houses.0.until',
      ],
      [{ kind: 'alien', name: '己' }, 'VALIDATION_FAILED', 'body.kind'],
      [{ kind: 'person', name: '庚', extra: 1 }, 'VALIDATION_FAILED', 'body.extra'],
      [{ kind: 'person', name: 7 }, 'VALIDATION_FAILED', 'body.name'],
    ];
    for (const [body, code, field] of cases) {
      const response = await create(admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const after = await h.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('gives customers registered at the same moment distinct codes, and refuses a house listed twice', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        create(admin, { kind: 'person', name: `同时${i}`, houses: [{ houseId: houses[0], role: 'family' }] }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().code)).size).toBe(8);
    const twice = await create(admin, {
      kind: 'person',
      name: '重复',
      houses: [
        { houseId: houses[0], role: 'owner' },
        { houseId: houses[0], role: 'owner' },
      ],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'RELATION_EXISTS' });
    expect(await search(admin, `q=${encodeURIComponent('重复')}`)).toEqual([]);
  });

  it('generates codes past a typed code that merely starts with C; refuses a blank name and an unreadable upload', async () => {
    expect(
      (
        await create(admin, {
          kind: 'person',
          name: '自编号',
          code: 'C9-A',
          houses: [{ houseId: houses[0], role: 'family' }],
        })
      ).statusCode,
    ).toBe(201);
    const next = await create(admin, {
      kind: 'person',
      name: '系统编号',
      houses: [{ houseId: houses[0], role: 'family' }],
    });
    expect(next.statusCode).toBe(201);
    expect(next.json().code).toMatch(/^C\d{7}$/);
    const blank = await create(admin, { kind: 'person', name: '   ' });
    expect(blank.json().error.code).toBe('VALIDATION_FAILED');
    const broken = await h.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${next.json().id}/documents`,
      headers: { ...admin.headers, 'content-type': 'multipart/form-data' },
      payload: 'no boundary here',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('UPLOAD_EXPECTED');
  });

  it('keeps text with markup or SQL verbatim, and an Idempotency-Key yields one record', async () => {
    const body = {
      kind: 'organization',
      name: "<script>x</script>'; DROP TABLE customers;--",
      houses: [{ houseId: houses[1], role: 'tenant' }],
    };
    const first = await create(admin, body, { 'idempotency-key': 'cust-1' });
    const second = await create(admin, body, { 'idempotency-key': 'cust-1' });
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().name).toBe(body.name);
  });

  it('scopes customers by the houses they live in: a butler of buildings 1–2 cannot reach building 3', async () => {
    const inThree = (
      await create(admin, {
        kind: 'person',
        name: '赵三楼',
        phones: [{ phone: '13600003333' }],
        houses: [{ houseId: houses[2], role: 'owner' }],
      })
    ).json<Customer>();
    const butler = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: {
        all: false,
        projects: [
          { projectId: project.id, buildingIds: [project.buildingIds[0]!, project.buildingIds[1]!] },
        ],
      },
    });
    const s = await signIn(h.app, butler.username, PASSWORD);
    expect((await search(s, 'limit=200')).map((c) => c.id)).not.toContain(inThree.id);
    expect(await search(s, 'q=13600003333')).toEqual([]);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/customers/${inThree.id}`, undefined],
      ['GET', `/api/v1/customers/${inThree.id}/overview`, undefined],
      ['POST', `/api/v1/customers/${inThree.id}/reveal`, { field: 'phone' }],
      ['PATCH', `/api/v1/customers/${inThree.id}`, { version: 1, name: 'x' }],
      ['POST', `/api/v1/customers/${inThree.id}/contacts`, { channel: 'phone', topic: 'fee', summary: 'x' }],
    ] as const) {
      const response = await h.app.inject({ method, url, headers: s.headers, payload });
      expect(response.statusCode, url).toBe(404);
    }
    // A customer with houses in building 1 and building 3 shows the butler only the house in building 1,
    // and only that household's co-residents.
    const both = (
      await create(admin, {
        kind: 'person',
        name: '两处房产',
        houses: [
          { houseId: houses[0], role: 'owner' },
          { houseId: houses[2], role: 'owner' },
        ],
      })
    ).json<Customer>();
    const seen = (
      await h.app.inject({ url: `/api/v1/customers/${both.id}`, headers: s.headers })
    ).json<Customer>();
    expect(seen.houses.map((x) => x.houseId)).toEqual([houses[0]]);
    const overview = (
      await h.app.inject({ url: `/api/v1/customers/${both.id}/overview`, headers: s.headers })
    ).json();
    expect(JSON.stringify(overview)).not.toContain(inThree.id);
    expect(overview.households).toHaveLength(1);
    // Tag counts count only the customers the butler can see.
    const tag = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: admin.headers,
        payload: { name: '三楼标签' },
      })
    ).json();
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${inThree.id}`,
      headers: admin.headers,
      payload: { version: inThree.version, tagIds: [tag.id] },
    });
    const counts = (await h.app.inject({ url: '/api/v1/tags', headers: s.headers })).json().items;
    expect(counts.find((t: { id: string }) => t.id === tag.id).customerCount).toBe(0);
    // Nor may the butler attach someone to a house outside their buildings.
    const outside = await create(s, {
      kind: 'person',
      name: '钱',
      houses: [{ houseId: houses[2], role: 'tenant' }],
    });
    expect(outside.json().error.code).toBe('HOUSE_UNAVAILABLE');
    const homeless = await create(s, { kind: 'person', name: '孙' });
    expect(homeless.json().error.code).toBe('CUSTOMER_NEEDS_HOUSE');
    const own = await create(s, {
      kind: 'person',
      name: '李一楼',
      houses: [{ houseId: houses[0], role: 'tenant' }],
    });
    expect(own.statusCode).toBe(201);
  });

  it('lets roles do only what they hold: a cashier reads but cannot reveal; a technician cannot list', async () => {
    const someone = (
      await create(admin, {
        kind: 'person',
        name: '周',
        phones: [{ phone: '13500001234' }],
        houses: [{ houseId: houses[0], role: 'family' }],
      })
    ).json<Customer>();
    const cashier = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['cashier'] })).username,
      PASSWORD,
    );
    expect(
      (await h.app.inject({ url: `/api/v1/customers/${someone.id}`, headers: cashier.headers })).statusCode,
    ).toBe(200);
    const reveal = await h.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${someone.id}/reveal`,
      headers: cashier.headers,
      payload: { field: 'phone' },
    });
    expect(reveal.statusCode).toBe(403);
    const tech = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['technician'] })).username,
      PASSWORD,
    );
    expect((await h.app.inject({ url: '/api/v1/customers', headers: tech.headers })).statusCode).toBe(403);
  });

  it('relates customers to houses, shows co-residents, and tracks tags', async () => {
    const owner = (
      await create(admin, { kind: 'person', name: '吴业主', houses: [{ houseId: houses[1], role: 'owner' }] })
    ).json<Customer>();
    const tenant = (
      await create(admin, { kind: 'person', name: '郑租户', phones: [{ phone: '13811112222' }] })
    ).json<Customer>();
    const added = await h.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${tenant.id}/houses`,
      headers: admin.headers,
      payload: { houseId: houses[1], role: 'tenant', since: '2026-01-01', until: '2026-12-01' },
    });
    expect(added.json().houses).toHaveLength(1);
    const twice = await h.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${tenant.id}/houses`,
      headers: admin.headers,
      payload: { houseId: houses[1], role: 'tenant' },
    });
    expect(twice.statusCode).toBe(409);
    const overview = (
      await h.app.inject({ url: `/api/v1/customers/${owner.id}/overview`, headers: admin.headers })
    ).json();
    expect(overview.households[0].coResidents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '郑租户', role: 'tenant', phone: '138****2222' }),
      ]),
    );
    expect(overview.requests).toEqual({ available: true, total: 0, items: [] });
    expect(overview.visits).toEqual({ available: false, total: 0, items: [] });
    const tenantView = (
      await h.app.inject({ url: `/api/v1/customers/${tenant.id}/overview`, headers: admin.headers })
    ).json();
    expect(tenantView.hints).toContain('tenant_lease_ending');
    expect(tenantView.segments).toMatchObject({
      titles: ['tenant'],
      propertyTypes: ['residential'],
      kind: 'person',
    });

    const tag = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tags',
      headers: admin.headers,
      payload: { name: '老人独居' },
    });
    expect(tag.statusCode).toBe(201);
    const dup = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tags',
      headers: admin.headers,
      payload: { name: '老人独居' },
    });
    expect(dup.statusCode).toBe(409);
    const tagged = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${owner.id}`,
      headers: admin.headers,
      payload: { version: owner.version, tagIds: [tag.json().id] },
    });
    expect(tagged.json().tags.map((t: { name: string }) => t.name)).toEqual(['老人独居']);
    expect((await search(admin, `tagId=${tag.json().id}`)).map((c) => c.id)).toEqual([owner.id]);

    const relationId = added.json().houses[0].relationId;
    const moved = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${tenant.id}/houses/${relationId}`,
      headers: admin.headers,
      payload: { until: '2026-01-31' },
    });
    expect(moved.json().houses[0]).toMatchObject({ until: '2026-01-31', current: false });
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/customers/${tenant.id}/houses/${relationId}`,
      headers: admin.headers,
    });
    expect(removed.json().houses).toEqual([]);
  });

  it('derives the demand pattern from the contact log', async () => {
    const critic = (
      await create(admin, { kind: 'person', name: '冯意见', houses: [{ houseId: houses[0], role: 'owner' }] })
    ).json<Customer>();
    for (const topic of ['opinion', 'opinion', 'service'])
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/api/v1/customers/${critic.id}/contacts`,
            headers: admin.headers,
            payload: { channel: 'phone', topic, summary: '反映电梯噪音' },
          })
        ).statusCode,
      ).toBe(201);
    const view = (
      await h.app.inject({ url: `/api/v1/customers/${critic.id}/overview`, headers: admin.headers })
    ).json();
    expect(view.segments.demandPattern).toBe('opinion');
    expect(view.hints).toContain('frequent_opinion');
    expect(view.contacts).toHaveLength(3);
    expect((await search(admin, 'demandPattern=opinion')).map((c) => c.id)).toContain(critic.id);
  });

  it('stamps ID copies before storing them, encrypted; viewing one is audited', async () => {
    const holder = (
      await create(admin, { kind: 'person', name: '陈证件', houses: [{ houseId: houses[0], role: 'owner' }] })
    ).json<Customer>();
    const image = await sharp({ create: { width: 600, height: 380, channels: 3, background: '#e8eef5' } })
      .png()
      .toBuffer();
    const upload = multipart({ purpose: 'access_card' }, { name: 'id.png', data: image, type: 'image/png' });
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${holder.id}/documents`,
      headers: { ...admin.headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      purpose: 'access_card',
      stampText: '复印件仅供办理门禁卡之用',
      mime: 'image/jpeg',
    });
    const file = await h.app.inject({
      url: `/api/v1/customers/${holder.id}/documents/${response.json().id}/file`,
      headers: admin.headers,
    });
    expect(file.headers['content-type']).toBe('image/jpeg');
    const stats = await sharp(file.rawPayload).stats();
    const plain = await sharp(image).stats();
    expect(Math.abs(stats.channels[0]!.mean - plain.channels[0]!.mean)).toBeGreaterThan(0.5);
    const audit = (
      await h.app.inject({ url: '/api/v1/audit?action=pii.revealed', headers: admin.headers })
    ).json();
    expect(audit.items[0].details).toMatchObject({ field: 'document' });

    for (const [fields, data, code] of [
      [{ purpose: 'access_card' }, Buffer.from('%PDF-1.7 not an image'), 'DOCUMENT_NOT_IMAGE'],
      [{ purpose: 'other' }, image, 'PURPOSE_TEXT_REQUIRED'],
      [{}, image, 'DOCUMENT_FORM'],
    ] as const) {
      const bad = multipart(fields, { name: 'x', data });
      const refused = await h.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${holder.id}/documents`,
        headers: { ...admin.headers, ...bad.headers },
        payload: bad.payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe(code);
    }
    const deleted = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/customers/${holder.id}/documents/${response.json().id}`,
      headers: admin.headers,
    });
    expect(deleted.statusCode).toBe(204);
    const overview = (
      await h.app.inject({ url: `/api/v1/customers/${holder.id}/overview`, headers: admin.headers })
    ).json();
    expect(overview.documents).toEqual([]);
  });
});
