import { describe, expect, it } from 'vitest';
import { telHref } from './dial.ts';

describe('telHref', () => {
  it('dials a full number, written any common way', () => {
    expect(telHref('13812345678')).toBe('tel:13812345678');
    expect(telHref('+86 138-1234-5678')).toBe('tel:+8613812345678');
    expect(telHref('(0571) 8888 6666')).toBe('tel:057188886666');
  });

  it('never dials a masked number or nothing', () => {
    expect(telHref('138****5678')).toBeNull();
    expect(telHref('')).toBeNull();
    expect(telHref(null)).toBeNull();
  });
});
