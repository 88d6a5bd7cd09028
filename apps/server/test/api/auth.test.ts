import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/platform/clock.ts';
import { newOrg, newProject, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

describeEngines('staff authentication', (engine) => {
  let h: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    await newProject(h.deps, org);
  });
  afterAll(() => h.close());

  const auditCount = async (action: string) =>
    Number(
      (
        await h.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('signs in with an httpOnly SameSite session cookie and returns the user and a CSRF token', async () => {
    const { username } = await newUser(h.deps, org, { roles: ['agent'] });
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ username, roles: ['agent'], orgId: org.orgId });
    expect(body.user.permissions).toContain('projects.read');
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === 'steward_sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('marks the cookie Secure behind an https proxy when proxies are trusted', async () => {
    const proxied = await startTestApp(engine, { trustProxy: 1 });
    try {
      const o = await newOrg(proxied.deps);
      const response = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: o.adminUsername, password: PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'steward_sid')?.secure).toBe(true);
      // The client address is the one our proxy saw, not what the client wrote into the header.
      const spoofed = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
        payload: { username: o.adminUsername, password: 'wrong-1234' },
      });
      expect(spoofed.statusCode).toBe(401);
      const audit = await proxied.deps.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login_failed')
        .executeTakeFirstOrThrow();
      expect(audit.ip).toBe('198.51.100.7');
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown user alike with 401 INVALID_CREDENTIALS, and audits both', async () => {
    const before = await auditCount('auth.login_failed');
    const { username } = await newUser(h.deps, org);
    for (const payload of [
      { username, password: 'wrong-pass-1' },
      { username: 'nobody-here', password: PASSWORD },
    ]) {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(response.cookies).toHaveLength(0);
    }
    expect(await auditCount('auth.login_failed')).toBe(before + 2);
  });

  it('locks an account after 5 failures with a 429 and Retry-After, even for the right password, until the lock passes', async () => {
    const { username } = await newUser(h.deps, org);
    const attempt = (password: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.5',
        payload: { username, password },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('nope-1234')).statusCode).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBe(900);
    h.clock.advance(15 * MINUTE);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('counts parallel guesses before checking them: only the allowed number is ever verified', async () => {
    const { username } = await newUser(h.deps, org);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.1.2.3',
          payload: { username, password: 'guess-1234' },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    h.clock.advance(16 * MINUTE);
  });

  it('does not lock out a busy office: successful sign-ins from one address take their attempt back', async () => {
    const { username } = await newUser(h.deps, org);
    for (let i = 0; i < 40; i++) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.7.7.7',
        payload: { username, password: PASSWORD },
      });
      expect(response.statusCode, `sign-in ${i}`).toBe(200);
    }
  });

  it('throttles one IP that tries many accounts', async () => {
    const attempt = (i: number) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: `ghost-${i}`, password: 'x' },
      });
    for (let i = 0; i < 30; i++) expect((await attempt(i)).statusCode).toBe(401);
    const response = await attempt(99);
    expect(response.statusCode).toBe(429);
    // Another address is unaffected.
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.9.10',
      payload: { username: org.adminUsername, password: PASSWORD },
    });
    expect(other.statusCode).toBe(200);
    h.clock.advance(16 * MINUTE);
  });

  it('refuses a missing, tampered or unknown session cookie with 401 and clears it', async () => {
    expect((await h.app.inject({ url: '/api/v1/auth/me' })).json().error.code).toBe('UNAUTHENTICATED');
    const session = await signIn(h.app, org.adminUsername, PASSWORD);
    for (const cookie of [`${session.cookie}x`, 'steward_sid=forged', `steward_sid=${'a'.repeat(500)}`]) {
      const response = await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('SESSION_INVALID');
      expect(response.headers['set-cookie']).toMatch(/steward_sid=;/);
    }
  });

  it('expires a session after the idle limit and after its absolute lifetime', async () => {
    const idle = await signIn(h.app, org.adminUsername, PASSWORD);
    h.clock.advance(h.config.sessionIdleMinutes * MINUTE + 1);
    const expired = await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: idle.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');

    const busy = await signIn(h.app, org.adminUsername, PASSWORD);
    for (let hours = 1; hours < h.config.sessionTtlHours; hours++) {
      h.clock.advance(HOUR);
      expect(
        (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: busy.cookie } })).statusCode,
      ).toBe(200);
    }
    h.clock.advance(HOUR);
    expect(
      (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: busy.cookie } })).json().error.code,
    ).toBe('SESSION_EXPIRED');
  });

  it('requires the CSRF header on cookie-authenticated writes and changes nothing without it', async () => {
    const session = await signIn(h.app, org.adminUsername, PASSWORD);
    const count = async () =>
      (await h.database.db.selectFrom('projects').select('id').where('org_id', '=', org.orgId).execute())
        .length;
    const before = await count();
    const payload = { code: 'CSRF1', name: 'x', type: 'residential' };
    for (const headers of [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': 'wrong' }]) {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/projects', headers, payload });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('CSRF_FAILED');
    }
    expect(await count()).toBe(before);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/projects', headers: session.headers, payload }))
        .statusCode,
    ).toBe(201);
  });

  it('logs out: the session is revoked server-side', async () => {
    const session = await signIn(h.app, org.adminUsername, PASSWORD);
    const out = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(200);
    expect(
      (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(401);
  });

  it('changes a password: checks the current one, keeps this session, ends the others', async () => {
    const { username } = await newUser(h.deps, org);
    const here = await signIn(h.app, username, PASSWORD);
    const elsewhere = await signIn(h.app, username, PASSWORD);
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here.headers,
      payload: { currentPassword: 'nope', newPassword: 'NewPassw0rd' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');
    const weak = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].field).toBe('body.newPassword');
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'NewPassw0rd' },
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: here.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: elsewhere.cookie } })).statusCode,
    ).toBe(401);
    await expect(signIn(h.app, username, PASSWORD)).rejects.toThrow();
    await signIn(h.app, username, 'NewPassw0rd');
  });

  it('holds a user with a temporary password to changing it first', async () => {
    const { id, username } = await newUser(h.deps, org);
    const admin = await signIn(h.app, org.adminUsername, PASSWORD);
    const reset = await h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${id}/reset-password`,
      headers: admin.headers,
      payload: { newPassword: 'TempPass123' },
    });
    expect(reset.statusCode).toBe(200);
    const session = await signIn(h.app, username, 'TempPass123');
    expect(session.user.mustChangePassword).toBe(true);
    const blocked = await h.app.inject({ url: '/api/v1/projects', headers: session.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: session.headers,
      payload: { currentPassword: 'TempPass123', newPassword: 'MyOwnPass9' },
    });
    expect((await h.app.inject({ url: '/api/v1/projects', headers: session.headers })).statusCode).toBe(200);
  });

  it('refuses a disabled account and ends its live sessions', async () => {
    const { id, username } = await newUser(h.deps, org);
    const victim = await signIn(h.app, username, PASSWORD);
    const admin = await signIn(h.app, org.adminUsername, PASSWORD);
    const user = (await h.app.inject({ url: `/api/v1/users/${id}`, headers: admin.headers })).json();
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.headers,
      payload: { version: user.version, status: 'disabled' },
    });
    expect(
      (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: victim.cookie } })).statusCode,
    ).toBe(401);
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('localises error messages by Accept-Language', async () => {
    const zh = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'no-one', password: 'x' },
    });
    const en = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'no-one', password: 'x' },
    });
    expect(zh.json().error.message).toBe('用户名或密码错误');
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('reports the previous sign-in, not the current one, for the whole session', async () => {
    const { username } = await newUser(h.deps, org);
    const first = await signIn(h.app, username, PASSWORD);
    expect(first.user.lastLoginAt).toBeNull();
    const firstAt = h.clock.now().toISOString();
    h.clock.advance(HOUR);
    const second = await signIn(h.app, username, PASSWORD);
    expect(second.user.lastLoginAt).toBe(firstAt);
    h.clock.advance(MINUTE);
    const me = (await h.app.inject({ url: '/api/v1/auth/me', headers: { cookie: second.cookie } })).json();
    expect(me.user.lastLoginAt).toBe(firstAt);
  });

  it('audits a successful sign-in with the client address', async () => {
    const { username, id } = await newUser(h.deps, org);
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '192.0.2.7',
      payload: { username, password: PASSWORD },
    });
    const row = await h.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('actor_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_id: org.orgId, ip: '192.0.2.7', actor_kind: 'user' });
  });
});
