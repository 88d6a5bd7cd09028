import { createHash } from 'node:crypto';
import type { Db, Executor, Tx } from '../db/database.ts';
import type { Clock } from './clock.ts';
import { platformError } from './errors.ts';
import { findIdempotencyKey, insertIdempotencyKey } from './idempotency.repository.ts';

export interface IdempotencyContext {
  orgId: string;
  actorId: string;
  key: string;
  requestHash: string;
}

/**
 * Fingerprint of a request, to tell a true repeat from another request under the same key.
 * Password fields are left out: a fast hash of a body that holds a password would let anyone with
 * a database dump test guesses at SHA-256 speed.
 */
export function requestHash(method: string, url: string, body: unknown): string {
  const withoutSecrets = JSON.stringify(body ?? null, (key, value: unknown) =>
    /password/i.test(key) ? undefined : value,
  );
  return createHash('sha256').update(`${method} ${url}\n${withoutSecrets}`).digest('hex');
}

/**
 * Runs a create in one transaction. With an Idempotency-Key, the key is stored in that same
 * transaction, so either both the record and the key exist or neither does; a repeat with the
 * same body returns the first result, a repeat with another body is refused.
 */
export async function runIdempotent<T>(
  db: Db,
  clock: Clock,
  ctx: IdempotencyContext | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!ctx) return db.transaction().execute(work);
  const replay = async (db: Executor): Promise<T | undefined> => {
    const existing = await findIdempotencyKey(db, ctx.orgId, ctx.actorId, ctx.key);
    if (!existing) return undefined;
    if (existing.request_hash !== ctx.requestHash) throw platformError('IDEMPOTENCY_CONFLICT');
    return JSON.parse(existing.response) as T;
  };
  const first = await replay(db);
  if (first !== undefined) return first;
  try {
    return await db.transaction().execute(async (tx) => {
      // Checked again inside the transaction: where transactions run one after another
      // (SQLite), a twin request that committed meanwhile is seen here.
      const committed = await replay(tx);
      if (committed !== undefined) return committed;
      const value = await work(tx);
      await insertIdempotencyKey(tx, {
        org_id: ctx.orgId,
        actor_id: ctx.actorId,
        key: ctx.key,
        request_hash: ctx.requestHash,
        status_code: 201,
        response: JSON.stringify(value),
        created_at: clock.now().toISOString(),
      });
      return value;
    });
  } catch (error) {
    // A twin request with the same key may have committed while this one ran (on PostgreSQL it
    // surfaces as a unique violation, or as the work's own "already exists"): answer with its result.
    const again = await replay(db);
    if (again !== undefined) return again;
    throw error;
  }
}
