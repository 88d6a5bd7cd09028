/**
 * Working-time arithmetic for business calendars (工作日历).
 *
 * Pure and dependency-free: time-zone offsets come from `Intl.DateTimeFormat`, nothing else.
 *
 * ## Model
 * A calendar is either 24×7 (`alwaysOpen`: every instant is working time) or a week of working
 * intervals in local wall-clock minutes (`[startMinute, endMinute)`, Monday first, lunch break = two
 * intervals) plus dated exceptions keyed by local date `'YYYY-MM-DD'`:
 * - `holiday`: that date has no working time;
 * - `workday` (调休 make-up working day): that date works `hours`, or Monday's intervals when absent.
 *
 * Working time is the union of the instants covered by the intervals of every local date. All
 * durations are milliseconds of working time.
 *
 * ## Local wall time → instant (DST policy)
 * A wall-clock time `w` of a local date is mapped to **the first instant at which the local clock
 * reaches or passes `w`**:
 * - ordinary times map to their unique instant;
 * - a time skipped by a spring-forward gap maps to the transition instant (e.g. Europe/Berlin
 *   2026-03-29 02:30 → 03:00 CEST, the moment the clock jumps past 02:30);
 * - a time repeated by a fall-back overlap maps to its first (earlier, summer-time) occurrence.
 *
 * The mapping is monotone, so an interval `[s, e)` on date D covers the instants from the mapping of
 * `D s` up to (excluding) the mapping of `D e`: an interval spanning a fall-back hour is one hour
 * longer, one spanning a spring-forward gap one hour shorter, and an interval lying wholly inside a
 * gap is empty. `24:00` is the first instant of the next local date. The local date of an instant is
 * the date D with `start(D) <= instant < start(D + 1)`, where `start(D)` is the mapping of `D 00:00`.
 * Time zones are assumed not to change their offset twice within three days (true of the tz database
 * for modern dates).
 *
 * ## Limits
 * Searches (next opening, adding or subtracting working time, end of working day) give up with an
 * `Error('calendar has no working time within … days …')` after {@link MAX_IDLE_DAYS} consecutive
 * local dates without working time. Calendars are read afresh on every call (nothing about a spec is
 * cached); per-zone offsets are cached, so a 30-day span costs a few microseconds once warm.
 */

import { dayKey } from '../../platform/days.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** Consecutive local dates without working time after which a search gives up (≈ 3 years). */
export const MAX_IDLE_DAYS = 1100;

/** `[startMinute, endMinute)` of local wall time, `0 <= start < end <= 1440`. */
export type MinuteInterval = [number, number];

export interface DayException {
  kind: 'holiday' | 'workday';
  /** Working intervals of a make-up workday; Monday's intervals when absent. Ignored for holidays. */
  hours?: Array<[number, number]>;
}

export interface CalendarSpec {
  /** IANA time zone of the wall-clock intervals, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** 24×7: every instant is working time. */
  alwaysOpen: boolean;
  /** Index 0 = Monday … 6 = Sunday; each a sorted list of non-overlapping [startMinute, endMinute) with 0 <= start < end <= 1440, local wall time. */
  week: Array<Array<[number, number]>>;
  /** Dated exceptions keyed 'YYYY-MM-DD' (local date): a holiday has no working time; a make-up working day (调休) works `hours` or, when absent, Monday's intervals. */
  days: ReadonlyMap<string, DayException>;
}

// ---------------------------------------------------------------------------------------------
// 'HH:MM' helpers

/**
 * `'08:30'` → 510. Hours may have one or two digits; `'24:00'` (→ 1440) is allowed as an interval
 * end. Throws a RangeError on anything else.
 */
export function toMinute(text: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) throw new RangeError(`not a time of day (HH:MM): "${text}"`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0))
    throw new RangeError(`not a time of day (HH:MM): "${text}"`);
  return hours * 60 + minutes;
}

