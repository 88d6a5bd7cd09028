import type { CalendarDay, WorkingInterval } from '@steward/contracts';
import { hhmmToMinutes } from './durations.ts';

/** At most this many periods per day in the editor (a lunch break and an evening shift). */
export const MAX_PERIODS = 3;

/** Days of the week with the same periods, consecutive ones together: Mon–Fri 08:30–17:30, Sat–Sun closed. */
export interface WeekGroup {
  /** 0 = Monday … 6 = Sunday, consecutive. */
  from: number;
  to: number;
  periods: WorkingInterval[];
}

const sameDay = (a: readonly WorkingInterval[], b: readonly WorkingInterval[]) =>
  a.length === b.length && a.every((p, i) => p.start === b[i]!.start && p.end === b[i]!.end);

export function summariseWeek(week: readonly (readonly WorkingInterval[])[]): WeekGroup[] {
  const groups: WeekGroup[] = [];
  week.forEach((periods, day) => {
    const last = groups[groups.length - 1];
    if (last && last.to === day - 1 && sameDay(last.periods, periods)) last.to = day;
    else groups.push({ from: day, to: day, periods: [...periods] });
  });
  return groups;
}

export type PeriodProblem = { day: number; index: number; problem: 'empty' | 'overlap' };

/** What the server would refuse in a week: a period ending before it starts, periods out of order or overlapping. */
export function weekProblems(week: readonly (readonly WorkingInterval[])[]): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  week.forEach((periods, day) => {
    let previousEnd = -1;
    periods.forEach((p, index) => {
      const start = hhmmToMinutes(p.start);
      const end = hhmmToMinutes(p.end);
      if (start >= end) problems.push({ day, index, problem: 'empty' });
      else if (start < previousEnd) problems.push({ day, index, problem: 'overlap' });
      previousEnd = Math.max(previousEnd, end);
    });
  });
  return problems;
}

const DAY_MS = 86_400_000;

/** Every date from `from` to `to` inclusive ('YYYY-MM-DD'), at most a year of them. */
export function datesBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const dates: string[] = [];
  for (let t = start; t <= end && dates.length < 366; t += DAY_MS)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

export const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Adds a holiday for each date of a range that is not listed yet; returns the list and how many were added. */
export function addHolidays(
  days: readonly CalendarDay[],
  from: string,
  to: string,
  name: string,
): { days: CalendarDay[]; added: number } {
  const listed = new Set(days.map((d) => d.date));
  const fresh = datesBetween(from, to)
    .filter((date) => !listed.has(date))
    .map((date): CalendarDay => ({ date, kind: 'holiday', name }));
  return { days: [...days, ...fresh].sort(byDate), added: fresh.length };
}
