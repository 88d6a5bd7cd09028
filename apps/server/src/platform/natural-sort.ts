/**
 * Codes and room labels in the order people expect: building 2 before building 10, room 101
 * before 1001. Text comparison puts "10" before "2", which on a list of 300 rooms reads as chaos.
 */
const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);

/**
 * A key whose plain text order is the natural order (every run of digits left-padded to 10), for
 * sorting and keyset paging in SQL: "3-2-1502" → "0000000003-0000000002-0000001502".
 */
export function naturalSortKey(text: string): string {
  return text.replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(10, '0'));
}
