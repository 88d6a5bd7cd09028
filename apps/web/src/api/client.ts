import type { ErrorBody, FieldError, Locale } from '@steward/contracts';

/** An error answered by the server (or a network failure, status 0) in the shape of the public error model. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * Per-field reasons, e.g. `{ field: 'body.username', reason: '格式不正确' }`: validation errors and
   * business errors about one field (USERNAME_TAKEN) both arrive this way.
   */
  get fieldErrors(): FieldError[] {
    const fields = this.details.fields;
    if (Array.isArray(fields)) {
      return fields.filter(
        (f): f is FieldError =>
          typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.reason === 'string',
      );
    }
    return [];
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

interface SessionHooks {
  /** A request came back 401: the session is gone. */
  onUnauthorized: () => void;
  /** A request came back 403 PASSWORD_CHANGE_REQUIRED. */
  onPasswordChangeRequired: () => void;
}

// Kept in memory only: the CSRF token must not outlive the page (it is re-read from /auth/me on load).
let csrfToken: string | null = null;
let locale: Locale = 'zh-CN';
let hooks: SessionHooks | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLocale(next: Locale): void {
  locale = next;
}

export function setSessionHooks(next: SessionHooks | null): void {
  hooks = next;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** For calls where 401 is an expected answer (sign-in, session probe), not a lost session. */
  expectUnauthorized?: boolean;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    const error = isErrorBody(payload)
      ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details)
      : new ApiError(
          response.status,
          `HTTP_${response.status}`,
          response.statusText || `HTTP ${response.status}`,
        );
    if (response.status === 401 && !options.expectUnauthorized) hooks?.onUnauthorized();
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') hooks?.onPasswordChangeRequired();
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
};
