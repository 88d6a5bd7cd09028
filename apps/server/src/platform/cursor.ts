import { platformError } from './errors.ts';

/** Opaque keyset cursor: the sort values of the last row, base64url-encoded. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, arity: number): (string | number)[] | null {
  if (raw === undefined || raw === '') return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => (typeof v === 'string' && v.length <= 200) || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw platformError('INVALID_CURSOR');
}

/** Splits a fetched page of limit+1 rows into the page and the cursor for the next one. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    items: page.map(toItem),
    nextCursor: more ? encodeCursor(cursorOf(page[page.length - 1]!)) : null,
  };
}
