import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS } from '@steward/contracts';
import { DAY } from '../../src/platform/clock.ts';
import { newOrg, newProject, newUser, PASSWORD, uniqueName, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

/** What an agent holds beyond the basics, so a role with it may grant the agent role. */
const AGENT_DESK_WORK = DEFAULT_ROLE_PERMISSIONS.agent.filter(
  (p) => !['users.read', 'users.manage', 'projects.read', 'dashboard.view'].includes(p),
);

describeEngines('users, roles, scopes and API tokens', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;
  let project: Awaited<ReturnType<typeof newProject>>;
  let other: Awaited<ReturnType<typeof newProject>>;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    project = await newProject(h.deps, org, { buildings: ['1', '2', '3'] });
    other = await newProject(h.deps, org, { buildings: ['A'] });
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  const userCount = async () => (await h.deps.db.selectFrom('users').select('id').execute()).length;
  const validUser = () => ({
    username: uniqueName('new'),
    displayName: '新同事',
    password: 'Welcome123',
    roles: ['butler'],
    scope: { all: false, projects: [{ projectId: project.id, buildingIds: [project.buildingIds[0]!] }] },
  });

  it('creates a user with roles and a butler scope; the user signs in with that scope', async () => {
    const body = validUser();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({
      username: body.username,
      roles: ['butler'],
      status: 'active',
      mustChangePassword: true,
      version: 1,
    });
    expect(user.scope).toEqual(body.scope);
    expect(user).not.toHaveProperty('password');
    expect(user).not.toHaveProperty('passwordHash');
    const session = await signIn(h.app, body.username, 'Welcome123');
    expect(session.user.scope).toEqual(body.scope);
  });

  it('rejects bad input with 400 naming each field, and creates nothing', async () => {
    const before = await userCount();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...validUser(), username: 42 }, ['body.username']],
      [{ ...validUser(), roles: [] }, ['body.roles']],
      [{ ...validUser(), isAdmin: true }, ['body.isAdmin']],
      [{ ...validUser(), password: 'a'.repeat(129) }, ['body.password']],
      [{ ...validUser(), displayName: '<script>alert(1)</script>'.repeat(10) }, ['body.displayName']],
      [{ ...validUser(), scope: { all: 'yes', projects: [] } }, ['body.scope.all']],
      [{ ...validUser(), email: 'not-an-email' }, ['body.email']],
      [
        { username: "x'; DROP TABLE users;--" },
        ['body.username', 'body.displayName', 'body.password', 'body.roles', 'body.scope'],
      ],
    ];
    for (const [payload, fields] of cases) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(fields),
      );
    }
    expect(await userCount()).toBe(before);
  });

  it('rejects unknown roles, scopes naming unknown places or buildings of another project, and taken usernames', async () => {
    const before = await userCount();
    const unknownRole = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { ...validUser(), roles: ['wizard'] },
    });
    expect(unknownRole.json().error).toMatchObject({ code: 'UNKNOWN_ROLE', details: { codes: ['wizard'] } });
    const mixed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        ...validUser(),
        scope: { all: false, projects: [{ projectId: project.id, buildingIds: [other.buildingIds[0]] }] },
      },
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toMatchObject({
      code: 'INVALID_SCOPE',
      details: { ids: [other.buildingIds[0]] },
    });
    const taken = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { ...validUser(), username: org.adminUsername },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
    expect(await userCount()).toBe(before);
  });

  it('refuses user administration to roles without the permission', async () => {
    const agent = await newUser(h.deps, org, { roles: ['agent'] });
    const session = await signIn(h.app, agent.username, PASSWORD);
    const before = await userCount();
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: validUser(),
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'users.manage' } });
    expect((await h.app.inject({ url: '/api/v1/users', headers: session.headers })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/v1/audit', headers: session.headers })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/v1/api-tokens', headers: session.headers })).statusCode).toBe(
      403,
    );
    expect(await userCount()).toBe(before);
  });

  it('replays a create with the same Idempotency-Key and refuses the key for another body', async () => {
    const body = validUser();
    const headers = { ...admin.headers, 'idempotency-key': uniqueName('key') };
    const first = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: body });
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(
      (await h.deps.db.selectFrom('users').select('id').where('username', '=', body.username).execute())
        .length,
    ).toBe(1);
    const other = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: validUser() });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('updates with optimistic versions: a stale version gets 409 and changes nothing', async () => {
    const { id } = await newUser(h.deps, org);
    const read = (await h.app.inject({ url: `/api/v1/users/${id}`, headers: admin.headers })).json();
    const first = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.headers,
      payload: { version: read.version, displayName: '第一次' },
    });
    expect(first.json()).toMatchObject({ displayName: '第一次', version: read.version + 1 });
    const stale = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.headers,
      payload: { version: read.version, displayName: '第二次' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(
      (await h.app.inject({ url: `/api/v1/users/${id}`, headers: admin.headers })).json().displayName,
    ).toBe('第一次');
  });

  it('audits permission changes with what changed', async () => {
    const { id } = await newUser(h.deps, org, { roles: ['agent'] });
    const read = (await h.app.inject({ url: `/api/v1/users/${id}`, headers: admin.headers })).json();
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.headers,
      payload: { version: read.version, roles: ['supervisor'] },
    });
    const audit = (
      await h.app.inject({ url: `/api/v1/audit?action=user.updated&targetId=${id}`, headers: admin.headers })
    ).json();
    expect(audit.items[0].details.changes.roles).toEqual({ from: ['agent'], to: ['supervisor'] });
    expect(audit.items[0].actorId).toBe(org.admin.userId);
  });

  it('never lets an admin lock themselves out, and keeps at least one active admin', async () => {
    const me = (
      await h.app.inject({ url: `/api/v1/users/${org.admin.userId}`, headers: admin.headers })
    ).json();
    for (const change of [{ status: 'disabled' }, { roles: ['manager'] }]) {
      const response = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${me.id}`,
        headers: admin.headers,
        payload: { version: me.version, ...change },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('CANNOT_LOCK_OUT_SELF');
    }
    // A second admin may demote the first only while another admin remains.
    const second = await newUser(h.deps, org, { roles: ['admin'] });
    const secondSession = await signIn(h.app, second.username, PASSWORD);
    const demote = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.id}`,
      headers: secondSession.headers,
      payload: { version: me.version, roles: ['manager'] },
    });
    expect(demote.statusCode).toBe(200);
    const back = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.id}`,
      headers: secondSession.headers,
      payload: { version: demote.json().version, roles: ['admin'] },
    });
    expect(back.statusCode).toBe(200);
  });

  it('refuses LAST_ADMIN: even someone holding every permission cannot remove the last active admin', async () => {
    const solo = await startTestApp(engine);
    try {
      const o = await newOrg(solo.deps);
      const first = await signIn(solo.app, o.adminUsername, PASSWORD);
      const all = (await solo.app.inject({ url: '/api/v1/permissions', headers: first.headers }))
        .json()
        .items.map((p: { code: string }) => p.code);
      const superRole = await solo.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: first.headers,
        payload: { code: 'super', name: '超级', permissions: all },
      });
      expect(superRole.statusCode).toBe(201);
      const deputy = await newUser(solo.deps, o, { roles: ['super'] });
      const session = await signIn(solo.app, deputy.username, PASSWORD);
      const admin = (
        await solo.app.inject({ url: `/api/v1/users/${o.admin.userId}`, headers: session.headers })
      ).json();
      for (const change of [{ status: 'disabled' }, { roles: ['super'] }]) {
        const response = await solo.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${o.admin.userId}`,
          headers: session.headers,
          payload: { version: admin.version, ...change },
        });
        expect(response.statusCode).toBe(409);
        expect(response.json().error.code).toBe('LAST_ADMIN');
      }
      // With a second admin in place, the same change is allowed.
      await newUser(solo.deps, o, { roles: ['admin'] });
      const allowed = await solo.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${o.admin.userId}`,
        headers: session.headers,
        payload: { version: admin.version, status: 'disabled' },
      });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await solo.close();
    }
  });

  it('stops privilege escalation: a delegated user manager cannot grant or manage more than they hold', async () => {
    const role = await h.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: {
        code: `hr_${engine}`,
        name: '人事',
        // Everything an agent holds, so granting the agent role is within this role's reach.
        permissions: ['users.read', 'users.manage', 'projects.read', 'dashboard.view', ...AGENT_DESK_WORK],
      },
    });
    expect(role.statusCode).toBe(201);
    const hr = await newUser(h.deps, org, { roles: [`hr_${engine}`] });
    const session = await signIn(h.app, hr.username, PASSWORD);
    expect(session.user.roleNames).toEqual({ [`hr_${engine}`]: '人事' });
    const grantAdmin = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { ...validUser(), roles: ['admin'] },
    });
    expect(grantAdmin.statusCode).toBe(403);
    expect(grantAdmin.json().error.code).toBe('ESCALATION_FORBIDDEN');
    const adminRow = (
      await h.app.inject({ url: `/api/v1/users/${org.admin.userId}`, headers: session.headers })
    ).json();
    const touchAdmin = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${org.admin.userId}`,
      headers: session.headers,
      payload: { version: adminRow.version, displayName: 'pwned' },
    });
    expect(touchAdmin.json().error.code).toBe('ESCALATION_FORBIDDEN');
    const agentOk = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { ...validUser(), roles: ['agent'] },
    });
    expect(agentOk.statusCode).toBe(201);
  });

  it('keeps a delegated manager inside their own data scope: no widening, no managing wider users', async () => {
    const code = `desk_${engine}`;
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: {
        code,
        name: '项目前台主管',
        permissions: [
          'users.read',
          'users.manage',
          'tokens.manage',
          'projects.read',
          'dashboard.view',
          ...AGENT_DESK_WORK,
        ],
      },
    });
    const lead = await newUser(h.deps, org, {
      roles: [code],
      scope: { all: false, projects: [{ projectId: project.id, buildingIds: [] }] },
    });
    const s = await signIn(h.app, lead.username, PASSWORD);
    const refused = async (response: Awaited<ReturnType<typeof h.app.inject>>) => {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('SCOPE_ESCALATION_FORBIDDEN');
    };
    const me = (await h.app.inject({ url: `/api/v1/users/${lead.id}`, headers: s.headers })).json();
    await refused(
      await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${lead.id}`,
        headers: s.headers,
        payload: { version: me.version, scope: { all: true, projects: [] } },
      }),
    );
    await refused(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: s.headers,
        payload: { ...validUser(), roles: ['agent'], scope: { all: true, projects: [] } },
      }),
    );
    await refused(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: s.headers,
        payload: {
          ...validUser(),
          roles: ['agent'],
          scope: { all: false, projects: [{ projectId: other.id, buildingIds: [] }] },
        },
      }),
    );
    const wide = await newUser(h.deps, org, { roles: ['agent'] });
    const wideRow = (await h.app.inject({ url: `/api/v1/users/${wide.id}`, headers: s.headers })).json();
    await refused(
      await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${wide.id}`,
        headers: s.headers,
        payload: { version: wideRow.version, displayName: 'x' },
      }),
    );
    await refused(
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${wide.id}/reset-password`,
        headers: s.headers,
        payload: { newPassword: 'Takeover123' },
      }),
    );
    await refused(
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${wide.id}/revoke-sessions`,
        headers: s.headers,
      }),
    );
    await refused(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: s.headers,
        payload: { name: 'x', userId: wide.id },
      }),
    );
    // Admins hold permissions the lead lacks: signing them out is refused too.
    const out = await h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${org.admin.userId}/revoke-sessions`,
      headers: s.headers,
    });
    expect(out.json().error.code).toBe('ESCALATION_FORBIDDEN');
    // Within the scope, all of it works.
    const inside = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: s.headers,
      payload: { ...validUser(), roles: ['agent'] },
    });
    expect(inside.statusCode).toBe(201);
  });

  it('role permission changes apply at once, are audited, and the admin role cannot be edited', async () => {
    const agent = await newUser(h.deps, org, { roles: ['agent'] });
    const session = await signIn(h.app, agent.username, PASSWORD);
    expect((await h.app.inject({ url: '/api/v1/users', headers: session.headers })).statusCode).toBe(403);
    const roles = (await h.app.inject({ url: '/api/v1/roles', headers: admin.headers })).json().items;
    const agentRole = roles.find((r: { code: string }) => r.code === 'agent');
    const update = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${agentRole.id}`,
      headers: admin.headers,
      payload: { permissions: [...agentRole.permissions, 'users.read'] },
    });
    expect(update.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/api/v1/users', headers: session.headers })).statusCode).toBe(200);
    const audit = (
      await h.app.inject({
        url: `/api/v1/audit?action=role.updated&targetId=${agentRole.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(audit.items[0].details).toMatchObject({ added: ['users.read'], removed: [] });
    const adminRole = roles.find((r: { code: string }) => r.code === 'admin');
    expect(adminRole).toMatchObject({ editable: false, system: true });
    const edit = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${adminRole.id}`,
      headers: admin.headers,
      payload: { permissions: [] },
    });
    expect(edit.json().error.code).toBe('ROLE_NOT_EDITABLE');
    const unknownPermission = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${agentRole.id}`,
      headers: admin.headers,
      payload: { permissions: ['root.everything'] },
    });
    expect(unknownPermission.statusCode).toBe(400);
  });

  it('issues API tokens that are shown once, stored hashed, act as their user without CSRF, and die when revoked or expired', async () => {
    const integration = await newUser(h.deps, org, { roles: ['technician'] });
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin.headers,
      payload: { name: '呼叫中心', userId: integration.id, expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^stw_/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = await h.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret);
    const list = (await h.app.inject({ url: '/api/v1/api-tokens', headers: admin.headers })).json();
    expect(JSON.stringify(list)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    expect((await h.app.inject({ url: '/api/v1/projects', headers: bearer })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
    const used = (
      await h.app.inject({
        url: `/api/v1/audit?action=token.used&targetId=${token.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(used.items.length).toBeGreaterThan(0);

    h.clock.advance(31 * DAY);
    expect((await h.app.inject({ url: '/api/v1/projects', headers: bearer })).json().error.code).toBe(
      'TOKEN_INVALID',
    );
    h.clock.advance(-31 * DAY);
    const revoke = await h.app.inject({
      method: 'POST',
      url: `/api/v1/api-tokens/${token.id}/revoke`,
      headers: admin.headers,
    });
    expect(revoke.json().revokedAt).not.toBeNull();
    expect((await h.app.inject({ url: '/api/v1/projects', headers: bearer })).json().error.code).toBe(
      'TOKEN_INVALID',
    );
    for (const authorization of ['Bearer', 'Basic abc', `Bearer ${secret}x`, 'Bearer stw_nope']) {
      const response = await h.app.inject({ url: '/api/v1/projects', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().error.code).toBe('TOKEN_INVALID');
    }
  });

  it('lets a token write without a CSRF header, and audits the write', async () => {
    const integration = await newUser(h.deps, org, { roles: ['manager'] });
    const { secret, token } = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: admin.headers,
        payload: { name: 'BI', userId: integration.id },
      })
    ).json();
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { authorization: `Bearer ${secret}` },
      payload: { code: uniqueName('T'), name: '令牌建的', type: 'office' },
    });
    expect(create.statusCode).toBe(201);
    const used = (
      await h.app.inject({
        url: `/api/v1/audit?action=token.used&targetId=${token.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(used.items[0].details).toMatchObject({ method: 'POST', path: '/api/v1/projects' });
  });

  it('will not issue a token for a disabled user or one from outside the organisation', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin.headers,
      payload: { name: 'x', userId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('TOKEN_USER_INVALID');
  });

  it('signs a user out everywhere on request', async () => {
    const u = await newUser(h.deps, org);
    const s1 = await signIn(h.app, u.username, PASSWORD);
    const s2 = await signIn(h.app, u.username, PASSWORD);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/revoke-sessions`,
      headers: admin.headers,
    });
    expect(response.json()).toEqual({ revoked: 2 });
    for (const s of [s1, s2])
      expect((await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
        401,
      );
  });

  it('lists users with filters and keyset pages that cover everyone exactly once', async () => {
    for (let i = 0; i < 5; i++) await newUser(h.deps, org, { roles: ['cashier'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; roles: string[] }[]; nextCursor: string | null } = (
        await h.app.inject({
          url: `/api/v1/users?role=cashier&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: admin.headers,
        })
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const u of page.items) expect(u.roles).toContain('cashier');
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await h.app.inject({ url: '/api/v1/users?limit=0', headers: admin.headers })).statusCode).toBe(
      400,
    );
    expect((await h.app.inject({ url: '/api/v1/users?limit=201', headers: admin.headers })).statusCode).toBe(
      400,
    );
    expect(
      (await h.app.inject({ url: '/api/v1/users?cursor=garbage', headers: admin.headers })).json().error.code,
    ).toBe('INVALID_CURSOR');
    const search = (
      await h.app.inject({ url: `/api/v1/users?q=${encodeURIComponent('%')}`, headers: admin.headers })
    ).json();
    expect(search.items).toEqual([]);
  });
});
