import { MINUTE } from '../clock.ts';

/**
 * Login throttling policy. Attempts are counted per account and per client IP in a fixed window,
 * before the password is checked; a success takes its attempt back (the account's count is
 * cleared, the IP's decremented, so a busy office behind one address is not locked out by its own
 * sign-ins). More attempts than the limit inside the window lock the key for the lock period. The
 * count lives in the database, bumped in one atomic statement, so every server process shares it.
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

/** True when this attempt (already counted) goes beyond what the policy allows. */
export function overLimit(state: ThrottleState, policy: ThrottlePolicy): boolean {
  return state.failures > policy.limit;
}
