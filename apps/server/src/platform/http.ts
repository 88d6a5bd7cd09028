import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '@steward/contracts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';
import { AppError, errorMessage, fieldError, platformError, toAppError, validationFailed } from './errors.ts';
import { pickLocale, type Locale } from './i18n.ts';
import { newId } from './ids.ts';
import type { Actor, RequestMeta } from './auth/actor.ts';
import { authenticate } from './auth/authenticate.ts';
import { SESSION_COOKIE } from './auth/tokens.ts';
import { requestHash, type IdempotencyContext } from './idempotency.ts';

/**
 * Who may call a route. Every /api route must declare one (checked when routes register), so no
 * endpoint ships without a permission decision.
 */
export type Access =
  | { public: true }
  | {
      authenticated: true;
      duringPasswordChange?: boolean;
      /** A background request (the live-update stream) that does not keep a session from idling out. */
      passive?: boolean;
    }
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export interface HttpDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'sessionIdleMinutes' | 'bodyLimit'>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : newId();
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return {
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: String(request.id),
  };
}

/** The authenticated caller; routes that declare access other than public can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw platformError('UNAUTHENTICATED');
  return request.actor;
}

/** The Idempotency-Key context of a create request, if the client sent one. */
export function idempotencyOf(request: FastifyRequest): IdempotencyContext | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return undefined;
  if (key.length > 200) {
    throw validationFailed([
      fieldError('headers.idempotency-key', 'maxLength', { limit: 200 }, request.locale),
    ]);
  }
  const actor = actorOf(request);
  return {
    orgId: actor.orgId,
    actorId: actor.userId,
    key,
    requestHash: requestHash(request.method, request.url, request.body),
  };
}

export function errorBody(error: AppError, locale: Locale, requestId: string) {
  const message = errorMessage(error.code, locale, { ...error.params, requestId });
  let details = error.details;
  // One shape for "this field is wrong": a business error that names a body field
  // (`{ field: 'username' }`) is reported like a validation error, in details.fields.
  if (details && typeof details.field === 'string' && !('fields' in details)) {
    const { field, ...rest } = details;
    const name = field.includes('.') ? field : `body.${field}`;
    details = { ...rest, fields: [{ field: name, reason: message, keyword: error.code }] };
  }
  return { error: { code: error.code, message, ...(details ? { details } : {}) } };
}

/** Path of the first string (or key) holding U+0000, which PostgreSQL cannot store in text. */
export function findNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

async function platformPlugin(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.startsWith('/api/v1') && !access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    }
    if (!access) return;
    // The OpenAPI document states each operation's rule as `x-access` (public, authenticated or
    // the permission), and shows public routes without the global security requirement.
    const rule =
      'public' in access ? 'public' : 'authenticated' in access ? 'authenticated' : access.permission;
    const openApi: Record<string, unknown> = {
      'x-access': rule,
      ...('public' in access ? { security: [] } : {}),
    };
    route.schema = Object.assign({}, route.schema, openApi);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.locale = pickLocale(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config?.access;
    if (!access || 'public' in access) return;

    const actor = await authenticate(deps, {
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      sessionCookie: request.cookies[SESSION_COOKIE],
      csrfHeader:
        typeof request.headers['x-csrf-token'] === 'string' ? request.headers['x-csrf-token'] : undefined,
      meta: requestMeta(request),
      passive: 'authenticated' in access && access.passive === true,
    });
    if (!actor) throw platformError('UNAUTHENTICATED');
    request.actor = actor;
    if (actor.mustChangePassword && !('authenticated' in access && access.duringPasswordChange)) {
      throw platformError('PASSWORD_CHANGE_REQUIRED');
    }
    if ('permission' in access && !actor.permissions.has(access.permission)) {
      throw platformError('FORBIDDEN', { permission: access.permission });
    }
  });

  // Text with NUL is refused before validation, on every route and both engines alike.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const path = findNul(value, [part]);
      if (path) throw validationFailed([fieldError(path.join('.'), 'nul', {}, request.locale)]);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler(async (rawError, request, reply) => {
    const error = toAppError(rawError, deps.config.bodyLimit, request.locale);
    if (error.status >= 500) request.log.error({ err: rawError }, 'request failed');
    else request.log.info({ code: error.code, status: error.status }, 'request refused');
    if (error.code === 'SESSION_INVALID' || error.code === 'SESSION_EXPIRED') clearSessionCookie(reply);
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(error.status).send(errorBody(error, request.locale, String(request.id)));
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export const httpPlatform = fp(platformPlugin, {
  name: 'steward-http-platform',
  dependencies: ['@fastify/cookie'],
});
