import type { TFunction } from '../../app/i18n/types.ts';
import { durationParts, minutesUntil } from './format.ts';

/**
 * A running clock as the desk reads it: in time (blue), past its warning point (orange, 即将超时)
 * or past its deadline (red, 已超时).
 */
export type CountdownTone = 'normal' | 'soon' | 'overdue';

export interface CountdownInput {
  dueAt: string | null;
  /** The policy's warning point; null: the clock stays blue until it is due. */
  warnAt: string | null;
  /** When the clock started: with dueAt the whole span, of which the bar shows what is left. */
  startedAt: string | null;
  /** The record is on hold: no clock runs. */
  paused: boolean;
}

export type CountdownState =
  | { kind: 'none' }
  | { kind: 'paused' }
  | {
      kind: 'running';
      tone: CountdownTone;
      /** Whole minutes to the deadline; negative once it has passed. */
      minutes: number;
      /** Share of the span still left, 0–1; null when the start is unknown. */
      left: number | null;
    };

const time = (iso: string | null): number | null => {
  if (!iso) return null;
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? null : ms;
};

/** Where a clock stands at `now`. */
export function countdownState(input: CountdownInput, now: Date): CountdownState {
  if (input.paused) return { kind: 'paused' };
  const due = time(input.dueAt);
  if (due === null) return { kind: 'none' };
  const at = now.getTime();
  const warn = time(input.warnAt);
  const start = time(input.startedAt);
  const tone: CountdownTone = at >= due ? 'overdue' : warn !== null && at >= warn ? 'soon' : 'normal';
  const left = start !== null && due > start ? Math.min(1, Math.max(0, (due - at) / (due - start))) : null;
  return { kind: 'running', tone, minutes: minutesUntil(input.dueAt!, now), left };
}

/** A span in words: 25分钟, 1小时5分, 3天 (the desk's duration words). */
export function spanWords(minutes: number, t: TFunction): string {
  const { unit, value, rest } = durationParts(minutes);
  if (unit === 'hours' && rest > 0) return t('duration.hoursMinutes', { hours: value, minutes: rest });
  return t(`duration.${unit}`, { count: value });
}

/** "剩 12分钟", "剩不到1分钟", "超时 1小时5分"; "已暂停" on hold; empty when no clock runs. */
export function countdownText(state: CountdownState, t: TFunction): string {
  switch (state.kind) {
    case 'none':
      return '';
    case 'paused':
      return t('sla.paused');
    case 'running':
      if (state.tone === 'overdue') return t('due.over', { span: spanWords(state.minutes, t) });
      if (state.minutes < 1) return t('sla.underMinute');
      return t('due.left', { span: spanWords(state.minutes, t) });
  }
}

/** Tag colours of the tones, the same in queues, on the record and in the alerts. */
export const TONE_COLORS: Record<CountdownTone, string> = {
  normal: 'blue',
  soon: 'orange',
  overdue: 'red',
};

/** Bar colours (antd's palette) matching TONE_COLORS. */
export const TONE_STROKES: Record<CountdownTone, string> = {
  normal: '#1677ff',
  soon: '#fa8c16',
  overdue: '#f5222d',
};
