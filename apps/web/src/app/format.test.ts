import { describe, expect, it } from 'vitest';
import { formatArea, formatFileSize } from './format.ts';

describe('formatArea', () => {
  it('shows two decimals and thousands separators', () => {
    expect(formatArea(89.5)).toBe('89.50');
    expect(formatArea(120)).toBe('120.00');
    expect(formatArea(1234.567)).toBe('1,234.57');
    expect(formatArea(0)).toBe('0.00');
  });

  it('leaves an unknown area empty', () => {
    expect(formatArea(null)).toBe('');
    expect(formatArea(undefined)).toBe('');
    expect(formatArea(Number.NaN)).toBe('');
  });
});

describe('formatFileSize', () => {
  it('uses the unit people read', () => {
    expect(formatFileSize(900)).toBe('900 B');
    expect(formatFileSize(812 * 1024)).toBe('812 KB');
    expect(formatFileSize(2.4 * 1024 * 1024)).toBe('2.4 MB');
  });
});
