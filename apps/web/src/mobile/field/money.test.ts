import { describe, expect, it } from 'vitest';
import { formatYuan, lineAmountFen, roundQuantity } from './money.ts';

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(3000)).toBe('¥30.00');
    expect(formatYuan(12_345)).toBe('¥123.45');
    expect(formatYuan(123_456_789)).toBe('¥1,234,567.89');
  });

  it('keeps the sign of a correction', () => {
    expect(formatYuan(-2550)).toBe('-¥25.50');
  });
});

describe('lineAmountFen', () => {
  it('multiplies the unit price by the quantity', () => {
    expect(lineAmountFen(3000, 2)).toBe(6000);
    expect(lineAmountFen(2500, 1.5)).toBe(3750);
  });

  it('does not lose a fen to floating point', () => {
    // 0.29 * 100 is 28.999999999999996 in binary floating point.
    expect(lineAmountFen(100, 0.29)).toBe(29);
    expect(lineAmountFen(1999, 0.07)).toBe(140);
  });

  it('rounds half fen to the nearest', () => {
    expect(lineAmountFen(333, 0.5)).toBe(167);
  });
});

describe('roundQuantity', () => {
  it('keeps two decimals', () => {
    expect(roundQuantity(1.005 + 1e-9)).toBe(1.01);
    expect(roundQuantity(0.1 + 0.2)).toBe(0.3);
  });
});
