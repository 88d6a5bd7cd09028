import type { Executor } from '../../db/database.ts';
import type { ApiTokensTable } from '../../db/schema.ts';

export type ApiTokenRow = ApiTokensTable & { username: string };

export async function listApiTokens(db: Executor, orgId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.username')
    .where('api_tokens.org_id', '=', orgId)
    .orderBy('api_tokens.id', 'desc')
    .execute();
}

export async function findApiToken(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.username')
    .where('api_tokens.org_id', '=', orgId)
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

export async function insertApiToken(db: Executor, row: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function revokeApiToken(db: Executor, orgId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
