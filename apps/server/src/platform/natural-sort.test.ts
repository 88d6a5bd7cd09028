import { describe, expect, it } from 'vitest';
import { naturalCompare, naturalSortKey } from './natural-sort.ts';

describe('natural order', () => {
  const labels = ['10-1-101', '2-1-1001', '2-1-101', '2-2-201', 'B1-023', 'A3-1-0101', '2-1-99'];
  const expected = ['2-1-99', '2-1-101', '2-1-1001', '2-2-201', '10-1-101', 'A3-1-0101', 'B1-023'];

  it('compares digit runs as numbers', () => {
    expect([...labels].sort(naturalCompare)).toEqual(expected);
  });

  it('builds keys whose text order is the natural order', () => {
    const byKey = [...labels].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : 1));
    expect(byKey).toEqual(expected);
    expect(naturalSortKey('3-2-1502')).toBe('0000000003-0000000002-0000001502');
    expect(naturalSortKey('A3-1-0101')).toBe(naturalSortKey('A3-1-101'));
  });
});
