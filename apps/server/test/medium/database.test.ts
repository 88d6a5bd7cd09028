import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ManualClock, MINUTE } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { writeAudit, SYSTEM } from '../../src/platform/audit/audit.ts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { ACCOUNT_POLICY } from '../../src/platform/auth/throttle.ts';
import { readThrottle, recordAttempt } from '../../src/platform/auth/throttle.repository.ts';
import { runIdempotent } from '../../src/platform/idempotency.ts';
import { createProject } from '../../src/modules/property/index.ts';
import { newOrg, type TestOrg } from '../factories.ts';
import { createTestDatabase, describeEngines, type TestDatabase } from '../test-db.ts';

describeEngines('database platform', (engine) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let org: TestOrg;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    clock = new ManualClock();
    org = await newOrg({ db: database.db, clock });
  });
  afterAll(() => database.destroy());

  it('applies migrations once: a second run finds nothing to do', async () => {
    expect(await migrateToLatest(database.db, engine)).toEqual([]);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await writeAudit(database.db, clock, {
      action: 'data.exported',
      orgId: org.orgId,
      actor: SYSTEM,
      details: { kind: 'test' },
      meta: SYSTEM_META,
    });
    await expect(database.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const rows = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'tampered')
      .execute();
    expect(rows).toEqual([]);
    if (engine === 'postgres') {
      await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    }
  });

  it('stores timestamps as UTC ISO strings on both engines', async () => {
    clock.set('2026-11-22T16:30:00.123Z');
    await writeAudit(database.db, clock, {
      action: 'data.exported',
      orgId: org.orgId,
      actor: SYSTEM,
      meta: SYSTEM_META,
    });
    const row = await database.db
      .selectFrom('audit_log')
      .select('at')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.at).toBe('2026-11-22T16:30:00.123Z');
  });

  it('counts every one of many simultaneous login failures (one atomic statement each)', async () => {
    const key = `account:${newId()}`;
    const now = clock.now();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        recordAttempt(database.db, key, now, { ...ACCOUNT_POLICY, limit: 100 }),
      ),
    );
    expect((await readThrottle(database.db, [key])).get(key)?.failures).toBe(12);
    // A new window starts once the old one has passed.
    const later = new Date(now.getTime() + ACCOUNT_POLICY.windowMs + MINUTE);
    expect((await recordAttempt(database.db, key, later, ACCOUNT_POLICY)).failures).toBe(1);
  });

  it('creates one record for simultaneous requests with the same Idempotency-Key', async () => {
    const ctx = { orgId: org.orgId, actorId: org.admin.userId, key: newId(), requestHash: 'same' };
    const deps = { db: database.db, clock };
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        createProject(deps, org.admin, { code: 'IDEM', name: '幂等', type: 'residential' }, ctx),
      ),
    );
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(ok.length).toBe(4);
    expect(new Set(ok).size).toBe(1);
    expect(
      await database.db.selectFrom('projects').select('id').where('code', '=', 'IDEM').execute(),
    ).toHaveLength(1);
  });

  it('rolls the record back with the key when the work fails', async () => {
    const ctx = { orgId: org.orgId, actorId: org.admin.userId, key: newId(), requestHash: 'h' };
    await expect(
      runIdempotent(database.db, clock, ctx, async (tx) => {
        await tx
          .insertInto('projects')
          .values({
            id: newId(),
            org_id: org.orgId,
            code: 'ROLLBACK',
            name: 'r',
            type: 'office',
            address: null,
            created_at: clock.now().toISOString(),
            updated_at: clock.now().toISOString(),
          })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      await database.db.selectFrom('projects').select('id').where('code', '=', 'ROLLBACK').execute(),
    ).toEqual([]);
    expect(
      await database.db.selectFrom('idempotency_keys').select('key').where('key', '=', ctx.key).execute(),
    ).toEqual([]);
  });
});
