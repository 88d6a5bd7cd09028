import { describe, expect, it } from 'vitest';
import { countdownState, countdownText, type CountdownInput } from './countdown.ts';
import { interpolateForTest } from './testing.ts';

const zh = interpolateForTest('zh-CN');
const en = interpolateForTest('en-US');

/** A 60-minute clock from 10:00, warning at 80% (10:48), due 11:00. */
const clock: CountdownInput = {
  startedAt: '2026-11-24T10:00:00Z',
  warnAt: '2026-11-24T10:48:00Z',
  dueAt: '2026-11-24T11:00:00Z',
  paused: false,
};
const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss}Z`);

describe('countdown of a running clock', () => {
  it('is blue before the warning point, with the share of the span left', () => {
    const state = countdownState(clock, at('10:15:00'));
    expect(state).toEqual({ kind: 'running', tone: 'normal', minutes: 45, left: 0.75 });
    expect(countdownText(state, zh)).toBe('剩 45分钟');
    expect(countdownText(state, en)).toBe('45 min left');
  });

  it('turns orange (即将超时) from the warning point on', () => {
    expect(countdownState(clock, at('10:47:59'))).toMatchObject({ tone: 'normal' });
    const state = countdownState(clock, at('10:48:00'));
    expect(state).toMatchObject({ tone: 'soon', minutes: 12 });
    expect(countdownText(state, zh)).toBe('剩 12分钟');
  });

  it('says "under a minute" rather than "0 minutes" in its last minute', () => {
    const state = countdownState(clock, at('10:59:30'));
    expect(state).toMatchObject({ tone: 'soon', minutes: 0 });
    expect(countdownText(state, zh)).toBe('剩不到1分钟');
    expect(countdownText(state, en)).toBe('under 1 min left');
  });

  it('turns red (已超时) at the deadline and counts the time over', () => {
    const due = countdownState(clock, at('11:00:00'));
    expect(due).toMatchObject({ tone: 'overdue', left: 0 });
    const late = countdownState(clock, at('12:04:10'));
    expect(late).toMatchObject({ tone: 'overdue', minutes: -65 });
    expect(countdownText(late, zh)).toBe('超时 1小时5分');
    expect(countdownText(late, en)).toBe('1 h 5 min overdue');
  });

  it('without a warning point stays blue until due', () => {
    const state = countdownState({ ...clock, warnAt: null }, at('10:59:00'));
    expect(state).toMatchObject({ tone: 'normal', minutes: 1 });
  });

  it('without a start shows no share', () => {
    expect(countdownState({ ...clock, startedAt: null }, at('10:15:00'))).toMatchObject({ left: null });
  });

  it('long spans read in days', () => {
    const state = countdownState({ ...clock, dueAt: '2026-11-27T11:00:00Z' }, at('10:15:00'));
    expect(countdownText(state, zh)).toBe('剩 3天');
  });
});

describe('no countdown', () => {
  it('on hold shows paused, whatever the deadline', () => {
    const state = countdownState({ ...clock, paused: true }, at('12:00:00'));
    expect(state).toEqual({ kind: 'paused' });
    expect(countdownText(state, zh)).toBe('已暂停');
    expect(countdownText(countdownState({ ...clock, dueAt: null, paused: true }, at('10:00:00')), en)).toBe(
      'Paused',
    );
  });

  it('shows nothing when no clock runs', () => {
    const state = countdownState({ ...clock, dueAt: null }, at('10:15:00'));
    expect(state).toEqual({ kind: 'none' });
    expect(countdownText(state, zh)).toBe('');
  });
});
