import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './throttle.ts';

describe('retryAfterSeconds', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  it('is 0 without a lock or once the lock has passed', () => {
    expect(retryAfterSeconds(undefined, now)).toBe(0);
    expect(retryAfterSeconds({ failures: 9, lockedUntil: null }, now)).toBe(0);
    expect(retryAfterSeconds({ failures: 9, lockedUntil: '2026-11-22T09:59:59.000Z' }, now)).toBe(0);
  });
  it('rounds the remaining lock up to whole seconds', () => {
    expect(retryAfterSeconds({ failures: 5, lockedUntil: '2026-11-22T10:00:00.001Z' }, now)).toBe(1);
    expect(retryAfterSeconds({ failures: 5, lockedUntil: '2026-11-22T10:15:00.000Z' }, now)).toBe(900);
  });
});
