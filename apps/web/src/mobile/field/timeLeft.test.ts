import { describe, expect, it } from 'vitest';
import { interpolate } from '../../app/i18n/I18nProvider.tsx';
import { enUS } from '../../app/i18n/en-US.ts';
import type { MessageParams } from '../../app/i18n/types.ts';
import { zhCN } from '../../app/i18n/zh-CN.ts';
import { formatDuration, timeLeft } from './timeLeft.ts';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const zh = (key: keyof typeof zhCN, params: MessageParams) => interpolate(zhCN[key], params);
const en = (key: keyof typeof enUS, params: MessageParams) => interpolate(enUS[key], params);

describe('timeLeft', () => {
  it('counts whole minutes to the deadline, rounding towards less time', () => {
    expect(timeLeft('2026-11-24T09:30:59Z', NOW)).toEqual({ overdue: false, soon: false, minutes: 90 });
  });

  it('marks the last hour as soon', () => {
    expect(timeLeft('2026-11-24T08:59:00Z', NOW)).toEqual({ overdue: false, soon: true, minutes: 59 });
  });

  it('counts a deadline just passed as one minute overdue', () => {
    expect(timeLeft('2026-11-24T07:59:30Z', NOW)).toEqual({ overdue: true, soon: false, minutes: 1 });
  });

  it('answers null without a (readable) deadline', () => {
    expect(timeLeft(null, NOW)).toBeNull();
    expect(timeLeft('not a date', NOW)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(12, zh)).toBe('12分钟');
    expect(formatDuration(185, zh)).toBe('3小时5分');
    expect(formatDuration(2 * 1440 + 190, zh)).toBe('2天3小时');
    expect(formatDuration(12, en)).toBe('12 min');
    expect(formatDuration(185, en)).toBe('3 h 5 min');
    expect(formatDuration(2 * 1440 + 190, en)).toBe('2 d 3 h');
  });

  it('reads naturally in a sentence', () => {
    expect(interpolate(zhCN['field.due.overdue'], { time: formatDuration(35, zh) })).toBe('已超时 35分钟');
    expect(interpolate(enUS['field.due.left'], { time: formatDuration(61, en) })).toBe('1 h 1 min left');
  });
});
