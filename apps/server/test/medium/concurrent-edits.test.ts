import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { AppError } from '../../src/platform/errors.ts';
import { createCustomer, updateCustomer } from '../../src/modules/customers/customers.service.ts';
import { updateStaff } from '../../src/modules/servicedesk/index.ts';
import type { Category, Ticket } from '@steward/contracts';
import { newHouse, newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

/**
 * Edits that replace a record's child rows (a customer's phones, a person's duties) side by side.
 * Both deleted and re-inserted those rows before anything held the parent, so on PostgreSQL the
 * second writer collided with the rows the first had just inserted: a unique violation, answered
 * 500 (found by the reliability suite's concurrency races: 7 of 16 customer edits, 5 of 8 staff
 * writes). Now the parent row is locked first and the writers queue.
 */
describeEngines('concurrent edits of replaced child rows', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
  });
  afterAll(() => h.close());

  /** Only refusals the API documents: no unexpected error (a 500) among them. */
  const refusals = (results: PromiseSettledResult<unknown>[]) =>
    results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason instanceof AppError ? r.reason.code : String(r.reason)));

  it('customer edits keeping the same phone: one wins, the others are told the version moved', async () => {
    for (let round = 0; round < 4; round++) {
      const customer = await createCustomer(h.deps, org.admin, SYSTEM_META, {
        kind: 'person',
        name: `客户${round}`,
        phones: [{ phone: '13800001111' }],
      });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          updateCustomer(h.deps, org.admin, SYSTEM_META, customer.id, {
            version: customer.version,
            phones: [{ keep: 0 }, { phone: `1390000${String(round * 10 + i).padStart(4, '0')}` }],
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(new Set(refusals(results))).toEqual(new Set(['VERSION_CONFLICT']));
      const phones = await h.deps.db
        .selectFrom('customer_phones')
        .select('phone')
        .where('customer_id', '=', customer.id)
        .execute();
      expect(phones).toHaveLength(2);
    }
  });

  it('staff profiles written at once end as exactly one writer’s, without errors', async () => {
    const p = await newProject(h.deps, org, { code: uniqueName('S'), buildings: ['1', '2'] });
    await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '101' });
    const person = await newUser(h.deps, org, { roles: ['technician'] });
    const duty = (b: number, d: 'butler' | 'technician') => ({ buildingId: p.buildingIds[b]!, duty: d });
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, person.id, {
      departmentId: null,
      skills: ['plumbing'],
      duties: [duty(0, 'technician')],
    });
    for (let round = 0; round < 4; round++) {
      const bodies = Array.from({ length: 8 }, (_, i) => ({
        departmentId: null,
        skills: ['plumbing' as const],
        duties: [duty(0, 'technician'), ...(i % 2 ? [duty(1, i % 4 === 1 ? 'technician' : 'butler')] : [])],
      }));
      const results = await Promise.allSettled(
        bodies.map((body) => updateStaff(h.deps as never, org.admin, SYSTEM_META, person.id, body)),
      );
      expect(refusals(results)).toEqual([]);
      const stored = await h.deps.db
        .selectFrom('building_duties')
        .select(['building_id', 'duty'])
        .where('user_id', '=', person.id)
        .execute();
      const key = (list: { building_id?: string; buildingId?: string; duty: string }[]) =>
        list
          .map((d) => `${d.building_id ?? d.buildingId}/${d.duty}`)
          .sort()
          .join(',');
      expect(bodies.map((b) => key(b.duties))).toContain(key(stored));
    }
  });

  it('an action and a reply to the customer at once: the action does not undo what the reply did to the clocks', async () => {
    // The reply stops the feedback clock without a new version; the hold used to read the clocks
    // before the reply committed and pause the stopped clock (PostgreSQL, 1 round in 1).
    const p = await newProject(h.deps, org, { code: uniqueName('R'), buildings: ['1'] });
    const house = await newHouse(h.deps, org, { buildingId: p.buildingIds[0]!, roomNo: '301' });
    const admin = await signIn(h.app, org.adminUsername, PASSWORD);
    const call = (url: string, payload: Record<string, unknown>) =>
      h.app.inject({ method: 'POST', url, headers: admin.headers, payload });
    const categories = (
      await h.app.inject({ method: 'GET', url: '/api/v1/categories', headers: admin.headers })
    ).json<{ items: Category[] }>().items;
    const leak = categories.find((c) => c.code === 'WATER-LEAK')!;
    await updateStaff(h.deps as never, org.admin, SYSTEM_META, org.admin.userId, {
      departmentId: leak.departmentId,
      skills: ['plumbing'],
      duties: [],
    });
    for (let round = 0; round < 6; round++) {
      const created = await call('/api/v1/tickets', {
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        categoryId: leak.id,
        description: '漏水',
        houseId: house.id,
        reporterPhone: '13812345678',
        dispatch: { departmentId: leak.departmentId, assigneeId: org.admin.userId },
      });
      expect(created.statusCode, created.body).toBe(201);
      const accepted = await call(`/api/v1/tickets/${created.json<Ticket>().id}/actions/accept`, {
        version: created.json<Ticket>().version,
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const t = accepted.json<Ticket>();
      const [reply, hold] = await Promise.all([
        call(`/api/v1/tickets/${t.id}/comments`, { visibility: 'public', body: '已联系' }),
        call(`/api/v1/tickets/${t.id}/actions/hold`, { version: t.version, reason: 'customer' }),
      ]);
      expect([reply.statusCode, hold.statusCode]).toEqual([201, 200]);
      const clocks = await h.deps.db
        .selectFrom('ticket_clocks')
        .select(['clock', 'outcome', 'paused_at', 'stopped_at'])
        .where('ticket_id', '=', t.id)
        .execute();
      for (const c of clocks)
        expect(c.stopped_at !== null && c.paused_at !== null, JSON.stringify(c)).toBe(false);
      expect(clocks.find((c) => c.clock === 'feedback')?.outcome).not.toBe('running');
    }
  });
});
