import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  endOfWorkingDay,
  formatHours,
  fromMinute,
  isWorkingTime,
  nextOpening,
  parseHours,
  shiftForPause,
  subtractWorkingTime,
  toMinute,
  validateCalendar,
  workingTimeBetween,
  type CalendarSpec,
  type DayException,
} from './business-time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Intervals = Array<[number, number]>;

const OFFICE: Intervals = [
  [toMinute('08:30'), toMinute('12:00')],
  [toMinute('13:30'), toMinute('18:00')],
];

function calendar(
  week: Intervals[],
  days: Record<string, DayException> = {},
  timeZone = 'Asia/Shanghai',
): CalendarSpec {
  return { timeZone, alwaysOpen: false, week, days: new Map(Object.entries(days)) };
}

/** The seeds' world: Mon–Fri 08:30–12:00 + 13:30–18:00 in Asia/Shanghai with 国庆 2026 and its 调休 days. */
const officeWeek = (): Intervals[] => [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [], []];
const china2026: Record<string, DayException> = {
  '2026-09-20': { kind: 'workday' },
  '2026-10-01': { kind: 'holiday' },
  '2026-10-02': { kind: 'holiday' },
  '2026-10-03': { kind: 'holiday' },
  '2026-10-04': { kind: 'holiday' },
  '2026-10-05': { kind: 'holiday' },
  '2026-10-06': { kind: 'holiday' },
  '2026-10-07': { kind: 'holiday' },
  '2026-10-10': { kind: 'workday' },
};
const cn = calendar(officeWeek(), china2026);
const always: CalendarSpec = { timeZone: 'Asia/Shanghai', alwaysOpen: true, week: [], days: new Map() };

