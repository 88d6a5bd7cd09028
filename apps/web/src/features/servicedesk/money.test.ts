import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, yuanToFen } from './money.ts';

describe('yuanToFen', () => {
  it('reads whole yuan, one and two decimals', () => {
    expect(yuanToFen('8')).toBe(800);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('12.50')).toBe(1250);
    expect(yuanToFen('0.05')).toBe(5);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('12.')).toBe(1200);
  });

  it('is exact where floating multiplication is not', () => {
    // 0.29 * 100 === 28.999999999999996, 1.15 * 100 === 114.99999999999999, 4.35 * 100 === 434.99999999999994
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1.15')).toBe(115);
    expect(yuanToFen('4.35')).toBe(435);
    expect(yuanToFen('19.99')).toBe(1999);
    for (let fen = 0; fen <= 20_000; fen += 1) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('tolerates spaces and thousands separators', () => {
    expect(yuanToFen(' 1,234.00 ')).toBe(123400);
  });

  it('refuses what is not an amount of yuan with at most two decimals', () => {
    for (const text of ['', ' ', '-1', '1.234', 'abc', '1e3', '.5', '¥5', '1.2.3', 'NaN', 'Infinity'])
      expect(yuanToFen(text), text).toBeNull();
  });
});

describe('fenToYuan and formatFen', () => {
  it('write two decimals from integer fen', () => {
    expect(fenToYuan(1250)).toBe('12.50');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-300)).toBe('-3.00');
    expect(formatFen(123400)).toBe('¥1,234.00');
    expect(formatFen(100_000_000)).toBe('¥1,000,000.00');
    expect(formatFen(-5)).toBe('-¥0.05');
  });

  it('refuse fractions of a fen', () => {
    expect(() => fenToYuan(12.5)).toThrow(RangeError);
  });
});
