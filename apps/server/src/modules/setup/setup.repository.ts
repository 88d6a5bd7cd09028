import type { Executor } from '../../db/database.ts';

export async function insertAdminUser(
  db: Executor,
  input: {
    id: string;
    orgId: string;
    roleId: string;
    username: string;
    displayName: string;
    passwordHash: string;
    mustChangePassword: boolean;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: input.id,
      org_id: input.orgId,
      username: input.username,
      display_name: input.displayName,
      phone: null,
      email: null,
      password_hash: input.passwordHash,
      status: 'active',
      scope_all: 1,
      must_change_password: input.mustChangePassword ? 1 : 0,
      last_login_at: null,
      password_changed_at: input.at,
      created_at: input.at,
      updated_at: input.at,
      version: 1,
    })
    .execute();
  await db
    .insertInto('user_roles')
    .values({ org_id: input.orgId, user_id: input.id, role_id: input.roleId })
    .execute();
}
