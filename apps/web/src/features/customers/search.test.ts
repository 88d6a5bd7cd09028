import { describe, expect, it } from 'vitest';
import { looksLikePhone } from './search.ts';

describe('looksLikePhone', () => {
  it('takes phone numbers in the forms people type them', () => {
    for (const text of [
      '13900001234',
      '+86 139-0000-1234',
      '139 0000 1234',
      '0571-87654321',
      '(0571) 8765 4321',
    ])
      expect(looksLikePhone(text), text).toBe(true);
  });

  it('leaves names, room labels and short digit runs alone', () => {
    for (const text of ['张伟', '3-2-1502', '10-2-703', 'A3-2-1502', '1234', '5678 张'])
      expect(looksLikePhone(text), text).toBe(false);
  });
});
