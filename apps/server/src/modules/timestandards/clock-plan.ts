import type { ClockKind } from '@steward/contracts/catalogues';
import {
  addWorkingTime,
  endOfWorkingDay,
  shiftForPause,
  workingTimeBetween,
  type CalendarSpec,
} from './business-time.ts';
import type { PolicyRules } from './policy-match.ts';

const MINUTE = 60_000;

/** A stretch on hold: from `heldAt` to `resumedAt` (null while still on hold). */
export interface Hold {
  heldAt: Date;
  resumedAt: Date | null;
}

export interface PlannedClock {
  spanMs: number;
  dueAt: Date;
  warnAt: Date | null;
  /** Set when the record is on hold now: the clock does not run. */
  pausedAt: Date | null;
}

/**
 * A clock's length in working time of the policy's calendar: its minutes, or for same-day feedback
 * (当日反馈) whatever working time is left of the working day it starts in (the next one after hours).
 * Null: the policy sets no such clock.
 */
export function clockSpan(
  kind: ClockKind,
  rules: PolicyRules,
  cal: CalendarSpec,
  start: Date,
): number | null {
  const figure = rules.clocks[kind];
  if (figure === null || figure === undefined) return null;
  if (figure === 'same_day') return workingTimeBetween(cal, start, endOfWorkingDay(cal, start));
  return figure * MINUTE;
}

/**
 * When a clock started at `start` with `spanMs` of working time falls due, and when its warning falls
 * (at `warnPercent` of the span), with every stretch on hold since `start` not counted: each hold
 * pushes the deadline by the working time that was left when it began. A hold still going leaves the
 * clock paused.
 */
export function planClock(
  cal: CalendarSpec,
  start: Date,
  spanMs: number,
  warnPercent: number | null,
  holds: readonly Hold[],
): PlannedClock {
  let due = addWorkingTime(cal, start, spanMs);
  let warn =
    warnPercent === null ? null : addWorkingTime(cal, start, Math.floor((spanMs * warnPercent) / 100));
  let pausedAt: Date | null = null;
  for (const hold of holds) {
    if (hold.heldAt.getTime() < start.getTime()) continue;
    if (hold.resumedAt === null) {
      pausedAt = hold.heldAt;
      break;
    }
    due = shiftForPause(cal, due, hold.heldAt, hold.resumedAt);
    if (warn) warn = shiftForPause(cal, warn, hold.heldAt, hold.resumedAt);
  }
  return { spanMs, dueAt: due, warnAt: warn, pausedAt };
}

/** One rung reached, or the next one to reach, of a clock's alarms. */
export interface AlarmStep {
  /** 1 = the warning; 2 = the breach (rung 1 of the ladder); 2 + i = rung i + 1. */
  stage: number;
  at: Date;
}

/**
 * The alarms of a running clock in order: the warning (unless the policy has none), then one stage per
 * rung of the escalation ladder, each `afterMinutes` of working time after the deadline.
 */
export function alarmSteps(
  cal: CalendarSpec,
  rules: PolicyRules,
  clock: { dueAt: Date; warnAt: Date | null },
): AlarmStep[] {
  const steps: AlarmStep[] = [];
  if (clock.warnAt && clock.warnAt.getTime() < clock.dueAt.getTime())
    steps.push({ stage: 1, at: clock.warnAt });
  rules.ladder.forEach((rung, i) => {
    const at =
      rung.afterMinutes === 0 ? clock.dueAt : addWorkingTime(cal, clock.dueAt, rung.afterMinutes * MINUTE);
    steps.push({ stage: 2 + i, at });
  });
  // A policy without a ladder still marks the breach, for the record and its handler.
  if (rules.ladder.length === 0) steps.push({ stage: 2, at: clock.dueAt });
  return steps;
}

/** The instant the n-th repeat of the last rung falls (n ≥ 1), or null when the policy repeats nothing. */
export function repeatAt(cal: CalendarSpec, rules: PolicyRules, lastRungAt: Date, n: number): Date | null {
  if (rules.repeatMinutes === null) return null;
  return addWorkingTime(cal, lastRungAt, n * rules.repeatMinutes * MINUTE);
}

/**
 * What is due by `now` for a clock at `stage` with `repeats` sent: the stages newly reached (the
 * warning is skipped once the deadline itself has passed: it would only arrive with the breach),
 * the highest stage now passed (sent or skipped),
 * how many repeats are now due in total (only the latest is sent: a repeat is a reminder, and after
 * a downtime one reminder is enough), and when the next alarm falls.
 */
export function alarmsDue(
  cal: CalendarSpec,
  rules: PolicyRules,
  clock: { dueAt: Date; warnAt: Date | null; stage: number; repeats: number },
  now: Date,
): { stages: number[]; reached: number; repeats: number; nextAt: Date | null } {
  const steps = alarmSteps(cal, rules, clock);
  const reached = steps.filter((s) => s.stage > clock.stage && s.at.getTime() <= now.getTime());
  const breached = clock.dueAt.getTime() <= now.getTime();
  const stages = reached.map((s) => s.stage).filter((s) => !(s === 1 && breached));
  const top = Math.max(clock.stage, ...reached.map((s) => s.stage));
  const pending = steps.find((s) => s.stage > top);
  const last = steps[steps.length - 1]!;
  let repeats = clock.repeats;
  let nextAt: Date | null = pending?.at ?? null;
  if (!pending && top >= last.stage && rules.repeatMinutes !== null) {
    // Count the repeats due by now without walking them one by one after a long downtime.
    const every = rules.repeatMinutes * MINUTE;
    const due = Math.floor(workingTimeBetween(cal, last.at, now) / every);
    if (due > repeats) repeats = due;
    nextAt = repeatAt(cal, rules, last.at, repeats + 1);
  }
  // `reached` counts a skipped warning as passed, so the clock moves on from it.
  return { stages, reached: top, repeats, nextAt };
}
