import type { Executor } from '../../db/database.ts';
import type { UsersTable } from '../../db/schema.ts';
import { containsText } from '../../db/filters.ts';

export interface UserRow extends UsersTable {
  roles: string[];
  scopes: { project_id: string; building_id: string | null }[];
}

export interface UserFilter {
  q?: string;
  role?: string;
  status?: 'active' | 'disabled';
  after?: [string, string];
  limit: number;
}

async function withRolesAndScopes(db: Executor, orgId: string, users: UsersTable[]): Promise<UserRow[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [roles, scopes] = await Promise.all([
    db
      .selectFrom('user_roles')
      .innerJoin('roles', 'roles.id', 'user_roles.role_id')
      .select(['user_roles.user_id', 'roles.code'])
      .where('user_roles.org_id', '=', orgId)
      .where('user_roles.user_id', 'in', ids)
      .execute(),
    db
      .selectFrom('user_scopes')
      .select(['user_id', 'project_id', 'building_id'])
      .where('org_id', '=', orgId)
      .where('user_id', 'in', ids)
      .execute(),
  ]);
  return users.map((u) => ({
    ...u,
    roles: roles
      .filter((r) => r.user_id === u.id)
      .map((r) => r.code)
      .sort(),
    scopes: scopes.filter((s) => s.user_id === u.id),
  }));
}

/** A page of users ordered by username, after the (username, id) keyset. */
export async function listUsers(db: Executor, orgId: string, filter: UserFilter): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll('users').where('users.org_id', '=', orgId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText('users.username', q),
        containsText('users.display_name', q),
        containsText('users.phone', q),
      ]),
    );
  }
  if (filter.status) query = query.where('users.status', '=', filter.status);
  if (filter.role) {
    const role = filter.role;
    query = query.where('users.id', 'in', (eb) =>
      eb
        .selectFrom('user_roles')
        .innerJoin('roles', 'roles.id', 'user_roles.role_id')
        .select('user_roles.user_id')
        .where('roles.org_id', '=', orgId)
        .where('roles.code', '=', role),
    );
  }
  if (filter.after) {
    const [username, id] = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('users.username', '>', username),
        eb.and([eb('users.username', '=', username), eb('users.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('users.username')
    .orderBy('users.id')
    .limit(filter.limit + 1)
    .execute();
  return withRolesAndScopes(db, orgId, rows);
}

export async function findUser(db: Executor, orgId: string, id: string): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withRolesAndScopes(db, orgId, [row]))[0] : undefined;
}

export async function usernameExists(db: Executor, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(db: Executor, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Applies a change only if the row still has the version the caller read; false when it did not. */
export async function updateUserVersioned(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<Omit<UsersTable, 'id' | 'org_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...changes, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUserRoles(
  db: Executor,
  orgId: string,
  userId: string,
  roleIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('user_roles').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (roleIds.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(roleIds.map((role_id) => ({ org_id: orgId, user_id: userId, role_id })))
    .execute();
}
