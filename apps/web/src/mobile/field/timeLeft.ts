import type { MessageParams } from '../../app/i18n/types.ts';

/** Minutes before a job counts as "due soon" on the cards (shown in orange). */
export const DUE_SOON_MINUTES = 60;

export interface TimeLeft {
  overdue: boolean;
  soon: boolean;
  /** Whole minutes to (or past) the deadline, always ≥ 0. */
  minutes: number;
}

/** How far the deadline is from now; null without a deadline. */
export function timeLeft(dueAt: string | null | undefined, now: number): TimeLeft | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const diff = due - now;
  const overdue = diff < 0;
  // Round towards "less time": 59.9 minutes left shows as 59, 0.5 minutes overdue as 1.
  const minutes = overdue ? Math.ceil(-diff / 60_000) : Math.floor(diff / 60_000);
  return { overdue, soon: !overdue && minutes < DUE_SOON_MINUTES, minutes };
}

type Translate = (
  key: 'field.duration.days' | 'field.duration.hours' | 'field.duration.minutes',
  params: MessageParams,
) => string;

/** 2 days 3 hours / 3 hours 5 minutes / 12 minutes: the two largest units are enough on a card. */
export function formatDuration(minutes: number, t: Translate): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('field.duration.days', { d: days, h: hours });
  if (hours > 0) return t('field.duration.hours', { h: hours, m: mins });
  return t('field.duration.minutes', { m: mins });
}
