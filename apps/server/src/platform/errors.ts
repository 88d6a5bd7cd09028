import type { FastifyError } from 'fastify';
import { isUniqueViolation } from '../db/dialect.ts';
import { format, type Locale, type Localised } from './i18n.ts';

export interface ErrorDef extends Localised {
  status: number;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
    readonly params?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

const catalogue = new Map<string, ErrorDef>();

/**
 * Declares a module's error codes with their HTTP status and zh-CN/en-US messages and returns a
 * typed factory: `const fail = defineErrors({...}); throw fail('USERNAME_TAKEN')`.
 */
export function defineErrors<const T extends Record<string, ErrorDef>>(defs: T) {
  for (const [code, def] of Object.entries(defs)) {
    const existing = catalogue.get(code);
    if (existing && existing !== def && existing.status !== def.status) {
      throw new Error(`error code ${code} is defined twice with different statuses`);
    }
    catalogue.set(code, def);
  }
  return (code: keyof T & string, details?: Record<string, unknown>, params?: Record<string, unknown>) =>
    new AppError(code, defs[code]!.status, details, params);
}

export function errorMessage(code: string, locale: Locale, params?: Record<string, unknown>): string {
  const def = catalogue.get(code) ?? catalogue.get('INTERNAL')!;
  return format(def[locale], params);
}

export const platformError = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    'zh-CN': '请求内容有误：{summary}',
    'en-US': 'The request is invalid: {summary}',
  },
  INVALID_JSON: {
    status: 400,
    'zh-CN': '请求体不是有效的 JSON',
    'en-US': 'The request body is not valid JSON',
  },
  BAD_URL: { status: 400, 'zh-CN': '请求地址格式有误', 'en-US': 'The request URL is malformed' },
  BAD_REQUEST: {
    status: 400,
    'zh-CN': '请求无法处理，请检查后重试',
    'en-US': 'The request could not be processed; check it and retry',
  },
  INVALID_CURSOR: {
    status: 400,
    'zh-CN': '分页游标无效，请从第一页重新加载',
    'en-US': 'The page cursor is invalid; reload from the first page',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的内容类型，请使用 application/json',
    'en-US': 'Unsupported content type; send application/json',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    'zh-CN': '请求体过大（上限 {limit} 字节）',
    'en-US': 'The request body is too large (limit {limit} bytes)',
  },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', 'en-US': 'Please sign in first' },
  SESSION_EXPIRED: {
    status: 401,
    'zh-CN': '登录已过期，请重新登录',
    'en-US': 'Your session has expired; please sign in again',
  },
  SESSION_INVALID: {
    status: 401,
    'zh-CN': '登录凭证无效，请重新登录',
    'en-US': 'Your session is not valid; please sign in again',
  },
  TOKEN_INVALID: {
    status: 401,
    'zh-CN': 'API 令牌无效、已过期或已吊销',
    'en-US': 'The API token is invalid, expired or revoked',
  },
  CSRF_FAILED: {
    status: 403,
    'zh-CN': '缺少或错误的 x-csrf-token 请求头，请刷新页面后重试',
    'en-US': 'Missing or wrong x-csrf-token header; reload the page and try again',
  },
  FORBIDDEN: {
    status: 403,
    'zh-CN': '您没有执行此操作的权限',
    'en-US': 'You do not have permission to do this',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    'zh-CN': '请先修改初始密码',
    'en-US': 'Please change your initial password first',
  },
  NOT_FOUND: {
    status: 404,
    'zh-CN': '记录不存在或不在您的权限范围内',
    'en-US': 'Not found, or outside your access',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    'zh-CN': '接口不存在：{method} {url}',
    'en-US': 'No such endpoint: {method} {url}',
  },
  VERSION_CONFLICT: {
    status: 409,
    'zh-CN': '记录已被他人修改，请刷新后重试',
    'en-US': 'Someone else changed this record; reload and try again',
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    'zh-CN': '该幂等键已用于另一个不同的请求',
    'en-US': 'This Idempotency-Key was already used for a different request',
  },
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '操作过于频繁，请 {retryAfter} 秒后再试',
    'en-US': 'Too many attempts; try again in {retryAfter} seconds',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    'zh-CN': '服务暂不可用，请稍后重试',
    'en-US': 'The service is unavailable; try again shortly',
  },
  INTERNAL: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后重试（请求号 {requestId}）',
    'en-US': 'Internal server error; please retry (request {requestId})',
  },
});

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const REASONS: Record<string, Localised> = {
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  additionalProperties: { 'zh-CN': '不是允许的字段', 'en-US': 'is not an allowed field' },
  type: { 'zh-CN': '类型应为 {type}', 'en-US': 'must be of type {type}' },
  minLength: { 'zh-CN': '至少 {limit} 个字符', 'en-US': 'must be at least {limit} characters' },
  maxLength: { 'zh-CN': '最多 {limit} 个字符', 'en-US': 'must be at most {limit} characters' },
  minimum: { 'zh-CN': '不能小于 {limit}', 'en-US': 'must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于 {limit}', 'en-US': 'must be at most {limit}' },
  minItems: { 'zh-CN': '至少 {limit} 项', 'en-US': 'must have at least {limit} items' },
  maxItems: { 'zh-CN': '最多 {limit} 项', 'en-US': 'must have at most {limit} items' },
  uniqueItems: { 'zh-CN': '不能有重复项', 'en-US': 'must not contain duplicates' },
  format: { 'zh-CN': '格式不正确（应为 {format}）', 'en-US': 'must be a valid {format}' },
  pattern: { 'zh-CN': '格式不正确', 'en-US': 'has an invalid format' },
  anyOf: { 'zh-CN': '取值不在允许范围内', 'en-US': 'is not one of the allowed values' },
  nul: { 'zh-CN': '不能包含空字符（U+0000）', 'en-US': 'must not contain the NUL character (U+0000)' },
  depth: {
    'zh-CN': '嵌套层级过深',
    'en-US': 'is nested too deeply',
  },
  surrogate: {
    'zh-CN': '包含无效的 Unicode 字符（孤立代理项）',
    'en-US': 'must be valid Unicode text (it holds a lone surrogate)',
  },
  enum: { 'zh-CN': '取值不在允许范围内', 'en-US': 'is not one of the allowed values' },
  const: { 'zh-CN': '取值不在允许范围内', 'en-US': 'is not one of the allowed values' },
};
const FALLBACK_REASON: Localised = { 'zh-CN': '取值无效', 'en-US': 'is invalid' };

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

