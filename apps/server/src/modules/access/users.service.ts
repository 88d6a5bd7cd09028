import type {
  CreateUserBody,
  DataScope,
  PageOf,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@steward/contracts';
import type { Db, Executor } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { scopeFromRows, scopeToDto } from '../../platform/auth/scope.ts';
import { setUserScopes } from '../../platform/auth/scopes.repository.ts';
import { revokeUserSessions } from '../../platform/auth/sessions.repository.ts';
import { existingPlaces } from '../property/index.ts';
import { accessError } from './access.errors.ts';
import { assertCanGrant, assertScopeWithin, invalidScopeIds, scopeRows } from './grants.ts';
import * as roles from './roles.repository.ts';
import * as users from './users.repository.ts';

export type AccessDeps = { db: Db; clock: Clock };

export function userDto(row: users.UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    email: row.email,
    status: row.status,
    roles: row.roles,
    scope: scopeToDto(scopeFromRows(row.scope_all === 1, row.scopes)),
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

export async function listUsers(deps: AccessDeps, actor: Actor, query: UserListQuery): Promise<PageOf<User>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await users.listUsers(deps.db, actor.orgId, {
    q: query.q,
    role: query.role,
    status: query.status,
    after: after ?? undefined,
    limit,
  });
  return pageOf(rows, limit, userDto, (r) => [r.username, r.id]);
}

export async function getUser(deps: Pick<AccessDeps, 'db'>, actor: Actor, id: string): Promise<User> {
  const row = await users.findUser(deps.db, actor.orgId, id);
  if (!row) throw platformError('NOT_FOUND');
  return userDto(row);
}

/** Resolves role codes to the organisation's roles; unknown codes are a 400 naming them. */
async function resolveRoles(db: Executor, orgId: string, codes: readonly string[]) {
  const found = await roles.findRolesByCodes(db, orgId, codes);
  const missing = codes.filter((c) => !found.some((r) => r.code === c));
  if (missing.length)
    throw accessError('UNKNOWN_ROLE', { field: 'roles', codes: missing }, { codes: missing.join(', ') });
  return found;
}

async function validateScope(db: Executor, orgId: string, scope: DataScope): Promise<void> {
  if (scope.all) return;
  const known = await existingPlaces(
    db,
    orgId,
    scope.projects.map((p) => p.projectId),
    scope.projects.flatMap((p) => p.buildingIds),
  );
  const bad = invalidScopeIds(scope, known);
  if (bad.length) throw accessError('INVALID_SCOPE', { field: 'scope', ids: bad }, { ids: bad.join(', ') });
}

/** Every permission of these roles must be one the actor holds. */
async function assertCanGrantRoles(
  tx: Executor,
  actor: Actor,
  granted: readonly { id: string }[],
): Promise<void> {
  assertCanGrant(
    actor,
    await roles.rolePermissions(
      tx,
      actor.orgId,
      granted.map((r) => r.id),
    ),
  );
}

/**
 * Managing someone (editing, resetting their password, signing them out, issuing them a token)
 * needs at least what they hold: every permission of their roles, and their whole data scope.
 */
export async function assertCanManage(tx: Executor, actor: Actor, target: users.UserRow): Promise<void> {
  const held = await roles.findRolesByCodes(tx, actor.orgId, target.roles);
  await assertCanGrantRoles(tx, actor, held);
  assertScopeWithin(actor, userDto(target).scope);
}

export async function createUser(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateUserBody,
  idempotency?: IdempotencyContext,
): Promise<User> {
  const passwordHash = await hashPassword(body.password);
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        if (await users.usernameExists(tx, body.username))
          throw accessError('USERNAME_TAKEN', { field: 'username' }, { username: body.username });
        const granted = await resolveRoles(tx, actor.orgId, body.roles);
        await assertCanGrantRoles(tx, actor, granted);
        assertScopeWithin(actor, body.scope);
        await validateScope(tx, actor.orgId, body.scope);

        const now = deps.clock.now().toISOString();
        const id = newId();
        await users.insertUser(tx, {
          id,
          org_id: actor.orgId,
          username: body.username,
          display_name: body.displayName.trim(),
          phone: body.phone?.trim() || null,
          email: body.email?.trim() || null,
          password_hash: passwordHash,
          status: 'active',
          scope_all: body.scope.all ? 1 : 0,
          must_change_password: body.mustChangePassword === false ? 0 : 1,
          last_login_at: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await users.setUserRoles(
          tx,
          actor.orgId,
          id,
          granted.map((r) => r.id),
        );
        await setUserScopes(tx, actor.orgId, id, scopeRows(body.scope));
        const user = userDto((await users.findUser(tx, actor.orgId, id))!);
        await writeAudit(tx, deps.clock, {
          action: 'user.created',
          orgId: actor.orgId,
          actor: auditActor(actor),
          target: { type: 'user', id },
          details: { username: user.username, roles: user.roles, scope: user.scope },
          meta,
        });
        return user;
      }),
    () => accessError('USERNAME_TAKEN', { field: 'username' }, { username: body.username }),
  );
}