/** An instant written in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('calendars that could never be counted in', () => {
  it('refuses years without working time, and exceptions spread over centuries', () => {
    const mondays: Record<string, DayException> = {};
    for (let d = Date.UTC(2026, 10, 23), n = 0; n < 200; n++, d += 7 * DAY)
      mondays[new Date(d).toISOString().slice(0, 10)] = { kind: 'holiday' };
    const oneHourOnMondays: Intervals[] = [[[9 * 60, 10 * 60]], [], [], [], [], [], []];
    expect(validateCalendar(calendar(oneHourOnMondays, mondays))).toEqual([
      expect.stringMatching(/days in a row have no working time/),
    ]);
    expect(
      validateCalendar(calendar(oneHourOnMondays, Object.fromEntries(Object.entries(mondays).slice(0, 50)))),
    ).toEqual([]);
    expect(
      validateCalendar(
        calendar(officeWeek(), { '2026-01-01': { kind: 'holiday' }, '2300-01-01': { kind: 'holiday' } }),
      ),
    ).toEqual(['dated exceptions must lie within 100 years of each other']);
  });
});

describe('HH:MM helpers', () => {
  it('converts between minutes and HH:MM, allowing 24:00 as an end', () => {
    expect(toMinute('08:30')).toBe(510);
    expect(toMinute('8:05')).toBe(485);
    expect(toMinute('00:00')).toBe(0);
    expect(toMinute('24:00')).toBe(1440);
    expect(fromMinute(510)).toBe('08:30');
    expect(fromMinute(0)).toBe('00:00');
    expect(fromMinute(1440)).toBe('24:00');
    for (const bad of ['24:01', '12:60', '1230', 'ab:cd', '', '-1:00'])
      expect(() => toMinute(bad)).toThrow(RangeError);
    expect(() => fromMinute(1441)).toThrow(RangeError);
    expect(() => fromMinute(1.5)).toThrow(RangeError);
  });

  it('parses and formats working intervals', () => {
    expect(parseHours('08:30-12:00')).toEqual([510, 720]);
    expect(parseHours(' 13:30 – 18:00 ')).toEqual([810, 1080]);
    expect(parseHours('22:00~24:00')).toEqual([1320, 1440]);
    expect(() => parseHours('12:00-08:30')).toThrow(RangeError);
    expect(() => parseHours('08:30')).toThrow(RangeError);
    expect(formatHours([510, 720])).toBe('08:30-12:00');
  });
});

describe('validateCalendar', () => {
  it('accepts the office calendar and a 24x7 calendar', () => {
    expect(validateCalendar(cn)).toEqual([]);
    expect(validateCalendar({ ...always, week: [[], [], [], [], [], [], []] })).toEqual([]);
  });

  it('reports bad intervals, an empty week, bad dates and an unknown time zone', () => {
    const problems = validateCalendar({
      timeZone: 'Mars/Olympus_Mons',
      alwaysOpen: false,
      week: [
        [[600, 540]],
        [[0, 1441]],
        [
          [600, 720],
          [700, 800],
        ],
        [
          [800, 900],
          [600, 700],
        ],
        [],
        [],
        [],
      ],
      days: new Map<string, DayException>([
        ['2026-02-30', { kind: 'holiday' }],
        ['2026-10-10', { kind: 'workday', hours: [] }],
      ]),
    });
    expect(problems).toEqual([
      'invalid time zone "Mars/Olympus_Mons"',
      'Monday, interval 1 (10:00-09:00) is empty: it must end after it starts',
      'Tuesday, interval 1 (00:00-1441) is out of range (00:00-24:00)',
      'Wednesday, interval 2 (11:40-13:20) overlaps or comes before the previous interval',
      'Thursday, interval 2 (10:00-11:40) overlaps or comes before the previous interval',
      '"2026-02-30" is not a date (YYYY-MM-DD)',
      '2026-10-10: a make-up workday with no working hours (use a holiday instead)',
    ]);
    expect(validateCalendar(calendar([[], [], [], [], [], [], []]))).toEqual([
      'the week has no working time at all',
    ]);
    expect(validateCalendar(calendar([OFFICE]))).toEqual([
      'the week must list 7 days (Monday to Sunday), got 1',
    ]);
  });
});

describe('business time in the seeds world (Asia/Shanghai, 国庆 2026)', () => {
  it('tells working time from breaks, evenings, weekends, holidays and make-up days', () => {
    expect(isWorkingTime(cn, bj('2026-09-29T08:30:00'))).toBe(true);
    expect(isWorkingTime(cn, bj('2026-09-29T08:29:59.999'))).toBe(false);
    expect(isWorkingTime(cn, bj('2026-09-29T12:00:00'))).toBe(false);
    expect(isWorkingTime(cn, bj('2026-09-29T17:59:59.999'))).toBe(true);
    expect(isWorkingTime(cn, bj('2026-09-29T18:00:00'))).toBe(false);
    expect(isWorkingTime(cn, bj('2026-09-19T10:00:00'))).toBe(false); // Saturday
    expect(isWorkingTime(cn, bj('2026-09-20T10:00:00'))).toBe(true); // make-up Sunday
    expect(isWorkingTime(cn, bj('2026-10-05T10:00:00'))).toBe(false); // 国庆 (a Monday)
    expect(isWorkingTime(cn, bj('2026-10-10T10:00:00'))).toBe(true); // make-up Saturday
  });

  it('runs a 30-minute clock started Friday 17:50 to Monday 08:50', () => {
    expect(iso(addWorkingTime(cn, bj('2026-10-16T17:50:00'), 30 * MIN))).toBe(iso(bj('2026-10-19T08:50:00')));
    // …unless Saturday is a make-up workday.
    expect(iso(addWorkingTime(cn, bj('2026-10-09T17:50:00'), 30 * MIN))).toBe(iso(bj('2026-10-10T08:50:00')));
  });

  it('starts a clock received during the lunch break at 13:30', () => {
    expect(iso(nextOpening(cn, bj('2026-09-29T12:40:00')))).toBe(iso(bj('2026-09-29T13:30:00')));
    expect(iso(addWorkingTime(cn, bj('2026-09-29T12:40:00'), 0))).toBe(iso(bj('2026-09-29T13:30:00')));
    expect(iso(addWorkingTime(cn, bj('2026-09-29T12:40:00'), 15 * MIN))).toBe(iso(bj('2026-09-29T13:45:00')));
    expect(iso(addWorkingTime(cn, bj('2026-09-29T11:50:00'), 20 * MIN))).toBe(iso(bj('2026-09-29T13:40:00')));
  });

  it('ends a deadline at 18:00 sharp within the day, not the next morning', () => {
    expect(iso(addWorkingTime(cn, bj('2026-09-29T17:00:00'), HOUR))).toBe(iso(bj('2026-09-29T18:00:00')));
    expect(iso(addWorkingTime(cn, bj('2026-09-29T11:00:00'), HOUR))).toBe(iso(bj('2026-09-29T12:00:00')));
  });

  it('skips the 国庆 holiday week', () => {
    const due = addWorkingTime(cn, bj('2026-09-30T17:00:00'), 2 * HOUR);
    expect(iso(due)).toBe(iso(bj('2026-10-08T09:30:00')));
    expect(workingTimeBetween(cn, bj('2026-09-30T17:00:00'), due)).toBe(2 * HOUR);
    expect(iso(subtractWorkingTime(cn, due, 2 * HOUR))).toBe(iso(bj('2026-09-30T17:00:00')));
    expect(workingTimeBetween(cn, bj('2026-10-01T00:00:00'), bj('2026-10-08T00:00:00'))).toBe(0);
  });

  it('counts a make-up Sunday', () => {
    expect(iso(addWorkingTime(cn, bj('2026-09-18T17:00:00'), 2 * HOUR))).toBe(iso(bj('2026-09-20T09:30:00')));
    expect(workingTimeBetween(cn, bj('2026-09-19T00:00:00'), bj('2026-09-21T00:00:00'))).toBe(8 * HOUR);
    // A make-up day with its own hours.
    const short = calendar(officeWeek(), {
      ...china2026,
      '2026-09-20': { kind: 'workday', hours: [[540, 600]] },
    });
    expect(workingTimeBetween(short, bj('2026-09-19T00:00:00'), bj('2026-09-21T00:00:00'))).toBe(HOUR);
  });

  it('subtracts working time backwards over nights and weekends', () => {
    expect(iso(subtractWorkingTime(cn, bj('2026-10-19T08:50:00'), 30 * MIN))).toBe(
      iso(bj('2026-10-16T17:50:00')),
    );
    expect(iso(subtractWorkingTime(cn, bj('2026-09-29T13:40:00'), 20 * MIN))).toBe(
      iso(bj('2026-09-29T11:50:00')),
    );
    expect(iso(subtractWorkingTime(cn, bj('2026-09-29T13:30:00'), 30 * MIN))).toBe(
      iso(bj('2026-09-29T11:30:00')),
    );
    expect(iso(subtractWorkingTime(cn, bj('2026-09-29T20:00:00'), 0))).toBe(iso(bj('2026-09-29T20:00:00')));
  });

  it('measures working time between two instants', () => {
    expect(workingTimeBetween(cn, bj('2026-09-28T00:00:00'), bj('2026-10-05T00:00:00'))).toBe(3 * 8 * HOUR);
    expect(workingTimeBetween(cn, bj('2026-09-29T12:00:00'), bj('2026-09-29T13:30:00'))).toBe(0);
    expect(workingTimeBetween(cn, bj('2026-09-29T18:00:00'), bj('2026-09-29T08:00:00'))).toBe(0);
    expect(workingTimeBetween(cn, bj('2026-09-29T11:00:00'), bj('2026-09-29T14:00:00'))).toBe(90 * MIN);
  });

  it('gives the same working day deadline, or the next working day once the day is over', () => {
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T10:00:00')))).toBe(iso(bj('2026-09-29T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T07:00:00')))).toBe(iso(bj('2026-09-29T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T17:59:59.999')))).toBe(iso(bj('2026-09-29T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T18:00:00')))).toBe(iso(bj('2026-09-30T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T19:00:00')))).toBe(iso(bj('2026-09-30T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-30T19:00:00')))).toBe(iso(bj('2026-10-08T18:00:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-19T10:00:00')))).toBe(iso(bj('2026-09-20T18:00:00')));
  });

  it('handles midnight and month ends', () => {
    // Saturday 2026-10-31, the last millisecond of the month → Monday 2026-11-02.
    const lastMs = bj('2026-10-31T23:59:59.999');
    expect(isWorkingTime(cn, lastMs)).toBe(false);
    expect(iso(nextOpening(cn, lastMs))).toBe(iso(bj('2026-11-02T08:30:00')));
    expect(iso(addWorkingTime(cn, lastMs, MIN))).toBe(iso(bj('2026-11-02T08:31:00')));
    expect(iso(endOfWorkingDay(cn, lastMs))).toBe(iso(bj('2026-11-02T18:00:00')));
    // 23:59:59.999 on a working day belongs to that date; the next day's clock starts at 08:30.
    expect(iso(endOfWorkingDay(cn, bj('2026-09-29T23:59:59.999')))).toBe(iso(bj('2026-09-30T18:00:00')));
    expect(iso(nextOpening(cn, bj('2026-09-29T23:59:59.999')))).toBe(iso(bj('2026-09-30T08:30:00')));
    expect(iso(endOfWorkingDay(cn, bj('2026-09-30T00:00:00')))).toBe(iso(bj('2026-09-30T18:00:00')));
    // A night shift up to 24:00 closes at the next local midnight.
    const night = calendar([[[1320, 1440]], [[0, 60]], [], [], [], [], []]);
    expect(iso(addWorkingTime(night, bj('2026-11-30T23:00:00'), 2 * HOUR))).toBe(
      iso(bj('2026-12-01T01:00:00')),
    );
    expect(iso(addWorkingTime(night, bj('2026-11-30T23:00:00'), HOUR))).toBe(iso(bj('2026-12-01T00:00:00')));
    expect(iso(endOfWorkingDay(night, bj('2026-11-30T23:00:00')))).toBe(iso(bj('2026-12-01T00:00:00')));
  });

  it('moves a paused deadline by the working time lost, and leaves a breached one alone', () => {
    const due = bj('2026-09-29T17:50:00');
    // Paused 17:00 with 50 working minutes left, resumed Monday morning.
    expect(iso(shiftForPause(cn, due, bj('2026-09-29T17:00:00'), bj('2026-09-30T09:00:00')))).toBe(
      iso(bj('2026-09-30T09:50:00')),
    );
    // Paused over lunch only: nothing lost.
    expect(iso(shiftForPause(cn, due, bj('2026-09-29T12:05:00'), bj('2026-09-29T13:20:00')))).toBe(iso(due));
    // A deadline outside working time (19:00) never moves earlier, even for an empty pause.
    const late = bj('2026-09-29T19:00:00');
    expect(iso(shiftForPause(cn, late, bj('2026-09-29T17:00:00'), bj('2026-09-29T17:00:00')))).toBe(
      iso(late),
    );
    expect(iso(shiftForPause(cn, late, bj('2026-09-29T17:00:00'), bj('2026-09-29T17:30:00')))).toBe(
      iso(bj('2026-09-30T09:00:00')), // 1 h left at 17:00: 30 min today, 30 min tomorrow
    );
    // Already breached when paused.
    expect(iso(shiftForPause(cn, due, bj('2026-09-29T17:55:00'), bj('2026-09-30T09:00:00')))).toBe(iso(due));
    // Paused over the holiday week: the remaining hour moves to 2026-10-08.
    expect(
      iso(shiftForPause(cn, bj('2026-09-30T17:30:00'), bj('2026-09-30T16:30:00'), bj('2026-10-08T10:00:00'))),
    ).toBe(iso(bj('2026-10-08T11:00:00')));
  });

  it('treats a 24x7 calendar as plain time with same-day feedback at the end of the local day', () => {
    const at = bj('2026-10-01T10:00:00');
    expect(iso(addWorkingTime(always, at, 30 * MIN))).toBe(iso(bj('2026-10-01T10:30:00')));
    expect(iso(subtractWorkingTime(always, at, 30 * MIN))).toBe(iso(bj('2026-10-01T09:30:00')));
    expect(workingTimeBetween(always, at, bj('2026-10-02T10:00:00'))).toBe(DAY);
    expect(iso(endOfWorkingDay(always, at))).toBe(iso(bj('2026-10-01T23:59:59.999')));
    expect(iso(endOfWorkingDay(always, bj('2026-01-31T23:59:59.999')))).toBe(
      iso(bj('2026-01-31T23:59:59.999')),
    );
    expect(iso(endOfWorkingDay(always, bj('2026-02-01T00:00:00')))).toBe(iso(bj('2026-02-01T23:59:59.999')));
  });

  it('gives up with a clear error on a calendar without working time', () => {
    const none = calendar([[], [], [], [], [], [], []]);
    expect(() => addWorkingTime(none, bj('2026-10-01T10:00:00'), HOUR)).toThrow(/no working time within/);
    expect(() => subtractWorkingTime(none, bj('2026-10-01T10:00:00'), HOUR)).toThrow(
      /no working time within/,
    );
    expect(() => nextOpening(none, bj('2026-10-01T10:00:00'))).toThrow(/no working time within/);
    expect(() => endOfWorkingDay(none, bj('2026-10-01T10:00:00'))).toThrow(/no working time within/);
    expect(workingTimeBetween(none, bj('2026-10-01T10:00:00'), bj('2027-10-01T10:00:00'))).toBe(0);
    expect(() => addWorkingTime(cn, new Date(NaN), HOUR)).toThrow(RangeError);
    expect(() =>
      addWorkingTime({ ...cn, timeZone: 'Nowhere/Nothing' }, bj('2026-10-01T10:00:00'), HOUR),
    ).toThrow(/invalid time zone/);
  });

  it('computes a 30-day span in microseconds', () => {
    const from = bj('2026-09-01T09:00:00').getTime();
    addWorkingTime(cn, new Date(from), HOUR); // warm the zone cache
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const start = new Date(from + i * 7 * MIN);
      workingTimeBetween(cn, start, new Date(start.getTime() + 30 * DAY));
      addWorkingTime(cn, start, 20 * 8 * HOUR);
    }
    expect((performance.now() - started) / 1000).toBeLessThan(1); // ms per pair, with a wide margin
  });
});

describe('daylight saving time (first instant the local clock reaches a wall time)', () => {
  const nightShift: Intervals[] = Array.from({ length: 7 }, () => [[60, 240]] as Intervals); // 01:00–04:00
  const berlin = calendar(nightShift, {}, 'Europe/Berlin');
  const newYork = calendar(nightShift, {}, 'America/New_York');

  it('shortens an interval across a spring-forward gap and lengthens one across a fall-back overlap', () => {
    expect(
      workingTimeBetween(berlin, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z')),
    ).toBe(2 * HOUR);
    expect(
      workingTimeBetween(berlin, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T12:00:00Z')),
    ).toBe(4 * HOUR);
    expect(
      workingTimeBetween(newYork, new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z')),
    ).toBe(2 * HOUR);
    expect(
      workingTimeBetween(newYork, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T00:00:00Z')),
    ).toBe(4 * HOUR);
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z on 2026-03-29.
    expect(iso(addWorkingTime(berlin, new Date('2026-03-28T23:30:00Z'), 2 * HOUR))).toBe(
      '2026-03-29T02:00:00.000Z',
    );
    // 01:00 CEST = 23:00Z (previous UTC day); 04:00 CET = 03:00Z on 2026-10-25.
    expect(iso(endOfWorkingDay(berlin, new Date('2026-10-24T22:00:00Z')))).toBe('2026-10-25T03:00:00.000Z');
  });

  it('maps a wall time inside a gap to the transition and a repeated one to its first occurrence', () => {
    const inGap = calendar(
      Array.from({ length: 7 }, () => [[150, 180]] as Intervals),
      {},
      'Europe/Berlin',
    ); // 02:30–03:00
    expect(
      workingTimeBetween(inGap, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z')),
    ).toBe(0);
    expect(iso(nextOpening(inGap, new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-30T00:30:00.000Z');
    // 02:30 on 2026-10-25 happens at 00:30Z (CEST) and again at 01:30Z (CET); the first counts, the
    // interval closes at the first 03:00, which is 02:00Z.
    expect(iso(nextOpening(inGap, new Date('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(endOfWorkingDay(inGap, new Date('2026-10-24T12:00:00Z')))).toBe('2026-10-25T02:00:00.000Z');
    const across = calendar(
      Array.from({ length: 7 }, () => [[90, 150]] as Intervals),
      {},
      'Europe/Berlin',
    ); // 01:30–02:30
    expect(
      workingTimeBetween(across, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z')),
    ).toBe(30 * MIN);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests against a minute-by-minute reference model.

const ZONES = [
  'Asia/Shanghai',
  'Asia/Tokyo',
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
] as const;
const FC = { seed: 20_260_930, numRuns: 300 };

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);
/** Dates with a DST transition in one of ZONES (2025–2027). */
const TRANSITION_DAYS = [
  '2025-03-09',
  '2025-03-30',
  '2025-04-06',
  '2025-10-05',
  '2025-10-26',
  '2025-11-02',
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
  '2027-03-14',
  '2027-03-28',
].map(dayNumber);

