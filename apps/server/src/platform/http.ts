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

/**
 * Where the things a route touches may lie for a caller who holds its permission. Every non-public
 * /api route declares it beside `access` (checked when routes register) and the OpenAPI document
 * publishes it as `x-reach`; test/reliability/matrix.test.ts holds every route to it, for every
 * role, against a record in the caller's scope, one outside it and one of another organisation.
 * - 'org': organisation-wide (configuration, organisation collections): a scoped holder gets the
 *   same answer as an organisation-wide one.
 * - 'scope': the record named by the path, or the place/record named in the body or query, must lie
 *   in the caller's project/building scope; outside it answers 404 and lists leave it out.
 * - 'self': the caller's own things (their session, password, alerts).
 * Another organisation's ids always answer 404 and never appear in a list.
 */
export type ReachKind = 'org' | 'scope' | 'self';
export type Reach =
  | ReachKind
  | {
      kind: ReachKind;
      /** Holders of the route's permission who also need one of these (the service checks it) get 403 `code`. */
      anyOf?: { permissions: readonly Permission[]; code: string };
      /** What a scoped caller gets for something outside their scope when the kind's default does not apply. */
      outOfScope?: { status: number; code: string };
      /** What another organisation's id in the body gets when it is not 404 (say, a 400 naming the field). */
      foreign?: { status: number; code: string };
      /**
       * What a caller holding only some buildings of the project gets for the project itself (or a
       * place of the whole project) where the operation needs the whole project in scope.
       */
      partialScope?: { status: number; code: string };
      /** Why the declared exception is by design. */
      because?: string;
    };

/**
 * A place (house, area, project) named in the body or query rather than the path: refused as a
 * 400 naming the field, the same beyond the caller's scope as in another organisation.
 */
export function namedPlace(code: string): Reach {
  return {
    kind: 'scope',
    outOfScope: { status: 400, code },
    foreign: { status: 400, code },
    because: 'the place is a field of the input, refused alike beyond the scope and in another organisation',
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    reach?: Reach;
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

/** No request of this API nests deeper; anything deeper is refused before it is walked further. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first string (or key) that no database stores as sent — one holding U+0000 (PostgreSQL refuses
 * it) or a lone UTF-16 surrogate (both engines would silently store U+FFFD instead) — or the first
 * place nested deeper than MAX_INPUT_DEPTH. Walks with a stack of its own and stops at that depth, so
 * a body nested half a million levels deep costs what a shallow one does: an answer, not a stack
 * overflow or seconds of CPU.
 */
export function findUnstorableText(
  value: unknown,
  path: string[],
): { path: string[]; keyword: 'nul' | 'surrogate' | 'depth' } | null {
  // With the u flag a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
  const problem = (text: string): 'nul' | 'surrogate' | null =>
    text.includes('\u0000') ? 'nul' : /\p{Cs}/u.test(text) ? 'surrogate' : null;
  // Paths are linked to their parent, not copied per level.
  type At = { key: string; up: At | null; depth: number };
  const pathOf = (at: At | null): string[] => {
    const keys: string[] = [];
    for (let node = at; node; node = node.up) keys.push(node.key);
    return [...path, ...keys.reverse()];
  };
  const stack: [unknown, At | null][] = [[value, null]];
  while (stack.length) {
    const [item, at] = stack.pop()!;
    const depth = at?.depth ?? 0;
    if (typeof item === 'string') {
      const keyword = problem(item);
      if (keyword) return { path: pathOf(at), keyword };
    } else if (item && typeof item === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { path: pathOf(at), keyword: 'depth' };
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--)
          stack.push([item[i], { key: String(i), up: at, depth: depth + 1 }]);
      } else {
        for (const [key, child] of Object.entries(item).reverse()) {
          const keyword = problem(key);
          if (keyword) return { path: pathOf({ key, up: at, depth: depth + 1 }), keyword };
          stack.push([child, { key, up: at, depth: depth + 1 }]);
        }
      }
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
    const reach = route.config?.reach;
    if (route.url.startsWith('/api/v1') && !('public' in access) && !reach) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no reach`);
    }
    // The OpenAPI document states each operation's rule as `x-access` (public, authenticated or
    // the permission) and its reach as `x-reach` (exceptions as `x-reach-rule`), and shows public
    // routes without the global security requirement.
    const rule =
      'public' in access ? 'public' : 'authenticated' in access ? 'authenticated' : access.permission;
    const openApi: Record<string, unknown> = {
      'x-access': rule,
      ...(reach ? { 'x-reach': typeof reach === 'string' ? reach : reach.kind } : {}),
      ...(reach && typeof reach === 'object' ? { 'x-reach-rule': reach } : {}),
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

  // Text with NUL or a lone surrogate, and input nested beyond MAX_INPUT_DEPTH, are refused before
  // validation, on every route and both engines alike.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const found = findUnstorableText(value, [part]);
      if (found)
        throw validationFailed([fieldError(found.path.join('.'), found.keyword, {}, request.locale)]);
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
