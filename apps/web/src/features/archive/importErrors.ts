import type { ImportRowProblem } from '@steward/contracts';
import { ApiError } from '../../api/client.ts';

export const IMPORT_REJECTED = 'IMPORT_REJECTED';

/** The row-level problems of a refused import file (`error.details.rows`), or null for other errors. */
export function importProblems(error: unknown): ImportRowProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== IMPORT_REJECTED) return null;
  const rows = error.details.rows;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter(
      (r): r is ImportRowProblem =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as ImportRowProblem).reason === 'string' &&
        ((r as ImportRowProblem).row === null || typeof (r as ImportRowProblem).row === 'number'),
    )
    .map((r) => ({
      row: r.row ?? null,
      column: typeof r.column === 'string' ? r.column : null,
      reason: r.reason,
    }));
}

/** Only Excel workbooks (.xlsx) are read; older .xls and CSV files are refused before upload. */
export function isXlsx(fileName: string): boolean {
  return /\.xlsx$/i.test(fileName.trim());
}
