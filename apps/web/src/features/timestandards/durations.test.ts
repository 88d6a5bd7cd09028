import { describe, expect, it } from 'vitest';
import { clockMinutes, clockValue, durationText, splitMinutes, workingDayMinutes } from './durations.ts';

const service = {
  alwaysOpen: false,
  week: Array.from({ length: 7 }, () => [
    { start: '08:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ]),
};

describe('durations of time standards', () => {
  it('measures a working day by the calendar', () => {
    expect(workingDayMinutes(service)).toBe(510);
    expect(workingDayMinutes({ alwaysOpen: true, week: [[], [], [], [], [], [], []] })).toBe(1440);
    const weekendOnly = {
      alwaysOpen: false,
      week: [[], [], [], [], [], [{ start: '09:00', end: '12:00' }], []],
    };
    expect(workingDayMinutes(weekendOnly)).toBe(180);
    expect(workingDayMinutes({ alwaysOpen: false, week: [[], [], [], [], [], [], []] })).toBeNull();
    expect(workingDayMinutes(undefined)).toBeNull();
  });

  it('states minutes in the largest exact unit', () => {
    expect(splitMinutes(1020, 510)).toEqual({ amount: 2, unit: 'day' });
    expect(splitMinutes(240, 510)).toEqual({ amount: 4, unit: 'hour' });
    expect(splitMinutes(90, 510)).toEqual({ amount: 90, unit: 'minute' });
    expect(splitMinutes(1440, null)).toEqual({ amount: 24, unit: 'hour' });
  });

  it('reads clocks in a table: working days, calendar days for 24×7, same day', () => {
    expect(durationText(5, 510, false)).toEqual({ key: 'minutes', n: 5 });
    expect(durationText(1020, 510, false)).toEqual({ key: 'workingDays', n: 2 });
    expect(durationText(510, 510, false)).toEqual({ key: 'workingDay', n: 1 });
    expect(durationText(1440, 1440, true)).toEqual({ key: 'day', n: 1 });
    expect(durationText(240, 1440, true)).toEqual({ key: 'hours', n: 4 });
    expect(durationText('same_day', 510, false)).toEqual({ key: 'sameDay' });
    expect(durationText(null, 510, false)).toBeNull();
  });

  it('round-trips a clock input through minutes', () => {
    for (const minutes of [5, 60, 90, 1020, 2550])
      expect(clockMinutes(clockValue(minutes, 510), 510)).toBe(minutes);
    expect(clockMinutes(clockValue(null, 510), 510)).toBeNull();
    expect(clockMinutes(clockValue('same_day', 510), 510)).toBe('same_day');
    // Two working days mean more minutes in a longer day.
    expect(clockMinutes({ mode: 'time', amount: 2, unit: 'day' }, 450)).toBe(900);
    expect(clockMinutes({ mode: 'time', amount: 2, unit: 'day' }, null)).toBeUndefined();
    expect(clockMinutes({ mode: 'time', amount: null, unit: 'minute' }, 510)).toBeUndefined();
    expect(clockMinutes({ mode: 'time', amount: 0, unit: 'minute' }, 510)).toBeUndefined();
  });
});
