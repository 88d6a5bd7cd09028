import { describe, expect, it } from 'vitest';
import { inkLength, isSignatureEmpty, type Stroke } from './signature.ts';

const line = (x0: number, y0: number, x1: number, y1: number, steps = 10): Stroke =>
  Array.from({ length: steps + 1 }, (_, i) => ({
    x: x0 + ((x1 - x0) * i) / steps,
    y: y0 + ((y1 - y0) * i) / steps,
  }));

describe('inkLength', () => {
  it('adds up the length of every stroke', () => {
    expect(inkLength([line(0, 0, 30, 40)])).toBeCloseTo(50);
    expect(inkLength([line(0, 0, 10, 0), line(0, 10, 0, 30)])).toBeCloseTo(30);
    expect(inkLength([])).toBe(0);
  });
});

describe('isSignatureEmpty', () => {
  it('calls an untouched pad empty', () => {
    expect(isSignatureEmpty([])).toBe(true);
  });

  it('calls taps and a resting thumb empty', () => {
    expect(isSignatureEmpty([[{ x: 40, y: 40 }], [{ x: 90, y: 50 }]])).toBe(true);
    expect(isSignatureEmpty([line(100, 100, 108, 104)])).toBe(true);
  });

  it('calls a scribble in one spot empty, however long the ink', () => {
    const scribble: Stroke = Array.from({ length: 60 }, (_, i) => ({ x: 100 + (i % 2) * 10, y: 100 }));
    expect(inkLength([scribble])).toBeGreaterThan(500);
    expect(isSignatureEmpty([scribble])).toBe(true);
  });

  it('accepts a written name', () => {
    const name = [line(20, 60, 60, 20), line(60, 20, 80, 90), line(90, 50, 160, 55)];
    expect(isSignatureEmpty(name)).toBe(false);
  });
});
