import type { Executor } from '../../db/database.ts';
import type { SessionsTable } from '../../db/schema.ts';
import { scopeFromRows, type Scope } from './scope.ts';

export interface PrincipalUser {
  id: string;
  orgId: string;
  orgName: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  passwordHash: string;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: string[];
  roleNames: Record<string, string>;
  permissions: Set<string>;
  scope: Scope;
}

const USER_COLUMNS = [
  'users.id',
  'users.org_id',
  'organizations.name as org_name',
  'users.username',
  'users.display_name',
  'users.status',
  'users.password_hash',
  'users.must_change_password',
  'users.last_login_at',
  'users.scope_all',
] as const;

function userQuery(db: Executor) {
  return db.selectFrom('users').innerJoin('organizations', 'organizations.id', 'users.org_id');
}

interface UserRow {
  id: string;
  org_id: string;
  org_name: string;
  username: string;
  display_name: string;
  status: 'active' | 'disabled';
  password_hash: string;
  must_change_password: number;
  last_login_at: string | null;
  scope_all: number;
}

/** Adds roles, permissions and scope to a user row; the two lookups run side by side. */
async function withAccess(db: Executor, user: UserRow): Promise<PrincipalUser> {
  const [roleRows, scopeRows] = await Promise.all([
    db
      .selectFrom('user_roles')
      .innerJoin('roles', 'roles.id', 'user_roles.role_id')
      .leftJoin('role_permissions', 'role_permissions.role_id', 'roles.id')
      .select(['roles.code', 'roles.name', 'role_permissions.permission'])
      .where('user_roles.user_id', '=', user.id)
      .where('user_roles.org_id', '=', user.org_id)
      .execute(),
    db
      .selectFrom('user_scopes')
      .select(['project_id', 'building_id'])
      .where('user_id', '=', user.id)
      .where('org_id', '=', user.org_id)
      .execute(),
  ]);
  return {
    id: user.id,
    orgId: user.org_id,
    orgName: user.org_name,
    username: user.username,
    displayName: user.display_name,
    status: user.status,
    passwordHash: user.password_hash,
    mustChangePassword: user.must_change_password === 1,
    lastLoginAt: user.last_login_at,
    roles: [...new Set(roleRows.map((r) => r.code))].sort(),
    roleNames: Object.fromEntries(roleRows.map((r) => [r.code, r.name])),
    permissions: new Set(roleRows.flatMap((r) => (r.permission ? [r.permission] : []))),
    scope: scopeFromRows(user.scope_all === 1, scopeRows),
  };
}

/** Loads a user with everything an authorisation decision needs: roles, permissions, scope. */
export async function loadPrincipalUser(
  db: Executor,
  where: { id: string } | { username: string },
): Promise<PrincipalUser | null> {
  const query = userQuery(db).select(USER_COLUMNS);
  const user = await (
    'id' in where
      ? query.where('users.id', '=', where.id)
      : query.where('users.username', '=', where.username)
  ).executeTakeFirst();
  return user ? withAccess(db, user) : null;
}

/**
 * The session and its user in one round trip, then roles and scope: the work every
 * cookie-authenticated request does, kept to two sequential queries.
 */
export async function loadSessionPrincipal(
  db: Executor,
  sessionId: string,
): Promise<{ session: SessionsTable; user: PrincipalUser } | null> {
  const row = await userQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(USER_COLUMNS)
    .select([
      'sessions.id as s_id',
      'sessions.org_id as s_org_id',
      'sessions.csrf_token as s_csrf_token',
      'sessions.created_at as s_created_at',
      'sessions.last_seen_at as s_last_seen_at',
      'sessions.expires_at as s_expires_at',
      'sessions.revoked_at as s_revoked_at',
      'sessions.revoked_reason as s_revoked_reason',
      'sessions.previous_login_at as s_previous_login_at',
      'sessions.ip as s_ip',
      'sessions.user_agent as s_user_agent',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const session: SessionsTable = {
    id: row.s_id,
    org_id: row.s_org_id,
    user_id: row.id,
    csrf_token: row.s_csrf_token,
    created_at: row.s_created_at,
    last_seen_at: row.s_last_seen_at,
    expires_at: row.s_expires_at,
    revoked_at: row.s_revoked_at,
    revoked_reason: row.s_revoked_reason,
    previous_login_at: row.s_previous_login_at,
    ip: row.s_ip,
    user_agent: row.s_user_agent,
  };
  return { session, user: await withAccess(db, row) };
}
