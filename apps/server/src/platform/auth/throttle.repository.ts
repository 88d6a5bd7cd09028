import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ThrottlePolicy, ThrottleState } from './throttle.ts';

export async function readThrottle(db: Executor, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db
    .selectFrom('auth_throttle')
    .select(['key', 'failures', 'locked_until'])
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, { failures: r.failures, lockedUntil: r.locked_until }]));
}

/**
 * Counts one attempt for `key` atomically, before the password is checked (a new window starts
 * when the old one has passed). Reaching the limit sets the lock. Counting first means parallel
 * guesses cannot all read "not locked" and slip through together.
 */
export async function recordAttempt(
  db: Executor,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<ThrottleState> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - policy.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockMs).toISOString();
  const expired = sql`auth_throttle.window_started_at <= ${cutoff}`;
  const next = sql<number>`CASE WHEN ${expired} THEN 1 ELSE auth_throttle.failures + 1 END`;
  const rows = await db
    .insertInto('auth_throttle')
    .values({ key, failures: 1, window_started_at: at, locked_until: policy.limit <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: next,
        window_started_at: sql`CASE WHEN ${expired} THEN ${at} ELSE auth_throttle.window_started_at END`,
        // ELSE keeps the old value (typed by the column on PostgreSQL); a lock in the past is no lock.
        locked_until: sql`CASE WHEN ${next} >= ${policy.limit} THEN ${lockUntil} ELSE auth_throttle.locked_until END`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .execute();
  const row = rows[0]!;
  return { failures: row.failures, lockedUntil: row.locked_until };
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** Takes back one attempt that succeeded, lifting the lock once the count is under the limit again. */
export async function releaseAttempt(db: Executor, key: string, policy: ThrottlePolicy): Promise<void> {
  await db
    .updateTable('auth_throttle')
    .set({
      failures: sql`failures - 1`,
      locked_until: sql`CASE WHEN failures - 1 < ${policy.limit} THEN NULL ELSE locked_until END`,
    })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}
