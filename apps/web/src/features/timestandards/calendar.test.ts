import { describe, expect, it } from 'vitest';
import { addHolidays, datesBetween, summariseWeek, weekProblems } from './calendar.ts';

const p = (start: string, end: string) => ({ start, end });
const office = [p('08:30', '12:00'), p('13:30', '17:30')];

describe('calendar editing helpers', () => {
  it('groups consecutive days with the same periods', () => {
    expect(summariseWeek([office, office, office, office, office, [], []])).toEqual([
      { from: 0, to: 4, periods: office },
      { from: 5, to: 6, periods: [] },
    ]);
    // The same hours apart are two groups: Monday and Wednesday are not a range.
    expect(summariseWeek([office, [], office, [], [], [], []]).map((g) => [g.from, g.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 6],
    ]);
  });

  it('finds periods the server would refuse', () => {
    expect(weekProblems([office, [], [], [], [], [], []])).toEqual([]);
    expect(
      weekProblems([[p('09:00', '09:00')], [p('13:00', '17:00'), p('08:00', '12:00')], [], [], [], [], []]),
    ).toEqual([
      { day: 0, index: 0, problem: 'empty' },
      { day: 1, index: 1, problem: 'overlap' },
    ]);
    expect(weekProblems([[p('08:00', '12:00'), p('12:00', '24:00')], [], [], [], [], [], []])).toEqual([]);
  });

  it('adds a range of holidays, keeping dates already listed', () => {
    expect(datesBetween('2026-09-30', '2026-10-02')).toEqual(['2026-09-30', '2026-10-01', '2026-10-02']);
    expect(datesBetween('2026-10-02', '2026-10-01')).toEqual([]);
    const { days, added } = addHolidays(
      [
        { date: '2026-10-08', kind: 'holiday', name: '' },
        { date: '2026-10-02', kind: 'workday', name: '调休' },
      ],
      '2026-10-01',
      '2026-10-03',
      '国庆节',
    );
    expect(added).toBe(2);
    expect(days.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2026-10-01 holiday 国庆节',
      '2026-10-02 workday 调休',
      '2026-10-03 holiday 国庆节',
      '2026-10-08 holiday ',
    ]);
  });
});
