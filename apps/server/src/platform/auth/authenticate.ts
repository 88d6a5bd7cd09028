import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import { MINUTE } from '../clock.ts';
import { platformError } from '../errors.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { loadPrincipalUser, loadSessionPrincipal, type PrincipalUser } from './principal.repository.ts';
import { revokeSession, touchSession } from './sessions.repository.ts';
import { findApiTokenByHash, markApiTokenUsed } from './api-tokens.repository.ts';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from './tokens.ts';

export interface Credentials {
  method: string;
  url: string;
  authorization: string | undefined;
  sessionCookie: string | undefined;
  csrfHeader: string | undefined;
  meta: RequestMeta;
  /** Not the user's doing (a background stream): the session's idle clock is not reset. */
  passive?: boolean;
}

export type AuthDeps = { db: Db; clock: Clock; config: Pick<Config, 'sessionIdleMinutes'> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Reads by a token are audited at most this often; every write by a token is audited.
const TOKEN_READ_AUDIT_INTERVAL = 10 * MINUTE;
const SESSION_TOUCH_INTERVAL = MINUTE;

/** Resolves who is calling from a bearer token or the session cookie; null when neither is sent. */
export async function authenticate(deps: AuthDeps, creds: Credentials): Promise<Actor | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(creds.authorization ?? '')?.[1];
  if (creds.authorization !== undefined) {
    if (!bearer) throw platformError('TOKEN_INVALID');
    return authenticateToken(deps, bearer, creds);
  }
  if (creds.sessionCookie) return authenticateSession(deps, creds.sessionCookie, creds);
  return null;
}

async function authenticateToken(deps: AuthDeps, secret: string, creds: Credentials): Promise<Actor> {
  const now = deps.clock.now();
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) throw platformError('TOKEN_INVALID');
  const token = await findApiTokenByHash(deps.db, sha256(secret));
  if (!token || token.revoked_at || (token.expires_at && Date.parse(token.expires_at) <= now.getTime())) {
    throw platformError('TOKEN_INVALID');
  }
  const user = await loadPrincipalUser(deps.db, { id: token.user_id });
  if (!user || user.status !== 'active' || user.orgId !== token.org_id) throw platformError('TOKEN_INVALID');

  const isWrite = !SAFE_METHODS.has(creds.method);
  const stale =
    !token.last_used_at || now.getTime() - Date.parse(token.last_used_at) >= TOKEN_READ_AUDIT_INTERVAL;
  if (isWrite || stale) {
    await deps.db.transaction().execute(async (tx) => {
      await markApiTokenUsed(tx, token.id, now.toISOString());
      await writeAudit(tx, deps.clock, {
        action: 'token.used',
        orgId: token.org_id,
        actor: { kind: 'token', id: user.id, name: `${user.displayName} · ${token.name}` },
        target: { type: 'api_token', id: token.id },
        details: { method: creds.method, path: creds.url.split('?')[0] },
        meta: creds.meta,
      });
    });
  }
  return toActor(user, 'token', { tokenId: token.id });
}

async function authenticateSession(deps: AuthDeps, cookie: string, creds: Credentials): Promise<Actor> {
  const now = deps.clock.now();
  if (cookie.length > 200) throw platformError('SESSION_INVALID');
  const found = await loadSessionPrincipal(deps.db, sha256(cookie));
  if (!found || found.session.revoked_at) throw platformError('SESSION_INVALID');
  const { session, user } = found;
  const idleLimit = Date.parse(session.last_seen_at) + deps.config.sessionIdleMinutes * MINUTE;
  if (Date.parse(session.expires_at) <= now.getTime() || idleLimit <= now.getTime()) {
    await revokeSession(deps.db, session.id, now.toISOString(), 'expired');
    throw platformError('SESSION_EXPIRED');
  }
  if (user.status !== 'active' || user.orgId !== session.org_id) throw platformError('SESSION_INVALID');
  // The cookie is sent by the browser automatically; a write must also prove it read our page.
  if (
    !SAFE_METHODS.has(creds.method) &&
    !(creds.csrfHeader && safeEqual(creds.csrfHeader, session.csrf_token))
  ) {
    throw platformError('CSRF_FAILED');
  }
  if (!creds.passive && now.getTime() - Date.parse(session.last_seen_at) >= SESSION_TOUCH_INTERVAL) {
    await touchSession(deps.db, session.id, now.toISOString());
  }
  // "Last sign-in" within a session is the one before it began, not the session's own.
  return toActor({ ...user, lastLoginAt: session.previous_login_at }, 'user', {
    sessionId: session.id,
    csrfToken: session.csrf_token,
  });
}

export function toActor(
  user: PrincipalUser,
  kind: Actor['kind'],
  extra: Pick<Actor, 'sessionId' | 'csrfToken' | 'tokenId'>,
): Actor {
  return {
    kind,
    userId: user.id,
    orgId: user.orgId,
    orgName: user.orgName,
    username: user.username,
    displayName: user.displayName,
    lastLoginAt: user.lastLoginAt,
    roles: user.roles,
    roleNames: user.roleNames,
    permissions: user.permissions,
    scope: user.scope,
    mustChangePassword: user.mustChangePassword,
    ...extra,
  };
}
