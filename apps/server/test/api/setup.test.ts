import { afterEach, expect, it } from 'vitest';
import { loadDemo, DEMO_STAFF } from '../../src/modules/setup/index.ts';
import { signIn, startTestApp, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

describeEngines('first run and demo', (engine) => {
  let h: TestApp;
  afterEach(() => h.close());

  const body = {
    organizationName: '翠湖物业',
    adminUsername: 'boss',
    adminDisplayName: '老板',
    adminPassword: 'FirstRun123',
    timeZone: 'Asia/Shanghai',
  };

  it('an empty installation asks for setup once, creates the organisation and admin, and signs the admin in', async () => {
    h = await startTestApp(engine);
    expect((await h.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
    const created = await h.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({
      username: 'boss',
      roles: ['admin'],
      orgName: '翠湖物业',
      scope: { all: true, projects: [] },
    });
    expect(created.cookies.find((c) => c.name === 'steward_sid')).toBeTruthy();
    expect((await h.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: false });
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, adminUsername: 'thief' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_SET_UP');
    const audit = await h.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.setup')
      .execute();
    expect(audit).toHaveLength(1);
    // The seven system roles exist with their defaults.
    const s = await signIn(h.app, 'boss', 'FirstRun123');
    const roles = (await h.app.inject({ url: '/api/v1/roles', headers: s.headers }))
      .json()
      .items.map((r: { code: string }) => r.code);
    expect(roles).toEqual(['admin', 'manager', 'supervisor', 'agent', 'butler', 'technician', 'cashier']);
  });

  it('lets exactly one of two simultaneous setups win', async () => {
    h = await startTestApp(engine);
    const results = await Promise.all([
      h.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...body, adminUsername: 'first' } }),
      h.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...body, adminUsername: 'second' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await h.deps.db.selectFrom('organizations').selectAll().execute()).toHaveLength(1);
  });

  it('rejects a bad setup with field errors and leaves the installation empty', async () => {
    h = await startTestApp(engine);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, adminPassword: 'short', adminUsername: 'A B' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.adminPassword', 'body.adminUsername']);
    const tz = await h.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, timeZone: 'Moon/Base' },
    });
    expect(tz.json().error.code).toBe('INVALID_TIME_ZONE');
    expect((await h.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
  });

  it('loads the demo organisation into an empty database only, with a login for every role', async () => {
    h = await startTestApp(engine);
    const first = await loadDemo({ ...h.deps, config: h.config }, 'DemoPass2026');
    expect(first.created).toBe(true);
    const second = await loadDemo({ ...h.deps, config: h.config }, 'DemoPass2026');
    expect(second.created).toBe(false);
    expect(await h.deps.db.selectFrom('organizations').selectAll().execute()).toHaveLength(1);
    for (const staff of DEMO_STAFF) {
      const s = await signIn(h.app, staff.username, 'DemoPass2026');
      expect(s.user.roles).toEqual([staff.role]);
    }
    const butler = await signIn(h.app, 'butler', 'DemoPass2026');
    expect(butler.user.scope.projects[0]!.buildingIds).toHaveLength(3);
    expect((await h.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: false });
  });
});
