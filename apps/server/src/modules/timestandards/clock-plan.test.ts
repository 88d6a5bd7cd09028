import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingTime, workingTimeBetween, type CalendarSpec } from './business-time.ts';
import { alarmsDue, planClock, type Hold } from './clock-plan.ts';
import type { PolicyRules } from './policy-match.ts';

const MIN = 60_000;

/** A random week: each day 0–2 intervals on whole quarter hours, at least one working day. */
const intervalsArb = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 4 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b).map((q) => q * 15);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    if (sorted[i]! < sorted[i + 1]!) out.push([sorted[i]!, sorted[i + 1]!]);
  return out;
});
const calendarArb = fc
  .record({
    alwaysOpen: fc.boolean(),
    week: fc.array(intervalsArb, { minLength: 7, maxLength: 7 }),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
    holidays: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 4 }),
    makeUps: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 2 }),
  })
  .filter((c) => c.alwaysOpen || c.week.some((d) => d.length > 0))
  .map((c): CalendarSpec => {
    const days = new Map<string, { kind: 'holiday' | 'workday' }>();
    const date = (offset: number) => new Date(Date.UTC(2026, 8, 28 + offset)).toISOString().slice(0, 10);
    for (const d of c.holidays) days.set(date(d), { kind: 'holiday' });
    for (const d of c.makeUps) days.set(date(d), { kind: 'workday' });
    if (!c.week[0]!.length) c.week[0] = [[9 * 60, 17 * 60]];
    return { timeZone: c.timeZone, alwaysOpen: c.alwaysOpen, week: c.week, days };
  });
/** Starts in the last days of September 2026 (month end, 国庆 ahead), on whole minutes. */
const startArb = fc
  .integer({ min: 0, max: 5 * 24 * 60 })
  .map((m) => new Date(Date.UTC(2026, 8, 27) + m * MIN));
/** A sequence of holds after the start: gaps and lengths in minutes; the last may still be on. */
const holdsArb = fc.record({
  spans: fc.array(
    fc.record({ gap: fc.integer({ min: 0, max: 600 }), length: fc.integer({ min: 0, max: 3000 }) }),
    {
      maxLength: 4,
    },
  ),
  stillOn: fc.boolean(),
});

function holdsFrom(start: Date, h: { spans: { gap: number; length: number }[]; stillOn: boolean }): Hold[] {
  let t = start.getTime();
  return h.spans.map((s, i) => {
    const heldAt = new Date((t += s.gap * MIN));
    const resumedAt = h.stillOn && i === h.spans.length - 1 ? null : new Date((t += s.length * MIN));
    return { heldAt, resumedAt };
  });
}

describe('planning a clock', () => {
  it('counts exactly its span of working time outside the holds, never shortens for a hold, and lands in working time', () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        fc.integer({ min: 1, max: 3 * 8 * 60 }),
        holdsArb,
        (cal, start, spanMinutes, h) => {
          const span = spanMinutes * MIN;
          const holds = holdsFrom(start, h);
          const plain = planClock(cal, start, span, 80, []);
          const planned = planClock(cal, start, span, 80, holds);
          expect(planned.dueAt.getTime()).toBeGreaterThanOrEqual(plain.dueAt.getTime());
          expect(planned.warnAt!.getTime()).toBeLessThanOrEqual(planned.dueAt.getTime());
          if (planned.pausedAt) return; // still on hold: the clock waits
          // Working time from start to due, minus the working time spent on hold before the due, is the span.
          let held = 0;
          for (const x of holds) {
            if (x.heldAt.getTime() >= planned.dueAt.getTime()) continue;
            const end = Math.min(x.resumedAt!.getTime(), planned.dueAt.getTime());
            held += workingTimeBetween(cal, x.heldAt, new Date(end));
          }
          // Holds that began after the clock was already due do not move it.
          const counted = workingTimeBetween(cal, start, planned.dueAt) - held;
          if (
            holds.every(
              (x) =>
                x.heldAt.getTime() < plain.dueAt.getTime() || x.heldAt.getTime() >= planned.dueAt.getTime(),
            )
          )
            expect(counted).toBe(span);
          if (!cal.alwaysOpen) expect(isWorkingTime(cal, new Date(planned.dueAt.getTime() - 1))).toBe(true);
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

const rules = (ladder: number[], repeatMinutes: number | null): PolicyRules => ({
  clocks: { dispatch: 5, accept: null, arrive: null, complete: null, feedback: null },
  promiseMinutes: null,
  warnPercent: 80,
  ladder: ladder.map((afterMinutes) => ({ afterMinutes, notify: ['handler'] })),
  repeatMinutes,
});

describe('alarms of a clock', () => {
  const always: CalendarSpec = { timeZone: 'Asia/Shanghai', alwaysOpen: true, week: [], days: new Map() };
  const due = new Date('2026-11-22T02:05:00Z');
  const warn = new Date('2026-11-22T02:04:00Z');

  it('sends the warning, then each rung once, and only the latest repeat after a long gap', () => {
    const r = rules([0, 30, 120], 60);
    const at = (m: number) => new Date(due.getTime() + m * MIN);
    expect(alarmsDue(always, r, { dueAt: due, warnAt: warn, stage: 0, repeats: 0 }, warn).stages).toEqual([
      1,
    ]);
    // Late by an hour: the warning would arrive with the breach — only the breach and rung 2.
    const late = alarmsDue(always, r, { dueAt: due, warnAt: warn, stage: 0, repeats: 0 }, at(60));
    expect(late.stages).toEqual([2, 3]);
    expect(late.nextAt).toEqual(at(120));
    // The skipped warning counts as passed: asked again, nothing is due until the next rung.
    expect(late.reached).toBe(3);
    expect(
      alarmsDue(always, r, { dueAt: due, warnAt: warn, stage: late.reached, repeats: 0 }, at(61)).stages,
    ).toEqual([]);
    // Ten hours after the last rung: one repeat (the tenth), not ten.
    const repeats = alarmsDue(
      always,
      r,
      { dueAt: due, warnAt: warn, stage: 4, repeats: 0 },
      at(120 + 10 * 60 + 1),
    );
    expect(repeats).toEqual({ stages: [], reached: 4, repeats: 10, nextAt: at(120 + 11 * 60) });
  });

  it('is idempotent and monotonic in time: asking again sends nothing new', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 5, max: 240 }), { nil: null }),
        fc.array(fc.integer({ min: -10, max: 2000 }), { minLength: 1, maxLength: 8 }),
        (ladder, repeat, moments) => {
          const r = rules(
            [...ladder].sort((a, b) => a - b),
            repeat,
          );
          let state = { dueAt: due, warnAt: warn, stage: 0, repeats: 0 };
          const sent: number[] = [];
          for (const m of [...moments].sort((a, b) => a - b)) {
            const now = new Date(due.getTime() + m * MIN);
            const first = alarmsDue(always, r, state, now);
            sent.push(...first.stages);
            state = { ...state, stage: Math.max(state.stage, first.reached), repeats: first.repeats };
            const again = alarmsDue(always, r, state, now);
            expect(again.stages).toEqual([]);
            expect(again.repeats).toBe(state.repeats);
          }
          expect(new Set(sent).size).toBe(sent.length);
          expect([...sent].sort((a, b) => a - b)).toEqual(sent);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
