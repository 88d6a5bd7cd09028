import type { BusinessCalendar, PolicyClocks, WorkingInterval } from '@steward/contracts';

/**
 * Durations of time standards as people think of them. Policies store working minutes; a manager
 * thinks "30 minutes", "4 hours", "2 working days". A working day is as long as one working day of
 * the policy's calendar (8.5 h for 08:00–12:00 + 13:30–18:00), a calendar day for 24×7.
 */
export type DurationUnit = 'minute' | 'hour' | 'day';

/** What a clock input holds: a duration, no such clock, or (feedback) the same working day. */
export type ClockValue =
  { mode: 'time'; amount: number | null; unit: DurationUnit } | { mode: 'none' } | { mode: 'same_day' };

/** The contracts' upper bound of a clock: 90 days of minutes. */
export const MAX_MINUTES = 60 * 24 * 90;

const MINUTES_PER_DAY = 1440;

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function periodMinutes(periods: readonly WorkingInterval[]): number {
  return periods.reduce((sum, p) => sum + Math.max(0, hhmmToMinutes(p.end) - hhmmToMinutes(p.start)), 0);
}

/**
 * Minutes of one working day of a calendar: Monday's, else the first day that works; 24×7 a whole
 * day. Null when the calendar is unknown or has no working time.
 */
export function workingDayMinutes(
  calendar: Pick<BusinessCalendar, 'alwaysOpen' | 'week'> | undefined,
): number | null {
  if (!calendar) return null;
  if (calendar.alwaysOpen) return MINUTES_PER_DAY;
  for (const day of calendar.week) {
    const minutes = periodMinutes(day);
    if (minutes > 0) return minutes;
  }
  return null;
}

/** The largest unit that states `minutes` exactly: 1020 with 510-minute days → 2 days. */
export function splitMinutes(minutes: number, perDay: number | null): { amount: number; unit: DurationUnit } {
  if (perDay && minutes % perDay === 0) return { amount: minutes / perDay, unit: 'day' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hour' };
  return { amount: minutes, unit: 'minute' };
}

/** Minutes of an amount in a unit; days need the calendar's day (null when it is unknown). */
export function unitMinutes(amount: number, unit: DurationUnit, perDay: number | null): number | null {
  if (unit === 'minute') return amount;
  if (unit === 'hour') return amount * 60;
  return perDay === null ? null : amount * perDay;
}

export function clockValue(minutes: number | 'same_day' | null, perDay: number | null): ClockValue {
  if (minutes === null) return { mode: 'none' };
  if (minutes === 'same_day') return { mode: 'same_day' };
  return { mode: 'time', ...splitMinutes(minutes, perDay) };
}

/** Minutes of a clock input, 'same_day', null (no clock), or undefined when it cannot be worked out yet. */
export function clockMinutes(
  value: ClockValue | undefined,
  perDay: number | null,
): number | 'same_day' | null | undefined {
  if (!value || value.mode === 'none') return null;
  if (value.mode === 'same_day') return 'same_day';
  if (value.amount === null || !Number.isInteger(value.amount) || value.amount < 1) return undefined;
  const minutes = unitMinutes(value.amount, value.unit, perDay);
  return minutes === null ? undefined : Math.round(minutes);
}

export type DurationText =
  | { key: 'minutes' | 'hours' | 'workingDay' | 'workingDays' | 'day' | 'days'; n: number }
  | { key: 'sameDay' }
  | null;

/** How a duration reads in a table: the largest exact unit, days in working days (calendar days for 24×7). */
export function durationText(
  minutes: number | 'same_day' | null,
  perDay: number | null,
  alwaysOpen: boolean,
): DurationText {
  if (minutes === null) return null;
  if (minutes === 'same_day') return { key: 'sameDay' };
  const { amount, unit } = splitMinutes(minutes, perDay);
  if (unit === 'minute') return { key: 'minutes', n: amount };
  if (unit === 'hour') return { key: 'hours', n: amount };
  if (alwaysOpen) return { key: amount === 1 ? 'day' : 'days', n: amount };
  return { key: amount === 1 ? 'workingDay' : 'workingDays', n: amount };
}

export const CLOCK_ORDER: readonly (keyof PolicyClocks)[] = [
  'dispatch',
  'accept',
  'arrive',
  'complete',
  'feedback',
];
