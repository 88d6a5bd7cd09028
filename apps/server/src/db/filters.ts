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

/** Values that start with `prefix`, as an index range (columns declared with `searchText`). */
export function prefixRange(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} >= ${prefix} and ${sql.ref(column)} < ${prefix + '\u{10FFFF}'})`;
}

/**
 * Values whose ASCII-lowered form starts with `prefix` (already lowered), as a range on `lower(column)`:
 * an index on that expression serves it (`searchText` columns keep byte order through lower()).
 */
export function lowerPrefixRange(column: string, prefix: string): Expression<SqlBool> {
  const lowered = sql`lower(${sql.ref(column)})`;
  return sql<SqlBool>`(${lowered} >= ${prefix} and ${lowered} < ${prefix + '\u{10FFFF}'})`;
}

/** Rows inside a scope given as whole projects plus single buildings (see platform/auth/scope.ts scopeLists). */
export function inPlaces(
  projectColumn: string,
  buildingColumn: string,
  scope: { all: true } | { all: false; projectIds: readonly string[]; buildingIds: readonly string[] },
): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const parts = [
    ...(scope.projectIds.length
      ? [sql<SqlBool>`${sql.ref(projectColumn)} in (${sql.join(scope.projectIds)})`]
      : []),
    ...(scope.buildingIds.length
      ? [sql<SqlBool>`${sql.ref(buildingColumn)} in (${sql.join(scope.buildingIds)})`]
      : []),
  ];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}
