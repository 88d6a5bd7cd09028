import type { DutyShift } from '@steward/contracts';

/**
 * The duty roster's calendar arithmetic. Shifts are stored as UTC instants; people plan them as
 * wall-clock times of the organisation's time zone. Dates here are plain 'YYYY-MM-DD' strings of
 * that zone, so nothing depends on the browser's own zone.
 */

/**
 * The organisation's business time zone. The session does not carry it (yet); every organisation
 * is set up with Asia/Shanghai unless someone chose otherwise at setup.
 */
export const ORG_TIME_ZONE = 'Asia/Shanghai';

export interface ShiftPreset {
  key: 'day' | 'night';
  start: string;
  end: string;
}

/** 白班 08:00–20:00 and 夜班 20:00–08:00 (ends the next morning). */
export const SHIFT_PRESETS: readonly ShiftPreset[] = [
  { key: 'day', start: '08:00', end: '20:00' },
  { key: 'night', start: '20:00', end: '08:00' },
];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at an instant, as the UTC milliseconds of the same reading. */
function wallClockMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

/** The UTC instant (ISO) of a wall-clock time in `zone`: ('2026-11-23', '20:00') → '2026-11-23T12:00:00.000Z'. */
export function zonedToUtc(date: string, time: string, zone = ORG_TIME_ZONE): string {
  const [y, m, d] = parseDate(date);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh!, mm!);
  // Two passes: the offset at the first guess may differ from the offset at the answer (DST edges).
  let utc = wall - (wallClockMs(wall, zone) - wall);
  utc = wall - (wallClockMs(utc, zone) - utc);
  return new Date(utc).toISOString();
}

/** An instant read in `zone`: '2026-11-23T12:00:00.000Z' → { date: '2026-11-23', time: '20:00' }. */
export function utcToZoned(iso: string, zone = ORG_TIME_ZONE): { date: string; time: string } {
  const wall = new Date(wallClockMs(Date.parse(iso), zone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday in China). */
export function weekdayIndex(date: string): number {
  const [y, m, d] = parseDate(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function weekStart(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Today's date in `zone`. */
export function todayIn(zone = ORG_TIME_ZONE, now: Date = new Date()): string {
  return utcToZoned(now.toISOString(), zone).date;
}

/** The instants a week's roster is read between: Monday 00:00 to the next Monday 00:00 in `zone`. */
export function weekRange(monday: string, zone = ORG_TIME_ZONE): { from: string; to: string } {
  return { from: zonedToUtc(monday, '00:00', zone), to: zonedToUtc(addDays(monday, 7), '00:00', zone) };
}

/**
 * A shift starting on `date` at `start`; an end at or before the start is the next day
 * (夜班 20:00–08:00).
 */
export function shiftInstants(
  date: string,
  start: string,
  end: string,
  zone = ORG_TIME_ZONE,
): { startsAt: string; endsAt: string } {
  const endDate = end <= start ? addDays(date, 1) : date;
  return { startsAt: zonedToUtc(date, start, zone), endsAt: zonedToUtc(endDate, end, zone) };
}

export interface ShiftView {
  shift: DutyShift;
  date: string;
  start: string;
  end: string;
  /** How many days after its start day the shift ends (1 for a night shift). */
  endDayOffset: number;
}

export function viewShift(shift: DutyShift, zone = ORG_TIME_ZONE): ShiftView {
  const start = utcToZoned(shift.startsAt, zone);
  const end = utcToZoned(shift.endsAt, zone);
  const endDayOffset = Math.round(
    (Date.parse(`${end.date}T00:00:00Z`) - Date.parse(`${start.date}T00:00:00Z`)) / 86_400_000,
  );
  return { shift, date: start.date, start: start.time, end: end.time, endDayOffset };
}

export const cellKey = (userId: string, date: string) => `${userId}|${date}`;

/**
 * Shifts by person and the day they start on (a night shift sits on its evening), earliest first.
 * Shifts starting outside `days` (last Sunday's night shift reaching into Monday) are left out.
 */
export function rosterCells(
  shifts: readonly DutyShift[],
  days: readonly string[],
  zone = ORG_TIME_ZONE,
): Map<string, ShiftView[]> {
  const inWeek = new Set(days);
  const cells = new Map<string, ShiftView[]>();
  for (const shift of shifts) {
    const view = viewShift(shift, zone);
    if (!inWeek.has(view.date)) continue;
    const key = cellKey(shift.userId, view.date);
    cells.set(key, [...(cells.get(key) ?? []), view]);
  }
  for (const list of cells.values()) list.sort((a, b) => a.shift.startsAt.localeCompare(b.shift.startsAt));
  return cells;
}
