import type { AuthResponse, ChangePasswordBody, LoginBody, SessionUser } from '@steward/contracts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { HOUR } from '../../platform/clock.ts';
import { defineErrors, platformError } from '../../platform/errors.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { ANONYMOUS, auditActor, writeAudit } from '../../platform/audit/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { loadPrincipalUser, type PrincipalUser } from '../../platform/auth/principal.repository.ts';
import { scopeToDto } from '../../platform/auth/scope.ts';
import { insertSession, revokeSession, revokeUserSessions } from '../../platform/auth/sessions.repository.ts';
import {
  ACCOUNT_POLICY,
  IP_POLICY,
  overLimit,
  retryAfterSeconds,
  type ThrottlePolicy,
} from '../../platform/auth/throttle.ts';
import {
  clearThrottle,
  readThrottle,
  recordAttempt,
  releaseAttempt,
} from '../../platform/auth/throttle.repository.ts';
import { randomSecret, sha256 } from '../../platform/auth/tokens.ts';
import { markLoggedIn, updatePassword } from './auth.repository.ts';

export const authError = defineErrors({
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  ACCOUNT_DISABLED: {
    status: 403,
    'zh-CN': '该账号已停用，请联系系统管理员',
    'en-US': 'This account is disabled; contact your administrator',
  },
  WRONG_PASSWORD: { status: 400, 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  SAME_PASSWORD: {
    status: 400,
    'zh-CN': '新密码不能与当前密码相同',
    'en-US': 'The new password must differ from the current one',
  },
});

export type AuthDeps = { db: Db; clock: Clock; config: Pick<Config, 'sessionTtlHours'> };

export interface LoginResult {
  response: AuthResponse;
  /** The cookie value; only its hash is stored. */
  sessionSecret: string;
  maxAgeSeconds: number;
}

type SessionUserSource = Pick<
  PrincipalUser,
  'id' | 'username' | 'displayName' | 'orgId' | 'orgName' | 'scope' | 'mustChangePassword' | 'lastLoginAt'
> & {
  roles: readonly string[];
  roleNames: Readonly<Record<string, string>>;
  permissions: ReadonlySet<string>;
};

export function sessionUserDto(user: SessionUserSource): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    orgId: user.orgId,
    orgName: user.orgName,
    roles: [...user.roles],
    roleNames: { ...user.roleNames },
    permissions: [...user.permissions].sort(),
    scope: scopeToDto(user.scope),
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt,
  };
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;

/**
 * Counts this sign-in attempt against each key before the password is checked; refuses with 429
 * when a key is locked or this attempt goes beyond its limit.
 */
async function reserveAttempt(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  keys: [string, ThrottlePolicy][],
): Promise<void> {
  const now = deps.clock.now();
  const locks = await readThrottle(
    deps.db,
    keys.map(([key]) => key),
  );
  let wait = Math.max(...keys.map(([key]) => retryAfterSeconds(locks.get(key), now)));
  if (wait === 0) {
    for (const [key, policy] of keys) {
      const state = await recordAttempt(deps.db, key, now, policy);
      if (overLimit(state, policy)) wait = Math.max(wait, retryAfterSeconds(state, now), 1);
    }
  }
  if (wait > 0) throw platformError('RATE_LIMITED', { retryAfterSeconds: wait }, { retryAfter: wait });
}

export async function login(deps: AuthDeps, body: LoginBody, meta: RequestMeta): Promise<LoginResult> {
  const now = deps.clock.now();
  const username = body.username.trim().toLowerCase();
  const keys = [accountKey(username), ipKey(meta.ip)];

  await reserveAttempt(deps, [
    [keys[0]!, ACCOUNT_POLICY],
    [keys[1]!, IP_POLICY],
  ]);

  const user = await loadPrincipalUser(deps.db, { username });
  const ok = await verifyPassword(user?.passwordHash ?? null, body.password);
  if (!ok || !user) {
    await writeAudit(deps.db, deps.clock, {
      action: 'auth.login_failed',
      orgId: user?.orgId ?? null,
      actor: user ? { kind: 'user', id: user.id, name: user.displayName } : ANONYMOUS,
      details: { username: body.username.slice(0, 64), reason: user ? 'wrong_password' : 'unknown_user' },
      meta,
    });
    throw authError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await writeAudit(deps.db, deps.clock, {
      action: 'auth.login_failed',
      orgId: user.orgId,
      actor: { kind: 'user', id: user.id, name: user.displayName },
      details: { username, reason: 'disabled' },
      meta,
    });
    throw authError('ACCOUNT_DISABLED');
  }

  const secret = randomSecret();
  const csrfToken = randomSecret();
  const at = now.toISOString();
  const ttlMs = deps.config.sessionTtlHours * HOUR;
  await deps.db.transaction().execute(async (tx) => {
    await clearThrottle(tx, keys[0]!);
    await releaseAttempt(tx, keys[1]!, IP_POLICY);
    await insertSession(tx, {
      id: sha256(secret),
      org_id: user.orgId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      revoked_at: null,
      revoked_reason: null,
      previous_login_at: user.lastLoginAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await markLoggedIn(tx, user.id, at);
    await writeAudit(tx, deps.clock, {
      action: 'auth.login',
      orgId: user.orgId,
      actor: { kind: 'user', id: user.id, name: user.displayName },
      details: { username },
      meta,
    });
  });
  return {
    // lastLoginAt shows the sign-in before this one, so a user can spot one that was not theirs.
    response: { user: sessionUserDto(user), csrfToken },
    sessionSecret: secret,
    maxAgeSeconds: Math.floor(ttlMs / 1000),
  };
}

export async function logout(deps: AuthDeps, actor: Actor, meta: RequestMeta): Promise<void> {
  if (!actor.sessionId) return;
  await deps.db.transaction().execute(async (tx) => {
    await revokeSession(tx, actor.sessionId!, deps.clock.now().toISOString(), 'logout');
    await writeAudit(tx, deps.clock, {
      action: 'auth.logout',
      orgId: actor.orgId,
      actor: auditActor(actor),
      meta,
    });
  });
}

/** The caller as authenticated for this very request: no second lookup. */
export function me(actor: Actor): AuthResponse {
  return { user: sessionUserDto({ ...actor, id: actor.userId }), csrfToken: actor.csrfToken ?? '' };
}

/** Changes the caller's own password and signs out their other sessions. */
export async function changePassword(
  deps: AuthDeps,
  actor: Actor,
  meta: RequestMeta,
  body: ChangePasswordBody,
): Promise<AuthResponse> {
  const now = deps.clock.now();
  const key = accountKey(actor.username);
  await reserveAttempt(deps, [[key, ACCOUNT_POLICY]]);

  const user = await loadPrincipalUser(deps.db, { id: actor.userId });
  if (!user) throw platformError('SESSION_INVALID');
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw authError('WRONG_PASSWORD', { field: 'currentPassword' });
  }
  if (body.currentPassword === body.newPassword) throw authError('SAME_PASSWORD', { field: 'newPassword' });
  const hash = await hashPassword(body.newPassword);
  await deps.db.transaction().execute(async (tx: Executor) => {
    await clearThrottle(tx, key);
    await updatePassword(tx, actor.userId, hash, now.toISOString());
    await revokeUserSessions(tx, actor.userId, now.toISOString(), 'password_changed', actor.sessionId);
    await writeAudit(tx, deps.clock, {
      action: 'auth.password_changed',
      orgId: actor.orgId,
      actor: auditActor(actor),
      meta,
    });
  });
  return me({ ...actor, mustChangePassword: false });
}