export async function updateUser(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateUserBody,
): Promise<User> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await users.findUser(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    if (current.version !== body.version)
      throw platformError('VERSION_CONFLICT', { currentVersion: current.version });
    const before = userDto(current);

    const currentRoles = await resolveRoles(tx, actor.orgId, current.roles);
    const nextRoles = body.roles ? await resolveRoles(tx, actor.orgId, body.roles) : currentRoles;
    // Managing someone means holding at least what they hold, before and after the change.
    await assertCanManage(tx, actor, current);
    await assertCanGrantRoles(tx, actor, nextRoles);
    if (body.scope) {
      assertScopeWithin(actor, body.scope);
      await validateScope(tx, actor.orgId, body.scope);
    }

    const nextStatus = body.status ?? current.status;
    const wasAdmin = current.status === 'active' && current.roles.includes('admin');
    const staysAdmin = nextStatus === 'active' && nextRoles.some((r) => r.code === 'admin');
    if (
      id === actor.userId &&
      (nextStatus === 'disabled' || (current.roles.includes('admin') && !staysAdmin))
    ) {
      throw accessError('CANNOT_LOCK_OUT_SELF');
    }
    if (wasAdmin && !staysAdmin) {
      const adminRole = currentRoles.find((r) => r.code === 'admin')!;
      await roles.lockRole(tx, actor.orgId, adminRole.id);
      if ((await roles.countActiveHolders(tx, actor.orgId, adminRole.id, id)) === 0)
        throw accessError('LAST_ADMIN');
    }

    const now = deps.clock.now().toISOString();
    const ok = await users.updateUserVersioned(tx, actor.orgId, id, body.version, {
      display_name: body.displayName?.trim() ?? current.display_name,
      phone: body.phone === undefined ? current.phone : body.phone?.trim() || null,
      email: body.email === undefined ? current.email : body.email?.trim() || null,
      status: nextStatus,
      scope_all: body.scope ? (body.scope.all ? 1 : 0) : current.scope_all,
      updated_at: now,
    });
    if (!ok) throw platformError('VERSION_CONFLICT');
    if (body.roles)
      await users.setUserRoles(
        tx,
        actor.orgId,
        id,
        nextRoles.map((r) => r.id),
      );
    if (body.scope) await setUserScopes(tx, actor.orgId, id, scopeRows(body.scope));
    if (nextStatus === 'disabled' && current.status === 'active')
      await revokeUserSessions(tx, id, now, 'disabled');

    const after = userDto((await users.findUser(tx, actor.orgId, id))!);
    await writeAudit(tx, deps.clock, {
      action: 'user.updated',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'user', id },
      details: { username: after.username, changes: diff(before, after) },
      meta,
    });
    return after;
  });
}

const AUDITED_FIELDS = ['displayName', 'phone', 'email', 'status', 'roles', 'scope'] as const;

function diff(before: User, after: User): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

/** Sets a temporary password: the user must change it at next sign-in; their sessions end now. */
export async function resetPassword(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: ResetPasswordBody,
): Promise<User> {
  const passwordHash = await hashPassword(body.newPassword);
  return deps.db.transaction().execute(async (tx) => {
    const current = await users.findUser(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    await assertCanManage(tx, actor, current);
    const now = deps.clock.now().toISOString();
    const ok = await users.updateUserVersioned(tx, actor.orgId, id, current.version, {
      password_hash: passwordHash,
      must_change_password: 1,
      password_changed_at: now,
      updated_at: now,
    });
    if (!ok) throw platformError('VERSION_CONFLICT');
    await revokeUserSessions(tx, id, now, 'password_reset');
    await writeAudit(tx, deps.clock, {
      action: 'user.password_reset',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'user', id },
      details: { username: current.username },
      meta,
    });
    return userDto((await users.findUser(tx, actor.orgId, id))!);
  });
}

export async function revokeSessions(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<{ revoked: number }> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await users.findUser(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    await assertCanManage(tx, actor, current);
    const revoked = await revokeUserSessions(tx, id, deps.clock.now().toISOString(), 'revoked_by_admin');
    await writeAudit(tx, deps.clock, {
      action: 'user.sessions_revoked',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'user', id },
      details: { username: current.username, revoked },
      meta,
    });
    return { revoked };
  });
}