/** Offset of `zone` at `t` in ms, read independently of the module (from the `longOffset` name). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function refOffset(zone: string, t: number): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m) throw new Error(`unexpected offset name ${name}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR + Number(m[3]) * MIN);
}
const refLocalDay = (zone: string, t: number) => Math.floor((t + refOffset(zone, t)) / DAY);
/** The instant of a local wall time (ms since 1970-01-01 local); away from transitions only. */
const refInstant = (zone: string, wall: number) => wall - refOffset(zone, wall - refOffset(zone, wall));
const refKey = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const refWeekday = (day: number) => (new Date(day * DAY).getUTCDay() + 6) % 7;

/**
 * Minute-by-minute model of a calendar with a fixed offset: minute t is working when its local wall
 * minute lies in one of the intervals of its local date.
 */
class Reference {
  private readonly byDay = new Map<number, Uint8Array>();
  constructor(
    private readonly cal: CalendarSpec,
    private readonly offset: number,
  ) {}

  working(t: number): boolean {
    const wall = t + this.offset;
    const day = Math.floor(wall / DAY);
    let minutes = this.byDay.get(day);
    if (!minutes) {
      minutes = new Uint8Array(1440);
      const exception = this.cal.days.get(refKey(day));
      const list =
        exception?.kind === 'holiday'
          ? []
          : exception?.kind === 'workday'
            ? (exception.hours ?? this.cal.week[0]!)
            : this.cal.week[refWeekday(day)]!;
      for (const [s, e] of list) minutes.fill(1, s, e);
      this.byDay.set(day, minutes);
    }
    return minutes[Math.floor((wall - day * DAY) / MIN)] === 1;
  }

