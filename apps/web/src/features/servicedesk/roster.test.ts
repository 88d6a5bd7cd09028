import { describe, expect, it } from 'vitest';
import type { DutyShift } from '@steward/contracts';
import {
  addDays,
  rosterCells,
  shiftInstants,
  todayIn,
  utcToZoned,
  viewShift,
  weekDays,
  weekRange,
  weekStart,
  zonedToUtc,
} from './roster.ts';

const shift = (id: string, userId: string, startsAt: string, endsAt: string): DutyShift => ({
  id,
  userId,
  userName: userId,
  departmentId: null,
  startsAt,
  endsAt,
});

describe('wall clock ⇄ UTC', () => {
  it('reads Shanghai times as UTC+8', () => {
    expect(zonedToUtc('2026-11-23', '08:00')).toBe('2026-11-23T00:00:00.000Z');
    expect(zonedToUtc('2026-11-23', '20:00')).toBe('2026-11-23T12:00:00.000Z');
    expect(zonedToUtc('2026-11-23', '00:00')).toBe('2026-11-22T16:00:00.000Z');
    expect(utcToZoned('2026-11-22T16:00:00.000Z')).toEqual({ date: '2026-11-23', time: '00:00' });
  });

  it('follows daylight saving time where the zone has it', () => {
    // Berlin: UTC+1 in winter, UTC+2 from the last Sunday of March.
    expect(zonedToUtc('2026-01-15', '09:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedToUtc('2026-07-15', '09:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00.000Z');
    expect(utcToZoned('2026-07-15T07:00:00.000Z', 'Europe/Berlin')).toEqual({
      date: '2026-07-15',
      time: '09:00',
    });
  });

  it('knows the zone date whatever the browser zone', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
  });
});

describe('weeks', () => {
  it('start on Monday and cross months and years', () => {
    expect(weekStart('2026-11-25')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('are read from Monday 00:00 to next Monday 00:00 in the zone', () => {
    expect(weekRange('2026-11-23')).toEqual({
      from: '2026-11-22T16:00:00.000Z',
      to: '2026-11-29T16:00:00.000Z',
    });
  });
});

describe('shifts', () => {
  it('end the next day when the end is not after the start', () => {
    expect(shiftInstants('2026-11-23', '08:00', '20:00')).toEqual({
      startsAt: '2026-11-23T00:00:00.000Z',
      endsAt: '2026-11-23T12:00:00.000Z',
    });
    expect(shiftInstants('2026-11-23', '20:00', '08:00')).toEqual({
      startsAt: '2026-11-23T12:00:00.000Z',
      endsAt: '2026-11-24T00:00:00.000Z',
    });
  });

  it('sit in the cell of the person and the day they start, night shifts on their evening', () => {
    const days = weekDays('2026-11-23');
    const night = shift('n', 'u1', '2026-11-23T12:00:00.000Z', '2026-11-24T00:00:00.000Z');
    const day = shift('d', 'u1', '2026-11-23T00:00:00.000Z', '2026-11-23T12:00:00.000Z');
    const lastWeek = shift('x', 'u1', '2026-11-22T12:00:00.000Z', '2026-11-23T00:00:00.000Z');
    const other = shift('o', 'u2', '2026-11-29T00:00:00.000Z', '2026-11-29T12:00:00.000Z');
    const cells = rosterCells([night, day, lastWeek, other], days);
    expect(cells.get('u1|2026-11-23')?.map((v) => v.shift.id)).toEqual(['d', 'n']);
    expect(cells.get('u2|2026-11-29')?.map((v) => v.shift.id)).toEqual(['o']);
    expect(cells.get('u1|2026-11-22')).toBeUndefined();
    expect(viewShift(night)).toMatchObject({
      date: '2026-11-23',
      start: '20:00',
      end: '08:00',
      endDayOffset: 1,
    });
  });
});
