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
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
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
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': locale,
  };
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

  const payload = parseJson(await response.text());

  if (!response.ok) throw failure(response.status, response.statusText, payload, options.expectUnauthorized);
  return payload as T;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The ApiError for a failed answer; tells the session when it is gone or needs a new password. */
function failure(status: number, statusText: string, payload: unknown, expectUnauthorized = false): ApiError {
  const error = isErrorBody(payload)
    ? new ApiError(status, payload.error.code, payload.error.message, payload.error.details)
    : new ApiError(status, `HTTP_${status}`, statusText || `HTTP ${status}`);
  if (status === 401 && !expectUnauthorized) hooks?.onUnauthorized();
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') hooks?.onPasswordChangeRequired();
  return error;
}

/**
 * A multipart upload (files), with upload progress in percent. Text fields go before the file
 * parts, in the order given, as the server reads them in one pass.
 */
export function upload<T>(
  path: string,
  fields: [name: string, value: string | Blob, fileName?: string][],
  onProgress?: (percent: number) => void,
): Promise<T> {
  const form = new FormData();
  for (const [name, value, fileName] of fields) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, fileName);
  }
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', locale);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Network error'));
    xhr.onload = () => {
      const payload = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(failure(xhr.status, xhr.statusText, payload));
    };
    xhr.send(form);
  });
}

/** The file name in a Content-Disposition header (RFC 5987 `filename*` first). */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/** Fetches a file (an Excel download) and hands it to the browser under the server's file name. */
export async function download(
  path: string,
  query: Record<string, QueryValue> | undefined,
  fallbackName: string,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      headers: { 'Accept-Language': locale },
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    throw failure(response.status, response.statusText, parseJson(await response.text()));
  }
  const blob = await response.blob();
  const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * A fresh key for a create that may be retried (`Idempotency-Key`). Uses getRandomValues, which
 * also works on plain-http intranet addresses where crypto.randomUUID is not available.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
