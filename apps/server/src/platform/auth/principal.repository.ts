import type { Executor } from '../../db/database.ts';
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
  permissions: Set<string>;
  scope: Scope;
}

/** Loads a user with everything an authorisation decision needs: roles, permissions, scope. */
export async function loadPrincipalUser(
  db: Executor,
  where: { id: string } | { username: string },
): Promise<PrincipalUser | null> {
  let query = db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([
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
    ]);
  query =
    'id' in where
      ? query.where('users.id', '=', where.id)
      : query.where('users.username', '=', where.username);
  const user = await query.executeTakeFirst();
  if (!user) return null;

  const [roleRows, scopeRows] = await Promise.all([
    db
      .selectFrom('user_roles')
      .innerJoin('roles', 'roles.id', 'user_roles.role_id')
      .leftJoin('role_permissions', 'role_permissions.role_id', 'roles.id')
      .select(['roles.code', 'role_permissions.permission'])
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
    permissions: new Set(roleRows.flatMap((r) => (r.permission ? [r.permission] : []))),
    scope: scopeFromRows(user.scope_all === 1, scopeRows),
  };
}
