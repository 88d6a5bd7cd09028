import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS } from '@steward/contracts';
import { newOrg, newUser, PASSWORD } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

/**
 * Every operation in the OpenAPI document, called by a role that lacks its permission, is refused
 * with 403 before its input is even read, and changes nothing. New endpoints are covered as they land.
 */
describeEngines('every endpoint refuses a role without its permission', (engine) => {
  let h: TestApp;
  let technician: Session;
  let operations: { method: string; path: string; access: string }[];

  beforeAll(async () => {
    h = await startTestApp(engine);
    const org = await newOrg(h.deps);
    technician = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['technician'] })).username,
      PASSWORD,
    );
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json();
    operations = Object.entries(doc.paths as Record<string, Record<string, { 'x-access'?: string }>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          access: op['x-access'] ?? 'missing',
        })),
    );
  });
  afterAll(() => h.close());

  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        (
          [
            'users',
            'roles',
            'role_permissions',
            'user_roles',
            'user_scopes',
            'api_tokens',
            'projects',
            'buildings',
            'organizations',
          ] as const
        ).map((t) => h.deps.db.selectFrom(t).selectAll().execute()),
      ),
    );

  it('every operation declares its access rule', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => o.access === 'missing')).toEqual([]);
  });

  it('answers 403 FORBIDDEN naming the permission, and changes nothing', async () => {
    const held = new Set<string>(DEFAULT_ROLE_PERMISSIONS.technician);
    const guarded = operations.filter(
      (o) => !['public', 'authenticated'].includes(o.access) && !held.has(o.access),
    );
    expect(guarded.length).toBeGreaterThan(10);
    const before = await snapshot();
    for (const op of guarded) {
      const url = op.path.replace('{id}', '01900000-0000-7000-8000-000000000001');
      const response = await h.app.inject({
        method: op.method as 'GET',
        url,
        headers: technician.headers,
        payload: op.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${op.method} ${op.path}`).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: op.access } });
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers 401 to every non-public operation without credentials', async () => {
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const url = op.path.replace('{id}', '01900000-0000-7000-8000-000000000001');
      const response = await h.app.inject({
        method: op.method as 'GET',
        url,
        payload: op.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
