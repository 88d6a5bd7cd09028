/** Money is integer fen on the wire; people read yuan with two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/**
 * What a line will cost before the server says so: unit price × quantity (two decimals), rounded
 * to the fen. Quantities go through hundredths so 0.29 × 100 fen is 29, not 28.999….
 */
export function lineAmountFen(unitPriceFen: number, quantity: number): number {
  const hundredths = Math.round(quantity * 100);
  return Math.round((unitPriceFen * hundredths) / 100);
}

/** Quantities are kept to two decimals, as the server takes them. */
export function roundQuantity(quantity: number): number {
  return Math.round(quantity * 100) / 100;
}