/** 510 → `'08:30'`; 1440 → `'24:00'`. Throws a RangeError unless an integer in [0, 1440]. */
export function fromMinute(minute: number): string {
  if (!Number.isInteger(minute) || minute < 0 || minute > MINUTES_PER_DAY)
    throw new RangeError(`not a minute of the day: ${minute}`);
  return `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

/**
 * `'08:30-12:00'` (also `–`, `—`, `~`, `～` as separator, spaces allowed) → `[510, 720]`.
 * Throws a RangeError when malformed or when the end is not after the start.
 */
export function parseHours(text: string): [number, number] {
  const parts = text.split(/[-–—~～]/);
  if (parts.length !== 2) throw new RangeError(`not a working interval (HH:MM-HH:MM): "${text}"`);
  const start = toMinute(parts[0]!);
  const end = toMinute(parts[1]!);
  if (start >= end) throw new RangeError(`working interval ends before it starts: "${text}"`);
  return [start, end];
}

/** `[510, 720]` → `'08:30-12:00'`. */
export function formatHours(interval: readonly [number, number]): string {
  return `${fromMinute(interval[0])}-${fromMinute(interval[1])}`;
}

// ---------------------------------------------------------------------------------------------
// Validation

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Human-readable problems of a calendar; an empty array means valid. Checks the time zone, the
 * shape of the week (seven days), every interval (integers, 0 <= start < end <= 1440, sorted, not
 * overlapping), that a non-24×7 week has some working time, and the dated exceptions (real dates,
 * known kinds, valid hours).
 */
export function validateCalendar(spec: CalendarSpec): string[] {
  const problems: string[] = [];
  if (typeof spec.timeZone !== 'string' || !isValidTimeZone(spec.timeZone))
    problems.push(`invalid time zone "${String(spec.timeZone)}"`);
  if (!Array.isArray(spec.week) || spec.week.length !== 7) {
    problems.push(`the week must list 7 days (Monday to Sunday), got ${describeLength(spec.week)}`);
  } else {
    let total = 0;
    spec.week.forEach((intervals, i) => {
      total += checkIntervals(WEEKDAYS[i]!, intervals, problems);
    });
    if (!spec.alwaysOpen && total === 0) problems.push('the week has no working time at all');
  }
  for (const [key, day] of spec.days ?? []) {
    if (!isDateKey(key)) {
      problems.push(`"${key}" is not a date (YYYY-MM-DD)`);
      continue;
    }
    if (day?.kind !== 'holiday' && day?.kind !== 'workday') {
      problems.push(`${key}: unknown kind "${String(day?.kind)}" (holiday or workday)`);
      continue;
    }
    if (day.hours !== undefined) {
      const minutes = checkIntervals(key, day.hours, problems);
      if (day.kind === 'workday' && minutes === 0 && Array.isArray(day.hours))
        problems.push(`${key}: a make-up workday with no working hours (use a holiday instead)`);
      if (day.kind === 'holiday' && Array.isArray(day.hours) && day.hours.length > 0)
        problems.push(`${key}: a holiday cannot have working hours`);
    }
  }
  const keys = [...(spec.days?.keys() ?? [])].filter(isDateKey).sort();
  if (keys.length && Date.parse(keys[keys.length - 1]!) - Date.parse(keys[0]!) > 100 * 366 * DAY)
    problems.push('dated exceptions must lie within 100 years of each other');
  if (!problems.length && !spec.alwaysOpen) {
    const idle = longestIdleRun(spec);
    if (idle >= MAX_IDLE_DAYS) problems.push(`${idle} days in a row have no working time`);
  }
  return problems;
}

/** The longest run of local dates without working time that the dated exceptions create. */
function longestIdleRun(spec: CalendarSpec): number {
  const days = [...spec.days.keys()].map((k) =>
    daysFromCivil(+k.slice(0, 4), +k.slice(5, 7), +k.slice(8, 10)),
  );
  if (!days.length) return 0;
  const from = Math.min(...days) - 7;
  const to = Math.max(...days) + 7;
  let longest = 0;
  let run = 0;
  for (let day = from; day <= to; day++) {
    const working = dayMinutes(spec, day).some(([a, b]) => b > a);
    run = working ? 0 : run + 1;
    if (run > longest) longest = run;
    // Exceptions spread over centuries are not a calendar anyone keeps: stop counting early.
    if (longest >= MAX_IDLE_DAYS) break;
  }
  return longest;
}

function describeLength(value: unknown): string {
  return Array.isArray(value) ? `${value.length}` : typeof value;
}

/** Pushes problems of one day's intervals; returns its working minutes (0 when malformed). */
function checkIntervals(label: string, intervals: unknown, problems: string[]): number {
  if (!Array.isArray(intervals)) {
    problems.push(`${label}: intervals must be a list`);
    return 0;
  }
  let total = 0;
  let previousEnd = -Infinity;
  intervals.forEach((interval: unknown, i) => {
    const at = `${label}, interval ${i + 1}`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      problems.push(`${at}: must be a [start, end] pair of minutes`);
      return;
    }
    const [start, end] = interval as [unknown, unknown];
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      problems.push(`${at}: minutes must be integers`);
      return;
    }
    const s = start as number;
    const e = end as number;
    const text = `${showMinute(s)}-${showMinute(e)}`;
    if (s < 0 || e > MINUTES_PER_DAY || s > MINUTES_PER_DAY || e < 0) {
      problems.push(`${at} (${text}) is out of range (00:00-24:00)`);
      return;
    }
    if (s >= e) {
      problems.push(`${at} (${text}) is empty: it must end after it starts`);
      return;
    }
    if (s < previousEnd) problems.push(`${at} (${text}) overlaps or comes before the previous interval`);
    previousEnd = Math.max(previousEnd, e);
    total += e - s;
  });
  return total;
}

function showMinute(minute: number): string {
  return Number.isInteger(minute) && minute >= 0 && minute <= MINUTES_PER_DAY
    ? fromMinute(minute)
    : String(minute);
}

function isDateKey(key: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return false;
  const day = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return dateKey(day) === key;
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic

interface Zone {
  format: Intl.DateTimeFormat;
  /** Offset (local − UTC, ms) at the instant k·DAY, by k. */
  probes: Map<number, number>;
}

const zones = new Map<string, Zone>();
const PROBE_CACHE_LIMIT = 50_000;

function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`invalid time zone "${timeZone}"`);
    }
    zone = { format, probes: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Offset of the zone (local wall time − UTC, in ms) at instant `t`. */
function offsetAt(zone: Zone, t: number): number {
  const second = t - mod(t, 1000);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let bc = false;
  for (const part of zone.format.formatToParts(second)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute) * MINUTE + sec * 1000;
  return wall - second;
}

function probe(zone: Zone, k: number): number {
  let offset = zone.probes.get(k);
  if (offset === undefined) {
    if (zone.probes.size >= PROBE_CACHE_LIMIT) zone.probes.clear();
    offset = offsetAt(zone, k * DAY);
    zone.probes.set(k, offset);
  }
  return offset;
}

/**
 * The offset valid throughout local date `day` and its neighbours, or undefined when a transition
 * may be near (then each wall time is resolved exactly).
 */
function uniformOffset(zone: Zone, day: number): number | undefined {
  const o = probe(zone, day - 1);
  return o === probe(zone, day) && o === probe(zone, day + 1) && o === probe(zone, day + 2) ? o : undefined;
}

/**
 * The first instant at which the local clock reaches or passes `wall` (local wall time written as
 * milliseconds since 1970-01-01T00:00 local).
 */
function wallToInstant(zone: Zone, wall: number): number {
  const o = uniformOffset(zone, Math.floor(wall / DAY));
  return o === undefined ? wallToInstantNearTransition(zone, wall) : wall - o;
}

function wallToInstantNearTransition(zone: Zone, wall: number): number {
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const tBefore = wall - before;
  const tAfter = wall - after;
  const validBefore = offsetAt(zone, tBefore) === before;
  const validAfter = offsetAt(zone, tAfter) === after;
  if (validBefore && validAfter) return Math.min(tBefore, tAfter); // overlap: the first occurrence
  if (validBefore) return tBefore;
  if (validAfter) return tAfter;
  // Gap: the transition instant, i.e. the first t whose wall time is at or past `wall`.
  let lo = Math.min(tBefore, tAfter);
  let hi = Math.max(tBefore, tAfter);
  if (hi + offsetAt(zone, hi) < wall) return hi; // not a simple gap: give up gracefully
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAt(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** First instant of local date `day` (days since 1970-01-01). */
function dayStart(zone: Zone, day: number): number {
  return wallToInstant(zone, day * DAY);
}

/** The local date (days since 1970-01-01) of instant `t`. */
function localDay(zone: Zone, t: number): number {
  let day = Math.floor((t + probe(zone, Math.floor(t / DAY))) / DAY);
  for (let i = 0; i < 4 && t < dayStart(zone, day); i++) day--;
  for (let i = 0; i < 4 && t >= dayStart(zone, day + 1); i++) day++;
  return day;
}

// ---------------------------------------------------------------------------------------------
// Calendar days

/** Local wall-clock minute intervals of local date `day`, before sanitising. */
function dayMinutes(cal: CalendarSpec, day: number): ReadonlyArray<readonly [number, number]> {
  if (cal.days.size > 0) {
    const exception = cal.days.get(dateKey(day));
    if (exception) {
      if (exception.kind === 'holiday') return [];
      return exception.hours ?? cal.week[0] ?? [];
    }
  }
  return cal.week[weekday(day)] ?? [];
}

/**
 * Working intervals of local date `day` as instants, flattened `[s0, e0, s1, e1, …]`: sorted,
 * non-empty, with touching or overlapping ones merged.
 */
function dayIntervals(cal: CalendarSpec, zone: Zone, day: number): number[] {
  const minutes = sanitise(dayMinutes(cal, day));
  const out: number[] = [];
  if (minutes.length === 0) return out;
  const base = day * DAY;
  const o = uniformOffset(zone, day);
  for (const [s, e] of minutes) {
    const start =
      o === undefined ? wallToInstantNearTransition(zone, base + s * MINUTE) : base + s * MINUTE - o;
    const end =
      o === undefined ? wallToInstantNearTransition(zone, base + e * MINUTE) : base + e * MINUTE - o;
    if (end <= start) continue;
    const n = out.length;
    if (n > 0 && start <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

/** Clamps to [0, 1440], drops empty intervals, sorts and merges; returns the input when already clean. */
function sanitise(
  intervals: ReadonlyArray<readonly [number, number]>,
): ReadonlyArray<readonly [number, number]> {
  let clean = true;
  let previousEnd = 0;
  for (const interval of intervals) {
    const [s, e] = interval;
    if (!(s >= previousEnd && e > s && e <= MINUTES_PER_DAY)) {
      clean = false;
      break;
    }
    previousEnd = e;
  }
  if (clean) return intervals;
  const list = intervals
    .filter((iv) => Array.isArray(iv) && Number.isFinite(iv[0]) && Number.isFinite(iv[1]))
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(MINUTES_PER_DAY, e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of list) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Public operations

/** Whether `at` is working time: `at` ∈ [open, close) of some working interval. */
export function isWorkingTime(cal: CalendarSpec, at: Date): boolean {
  const t = instant(at);
  if (cal.alwaysOpen) return true;
  const zone = zoneOf(cal.timeZone);
  const iv = dayIntervals(cal, zone, localDay(zone, t));
  for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= t && t < iv[i + 1]!) return true;
  return false;
}

/** `at` itself when it is working time, else the start of the next working interval. */
export function nextOpening(cal: CalendarSpec, at: Date): Date {
  const t = instant(at);
  if (cal.alwaysOpen) return new Date(t);
  const zone = zoneOf(cal.timeZone);
  let idle = 0;
  for (let day = localDay(zone, t); ; day++) {
    const iv = dayIntervals(cal, zone, day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i + 1]! > t) return new Date(Math.max(iv[i]!, t));
    if (++idle > MAX_IDLE_DAYS) throw noWorkingTime(t, 'after');
  }
}

/**
 * The earliest instant T such that `workingTimeBetween(cal, start, T) === ms`.
 *
 * For `ms > 0` the result lies in (open, close] of a working interval: it may be the close itself (a
 * deadline at 18:00 sharp is within that day), so the millisecond before it is always working time.
 * For `ms === 0` it is {@link nextOpening} (`start` itself when working). A negative `ms` is
 * `subtractWorkingTime(cal, start, -ms)`. 24×7: `start + ms`.
 */
export function addWorkingTime(cal: CalendarSpec, start: Date, ms: number): Date {
  const t = instant(start);
  checkSpan(ms);
  if (ms < 0) return subtractWorkingTime(cal, start, -ms);
  if (cal.alwaysOpen) return checkedDate(t + ms);
  if (ms === 0) return nextOpening(cal, start);
  const zone = zoneOf(cal.timeZone);
  let remaining = ms;
  let idle = 0;
  for (let day = localDay(zone, t); ; day++) {
    const iv = dayIntervals(cal, zone, day);
    let worked = false;
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= t) continue;
      const from = Math.max(iv[i]!, t);
      const available = end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      worked = true;
    }
    if (worked) idle = 0;
    else if (++idle > MAX_IDLE_DAYS) throw noWorkingTime(t, 'after');
  }
}

/**
 * The mirror image of {@link addWorkingTime}: the latest instant T <= `end` such that
 * `workingTimeBetween(cal, T, end) === ms`. For `ms > 0` the result lies in [open, close) of a working
 * interval; for `ms === 0` it is `end`. A negative `ms` is `addWorkingTime(cal, end, -ms)`.
 * 24×7: `end − ms`.
 */
export function subtractWorkingTime(cal: CalendarSpec, end: Date, ms: number): Date {
  const t = instant(end);
  checkSpan(ms);
  if (ms < 0) return addWorkingTime(cal, end, -ms);
  if (cal.alwaysOpen) return checkedDate(t - ms);
  if (ms === 0) return new Date(t);
  const zone = zoneOf(cal.timeZone);
  let remaining = ms;
  let idle = 0;
  for (let day = localDay(zone, t); ; day--) {
    const iv = dayIntervals(cal, zone, day);
    let worked = false;
    for (let i = iv.length - 2; i >= 0; i -= 2) {
      const start = iv[i]!;
      if (start >= t) continue;
      const to = Math.min(iv[i + 1]!, t);
      const available = to - start;
      if (remaining <= available) return new Date(to - remaining);
      remaining -= available;
      worked = true;
    }
    if (worked) idle = 0;
    else if (++idle > MAX_IDLE_DAYS) throw noWorkingTime(t, 'before');
  }
}

/** Working milliseconds in [a, b); 0 when b <= a. 24×7: b − a. */
export function workingTimeBetween(cal: CalendarSpec, a: Date, b: Date): number {
  const from = instant(a);
  const to = instant(b);
  if (to <= from) return 0;
  if (cal.alwaysOpen) return to - from;
  const zone = zoneOf(cal.timeZone);
  let total = 0;
  for (let day = localDay(zone, from); ; day++) {
    const iv = dayIntervals(cal, zone, day);
    for (let i = 0; i < iv.length; i += 2) {
      const lo = Math.max(iv[i]!, from);
      const hi = Math.min(iv[i + 1]!, to);
      if (hi > lo) total += hi - lo;
    }
    if (dayStart(zone, day + 1) >= to) return total;
  }
}

/**
 * Same-working-day deadline: the close of the last working interval of the local date of `at`, when
 * that date still has working time after `at` (that close is later than `at`); otherwise the close
 * of the last working interval of the next local date that has working time.
 * 24×7: the last millisecond of the local date of `at` (next local midnight − 1 ms).
 */
export function endOfWorkingDay(cal: CalendarSpec, at: Date): Date {
  const t = instant(at);
  const zone = zoneOf(cal.timeZone);
  const today = localDay(zone, t);
  if (cal.alwaysOpen) return new Date(dayStart(zone, today + 1) - 1);
  const first = dayIntervals(cal, zone, today);
  if (first.length > 0 && first[first.length - 1]! > t) return new Date(first[first.length - 1]!);
  for (let day = today + 1; day <= today + MAX_IDLE_DAYS; day++) {
    const iv = dayIntervals(cal, zone, day);
    if (iv.length > 0) return new Date(iv[iv.length - 1]!);
  }
  throw noWorkingTime(t, 'after');
}

/**
 * A deadline after a pause (挂起) from `pausedAt` to `resumedAt`: when `due <= pausedAt` the clock had
 * already run out before the pause and `due` is returned unchanged; otherwise the working time that
 * remained at the pause is counted again from the resume:
 * `addWorkingTime(cal, resumedAt, workingTimeBetween(cal, pausedAt, due))`, but never earlier than
 * `due` when `resumedAt >= pausedAt` (that only matters for a `due` outside working time).
 */
export function shiftForPause(cal: CalendarSpec, due: Date, pausedAt: Date, resumedAt: Date): Date {
  const d = instant(due);
  const p = instant(pausedAt);
  const r = instant(resumedAt);
  if (d <= p) return new Date(d);
  const shifted = addWorkingTime(cal, resumedAt, workingTimeBetween(cal, pausedAt, due));
  return r >= p && shifted.getTime() < d ? new Date(d) : shifted;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function instant(date: Date): number {
  const t = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  return t;
}

function checkSpan(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`invalid duration: ${ms}`);
}

function checkedDate(t: number): Date {
  const date = new Date(t);
  if (Number.isNaN(date.getTime())) throw new RangeError('date out of range');
  return date;
}

function noWorkingTime(t: number, direction: 'after' | 'before'): Error {
  return new Error(
    `calendar has no working time within ${MAX_IDLE_DAYS} days ${direction} ${new Date(t).toISOString()}`,
  );
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return mod(day + 3, 7);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `'YYYY-MM-DD'` of a day number. */
const dateKey = dayKey;
