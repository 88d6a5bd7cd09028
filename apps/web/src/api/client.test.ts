import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  NETWORK_ERROR,
  request,
  setCsrfToken,
  setRequestLocale,
  setSessionHooks,
} from './client.ts';

type Call = { url: string; init: RequestInit };

describe('API client', () => {
  let calls: Call[];
  let answer: () => Response | Promise<Response>;
  const hooks = { onUnauthorized: vi.fn(), onPasswordChangeRequired: vi.fn() };

  beforeEach(() => {
    calls = [];
    answer = () => new Response(JSON.stringify({ ok: true }), { status: 200 });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    });
    setSessionHooks(hooks);
    setCsrfToken('csrf-1');
    setRequestLocale('en-US');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
    setSessionHooks(null);
  });

  const headersOf = (i: number) => calls[i]!.init.headers as Record<string, string>;

  it('sends the UI language, and the CSRF token on writes only', async () => {
    await request('GET', '/api/v1/users', { query: { q: '张', role: undefined, limit: 20, cursor: '' } });
    await request('POST', '/api/v1/users', { body: { a: 1 } });
    expect(calls[0]!.url).toBe('/api/v1/users?q=%E5%BC%A0&limit=20');
    expect(headersOf(0)['Accept-Language']).toBe('en-US');
    expect(headersOf(0)['x-csrf-token']).toBeUndefined();
    expect(headersOf(1)['x-csrf-token']).toBe('csrf-1');
    expect(headersOf(1)['Content-Type']).toBe('application/json');
    expect(calls[1]!.init.credentials).toBe('same-origin');
  });

  it('turns the server error model into an ApiError with per-field reasons', async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'VALIDATION_FAILED',
            message: 'bad',
            details: { fields: [{ field: 'body.username', reason: 'is required' }, { junk: 1 }] },
          },
        }),
        { status: 400 },
      );
    const error = await request('POST', '/x', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'bad' });
    expect((error as ApiError).fieldErrors).toEqual([{ field: 'body.username', reason: 'is required' }]);
  });

  it('puts a business error that names one field on that field', async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'USERNAME_TAKEN',
            message: 'taken',
            details: { fields: [{ field: 'body.username', reason: 'taken', keyword: 'USERNAME_TAKEN' }] },
          },
        }),
        { status: 409 },
      );
    const error = (await request('POST', '/x', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldErrors).toEqual([
      { field: 'body.username', reason: 'taken', keyword: 'USERNAME_TAKEN' },
    ]);
  });

  it('reports a lost session once, unless a 401 is the expected answer', async () => {
    answer = () =>
      new Response(JSON.stringify({ error: { code: 'SESSION_EXPIRED', message: 'expired' } }), {
        status: 401,
      });
    await request('GET', '/api/v1/projects').catch(() => undefined);
    expect(hooks.onUnauthorized).toHaveBeenCalledTimes(1);
    await request('GET', '/api/v1/auth/me', { expectUnauthorized: true }).catch(() => undefined);
    expect(hooks.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('sends a user who must change their password to that page', async () => {
    answer = () =>
      new Response(JSON.stringify({ error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'change it' } }), {
        status: 403,
      });
    await request('GET', '/api/v1/projects').catch(() => undefined);
    expect(hooks.onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('names network failures and non-JSON error pages plainly', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await request('GET', '/x').catch((e: unknown) => e)).toMatchObject({
      status: 0,
      code: NETWORK_ERROR,
    });
    answer = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    expect(await request('GET', '/x').catch((e: unknown) => e)).toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway',
    });
  });
});