  /** addWorkingTime in whole minutes, or undefined past `cap` minutes of walking. */
  add(start: number, minutes: number, cap = 40 * 1440): number | undefined {
    let left = minutes;
    for (let t = start, i = 0; i < cap; t += MIN, i++) {
      if (!this.working(t)) continue;
      if (left === 0) return t;
      if (--left === 0) return t + MIN;
    }
    return undefined;
  }

  subtract(end: number, minutes: number, cap = 40 * 1440): number | undefined {
    if (minutes === 0) return end;
    let left = minutes;
    for (let t = end - MIN, i = 0; i < cap; t -= MIN, i++) if (this.working(t) && --left === 0) return t;
    return undefined;
  }

  between(a: number, b: number): number {
    let n = 0;
    for (let t = a; t < b; t += MIN) if (this.working(t)) n++;
    return n * MIN;
  }
}

/** Whether the zone keeps one offset over [from − 2 days, to + 2 days] (then Reference is exact). */
function steady(zone: string, from: number, to: number): boolean {
  return refOffset(zone, from - 2 * DAY) === refOffset(zone, to + 2 * DAY);
}

/** 0–3 sorted, non-overlapping intervals on whole minutes. */
const intervalsArb: fc.Arbitrary<Intervals> = fc.oneof(
  fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: Intervals = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i]!, sorted[i + 1]!]);
    return out;
  }),
  fc.constant(OFFICE),
  fc.constant<Intervals>([]),
  fc.constant<Intervals>([[0, 1440]]),
);

