import type { Executor } from '../../db/database.ts';
import { lockRows } from '../../db/locks.ts';
import type { RolesTable } from '../../db/schema.ts';

export interface RoleRow extends RolesTable {
  permissions: string[];
  userCount: number;
}

export async function listRoles(db: Executor, orgId: string): Promise<RoleRow[]> {
  const [roles, perms, counts] = await Promise.all([
    db
      .selectFrom('roles')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('is_system', 'desc')
      .orderBy('created_at')
      .orderBy('code')
      .execute(),
    db.selectFrom('role_permissions').select(['role_id', 'permission']).where('org_id', '=', orgId).execute(),
    db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['user_roles.role_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_roles.org_id', '=', orgId)
      .where('users.status', '=', 'active')
      .groupBy('user_roles.role_id')
      .execute(),
  ]);
  return roles.map((role) => ({
    ...role,
    permissions: perms
      .filter((p) => p.role_id === role.id)
      .map((p) => p.permission)
      .sort(),
    userCount: Number(counts.find((c) => c.role_id === role.id)?.n ?? 0),
  }));
}

export async function findRolesByCodes(
  db: Executor,
  orgId: string,
  codes: readonly string[],
): Promise<RolesTable[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('code', 'in', codes).execute();
}

export async function findRole(db: Executor, orgId: string, id: string): Promise<RolesTable | undefined> {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function rolePermissions(
  db: Executor,
  orgId: string,
  roleIds: readonly string[],
): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_permissions')
    .select('permission')
    .distinct()
    .where('org_id', '=', orgId)
    .where('role_id', 'in', roleIds)
    .execute();
  return rows.map((r) => r.permission);
}

export async function insertRole(
  db: Executor,
  row: RolesTable,
  permissions: readonly string[],
): Promise<void> {
  await db.insertInto('roles').values(row).execute();
  await setRolePermissions(db, row.org_id, row.id, permissions);
}

export async function updateRoleName(db: Executor, orgId: string, id: string, name: string): Promise<void> {
  await db.updateTable('roles').set({ name }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function setRolePermissions(
  db: Executor,
  orgId: string,
  roleId: string,
  permissions: readonly string[],
): Promise<void> {
  await db.deleteFrom('role_permissions').where('org_id', '=', orgId).where('role_id', '=', roleId).execute();
  if (permissions.length === 0) return;
  await db
    .insertInto('role_permissions')
    .values(permissions.map((permission) => ({ org_id: orgId, role_id: roleId, permission })))
    .execute();
}

/**
 * Takes the role row's write lock until the transaction ends (a no-op update: PostgreSQL locks the
 * row; SQLite runs one write transaction at a time anyway). Two admins demoting each other at once
 * then count holders one after the other, so the "last admin" check cannot be skipped by both.
 */
export async function lockRole(db: Executor, orgId: string, roleId: string): Promise<void> {
  await lockRows(db, 'roles', orgId, [roleId]);
}

/** Active users holding the role, optionally excluding one user. */
export async function countActiveHolders(
  db: Executor,
  orgId: string,
  roleId: string,
  exceptUserId?: string,
): Promise<number> {
  let query = db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_roles.org_id', '=', orgId)
    .where('user_roles.role_id', '=', roleId)
    .where('users.status', '=', 'active');
  if (exceptUserId) query = query.where('users.id', '!=', exceptUserId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
