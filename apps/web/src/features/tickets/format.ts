/** Money arrives in integer fen; people read yuan with two decimals (1250 → ¥12.50). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** A quantity as typed on a line: 2, 1.5, 0.25 — no trailing zeros. */
export function formatQuantity(quantity: number): string {
  return String(Math.round(quantity * 100) / 100);
}

/** How far a deadline is from now, in whole minutes: negative once it has passed. */
export function minutesUntil(iso: string, now: Date): number {
  const diff = new Date(iso).getTime() - now.getTime();
  return diff >= 0 ? Math.floor(diff / 60_000) : -Math.ceil(-diff / 60_000);
}

export interface DurationParts {
  unit: 'minutes' | 'hours' | 'days';
  value: number;
  /** Minutes left over beside hours (2 h 15 min); 0 otherwise. */
  rest: number;
}

/** A span as people say it: 25 minutes, 2 hours 15 minutes, 3 days. */
export function durationParts(minutes: number): DurationParts {
  const abs = Math.abs(minutes);
  if (abs < 60) return { unit: 'minutes', value: abs, rest: 0 };
  if (abs < 48 * 60) return { unit: 'hours', value: Math.floor(abs / 60), rest: abs % 60 };
  return { unit: 'days', value: Math.floor(abs / (24 * 60)), rest: 0 };
}
