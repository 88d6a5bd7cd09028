import type { Executor } from '../db/database.ts';
import type { IdempotencyKeysTable } from '../db/schema.ts';

export async function findIdempotencyKey(
  db: Executor,
  orgId: string,
  actorId: string,
  key: string,
): Promise<IdempotencyKeysTable | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('actor_id', '=', actorId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyKey(db: Executor, row: IdempotencyKeysTable): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}
