import { afterAll, beforeAll, expect, it } from 'vitest';
import { newOrg, PASSWORD, type TestOrg } from '../factories.ts';
import { signIn, startTestApp, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';
import { MAX_INPUT_DEPTH } from '../../src/platform/http.ts';

describeEngines('HTTP platform', (engine) => {
  let h: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    h = await startTestApp(engine, { bodyLimit: 64 * 1024 });
    org = await newOrg(h.deps);
  });
  afterAll(() => h.close());

  it('answers /healthz and /readyz without authentication', async () => {
    expect((await h.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await h.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('publishes OpenAPI 3 with the fixed paths, and interactive docs', async () => {
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/me',
      '/api/v1/auth/logout',
      '/api/v1/projects',
      '/api/v1/users',
      '/api/v1/audit',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required).toContain(
      'username',
    );
    const docs = await h.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('carries a request id: the caller’s if well-formed, otherwise a new one', async () => {
    expect(
      (await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'call-123' } })).headers[
        'x-request-id'
      ],
    ).toBe('call-123');
    const generated = (await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0000' } }))
      .headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns malformed JSON, wrong content types, oversized and empty bodies into clear 4xx errors', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const post = (payload: string, contentType = 'application/json') =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: { ...s.headers, 'content-type': contentType },
        payload,
      });
    const cases: [Awaited<ReturnType<typeof post>>, number, string][] = [
      [await post('{"code": "A",'), 400, 'INVALID_JSON'],
      [await post(''), 400, 'INVALID_JSON'],
      [await post('code=A', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await post(JSON.stringify({ code: 'A', name: 'x'.repeat(70 * 1024), type: 'office' })),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [await post('[1,2,3]'), 400, 'VALIDATION_FAILED'],
      [await post('null'), 400, 'VALIDATION_FAILED'],
    ];
    for (const [response, status, code] of cases) {
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
    expect(
      (await h.deps.db.selectFrom('projects').select('id').where('org_id', '=', org.orgId).execute()).length,
    ).toBe(0);
  });

  it('keeps unicode, HTML and SQL in text as plain data', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const name = `𠀋 翠湖' OR 1=1; DROP TABLE projects;-- <img src=x onerror=alert(1)> \u202e`;
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: 'U1', name, type: 'office' },
    });
    expect(created.statusCode).toBe(201);
    const read = (
      await h.app.inject({ url: `/api/v1/projects/${created.json().id}`, headers: s.headers })
    ).json();
    expect(read.name).toBe(name.trim());
    expect(
      (
        await h.app.inject({
          url: `/api/v1/projects?q=${encodeURIComponent("' OR 1=1")}`,
          headers: s.headers,
        })
      ).json().items,
    ).toHaveLength(1);
  });

  it('refuses NUL characters anywhere with 400 on both engines, even before sign-in', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const cases = [
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'a\u0000b', password: 'x' },
      }),
      await h.app.inject({ url: '/api/v1/projects?q=%00', headers: s.headers }),
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: s.headers,
        payload: { code: 'N1', name: 'bad\u0000name', type: 'office' },
      }),
    ];
    const fields = ['body.username', 'query.q', 'body.name'];
    cases.forEach((response, i) => {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.fields).toEqual([
        expect.objectContaining({ field: fields[i], keyword: 'nul' }),
      ]);
    });
  });

  it('refuses lone surrogates (stored as U+FFFD otherwise) and answers deeply nested bodies with 400', async () => {
    // Found by the bad-input reliability suite: the NUL check recursed and overflowed the stack
    // (500) on a body nested 5000 levels deep, and a lone surrogate was silently stored as U+FFFD.
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const lone = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: 'S1', name: 'a\uD800b', type: 'office' },
    });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'body.name', keyword: 'surrogate' }),
    ]);
    const pair = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: 'S2', name: '𠜎 项目 👨‍👩‍👧', type: 'office' },
    });
    expect(pair.statusCode).toBe(201);
    expect(pair.json().name).toBe('𠜎 项目 👨‍👩‍👧');
    const nested = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.code).toBe('VALIDATION_FAILED');
    // Brackets to the body limit around a NUL, on a public route: refused at the depth limit, with
    // a short path (walking to the NUL and spelling its path out once took seconds of CPU).
    const deep = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(30_000) + '"\\u0000"' + ']'.repeat(30_000),
    });
    expect(deep.statusCode).toBe(400);
    const [field] = deep.json().error.details.fields;
    expect(field).toMatchObject({ keyword: 'depth' });
    expect(field.field.split('.').length).toBeLessThanOrEqual(MAX_INPUT_DEPTH + 1);
  });

  it('filters the audit log by instants whatever the offset, and refuses impossible times', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const utc = h.clock.now().toISOString();
    const beijing = new Date(h.clock.now().getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const a = (
      await h.app.inject({ url: `/api/v1/audit?from=${encodeURIComponent(utc)}`, headers: s.headers })
    ).json();
    const b = (
      await h.app.inject({ url: `/api/v1/audit?from=${encodeURIComponent(beijing)}`, headers: s.headers })
    ).json();
    expect(a.items.length).toBeGreaterThan(0);
    expect(b.items.map((i: { id: string }) => i.id)).toEqual(a.items.map((i: { id: string }) => i.id));
    // Any offset is read as the instant it names (PostgreSQL itself would refuse +20:00).
    expect(
      (
        await h.app.inject({
          url: `/api/v1/audit?from=${encodeURIComponent('2026-01-01T00:00:00+20:00')}`,
          headers: s.headers,
        })
      ).statusCode,
    ).toBe(200);
    for (const bad of ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z']) {
      const response = await h.app.inject({
        url: `/api/v1/audit?from=${encodeURIComponent(bad)}`,
        headers: s.headers,
      });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.details.fields[0].field).toMatch(/^query\.from$/);
    }
  });

  it('finds names case-insensitively beyond ASCII: full-width and accented letters', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: s.headers,
      payload: { code: 'FW1', name: 'ＡＢＣ花园 Élan', type: 'residential' },
    });
    for (const q of ['ＡＢＣ', 'ａｂｃ', 'élan', 'ÉLAN', '花园']) {
      const found = (
        await h.app.inject({ url: `/api/v1/projects?q=${encodeURIComponent(q)}`, headers: s.headers })
      ).json();
      expect(
        found.items.map((p: { code: string }) => p.code),
        q,
      ).toContain('FW1');
    }
  });

  it('answers simultaneous creates of the same code with one 201 and 409s, never 500', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const statuses = (
      await Promise.all(
        Array.from({ length: 4 }, () =>
          h.app.inject({
            method: 'POST',
            url: '/api/v1/projects',
            headers: s.headers,
            payload: { code: 'RACE', name: 'race', type: 'office' },
          }),
        ),
      )
    ).map((r) => r.statusCode);
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
  });

  it('answers a malformed URL in the error model without echoing it', async () => {
    const response = await h.app.inject({
      url: '/api/v1/users/%E0%A4%A',
      headers: { 'accept-language': 'en-US' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'BAD_URL', message: 'The request URL is malformed' } });
  });

  it('names the real problem of a nullable field, and reports business errors on fields the same way', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...s.headers, 'accept-language': 'en-US' },
      payload: {
        username: 'nullable-x',
        displayName: 'n',
        password: 'Passw0rd1',
        roles: ['agent'],
        scope: { all: true, projects: [] },
        email: 'not-an-email',
        phone: 'abc',
      },
    });
    expect(bad.json().error.details.fields).toEqual([
      { field: 'body.phone', keyword: 'pattern', reason: 'has an invalid format' },
      { field: 'body.email', keyword: 'format', reason: 'must be a valid email' },
    ]);
    const taken = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: s.headers,
      payload: {
        username: org.adminUsername,
        displayName: 'n',
        password: 'Passw0rd1',
        roles: ['agent'],
        scope: { all: true, projects: [] },
      },
    });
    expect(taken.json().error.details).toEqual({
      fields: [{ field: 'body.username', keyword: 'USERNAME_TAKEN', reason: taken.json().error.message }],
    });
  });

  it('answers unknown API routes with a localised 404 and unknown ids with 404, not 500', async () => {
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const route = await h.app.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en-US' },
    });
    expect(route.statusCode).toBe(404);
    expect(route.json().error).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      message: 'No such endpoint: GET /api/v1/nothing-here',
    });
    expect(
      (
        await h.app.inject({
          url: '/api/v1/projects/01900000-0000-7000-8000-000000000000',
          headers: s.headers,
        })
      ).statusCode,
    ).toBe(404);
    const badId = await h.app.inject({ url: '/api/v1/projects/not-a-uuid', headers: s.headers });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.fields[0].field).toBe('params.id');
  });

  it('sets defensive headers and never caches API answers', async () => {
    const response = await h.app.inject({ url: '/api/v1/setup' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
  });
  // Last: it breaks the database on purpose.
  it('hides internals of unexpected failures behind INTERNAL with the request id', async () => {
    await h.deps.db.schema.dropTable('idempotency_keys').execute();
    const s = await signIn(h.app, org.adminUsername, PASSWORD);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...s.headers, 'idempotency-key': 'k1', 'accept-language': 'en-US' },
      payload: { code: 'Z9', name: 'z', type: 'office' },
    });
    expect(response.statusCode).toBe(500);
    const error = response.json().error;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(response.headers['x-request-id']);
    expect(response.body).not.toMatch(/idempotency_keys|sqlite|relation|stack/i);
  });
});
