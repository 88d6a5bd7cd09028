import { DAY, HOUR } from '../../platform/clock.ts';

/** Longest shift the roster takes: a full day (a 24-hour watch), never more. */
export const MAX_SHIFT_HOURS = 24;

/** How far before and after a moment dispatch looks to decide whether a department keeps a roster. */
export const ROSTER_LOOKAROUND_MS = 7 * DAY;

/** Widest window the roster is listed for at once (a month view and a little). */
export const MAX_WINDOW_DAYS = 62;

export type ShiftProblem = 'SHIFT_NOT_POSITIVE' | 'SHIFT_TOO_LONG';

/** What is wrong with a shift's times on their own (overlaps need the database). */
export function shiftProblem(startsAt: Date, endsAt: Date): ShiftProblem | null {
  const length = endsAt.getTime() - startsAt.getTime();
  if (length <= 0) return 'SHIFT_NOT_POSITIVE';
  if (length > MAX_SHIFT_HOURS * HOUR) return 'SHIFT_TOO_LONG';
  return null;
}

/** Whether a listing window is usable: it ends after it starts and is not wider than MAX_WINDOW_DAYS. */
export function windowIsValid(from: Date, to: Date): boolean {
  const span = to.getTime() - from.getTime();
  return span > 0 && span <= MAX_WINDOW_DAYS * DAY;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** An instant as people read it in a time zone: 2026-11-22 08:00. */
export function zonedLabel(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The day `n` days after a calendar day. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The instant a wall-clock time on a calendar day happens in a time zone (08:00 in Shanghai). */
export function zonedTime(day: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset at the guessed instant, then once more at the corrected one, in case the first
  // guess fell on the other side of a daylight-saving change.
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** How far a time zone's wall clock is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
