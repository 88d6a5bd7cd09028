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

/** Counts one failure for `key` atomically: a new window starts when the old one has passed. */
export async function recordFailure(
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
