import { describe, expect, it } from 'vitest';
import {
  defaultDeadlines,
  defaultPromise,
  endOfLocalDay,
  localDayStamp,
  runningDeadline,
  shiftForHold,
} from './clocks.ts';

const eod = (d: Date) => endOfLocalDay(d, 'Asia/Shanghai');

describe('record clocks', () => {
  it('sets the handbook defaults from receipt', () => {
    const d = defaultDeadlines({ urgency: 'emergency', receivedAt: new Date('2026-11-22T02:00:00Z') }, eod);
    expect(d.dispatchBy).toBe('2026-11-22T02:02:00.000Z');
    expect(d.arriveBy).toBe('2026-11-22T02:15:00.000Z');
    expect(d.feedbackBy).toBe('2026-11-22T15:59:59.000Z');
    expect(
      defaultDeadlines({ urgency: 'special', receivedAt: new Date('2026-11-22T02:00:00Z') }, eod).arriveBy,
    ).toBeNull();
  });

  it('promises a phone repair a reply in 10 minutes, an emergency in 5, anything else by the same-day feedback', () => {
    const receivedAt = new Date('2026-11-22T02:00:00Z');
    const d = defaultDeadlines({ urgency: 'general', receivedAt }, eod);
    expect(defaultPromise({ type: 'repair', channel: 'phone', urgency: 'general', receivedAt }, d)).toBe(
      '2026-11-22T02:10:00.000Z',
    );
    expect(defaultPromise({ type: 'complaint', channel: 'phone', urgency: 'emergency', receivedAt }, d)).toBe(
      '2026-11-22T02:05:00.000Z',
    );
    expect(defaultPromise({ type: 'suggestion', channel: 'letter', urgency: 'general', receivedAt }, d)).toBe(
      d.feedbackBy,
    );
  });

  it('runs one clock per status and none on hold', () => {
    const d = defaultDeadlines({ urgency: 'general', receivedAt: new Date('2026-11-22T02:00:00Z') }, eod);
    expect(runningDeadline('received', d)).toBe(d.dispatchBy);
    expect(runningDeadline('dispatched', d)).toBe(d.acceptBy);
    expect(runningDeadline('in_progress', d)).toBe(d.completeBy);
    expect(runningDeadline('on_hold', d)).toBeNull();
    expect(runningDeadline('archived', d)).toBeNull();
  });

  it('moves only the deadlines still ahead at the hold by the time on hold', () => {
    const d = {
      dispatchBy: '2026-11-22T02:05:00.000Z',
      acceptBy: '2026-11-22T02:30:00.000Z',
      arriveBy: null,
      completeBy: '2026-11-23T02:00:00.000Z',
      feedbackBy: '2026-11-22T15:59:59.000Z',
    };
    const shifted = shiftForHold(d, '2026-11-22T02:10:00.000Z', '2026-11-22T03:10:00.000Z');
    expect(shifted.dispatchBy).toBe(d.dispatchBy);
    expect(shifted.acceptBy).toBe('2026-11-22T03:30:00.000Z');
    expect(shifted.arriveBy).toBeNull();
    expect(shifted.completeBy).toBe('2026-11-23T03:00:00.000Z');
  });

  it('numbers by the local day: 01:00 in Shanghai is still the previous UTC date', () => {
    expect(localDayStamp(new Date('2026-11-22T17:00:00Z'), 'Asia/Shanghai')).toBe('20261123');
    expect(localDayStamp(new Date('2026-11-22T15:59:59Z'), 'Asia/Shanghai')).toBe('20261122');
    expect(eod(new Date('2026-11-22T16:00:00Z')).toISOString()).toBe('2026-11-23T15:59:59.000Z');
  });
});
