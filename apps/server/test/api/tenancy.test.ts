import { afterAll, beforeAll, expect, it } from 'vitest';
import { newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
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
  ];

  it('answers 404 to every endpoint aimed at another organisation’s record and changes nothing', async () => {
    const before = await snapshot();
    for (const request of targeted()) {
      const response = await h.app.inject({
        ...request,
        method: request.method as 'GET',
        headers: intruder.headers,
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
    const covered = new Set(targeted().map((r) => `${r.method} ${r.url.replace(/[0-9a-f-]{36}/, '{id}')}`));
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
  });
});