/** Turns Ajv's errors into one entry per bad field, named like `body.scope.all`. */
/**
 * Which of a field's errors to report. A union reports one error per branch: for a nullable field
 * (`string | null`) the specific one ("must be a valid email") says what is wrong; for a union of
 * literals only the summary ("not one of the allowed values") does.
 */
function rank(error: AjvError): number {
  if (error.keyword === 'required' || error.keyword === 'additionalProperties') return 0;
  const branchNoise =
    ['anyOf', 'const', 'enum'].includes(error.keyword) ||
    (error.keyword === 'type' && error.params.type === 'null');
  if (!branchNoise) return 1;
  return error.keyword === 'anyOf' ? 2 : 3;
}

/** One localised entry for a bad field. */
export function fieldError(
  field: string,
  keyword: string,
  params: Record<string, unknown>,
  locale: Locale,
): FieldReason {
  return { field, keyword, reason: format((REASONS[keyword] ?? FALLBACK_REASON)[locale], params) };
}

export interface FieldReason {
  field: string;
  reason: string;
  keyword: string;
}

/** Turns Ajv's errors into one entry per bad field, named like `body.scope.all`. */
export function fieldErrors(
  errors: readonly AjvError[],
  context: string | undefined,
  locale: Locale,
): FieldReason[] {
  const prefix = CONTEXT_NAMES[context ?? 'body'] ?? context ?? 'body';
  const byField = new Map<string, AjvError>();
  for (const error of errors) {
    const segments = error.instancePath.split('/').filter(Boolean);
    const extra = error.params.missingProperty ?? error.params.additionalProperty;
    if (typeof extra === 'string') segments.push(extra);
    const field = [prefix, ...segments].join('.');
    const current = byField.get(field);
    if (!current || rank(error) < rank(current)) byField.set(field, error);
  }
  return [...byField.entries()].map(([field, error]) =>
    fieldError(field, error.keyword, error.params, locale),
  );
}

/**
 * Runs a create; a unique-constraint violation (a concurrent twin that committed first, which an
 * "already exists?" check inside the transaction cannot see on PostgreSQL) becomes `taken()`.
 */
export async function uniqueOr<T>(work: () => Promise<T>, taken: () => AppError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/** A 400 listing each bad field; the message sums them up. */
export function validationFailed(fields: FieldReason[]): AppError {
  const summary = fields.map((f) => `${f.field} ${f.reason}`).join('; ');
  return platformError('VALIDATION_FAILED', { fields }, { summary });
}

/** Maps anything thrown while handling a request to the public error model. */
export function toAppError(error: unknown, bodyLimit: number, locale: Locale): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError> & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) return validationFailed(fieldErrors(fe.validation, fe.validationContext, locale));
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return platformError('PAYLOAD_TOO_LARGE', { limit: bodyLimit }, { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return platformError('UNSUPPORTED_MEDIA_TYPE');
    case '22021': // PostgreSQL: character not in repertoire (e.g. NUL) — a last line behind validation
    case '22P05':
      return platformError('BAD_REQUEST');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return platformError('INVALID_JSON');
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return platformError('INVALID_JSON');
  if (fe.statusCode === 413)
    return platformError('PAYLOAD_TOO_LARGE', { limit: bodyLimit }, { limit: bodyLimit });
  if (fe.statusCode === 415) return platformError('UNSUPPORTED_MEDIA_TYPE');
  if (fe.statusCode === 503) return platformError('SERVICE_UNAVAILABLE');
  // Any other client error Fastify raises (an aborted upload, a bad header) stays a 4xx.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return platformError('BAD_REQUEST');
  return platformError('INTERNAL');
}
