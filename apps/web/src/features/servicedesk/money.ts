/**
 * Yuan as people type them ⇄ integer fen as the server stores them. Both directions work on the
 * decimal digits, never on `yuan * 100` (0.29 * 100 is 28.999999999999996 in floating point).
 */

/** The price list's ceiling: ¥1,000,000.00 (contracts `Fen`). */
export const MAX_FEN = 100_000_000;

const YUAN = /^(\d{1,15})(?:\.(\d{0,2}))?$/;

/**
 * "12.5" → 1250, "0.29" → 29, "8" → 800, " 1,234.00 " → 123400; null for anything that is not an
 * amount of yuan with at most two decimals (negative, three decimals, letters, empty).
 */
export function yuanToFen(text: string): number | null {
  const match = YUAN.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  const whole = match[1]!;
  const cents = (match[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 1250 → "12.50", 5 → "0.05", -300 → "-3.00": the form an input field shows. */
export function fenToYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`fen must be an integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123400 → "¥1,234.00": the form a list shows. */
export function formatFen(fen: number): string {
  const [whole, cents] = fenToYuan(fen).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return grouped.startsWith('-') ? `-¥${grouped.slice(1)}.${cents}` : `¥${grouped}.${cents}`;
}
