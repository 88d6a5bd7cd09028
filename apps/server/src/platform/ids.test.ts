import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is a version-7 RFC 9562 UUID', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time across milliseconds', () => {
    const ids = [newId(1_000), newId(2_000), newId(1_500)];
    expect([...ids].sort()).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('counts up within one millisecond, so ids keep the order they were made in', () => {
    // The sequence starts in its lower half: at least 2048 ids fit in one millisecond in order.
    const ids = Array.from({ length: 2048 }, () => newId(7_000));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 10_000 }, () => newId(5))).size).toBe(10_000);
  });
});