const weekArb = fc.array(intervalsArb, { minLength: 7, maxLength: 7 }).map((week) => {
  const total = week.flat().reduce((sum, [s, e]) => sum + e - s, 0);
  // At least 10 working hours a week, so the minute-by-minute reference stays cheap.
  if (total < 600) week[2] = [[480, 1140]];
  return week;
});

const exceptionsArb = fc.array(
  fc.record({
    offset: fc.integer({ min: -3, max: 25 }),
    kind: fc.constantFrom<'holiday' | 'workday'>('holiday', 'workday'),
    hours: fc.option(
      intervalsArb.filter((list) => list.length > 0),
      { nil: undefined },
    ),
  }),
  { maxLength: 8 },
);

/** A start instant: random or near a DST transition, at a random minute, local midnight or 23:59, maybe at a month end. */
const startArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.oneof(
      fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2027-12-31') }),
      fc.constantFrom(...TRANSITION_DAYS).chain((d) => fc.integer({ min: d - 3, max: d + 3 })),
    ),
    monthEnd: fc.boolean(),
    minute: fc.oneof(fc.constant(0), fc.constant(1439), fc.integer({ min: 0, max: 1439 })),
  })
  .map(({ zone, day, monthEnd, minute }) => {
    let d = day;
    if (monthEnd) {
      const date = new Date(day * DAY);
      d = Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY) - 1;
    }
    return { zone, start: refInstant(zone, d * DAY + minute * MIN) };
  });

