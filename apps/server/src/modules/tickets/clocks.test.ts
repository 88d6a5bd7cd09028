import { describe, expect, it } from 'vitest';
import { localDayStamp } from './clocks.ts';

describe('ticket numbers', () => {
  it('take the business day in the organisation’s time zone', () => {
    expect(localDayStamp(new Date('2026-11-22T15:59:59Z'), 'Asia/Shanghai')).toBe('20261122');
    expect(localDayStamp(new Date('2026-11-22T16:00:00Z'), 'Asia/Shanghai')).toBe('20261123');
    expect(localDayStamp(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('20270101');
  });
});
