import type { Executor } from '../../db/database.ts';
import type { ApiTokensTable } from '../../db/schema.ts';

export async function findApiTokenByHash(db: Executor, hash: string): Promise<ApiTokensTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function markApiTokenUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