const caseArb = fc
  .record({ week: weekArb, exceptions: exceptionsArb, at: startArb })
  .map(({ week, exceptions, at }) => {
    const today = refLocalDay(at.zone, at.start);
    const days = new Map<string, DayException>();
    for (const e of exceptions)
      days.set(refKey(today + e.offset), e.hours ? { kind: e.kind, hours: e.hours } : { kind: e.kind });
    const cal: CalendarSpec = { timeZone: at.zone, alwaysOpen: false, week, days };
    return { cal, start: at.start };
  });

const minutesArb = fc.oneof(fc.constantFrom(0, 1, 30, 60, 120, 480), fc.integer({ min: 0, max: 1500 }));

describe('business time properties', () => {
  it('addWorkingTime agrees with the minute-by-minute reference and with workingTimeBetween', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        caseArb,
        minutesArb,
        fc.integer({ min: 0, max: 3 * 1440 }),
        ({ cal, start }, minutes, probe) => {
          const ms = minutes * MIN;
          const due = addWorkingTime(cal, new Date(start), ms).getTime();
          expect(workingTimeBetween(cal, new Date(start), new Date(due))).toBe(ms);
          if (ms > 0) {
            expect(due).toBeGreaterThan(start);
            expect(isWorkingTime(cal, new Date(due - 1))).toBe(true);
          } else {
            expect(isWorkingTime(cal, new Date(due))).toBe(true);
            expect(workingTimeBetween(cal, new Date(start), new Date(due))).toBe(0);
          }
          const other = start + probe * MIN;
          if (!steady(cal.timeZone, start, Math.max(due, other))) return;
          const ref = new Reference(cal, refOffset(cal.timeZone, start));
          const expected = ref.add(start, minutes);
          if (expected === undefined) return;
          compared++;
          expect(new Date(due).toISOString()).toBe(new Date(expected).toISOString());
          expect(isWorkingTime(cal, new Date(other))).toBe(ref.working(other));
          expect(workingTimeBetween(cal, new Date(start), new Date(other))).toBe(ref.between(start, other));
          const refOpen = ref.add(other, 0);
          if (refOpen !== undefined && steady(cal.timeZone, other, refOpen))
            expect(nextOpening(cal, new Date(other)).getTime()).toBe(refOpen);
          const back = subtractWorkingTime(cal, new Date(other), ms).getTime();
          const refBack = ref.subtract(other, minutes);
          if (refBack !== undefined && steady(cal.timeZone, back, other)) expect(back).toBe(refBack);
        },
      ),
      FC,
    );
    expect(compared).toBeGreaterThan(FC.numRuns / 3);
  });

  it('is monotonic in the start and in the span', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: 0, max: 2 * DAY }),
        ({ cal, start }, shift, ms1, ms2) => {
          const s1 = new Date(start);
          const s2 = new Date(start + shift);
          const [lo, hi] = ms1 <= ms2 ? [ms1, ms2] : [ms2, ms1];
          expect(addWorkingTime(cal, s1, lo).getTime()).toBeLessThanOrEqual(
            addWorkingTime(cal, s2, lo).getTime(),
          );
          expect(addWorkingTime(cal, s1, lo).getTime()).toBeLessThanOrEqual(
            addWorkingTime(cal, s1, hi).getTime(),
          );
          expect(subtractWorkingTime(cal, s1, lo).getTime()).toBeLessThanOrEqual(
            subtractWorkingTime(cal, s2, lo).getTime(),
          );
          expect(subtractWorkingTime(cal, s1, hi).getTime()).toBeLessThanOrEqual(
            subtractWorkingTime(cal, s1, lo).getTime(),
          );
        },
      ),
      FC,
    );
  });

  it('subtractWorkingTime inverts addWorkingTime on working time', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 1, max: 2 * DAY }),
        fc.integer({ min: 0, max: DAY }),
        ({ cal, start }, ms, jitter) => {
          const open = nextOpening(cal, new Date(start + jitter)); // a working instant
          const due = addWorkingTime(cal, open, ms);
          expect(subtractWorkingTime(cal, due, ms).getTime()).toBe(open.getTime());
          // And the other way round from any instant just after working time (a deadline).
          const end = addWorkingTime(cal, new Date(start), jitter + 1);
          const begin = subtractWorkingTime(cal, end, ms);
          expect(workingTimeBetween(cal, begin, end)).toBe(ms);
          expect(isWorkingTime(cal, begin)).toBe(true);
          expect(addWorkingTime(cal, begin, ms).getTime()).toBe(end.getTime());
        },
      ),
      FC,
    );
  });

  it('never shortens a deadline by a pause and keeps the remaining working time', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.boolean(),
        fc.array(
          fc.record({ before: fc.integer({ min: 0, max: DAY }), hold: fc.integer({ min: 0, max: 3 * DAY }) }),
          { minLength: 1, maxLength: 4 },
        ),
        ({ cal, start }, ms, anyDue, pauses) => {
          // A computed deadline, or any instant (a deadline set by hand may lie outside working time).
          let due = anyDue ? new Date(start + ms) : addWorkingTime(cal, new Date(start), ms);
          let cursor = start;
          for (const { before, hold } of pauses) {
            const pausedAt = new Date(cursor + before);
            const resumedAt = new Date(cursor + before + hold);
            const remaining = workingTimeBetween(cal, pausedAt, due);
            const next = shiftForPause(cal, due, pausedAt, resumedAt);
            expect(next.getTime()).toBeGreaterThanOrEqual(due.getTime());
            if (due.getTime() > pausedAt.getTime()) {
              expect(workingTimeBetween(cal, resumedAt, next)).toBe(remaining);
            } else {
              expect(next.getTime()).toBe(due.getTime());
            }
            due = next;
            cursor = resumedAt.getTime();
          }
        },
      ),
      FC,
    );
  });

  it('ends the working day at the close of its last interval', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 * DAY }), ({ cal, start }, jitter) => {
        const zone = cal.timeZone;
        const at = start + jitter;
        const end = endOfWorkingDay(cal, new Date(at)).getTime();
        expect(end).toBeGreaterThan(at);
        expect(isWorkingTime(cal, new Date(end - 1))).toBe(true);
        const endDay = refLocalDay(zone, end - 1);
        const nextMidnight = refInstant(zone, (endDay + 1) * DAY);
        expect(workingTimeBetween(cal, new Date(end), new Date(nextMidnight))).toBe(0);
        if (end !== nextMidnight) expect(isWorkingTime(cal, new Date(end))).toBe(false);
        const atDay = refLocalDay(zone, at);
        const atMidnight = refInstant(zone, (atDay + 1) * DAY);
        if (workingTimeBetween(cal, new Date(at), new Date(atMidnight)) > 0) {
          expect(endDay).toBe(atDay);
        } else {
          expect(endDay).toBeGreaterThan(atDay);
          expect(workingTimeBetween(cal, new Date(at), new Date(refInstant(zone, endDay * DAY)))).toBe(0);
        }
      }),
      FC,
    );
  });

  it('adds plain time on a 24x7 calendar', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: -30 * DAY, max: 30 * DAY }),
        fc.integer({ min: 0, max: 30 * DAY }),
        ({ zone, start }, ms, span) => {
          const cal: CalendarSpec = { timeZone: zone, alwaysOpen: true, week: [], days: new Map() };
          const at = new Date(start + (ms % 997));
          expect(addWorkingTime(cal, at, ms).getTime()).toBe(at.getTime() + ms);
          expect(subtractWorkingTime(cal, at, ms).getTime()).toBe(at.getTime() - ms);
          expect(workingTimeBetween(cal, at, new Date(at.getTime() + span))).toBe(span);
          expect(isWorkingTime(cal, at)).toBe(true);
          expect(nextOpening(cal, at).getTime()).toBe(at.getTime());
          const eod = endOfWorkingDay(cal, at).getTime();
          expect(eod).toBe(refInstant(zone, (refLocalDay(zone, at.getTime()) + 1) * DAY) - 1);
          expect(refLocalDay(zone, eod)).toBe(refLocalDay(zone, at.getTime()));
        },
      ),
      FC,
    );
  });
});
