import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Case-insensitive "contains" on either engine: lower() on both sides in SQL (Unicode-aware: see
 * openSqlite; PostgreSQL needs a UTF-8 locale), wildcards in the user's text escaped, and an
 * explicit ESCAPE (SQLite has no default escape character).
 */
export function containsText(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}

/** Restricts `column` to the ids a caller may see; 'all' adds no condition. */
export function inScope(column: string, ids: 'all' | readonly string[]): Expression<SqlBool> {
  if (ids === 'all') return sql<SqlBool>`1 = 1`;
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`;
}
