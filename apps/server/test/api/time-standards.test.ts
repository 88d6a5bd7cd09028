import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  AlertPage,
  Category,
  House,
  PageOf,
  Ticket,
  TicketPromise,
  TimelineEntry,
  TimePolicy,
} from '@steward/contracts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { MINUTE } from '../../src/platform/clock.ts';
import { updateStaff } from '../../src/modules/servicedesk/index.ts';
import { sweepOnce } from '../../src/modules/timestandards/sweeper.ts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const UNKNOWN = '01900000-0000-7000-8000-000000000001';
/** The harness clock starts at 2026-11-22T02:00Z: Sunday 10:00 in Shanghai, inside the service centre's day. */
const START = '2026-11-22T02:00:00.000Z';

describeEngines(
  'time standards: policies set the clocks, holds pause them, the sweeper warns and escalates once',
  (engine) => {
    let h: TestApp;
    let org: TestOrg;
    let admin: Session;
    let agent: Session;
    let supervisor: Session;
    let tech: Session;
    let cashier: Session;
    let agentId: string;
    let supervisorId: string;
    let managerId: string;
    let techId: string;
    let house: House;
    let categories: Category[];
    const category = (code: string) => categories.find((c) => c.code === code)!;

    beforeAll(async () => {
      // The clock moves over days here: sessions must outlive it.
      h = await startTestApp(engine, { sessionTtlHours: 24 * 30, sessionIdleMinutes: 60 * 24 * 30 });
      org = await newOrg(h.deps);
      const p = await newProject(h.deps, org, { code: uniqueName('S'), buildings: ['1'] });
      house = await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '801' });
      admin = await signIn(h.app, org.adminUsername, PASSWORD);
      const a = await newUser(h.deps, org, { roles: ['agent'] });
      const s = await newUser(h.deps, org, { roles: ['supervisor'] });
      const m = await newUser(h.deps, org, { roles: ['manager'] });
      const t = await newUser(h.deps, org, { roles: ['technician'] });
      const c = await newUser(h.deps, org, { roles: ['cashier'] });
      [agentId, supervisorId, managerId, techId] = [a.id, s.id, m.id, t.id];
      agent = await signIn(h.app, a.username, PASSWORD);
      supervisor = await signIn(h.app, s.username, PASSWORD);
      tech = await signIn(h.app, t.username, PASSWORD);
      cashier = await signIn(h.app, c.username, PASSWORD);
      categories = (await call(admin, 'GET', '/api/v1/categories')).json<{ items: Category[] }>().items;
      await updateStaff(h.deps as never, org.admin, SYSTEM_META, techId, {
        departmentId: category('WATER').departmentId!,
        skills: ['plumbing'],
        duties: [{ buildingId: p.buildingIds[0]!, duty: 'technician' }],
      });
    });
    afterAll(() => h.close());

    const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      h.app.inject({
        method,
        url,
        headers: s.headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const create = async (extra: Record<string, unknown> = {}) => {
      const response = await call(agent, 'POST', '/api/v1/tickets', {
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        categoryId: category('WATER-LEAK').id,
        description: '厨房水管漏水',
        houseId: house.id,
        reporterName: '李女士',
        reporterPhone: '13900001111',
        ...extra,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Ticket>();
    };
    const get = async (id: string) => (await call(agent, 'GET', `/api/v1/tickets/${id}`)).json<Ticket>();
    const act = async (s: Session, t: Ticket, action: string, body: Record<string, unknown> = {}) => {
      const response = await call(s, 'POST', `/api/v1/tickets/${t.id}/actions/${action}`, {
        version: t.version,
        ...body,
      });
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
      return response.json<Ticket>();
    };
    const timeline = async (id: string) =>
      (await call(admin, 'GET', `/api/v1/tickets/${id}/timeline?limit=200`)).json<PageOf<TimelineEntry>>()
        .items;
    const sweep = () => sweepOnce({ db: h.deps.db, engine, clock: h.clock });
    const alertsOf = async (userId: string, ticketId: string) =>
      h.deps.db
        .selectFrom('alerts')
        .select(['kind', 'clock', 'level'])
        .where('user_id', '=', userId)
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    const at = (iso: string) => h.clock.set(iso);

    it('sets each clock from the governing policy and its calendar, and says which policy version did', async () => {
      at(START);
      const t = await create();
      expect(t.status).toBe('dispatched');
      // 一般报修 on the service centre's hours (08:00–12:00, 13:30–18:00 every day).
      expect(t.deadlines).toEqual({
        dispatchBy: '2026-11-22T02:05:00.000Z',
        acceptBy: '2026-11-22T02:10:00.000Z',
        arriveBy: '2026-11-22T03:00:00.000Z',
        // 17 working hours: the rest of Sunday (6.5 h), Monday (8.5 h), and two hours on Tuesday.
        completeBy: '2026-11-24T02:00:00.000Z',
        feedbackBy: '2026-11-22T10:00:00.000Z',
      });
      expect(t.promisedReplyAt).toBe('2026-11-22T02:10:00.000Z');
      expect(t.nextDueAt).toBe(t.deadlines.acceptBy);
      expect(t.nextWarnAt).toBe('2026-11-22T02:08:00.000Z');
      const dispatch = t.clocks.find((c) => c.clock === 'dispatch')!;
      expect(dispatch).toMatchObject({
        outcome: 'met',
        stoppedAt: START,
        policyName: '一般报修',
        policyVersion: 1,
      });
      expect(t.promises).toMatchObject([
        { kind: 'reply', status: 'open', dueAt: t.promisedReplyAt, owner: { id: agentId } },
      ]);
      const set = (await timeline(t.id)).find((e) => e.kind === 'clocks_set')!;
      expect(set.data).toMatchObject({ reason: 'created', policyName: '一般报修', version: 1 });

      // An emergency runs round the clock; a trapped lift has a policy of its own.
      const burst = await create({ urgency: 'emergency', categoryId: category('WATER-BURST').id });
      expect(burst.deadlines.arriveBy).toBe('2026-11-22T02:15:00.000Z');
      expect(burst.clocks[0]!.policyName).toBe('紧急事件');
      const lift = await create({
        urgency: 'emergency',
        categoryId: category('LIFT-TRAPPED').id,
        type: 'help',
      });
      expect(lift.clocks[0]).toMatchObject({ policyName: '电梯困人', alwaysOpen: true });

      // What the desk reads back before saving is what intake then sets.
      const preview = await call(
        agent,
        'GET',
        `/api/v1/time-policies/preview?type=repair&categoryId=${category('WATER-LEAK').id}&urgency=general&projectId=${house.projectId}`,
      );
      expect(preview.json()).toMatchObject({
        policyName: '一般报修',
        promisedReplyAt: '2026-11-22T02:10:00.000Z',
        deadlines: { acceptBy: '2026-11-22T02:10:00.000Z', feedbackBy: '2026-11-22T10:00:00.000Z' },
      });
      expect(
        (
          await call(
            agent,
            'GET',
            `/api/v1/time-policies/preview?type=repair&categoryId=${UNKNOWN}&urgency=general&projectId=${house.projectId}`,
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (await call(agent, 'GET', `/api/v1/time-policies/preview?type=x&categoryId=${UNKNOWN}`)).statusCode,
      ).toBe(400);

      // Registered at 19:00, after hours: the clocks start at 08:00 next morning.
      at('2026-11-22T11:00:00.000Z');
      const late = await create({ dispatch: 'none' });
      expect(late.deadlines.dispatchBy).toBe('2026-11-23T00:05:00.000Z');
      expect(late.deadlines.feedbackBy).toBe('2026-11-23T10:00:00.000Z');
      expect(late.promisedReplyAt).toBe('2026-11-23T00:10:00.000Z');
      const lateRead = await call(
        agent,
        'GET',
        `/api/v1/time-policies/preview?type=repair&categoryId=${category('WATER-LEAK').id}&urgency=general&projectId=${house.projectId}`,
      );
      expect(lateRead.json().promisedReplyAt).toBe(late.promisedReplyAt);
    });

    it('time on hold does not count, across a lunch break; a transfer restarts the response clock', async () => {
      at(START);
      const t = await act(tech, await create(), 'accept');
      expect(t.deadlines.arriveBy).toBe('2026-11-22T03:00:00.000Z');
      at('2026-11-22T02:30:00.000Z'); // 10:30: 30 working minutes left to arrive
      const held = await act(tech, t, 'hold', { reason: 'customer' });
      expect(held.nextDueAt).toBeNull();
      expect(held.clocks.find((c) => c.clock === 'arrive')!.pausedAt).toBe('2026-11-22T02:30:00.000Z');
      at('2026-11-22T04:30:00.000Z'); // 12:30, in the lunch break: counting starts again at 13:30
      const resumed = await act(tech, held, 'resume');
      expect(resumed.deadlines.arriveBy).toBe('2026-11-22T06:00:00.000Z');
      expect(resumed.deadlines.completeBy! > t.deadlines.completeBy!).toBe(true);
      expect(resumed.nextDueAt).toBe(resumed.deadlines.arriveBy);

      at('2026-11-22T06:10:00.000Z');
      const moved = await act(agent, resumed, 'dispatch', { departmentId: category('WATER').departmentId });
      expect(moved.deadlines.acceptBy).toBe('2026-11-22T06:20:00.000Z');
      expect(moved.clocks.find((c) => c.clock === 'accept')!.startedAt).toBe('2026-11-22T06:10:00.000Z');
    });

    it('re-classifying sets the clocks anew under the new policy; a stopped clock keeps its deadline', async () => {
      at(START);
      const t = await create();
      at('2026-11-22T02:03:00.000Z');
      const urgent = await act(agent, t, 'reclassify', { urgency: 'emergency', note: '水已漫到走廊' });
      expect(urgent.clocks.find((c) => c.clock === 'dispatch')).toMatchObject({
        dueAt: t.deadlines.dispatchBy,
        outcome: 'met',
      });
      // 紧急事件: on site within 15 minutes of receipt, counted round the clock.
      expect(urgent.deadlines.arriveBy).toBe('2026-11-22T02:15:00.000Z');
      expect(urgent.clocks.find((c) => c.clock === 'arrive')!.policyName).toBe('紧急事件');
      const entries = await timeline(t.id);
      expect(entries.filter((e) => e.kind === 'clocks_set').map((e) => e.data.reason)).toEqual([
        'created',
        'reclassified',
      ]);
    });

    it('a reopened record starts a new cycle of clocks', async () => {
      at(START);
      let t = await act(tech, await create(), 'accept');
      t = await act(tech, t, 'arrive');
      t = await act(tech, t, 'start');
      t = await act(tech, t, 'complete', { note: '换了三角阀' });
      expect(t.clocks.find((c) => c.clock === 'complete')!.outcome).toBe('met');
      at('2026-11-22T03:00:00.000Z');
      const reopened = await act(agent, t, 'reopen', { reason: '又漏了' });
      expect(reopened.clocks.every((c) => c.cycle === 1)).toBe(true);
      expect(reopened.clocks.find((c) => c.clock === 'complete')).toMatchObject({
        outcome: 'running',
        startedAt: '2026-11-22T03:00:00.000Z',
      });
    });

    it('warns at 80%, breaches, climbs the ladder once per rung — with two sweepers, late, and with the clock set back', async () => {
      at(START);
      const t = await create({ dispatch: 'none' });
      expect(await sweep()).toMatchObject({ alerts: 0 });
      at('2026-11-22T02:04:30.000Z'); // past 80% of the 5-minute forwarding clock
      await sweep();
      await sweep();
      expect(await alertsOf(agentId, t.id)).toEqual([{ kind: 'warning', clock: 'dispatch', level: 0 }]);

      at('2026-11-22T02:06:00.000Z'); // breached: two sweepers at once send it once
      await Promise.all([sweep(), sweep()]);
      expect((await alertsOf(agentId, t.id)).map((a) => a.kind)).toEqual(['warning', 'breach']);
      expect((await get(t.id)).escalationLevel).toBe(1);

      // Thirty working minutes later the supervisor hears of it; later the manager — each once, even
      // after a long downtime (the sweeper catches up) and when the clock is set back.
      at('2026-11-22T02:40:00.000Z');
      await sweep();
      expect(await alertsOf(supervisorId, t.id)).toContainEqual({
        kind: 'escalation',
        clock: 'dispatch',
        level: 2,
      });
      at('2026-11-23T06:00:00.000Z');
      await Promise.all([sweep(), sweep()]);
      at('2026-11-22T02:41:00.000Z');
      await sweep();
      at('2026-11-23T07:00:00.000Z');
      await sweep();
      const managerAlerts = await alertsOf(managerId, t.id);
      expect(managerAlerts.filter((a) => a.clock === 'dispatch')).toEqual([
        { kind: 'escalation', clock: 'dispatch', level: 3 },
      ]);
      expect((await alertsOf(agentId, t.id)).filter((a) => a.clock === 'dispatch')).toHaveLength(2);
      const kinds = (await timeline(t.id)).filter((e) => e.actor.kind === 'system').map((e) => e.kind);
      // Forwarding, arrival (an hour from receipt) and same-day feedback all ran out.
      expect(kinds.filter((k) => k === 'breached')).toHaveLength(3);
      expect(kinds).toContain('escalated');
      // The promised reply (10 minutes) was not kept: broken, the owner and the supervisor told.
      const after = await get(t.id);
      expect(after.promises[0]).toMatchObject({ status: 'broken' });
      expect((await alertsOf(agentId, t.id)).some((a) => a.kind === 'promise_broken')).toBe(true);
      expect((await alertsOf(supervisorId, t.id)).some((a) => a.kind === 'promise_broken')).toBe(true);

      // The agent's alerts: listed with the unread count, read one by one or all; nobody else's.
      const page = (await call(agent, 'GET', '/api/v1/alerts?limit=2')).json<AlertPage>();
      expect(page.items).toHaveLength(2);
      expect(page.unread).toBeGreaterThanOrEqual(3);
      expect(page.nextCursor).not.toBeNull();
      expect((await call(supervisor, 'POST', `/api/v1/alerts/${page.items[0]!.id}/read`)).statusCode).toBe(
        404,
      );
      const read = await call(agent, 'POST', `/api/v1/alerts/${page.items[0]!.id}/read`);
      expect(read.json().readAt).not.toBeNull();
      expect((await call(agent, 'POST', '/api/v1/alerts/read-all')).statusCode).toBe(200);
      expect((await call(agent, 'GET', '/api/v1/alerts?unread=true')).json<AlertPage>().unread).toBe(0);
      expect((await call(agent, 'GET', '/api/v1/alerts?cursor=%%%')).statusCode).toBe(400);
    });

    it('a paused clock sends nothing; acting stops the climb', async () => {
      at(START);
      const t = await act(tech, await create(), 'accept');
      at('2026-11-22T02:01:00.000Z');
      const held = await act(tech, t, 'hold', { reason: 'parts' });
      at('2026-11-22T09:00:00.000Z');
      await sweep();
      expect((await alertsOf(techId, held.id)).filter((a) => a.clock === 'arrive')).toEqual([]);
    });

    it('promises: made, kept by a reply or an arrival, withdrawn; refused when late, closed, or not yours to make', async () => {
      at(START);
      const t = await create();
      const visit = await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, {
        kind: 'visit',
        dueAt: '2026-11-22T06:00:00.000Z',
        ownerId: techId,
        note: '约下午两点上门',
      });
      expect(visit.statusCode, visit.body).toBe(201);
      expect(visit.json<TicketPromise>()).toMatchObject({
        kind: 'visit',
        owner: { id: techId },
        status: 'open',
      });
      // A public reply answers the customer: the reply promise is kept and the feedback clock stops.
      at('2026-11-22T02:05:00.000Z');
      expect(
        (
          await call(agent, 'POST', `/api/v1/tickets/${t.id}/comments`, {
            visibility: 'public',
            body: '师傅下午两点到',
          })
        ).statusCode,
      ).toBe(201);
      let now = await get(t.id);
      expect(now.promises.find((p) => p.kind === 'reply')!.status).toBe('kept');
      expect(now.clocks.find((c) => c.clock === 'feedback')).toMatchObject({
        outcome: 'met',
        stoppedAt: '2026-11-22T02:05:00.000Z',
      });
      now = await act(tech, await act(tech, now, 'accept'), 'arrive');
      expect(now.promises.find((p) => p.kind === 'visit')!.status).toBe('kept');

      const callback = (
        await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, {
          kind: 'callback',
          dueAt: '2026-11-22T08:00:00.000Z',
        })
      ).json<TicketPromise>();
      const withdrawn = await call(
        agent,
        'POST',
        `/api/v1/tickets/${t.id}/promises/${callback.id}/withdraw`,
        { reason: '业主说不用回电' },
      );
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', settleNote: '业主说不用回电' });
      expect(
        (await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises/${callback.id}/keep`, {})).statusCode,
      ).toBe(409);

      const before = JSON.stringify((await get(t.id)).promises);
      const bad = [
        await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, {
          kind: 'visit',
          dueAt: '2026-11-22T01:00:00.000Z',
        }),
        await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, {
          kind: 'soon',
          dueAt: '2026-11-22T05:00:00.000Z',
        }),
        await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, { kind: 'visit', dueAt: 'tomorrow' }),
        await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises`, {
          kind: 'visit',
          dueAt: '2026-11-22T05:00:00.000Z',
          ownerId: UNKNOWN,
        }),
      ];
      expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
      expect(bad[0]!.json().error.code).toBe('PROMISE_IN_PAST');
      expect(
        (
          await call(cashier, 'POST', `/api/v1/tickets/${t.id}/promises`, {
            kind: 'visit',
            dueAt: '2026-11-22T05:00:00.000Z',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await call(agent, 'POST', `/api/v1/tickets/${UNKNOWN}/promises`, {
            kind: 'visit',
            dueAt: '2026-11-22T05:00:00.000Z',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await call(agent, 'POST', `/api/v1/tickets/${t.id}/promises/${UNKNOWN}/keep`, {})).statusCode,
      ).toBe(404);
      expect(JSON.stringify((await get(t.id)).promises)).toBe(before);
    });

    it('a manual escalation tells the next rung up, once per level', async () => {
      at(START);
      const t = await create();
      const up = await act(agent, t, 'escalate', { note: '业主情绪激动' });
      expect(up.escalationLevel).toBe(1);
      expect(await alertsOf(supervisorId, t.id)).toEqual([{ kind: 'escalation', clock: 'accept', level: 1 }]);
    });

    it('a policy edit applies to open records only when asked, and their history names the new version', async () => {
      at(START);
      const t = await create();
      const policies = (await call(admin, 'GET', '/api/v1/time-policies')).json<{ items: TimePolicy[] }>()
        .items;
      const repair = policies.find((p) => p.name === '一般报修')!;
      const edit = await call(admin, 'PATCH', `/api/v1/time-policies/${repair.id}`, {
        version: repair.version,
        clocks: { ...repair.clocks, accept: 20 },
        applyToOpen: true,
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json().recomputed).toBeGreaterThanOrEqual(1);
      const now = await get(t.id);
      expect(now.deadlines.acceptBy).toBe('2026-11-22T02:20:00.000Z');
      expect(now.clocks.find((c) => c.clock === 'accept')!.policyVersion).toBe(repair.version + 1);
      const last = (await timeline(t.id)).filter((e) => e.kind === 'clocks_set').pop()!;
      expect(last.data).toMatchObject({ reason: 'policy_changed', version: repair.version + 1 });
      // Put it back, this time for new records only.
      const back = await call(admin, 'PATCH', `/api/v1/time-policies/${repair.id}`, {
        version: repair.version + 1,
        clocks: repair.clocks,
      });
      expect(back.json().recomputed).toBe(0);
      expect((await get(t.id)).deadlines.acceptBy).toBe('2026-11-22T02:20:00.000Z');
      void MINUTE;
    });
    it('review fixes: holds ended by a transfer, late sweeps, one warning per clock, late withdrawals, owners in reach', async () => {
      // A hold ended by a transfer is over: re-planning later does not leave the clocks paused.
      at(START);
      let t = await act(tech, await create(), 'accept');
      at('2026-11-22T02:10:00.000Z');
      t = await act(tech, t, 'hold', { reason: 'parts' });
      at('2026-11-22T02:20:00.000Z');
      t = await act(agent, t, 'dispatch', { departmentId: category('WATER').departmentId });
      at('2026-11-22T02:25:00.000Z');
      t = await act(agent, t, 'reclassify', { categoryId: category('WATER-DRAIN').id });
      expect(t.clocks.filter((c) => c.pausedAt !== null)).toEqual([]);
      expect(t.nextDueAt).not.toBeNull();

      // A sweeper that wakes after the deadline skips the warning and does not come back to it.
      at(START);
      const late = await create({ dispatch: 'none' });
      at('2026-11-22T02:06:00.000Z');
      await sweep();
      const dispatchClock = () =>
        h.deps.db
          .selectFrom('ticket_clocks')
          .selectAll()
          .where('ticket_id', '=', late.id)
          .where('clock', '=', 'dispatch')
          .executeTakeFirstOrThrow();
      expect((await dispatchClock()).alarm_stage).toBe(2);
      expect((await dispatchClock()).next_alarm_at > '2026-11-22T02:06:00.000Z').toBe(true);
      expect((await alertsOf(agentId, late.id)).filter((a) => a.clock === 'dispatch')).toEqual([
        { kind: 'breach', clock: 'dispatch', level: 1 },
      ]);

      // Warned, then on hold and resumed: the moved deadline does not warn a second time.
      at(START);
      const job = await act(tech, await create(), 'accept');
      at('2026-11-22T02:50:00.000Z');
      await sweep();
      const held = await act(tech, { ...job, version: (await get(job.id)).version }, 'hold', {
        reason: 'customer',
      });
      at('2026-11-22T02:53:00.000Z');
      await act(tech, held, 'resume');
      at('2026-11-22T02:59:00.000Z');
      await sweep();
      const arriveWarnings = (await alertsOf(techId, job.id)).filter(
        (a) => a.clock === 'arrive' && a.kind === 'warning',
      );
      expect(arriveWarnings).toHaveLength(1);

      // Declined after accepting: back in 待派工 with the arrival still counting down.
      at(START);
      const declined = await act(tech, await act(tech, await create(), 'accept'), 'decline', {
        reason: '工具不全',
      });
      expect(declined.nextDueAt).toBe(declined.deadlines.arriveBy);

      // A promise withdrawn after its time is broken all the same.
      at(START);
      const p = await create();
      at('2026-11-22T02:12:00.000Z');
      const reply = p.promises[0]!;
      const withdrawn = await call(agent, 'POST', `/api/v1/tickets/${p.id}/promises/${reply.id}/withdraw`, {
        reason: '业主不用了',
      });
      expect(withdrawn.json().status).toBe('broken');

      // The owner of a promise must be able to see the record.
      const elsewhere = await newProject(h.deps, org, { code: uniqueName('X'), buildings: ['1'] });
      const outsider = await newUser(h.deps, org, {
        roles: ['technician'],
        scope: { all: false, projects: [{ projectId: elsewhere.id, buildingIds: [] }] },
      });
      const refused = await call(agent, 'POST', `/api/v1/tickets/${p.id}/promises`, {
        kind: 'visit',
        dueAt: '2026-11-22T08:00:00.000Z',
        ownerId: outsider.id,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('PROMISE_OWNER_UNKNOWN');

      // Instants in any notation select the same records.
      const inShanghai = await call(
        agent,
        'GET',
        `/api/v1/tickets?queue=all&open=false&limit=200&receivedFrom=${encodeURIComponent('2026-11-22T10:00:00+08:00')}&receivedTo=${encodeURIComponent('2026-11-22T10:00:00.001+08:00')}`,
      );
      const inUtc = await call(
        agent,
        'GET',
        `/api/v1/tickets?queue=all&open=false&limit=200&receivedFrom=2026-11-22T02:00:00Z&receivedTo=2026-11-22T02:00:00.001Z`,
      );
      expect(inShanghai.json().items.length).toBeGreaterThan(0);
      expect(inShanghai.json().items.map((i: Ticket) => i.id)).toEqual(
        inUtc.json().items.map((i: Ticket) => i.id),
      );
    });

    it('one clock whose calendar cannot be counted does not stop the alarms of the others', async () => {
      at(START);
      const broken = await create({ dispatch: 'none' });
      const fine = await create({ dispatch: 'none' });
      const row = await h.deps.db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where('ticket_id', '=', broken.id)
        .where('clock', '=', 'dispatch')
        .executeTakeFirstOrThrow();
      const version = await h.deps.db
        .selectFrom('time_policy_versions')
        .selectAll()
        .where('policy_id', '=', row.policy_id)
        .where('version', '=', row.policy_version)
        .executeTakeFirstOrThrow();
      const snapshot = JSON.parse(version.snapshot);
      // A version whose calendar has no working time at all (the console refuses to save one).
      await h.deps.db
        .insertInto('time_policy_versions')
        .values({
          policy_id: row.policy_id,
          version: 999,
          snapshot: JSON.stringify({
            ...snapshot,
            ladder: [{ afterMinutes: 30, notify: ['handler'] }],
            calendar: {
              ...snapshot.calendar,
              alwaysOpen: false,
              week: [[], [], [], [], [], [], []],
              days: [],
            },
          }),
          created_at: START,
          created_by: null,
        })
        .execute();
      await h.deps.db
        .updateTable('ticket_clocks')
        .set({ policy_version: 999 })
        .where('id', '=', row.id)
        .execute();
      at('2026-11-22T02:06:00.000Z');
      await expect(sweep()).resolves.toBeTruthy();
      expect((await alertsOf(agentId, fine.id)).filter((a) => a.clock === 'dispatch')).toEqual([
        { kind: 'breach', clock: 'dispatch', level: 1 },
      ]);
      const after = await h.deps.db
        .selectFrom('ticket_clocks')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(after.next_alarm_at > '2026-11-22T02:06:00.000Z').toBe(true);
    });
  },
);
