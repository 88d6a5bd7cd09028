import { MINUTE } from '../clock.ts';

/**
 * Login throttling policy. Failures are counted per account and per client IP in a fixed window;
 * reaching the limit locks that key for the lock period. The count lives in the database so every
 * server process shares it, and is bumped in one atomic statement so concurrent failures all count.
 */
export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const IP_POLICY: ThrottlePolicy = { limit: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
}

/** Seconds until the key may try again, or 0 when it is not locked. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = Date.parse(state.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
