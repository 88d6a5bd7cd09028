import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Category, House, PageOf, Ticket, TicketSummary, TimelineEntry } from '@steward/contracts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { updateStaff } from '../../src/modules/servicedesk/index.ts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { multipart, signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';
const NASTY = `<img src=x onerror=alert(1)>'; DROP TABLE tickets;--`;

describeEngines('service desk: intake, dispatch, lifecycle, timeline, field work', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  let agent: Session;
  let tech: Session;
  let tech2: Session;
  let cashier: Session;
  let techId: string;
  let tech2Id: string;
  let p: Awaited<ReturnType<typeof newProject>>;
  let house: House;
  let otherHouse: House;
  let categories: Category[];
  const category = (code: string) => categories.find((c) => c.code === code)!;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    p = await newProject(h.deps, org, { code: uniqueName('T'), buildings: ['1', '2'] });
    house = await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '1502' });
    otherHouse = await newHouse(h.deps, org, { buildingId: p.buildingIds[1]!, roomNo: '101' });
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
    const a = await newUser(h.deps, org, { roles: ['agent'] });
    agent = await signIn(h.app, a.username, PASSWORD);
    const t = await newUser(h.deps, org, { roles: ['technician'] });
    const t2 = await newUser(h.deps, org, { roles: ['technician'] });
    const c = await newUser(h.deps, org, { roles: ['cashier'] });
    [techId, tech2Id] = [t.id, t2.id];
    tech = await signIn(h.app, t.username, PASSWORD);
    tech2 = await signIn(h.app, t2.username, PASSWORD);
    cashier = await signIn(h.app, c.username, PASSWORD);
    categories = (await call(admin, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items;
    const eng = category('WATER').departmentId!;
    // tech looks after building 1 as its technician; tech2 is a plumber of the same department.
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, techId, {
      departmentId: eng,
      skills: ['plumbing', 'electrical'],
      duties: [{ buildingId: p.buildingIds[0]!, duty: 'technician' }],
    });
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, tech2Id, {
      departmentId: eng,
      skills: ['plumbing'],
      duties: [],
    });
  });
  afterAll(() => h.close());

  type Method = 'GET' | 'POST';
  const call = (s: Session, method: Method, url: string, payload?: unknown, headers = {}) =>
    h.app.inject({
      method,
      url,
      headers: { ...s.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
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
  const create = async (s: Session, body: Record<string, unknown>, headers = {}) => {
    const response = await call(s, 'POST', '/api/v1/tickets', body, headers);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Ticket>();
  };
  const act = (
    s: Session,
    t: Pick<Ticket, 'id' | 'version'>,
    action: string,
    body: Record<string, unknown> = {},
  ) => call(s, 'POST', `/api/v1/tickets/${t.id}/actions/${action}`, { version: t.version, ...body });
  const ok = async (
    s: Session,
    t: Pick<Ticket, 'id' | 'version'>,
    action: string,
    body: Record<string, unknown> = {},
  ) => {
    const response = await act(s, t, action, body);
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json<Ticket>();
  };
  const timeline = async (s: Session, id: string, query = '') =>
    (await call(s, 'GET', `/api/v1/tickets/${id}/timeline${query}`)).json<PageOf<TimelineEntry>>().items;
  // The lifecycle's own entries; time standards add theirs (clocks set, promises), tested apart.
  const TIME_STANDARD_KINDS = new Set([
    'clocks_set',
    'breached',
    'promise_made',
    'promise_kept',
    'promise_broken',
    'promise_withdrawn',
  ]);
  const kindsOf = (entries: TimelineEntry[]) =>
    entries.map((e) => e.kind).filter((k) => !TIME_STANDARD_KINDS.has(k));
  const ticketRows = async () => (await h.deps.db.selectFrom('tickets').select('id').execute()).length;

  it('registers a phone repair: numbered per type and day, dispatched by rule to the building’s technician, clocks and promise set', async () => {
    const t = await create(agent, repair());
    expect(t.number).toMatch(/^BX-20261122-\d{4}$/);
    expect(t.status).toBe('dispatched');
    expect(t.assignee?.id).toBe(techId);
    expect(t.department?.id).toBe(category('WATER').departmentId);
    expect(t.location).toBe(house.roomLabel);
    expect(t.reporterPhone).toBe('138****5678');
    // Repairs by phone are promised a reply within 10 minutes (the clock is 2026-11-22T02:00Z).
    expect(t.promisedReplyAt).toBe('2026-11-22T02:10:00.000Z');
    expect(t.deadlines.dispatchBy).toBe('2026-11-22T02:05:00.000Z');
    // Same-day feedback: by the close of the service centre's working day (18:00 in Shanghai).
    expect(t.deadlines.feedbackBy).toBe('2026-11-22T10:00:00.000Z');
    expect(t.nextDueAt).toBe(t.deadlines.acceptBy);
    expect(t.categoryPath).toEqual(['水电', '漏水渗水']);
    const entries = await timeline(agent, t.id);
    expect(kindsOf(entries)).toEqual(['created', 'dispatched']);
    expect(entries[1]!.data).toMatchObject({
      basis: 'building',
      assigneeId: techId,
      departmentName: '工程部',
    });
  });

  it('numbers stay unique per organisation when many records are created at once', async () => {
    const made = await Promise.all(
      Array.from({ length: 12 }, () => create(agent, repair({ dispatch: 'none' }))),
    );
    const numbers = made.map((t) => t.number);
    expect(new Set(numbers).size).toBe(12);
    const complaint = await create(agent, repair({ type: 'complaint', categoryId: category('NOISE').id }));
    expect(complaint.number).toMatch(/^TS-20261122-0001$/);
  });

  it('one Idempotency-Key makes one record; the same key with another body is refused', async () => {
    const before = await ticketRows();
    const headers = { 'idempotency-key': uniqueName('k') };
    const first = await create(agent, repair(), headers);
    const again = await call(agent, 'POST', '/api/v1/tickets', repair(), headers);
    expect(again.statusCode).toBe(201);
    expect(again.json<Ticket>().id).toBe(first.id);
    const other = await call(agent, 'POST', '/api/v1/tickets', repair({ description: '另一件事' }), headers);
    expect(other.statusCode).toBe(409);
    expect(await ticketRows()).toBe(before + 1);
  });

  it('refuses bad input precisely and changes nothing', async () => {
    const before = await ticketRows();
    const cases: [Record<string, unknown>, number, string][] = [
      [repair({ type: 'fix' }), 400, 'VALIDATION_FAILED'],
      [repair({ description: 3 }), 400, 'VALIDATION_FAILED'],
      [repair({ description: '   ' }), 400, 'VALIDATION_FAILED'],
      [repair({ description: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED'],
      [repair({ houseId: undefined }), 400, 'LOCATION_REQUIRED'],
      [repair({ houseId: UNKNOWN }), 400, 'PLACE_UNAVAILABLE'],
      [repair({ categoryId: UNKNOWN }), 400, 'CATEGORY_UNAVAILABLE'],
      [repair({ reporterPhone: 'not a phone' }), 400, 'INVALID_PHONE'],
      [repair({ reporterPhone: undefined, reporterName: undefined }), 400, 'REPORTER_REQUIRED'],
      [repair({ customerId: UNKNOWN }), 400, 'CUSTOMER_UNAVAILABLE'],
      [repair({ answeredOnSpot: { reply: '已答复' } }), 400, 'ANSWER_ONLY_FOR_INQUIRIES'],
      [repair({ promisedReplyAt: '2020-01-01T00:00:00Z' }), 400, 'PROMISE_IN_PAST'],
      [repair({ dispatch: { departmentId: UNKNOWN } }), 400, 'DEPARTMENT_UNAVAILABLE'],
      [repair({ extra: 1 }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await call(agent, 'POST', '/api/v1/tickets', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect(await ticketRows()).toBe(before);
  });

  it('runs the whole lifecycle with photos, a paid line, signature, and a timeline that shows it all', async () => {
    const t0 = await create(agent, repair());
    const accepted = await ok(tech, t0, 'accept');
    const arrived = await ok(tech, accepted, 'arrive');
    const started = await ok(tech, arrived, 'start');
    const png = await pngBytes();
    for (const stage of ['before', 'after']) {
      const upload = multipart({ stage }, { name: `${stage}.png`, data: png });
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${t0.id}/attachments`,
        headers: { ...tech.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const items = (await call(tech, 'GET', '/api/v1/price-items')).json<{
      items: { id: string; code: string; priceFen: number }[];
    }>().items;
    const pipe = items.find((i) => i.code === 'PS-PIPE')!;
    const line = await call(tech, 'POST', `/api/v1/tickets/${t0.id}/lines`, {
      kind: 'charge',
      priceItemId: pipe.id,
      quantity: 1.5,
    });
    expect(line.statusCode, line.body).toBe(201);
    expect(line.json().amountFen).toBe(Math.round(1.5 * pipe.priceFen));
    const material = await call(tech, 'POST', `/api/v1/tickets/${t0.id}/lines`, {
      kind: 'material',
      name: '生料带',
      unit: '卷',
      quantity: 1,
    });
    expect(material.statusCode).toBe(201);
    const afterVoid = await call(tech, 'POST', `/api/v1/tickets/${t0.id}/lines/${material.json().id}/void`, {
      reason: '未使用',
    });
    expect(afterVoid.statusCode).toBe(200);
    expect(afterVoid.json<Ticket>().lines.map((l) => l.kind)).toEqual(['charge']);
    const current = (await call(tech, 'GET', `/api/v1/tickets/${t0.id}`)).json<Ticket>();
    expect(current.chargeTotalFen).toBe(Math.round(1.5 * pipe.priceFen));
    const completed = await ok(tech, current, 'complete', { note: '更换破损水管 1.5 米，试水无渗漏' });
    // Lines close with the work.
    const late = await call(tech, 'POST', `/api/v1/tickets/${t0.id}/lines`, {
      kind: 'charge',
      priceItemId: pipe.id,
      quantity: 1,
    });
    expect(late.statusCode).toBe(409);
    // Signature: a PNG drawn on the phone, then the confirmation that names it.
    const noSignature = await act(tech, completed, 'confirm', { method: 'signature' });
    expect(noSignature.json().error.code).toBe('SIGNATURE_REQUIRED');
    const sig = multipart({ stage: 'signature' }, { name: 'sign.png', data: png });
    const signature = await h.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${t0.id}/attachments`,
      headers: { ...tech.headers, ...sig.headers },
      payload: sig.payload,
    });
    const confirmed = await ok(tech, completed, 'confirm', {
      method: 'signature',
      signatureAttachmentId: signature.json().id,
      rating: 5,
    });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.confirmation).toMatchObject({ method: 'signature', rating: 5 });
    expect(confirmed.attachments.map((a) => a.stage)).toEqual(['before', 'after', 'signature']);
    const visited = await ok(agent, confirmed, 'visit', { satisfied: true, score: 5 });
    const archived = await ok(agent, visited, 'archive');
    expect(archived.status).toBe('archived');
    expect(archived.allowedActions).toEqual([]);

    const kinds = kindsOf(await timeline(agent, t0.id));
    expect(kinds).toEqual([
      'created',
      'dispatched',
      'accepted',
      'arrived',
      'started',
      'attachment',
      'attachment',
      'line_added',
      'line_added',
      'line_voided',
      'completed',
      'attachment',
      'confirmed',
      'visited',
      'archived',
    ]);
    // The thumbnail and the original are served to those who may see the record.
    const thumb = await call(tech, 'GET', `/api/v1/attachments/${confirmed.attachments[0]!.id}?size=thumb`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(started.status).toBe('in_progress');
  });

  it('refuses actions out of order, by the wrong person or role, or with a stale version — and changes nothing', async () => {
    const t = await create(agent, repair());
    const snapshot = async () =>
      JSON.stringify(
        await h.deps.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', t.id).execute(),
      );
    const before = await snapshot();
    const outOfOrder = await act(tech, t, 'complete', { note: 'x' });
    expect(outOfOrder.statusCode).toBe(409);
    expect(outOfOrder.json().error.code).toBe('ACTION_NOT_ALLOWED');
    expect(outOfOrder.json().error.details.allowed).toEqual(expect.arrayContaining(['accept', 'decline']));
    expect((await act(tech2, t, 'accept')).json().error.code).toBe('NOT_YOUR_JOB');
    expect((await act(cashier, t, 'cancel', { reason: 'x' })).statusCode).toBe(403);
    expect((await act(tech, { ...t, version: t.version + 5 }, 'accept')).json().error.code).toBe(
      'VERSION_CONFLICT',
    );
    expect((await act(tech, t, 'hold', { reason: 'soon' })).statusCode).toBe(400);
    expect((await act(tech, { id: UNKNOWN, version: 1 }, 'accept')).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('of two simultaneous actions on one record exactly one wins', async () => {
    const t = await create(agent, repair({ dispatch: 'none' }));
    const dept = category('WATER').departmentId!;
    const results = await Promise.all([
      act(agent, t, 'dispatch', { departmentId: dept, assigneeId: techId }),
      act(agent, t, 'dispatch', { departmentId: dept, assigneeId: tech2Id }),
      act(agent, t, 'cancel', { reason: '业主撤回' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const events = await timeline(agent, t.id);
    expect(kindsOf(events).filter((k) => k !== 'created')).toHaveLength(1);
  });

  it('a technician declines with a reason and the record returns to dispatch; re-dispatch keeps history', async () => {
    const t = await create(agent, repair());
    const declined = await ok(tech, t, 'decline', { reason: '不在小区，今天请假' });
    expect(declined.status).toBe('received');
    // Back in 待派工, the response clock of the dispatch still counts down.
    expect(declined.nextDueAt).toBe(t.deadlines.acceptBy);
    expect(declined.assignee).toBeNull();
    const queue = (await call(agent, 'GET', '/api/v1/tickets?queue=unassigned')).json<
      PageOf<TicketSummary>
    >();
    expect(queue.items.map((i) => i.id)).toContain(t.id);
    const candidates = await call(
      agent,
      'GET',
      `/api/v1/dispatch/candidates?categoryId=${category('WATER-LEAK').id}&houseId=${house.id}`,
    );
    expect(
      candidates
        .json()
        .candidates.map((c: { userId: string }) => c.userId)
        .sort(),
    ).toEqual([techId, tech2Id].sort());
    const again = await ok(agent, declined, 'dispatch', {
      departmentId: declined.department!.id,
      assigneeId: tech2Id,
      note: '改派孙师傅',
    });
    expect(again.assignee?.id).toBe(tech2Id);
    const entries = await timeline(agent, t.id);
    expect(kindsOf(entries)).toEqual(['created', 'dispatched', 'declined', 'dispatched']);
    expect(entries.filter((e) => e.kind === 'dispatched')[1]!.data).toMatchObject({
      basis: 'manual',
      from: { status: 'received' },
    });
  });

  it('hold pauses the clocks and keeps the reason; resume moves the deadlines by the time on hold', async () => {
    const t = await create(agent, repair());
    const accepted = await ok(tech, t, 'accept');
    const held = await ok(tech, accepted, 'hold', { reason: 'parts', note: '等阀门到货' });
    expect(held.holdReason).toBe('parts');
    expect(held.nextDueAt).toBeNull();
    // 90 minutes on hold (less than the sessions' idle limit).
    h.clock.advance(90 * 60_000);
    const resumed = await ok(tech, held, 'resume');
    expect(resumed.status).toBe('accepted');
    const shift = (iso: string) => new Date(new Date(iso).getTime() + 90 * 60_000).toISOString();
    expect(resumed.deadlines.completeBy).toBe(shift(t.deadlines.completeBy!));
    h.clock.set('2026-11-22T02:00:00.000Z');
  });

  it('an inquiry answered on the phone is recorded and closed in the same step', async () => {
    const t = await create(agent, {
      type: 'inquiry',
      channel: 'phone',
      urgency: 'general',
      categoryId: category('INFO').id,
      description: '问物业费缴费时间',
      houseId: house.id,
      reporterPhone: '13900001111',
      answeredOnSpot: { reply: '每年 1 月前缴清当年物业费，可在前台或业主端缴纳' },
    });
    expect(t.number).toMatch(/^ZX-/);
    expect(t.status).toBe('confirmed');
    expect(t.completionNote).toContain('1 月');
    expect(kindsOf(await timeline(agent, t.id))).toEqual(['created', 'completed', 'confirmed']);
    // Every clock ended as it began: on time, nothing left to run out, no promise owed.
    expect(t.clocks.map((c) => c.outcome)).toEqual(t.clocks.map(() => 'met'));
    expect(t.nextDueAt).toBeNull();
    expect(t.promises).toEqual([]);
  });

  it('duplicates hang off the master; completing the master completes them, and they say why', async () => {
    const master = await create(
      agent,
      repair({
        description: '2 栋水管爆裂，楼道积水',
        categoryId: category('WATER-BURST').id,
        urgency: 'emergency',
      }),
    );
    expect(master.promisedReplyAt).toBe('2026-11-22T02:05:00.000Z');
    const dup = await create(
      agent,
      repair({ description: '楼道有水', dispatch: 'none', duplicateOf: master.id }),
    );
    const dup2 = await create(agent, repair({ description: '走廊漏水', dispatch: 'none' }));
    const linked = await ok(agent, dup2, 'link', { targetId: dup.id, kind: 'duplicate' });
    expect(linked.masterId).toBe(master.id);
    expect(
      (await act(agent, linked, 'link', { targetId: master.id, kind: 'related' })).json().error.code,
    ).toBe('LINK_EXISTS');
    let m = (await call(agent, 'GET', `/api/v1/tickets/${master.id}`)).json<Ticket>();
    expect(
      m.links
        .filter((l) => l.role === 'duplicate')
        .map((l) => l.ticketId)
        .sort(),
    ).toEqual([dup.id, dup2.id].sort());
    m = await ok(tech, m, 'accept');
    m = await ok(tech, m, 'start');
    await ok(tech, m, 'complete', { note: '关阀抢修完毕' });
    for (const id of [dup.id, dup2.id]) {
      const d = (await call(agent, 'GET', `/api/v1/tickets/${id}`)).json<Ticket>();
      expect(d.status).toBe('completed');
      const entries = await timeline(agent, id, '?visibility=public');
      expect(entries.at(-1)!.kind).toBe('master_closed');
    }
  });

  it('internal notes stay internal; HTML in text is stored as text', async () => {
    const t = await create(agent, repair({ description: NASTY }));
    expect(t.description).toBe(NASTY);
    const note = await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, {
      visibility: 'internal',
      body: '业主脾气急，注意沟通',
    });
    expect(note.statusCode).toBe(201);
    await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, {
      visibility: 'public',
      body: '师傅 10 分钟内到',
    });
    const publicOnly = await timeline(agent, t.id, '?visibility=public');
    expect(publicOnly.every((e) => e.visibility === 'public')).toBe(true);
    expect(publicOnly.map((e) => e.body)).toContain('师傅 10 分钟内到');
    expect(publicOnly.map((e) => e.body)).not.toContain('业主脾气急，注意沟通');
    expect(
      (await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, { visibility: 'secret', body: 'x' }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses a renamed executable and neutralises path tricks in names', async () => {
    const t = await create(agent, repair());
    const exe = multipart(
      { stage: 'before' },
      { name: 'photo.jpg', data: Buffer.from('MZ\x90\x00fake executable') },
    );
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${t.id}/attachments`,
      headers: { ...tech.headers, ...exe.headers },
      payload: exe.payload,
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('ATTACHMENT_TYPE');
    const trick = multipart({ stage: 'before' }, { name: '../../etc/passwd.png', data: await pngBytes() });
    const stored = await h.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${t.id}/attachments`,
      headers: { ...tech.headers, ...trick.headers },
      payload: trick.payload,
    });
    expect(stored.statusCode).toBe(201);
    expect(stored.json().fileName).not.toContain('/');
    expect(stored.json().fileName).not.toContain('..');
  });

  it('finds records by words, number, phone and room; queues filter and page with a cursor', async () => {
    const t = await create(
      agent,
      repair({ description: '厨房下水道堵塞，反水', categoryId: category('WATER-DRAIN').id }),
    );
    const q = async (text: string, extra = '') =>
      (await call(agent, 'GET', `/api/v1/tickets?limit=200&q=${encodeURIComponent(text)}${extra}`))
        .json<PageOf<TicketSummary>>()
        .items.map((i) => i.id);
    expect(await q('下水道')).toContain(t.id);
    expect(await q('厨房 堵塞')).toContain(t.id);
    expect(await q('电梯')).not.toContain(t.id);
    expect(await q(t.number)).toEqual([t.id]);
    expect(await q('+86 138 1234 5678')).toContain(t.id);
    expect(await q(house.roomLabel)).toContain(t.id);
    expect(await q(otherHouse.roomLabel)).not.toContain(t.id);
    const mine = (await call(tech, 'GET', '/api/v1/tickets?queue=mine&open=true&sort=due&limit=2')).json<
      PageOf<TicketSummary>
    >();
    expect(mine.items).toHaveLength(2);
    expect(mine.nextCursor).not.toBeNull();
    const next = (
      await call(
        tech,
        'GET',
        `/api/v1/tickets?queue=mine&open=true&sort=due&limit=2&cursor=${mine.nextCursor}`,
      )
    ).json<PageOf<TicketSummary>>();
    expect(next.items.map((i) => i.id)).not.toContain(mine.items[0]!.id);
    expect((await call(agent, 'GET', '/api/v1/tickets?cursor=garbage')).statusCode).toBe(400);
    expect((await call(agent, 'GET', '/api/v1/tickets?status=nonsense')).statusCode).toBe(400);
  });

  it('shows the agent who is calling: customer, houses, open and recent records', async () => {
    const t = await create(agent, repair({ houseId: otherHouse.id }));
    const lookup = await call(
      agent,
      'GET',
      `/api/v1/intake/lookup?q=${encodeURIComponent(otherHouse.roomLabel)}`,
    );
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().houses.map((x: { id: string }) => x.id)).toContain(otherHouse.id);
    expect(lookup.json().openTickets.map((x: { id: string }) => x.id)).toContain(t.id);
    expect((await call(tech, 'GET', '/api/v1/intake/lookup?q=1502')).statusCode).toBe(403);
    // The customer 360 view lists the customer's records and complaints.
    const customer = (
      await call(agent, 'POST', '/api/v1/customers', {
        kind: 'person',
        name: '钱业主',
        phones: [{ phone: '13700001234' }],
        houses: [{ houseId: otherHouse.id, role: 'owner' }],
      })
    ).json<{ id: string }>();
    const complaint = await create(
      agent,
      repair({
        type: 'complaint',
        categoryId: category('NOISE').id,
        houseId: otherHouse.id,
        customerId: customer.id,
      }),
    );
    const overview = (await call(agent, 'GET', `/api/v1/customers/${customer.id}/overview`)).json();
    expect(overview.requests.total).toBe(1);
    expect(overview.requests.items[0]).toMatchObject({ number: complaint.number, type: 'complaint' });
    expect(overview.complaints.total).toBe(1);
  });

  it('keeps other organisations’ and out-of-scope records out of reach', async () => {
    const t = await create(agent, repair());
    const other = await newOrg(h.deps, 'Other Org');
    const outsider = await signIn(h.app, other.adminUsername, PASSWORD);
    expect((await call(outsider, 'GET', `/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
    expect((await act(outsider, t, 'cancel', { reason: 'x' })).statusCode).toBe(404);
    expect((await call(outsider, 'GET', `/api/v1/tickets/${t.id}/timeline`)).statusCode).toBe(404);
    expect((await call(outsider, 'GET', '/api/v1/tickets')).json().items).toEqual([]);
    // A butler of building 2 does not see building 1's records.
    const b = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [p.buildingIds[1]!] }] },
    });
    const butler = await signIn(h.app, b.username, PASSWORD);
    expect((await call(butler, 'GET', `/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
    expect((await call(butler, 'POST', '/api/v1/tickets', repair())).json().error.code).toBe(
      'PLACE_UNAVAILABLE',
    );
    expect(
      (await call(butler, 'GET', '/api/v1/tickets')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(t.id);
  });

  it('review fixes: no job for staff who cannot work it; one void per line; precise refusals instead of 500', async () => {
    // The front desk agent belongs to 客服部 but cannot accept jobs: rules never pick them.
    const cs = category('NOISE').departmentId!;
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, agent.user.id, {
      departmentId: cs,
      skills: ['customer_service'],
      duties: [],
    });
    const noise = await create(agent, repair({ type: 'complaint', categoryId: category('NOISE').id }));
    expect(noise.assignee).toBeNull();
    expect(noise.department?.id).toBe(cs);

    const t = await create(agent, repair());
    const items = (await call(tech, 'GET', '/api/v1/price-items')).json<{ items: { id: string }[] }>().items;
    const line = (
      await call(tech, 'POST', `/api/v1/tickets/${t.id}/lines`, {
        kind: 'charge',
        priceItemId: items[0]!.id,
        quantity: 1,
      })
    ).json<{ id: string }>();
    const voids = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(tech, 'POST', `/api/v1/tickets/${t.id}/lines/${line.id}/void`, { reason: '重复录入' }),
      ),
    );
    expect(voids.map((r) => r.statusCode).sort()).toEqual([200, 404, 404, 404]);
    const ticket = (await call(tech, 'GET', `/api/v1/tickets/${t.id}`)).json<Ticket>();
    expect(ticket.chargeTotalFen).toBe(0);

    const leap = await call(
      agent,
      'POST',
      '/api/v1/tickets',
      repair({ promisedReplyAt: '2026-12-31T23:59:60Z' }),
    );
    expect(leap.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'x'])).toString('base64url');
    expect((await call(agent, 'GET', `/api/v1/tickets?sort=due&cursor=${forged}`)).statusCode).toBe(400);
    expect(
      (
        await call(cashier, 'POST', `/api/v1/tickets/${t.id}/comments`, {
          visibility: 'public',
          body: '您好',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(cashier, 'POST', `/api/v1/tickets/${t.id}/comments`, {
          visibility: 'internal',
          body: '已核对费用',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('review fixes: a duplicate of a duplicate already related to its master is LINK_EXISTS, never 500', async () => {
    const a = await create(agent, repair({ dispatch: 'none' }));
    const b = await create(agent, repair({ dispatch: 'none', duplicateOf: a.id }));
    const c = await create(agent, repair({ dispatch: 'none' }));
    const related = await ok(agent, c, 'link', { targetId: a.id, kind: 'related' });
    const again = await act(agent, related, 'link', { targetId: b.id, kind: 'duplicate' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LINK_EXISTS');
  });

  it('review fixes: internal-only timeline pages do not stop early; links outside the scope are not shown', async () => {
    const t = await create(agent, repair());
    for (const i of [0, 1, 2]) {
      await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, {
        visibility: 'internal',
        body: `i${i}`,
      });
      await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, { visibility: 'public', body: `p${i}` });
    }
    const first = (
      await call(agent, 'GET', `/api/v1/tickets/${t.id}/timeline?visibility=internal&limit=2`)
    ).json<PageOf<TimelineEntry>>();
    expect(first.items.every((e) => e.visibility === 'internal')).toBe(true);
    expect(first.nextCursor).not.toBeNull();

    const master = await create(agent, repair({ houseId: otherHouse.id, dispatch: 'none' }));
    const dup = await create(agent, repair({ dispatch: 'none', duplicateOf: master.id }));
    const b = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: { all: false, projects: [{ projectId: p.id, buildingIds: [p.buildingIds[0]!] }] },
    });
    const butler = await signIn(h.app, b.username, PASSWORD);
    const seen = (await call(butler, 'GET', `/api/v1/tickets/${dup.id}`)).json<Ticket>();
    expect(seen.links).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(master.number);
  });
});

async function pngBytes(): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
}
