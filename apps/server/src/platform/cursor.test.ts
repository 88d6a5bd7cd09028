import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';

describe('cursor', () => {
  it('round-trips the sort values', () => {
    expect(decodeCursor(encodeCursor(['3-2-1502', 'abc']), 2)).toEqual(['3-2-1502', 'abc']);
  });

  it.each([
    '%%%',
    'bm90IGpzb24',
    encodeCursor(['only-one']),
    Buffer.from('{"a":1}').toString('base64url'),
    encodeCursor([{} as never, 'x']),
  ])('refuses a forged or foreign cursor %s with INVALID_CURSOR', (raw) => {
    expect(() => decodeCursor(raw, 2)).toThrowError(AppError);
    try {
      decodeCursor(raw, 2);
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_CURSOR');
    }
  });

  it('pages limit+1 rows into a page and a next cursor', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const page = pageOf(
      rows,
      2,
      (r) => r.n,
      (r) => [r.n],
    );
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual([2]);
    expect(
      pageOf(
        rows,
        3,
        (r) => r.n,
        (r) => [r.n],
      ).nextCursor,
    ).toBeNull();
  });
});
