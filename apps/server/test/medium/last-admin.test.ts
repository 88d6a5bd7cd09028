import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { updateUser } from '../../src/modules/access/users.service.ts';
import { newOrg, newUser } from '../factories.ts';
import { createTestDatabase, describeEngines, type TestDatabase } from '../test-db.ts';

describeEngines('the last active admin', (engine) => {
  let database: TestDatabase;
  const clock = new ManualClock();
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.destroy());

  it('survives two admins disabling each other at the same moment, every time', async () => {
    const deps = { db: database.db, clock };
    for (let round = 0; round < 8; round++) {
      const org = await newOrg(deps);
      const b = await newUser(deps, org, { roles: ['admin'] });
      const results = await Promise.allSettled([
        updateUser(deps, org.admin, SYSTEM_META, b.id, { version: 1, status: 'disabled' }),
        updateUser(deps, b.actor, SYSTEM_META, org.admin.userId, { version: 1, status: 'disabled' }),
      ]);
      expect(
        results.filter((r) => r.status === 'fulfilled'),
        `round ${round}`,
      ).toHaveLength(1);
      const active = await database.db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', org.orgId)
        .where('status', '=', 'active')
        .execute();
      expect(active, `round ${round}`).toHaveLength(1);
    }
  });
});
