import { describe, expect, it } from 'vitest';
import { requestHash } from './idempotency.ts';

describe('requestHash', () => {
  it('tells different bodies apart but leaves passwords out of the fingerprint', () => {
    const base = { username: 'wang', roles: ['agent'] };
    expect(requestHash('POST', '/u', base)).not.toBe(requestHash('POST', '/u', { ...base, username: 'li' }));
    expect(requestHash('POST', '/u', { ...base, password: 'Secret123' })).toBe(
      requestHash('POST', '/u', { ...base, password: 'Other456' }),
    );
    expect(requestHash('POST', '/u', { ...base, nested: { newPassword: 'x' } })).toBe(
      requestHash('POST', '/u', { ...base, nested: {} }),
    );
  });
});
