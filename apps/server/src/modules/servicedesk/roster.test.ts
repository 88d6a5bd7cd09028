import { describe, expect, it } from 'vitest';
import { addDays, localDay, shiftProblem, windowIsValid, zonedLabel, zonedTime } from './roster.ts';

const at = (s: string) => new Date(s);

describe('shift times', () => {
  it('takes a shift of up to 24 hours that ends after it starts', () => {
    expect(shiftProblem(at('2026-11-22T00:00:00Z'), at('2026-11-22T12:00:00Z'))).toBeNull();
    expect(shiftProblem(at('2026-11-22T00:00:00Z'), at('2026-11-23T00:00:00Z'))).toBeNull();
  });

  it('refuses an empty, backwards or over-long shift', () => {
    expect(shiftProblem(at('2026-11-22T08:00:00Z'), at('2026-11-22T08:00:00Z'))).toBe('SHIFT_NOT_POSITIVE');
    expect(shiftProblem(at('2026-11-22T08:00:00Z'), at('2026-11-22T07:00:00Z'))).toBe('SHIFT_NOT_POSITIVE');
    expect(shiftProblem(at('2026-11-22T00:00:00Z'), at('2026-11-23T00:00:00.001Z'))).toBe('SHIFT_TOO_LONG');
  });

  it('lists windows that end after they start and span at most 62 days', () => {
    expect(windowIsValid(at('2026-11-01T00:00:00Z'), at('2027-01-02T00:00:00Z'))).toBe(true);
    expect(windowIsValid(at('2026-11-01T00:00:00Z'), at('2027-01-03T00:00:00Z'))).toBe(false);
    expect(windowIsValid(at('2026-11-01T00:00:00Z'), at('2026-11-01T00:00:00Z'))).toBe(false);
  });
});

describe('wall-clock times', () => {
  it('finds 08:00 and 20:00 in Shanghai (UTC+8)', () => {
    expect(zonedTime('2026-11-22', 8, 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(zonedTime('2026-11-22', 20, 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('follows daylight saving where a zone has it', () => {
    expect(zonedTime('2026-07-01', 8, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(zonedTime('2026-12-01', 8, 0, 'Europe/Berlin').toISOString()).toBe('2026-12-01T07:00:00.000Z');
  });

  it('names the local day and steps across months', () => {
    expect(localDay(at('2026-11-21T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localDay(at('2026-11-21T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-21');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('labels an instant in the zone’s wall-clock time', () => {
    expect(zonedLabel(at('2026-11-21T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-22 00:30');
  });
});
