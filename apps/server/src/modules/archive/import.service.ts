import type { ImportResult } from '@steward/contracts';
import { IMPORT_COLUMNS, type ImportKind } from '@steward/contracts/catalogues';
import { refreshStatistics, type Db } from '../../db/database.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PiiCipher } from '../../platform/pii/cipher.ts';
import { readSheet, type SheetRow } from '../../platform/xlsx.ts';
import { applyCustomers } from './import-customers.ts';
import { applyHouses } from './import-houses.ts';
import { parseCustomerRows, parseHouseRows, type RowProblem } from './row-rules.ts';

export type ImportDeps = { db: Db; clock: Clock; cipher: PiiCipher };

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; problems: RowProblem[] };

/** Thrown inside the import transaction to roll everything back with the problems found. */
class Refused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('import refused');
  }
}

/** Imports at least this large change the data enough to refresh the query planner's statistics. */
const STATISTICS_AFTER_ROWS = 1000;

const byRow = (a: RowProblem, b: RowProblem) => (a.row ?? 0) - (b.row ?? 0);

/**
 * Imports one .xlsx file all or nothing: the whole file is read and checked first (every problem
 * reported with its row and column), then applied in one transaction, which any problem found
 * while matching against the database rolls back.
 */
export async function importFile(
  deps: ImportDeps,
  actor: Actor,
  meta: RequestMeta,
  kind: ImportKind,
  file: Buffer | string,
  onProgress?: (stage: 'read' | 'apply', rows: number) => void,
): Promise<ImportOutcome> {
  const sheet = await readSheet(file, IMPORT_COLUMNS[kind], { onProgress: (n) => onProgress?.('read', n) });
  if (!sheet.ok) return { ok: false, problems: sheet.problems };
  return importRows(deps, actor, meta, kind, sheet.rows, onProgress);
}

/** The checking and applying half of an import, for rows already read (a file, or generated demo data). */
export async function importRows(
  deps: ImportDeps,
  actor: Actor,
  meta: RequestMeta,
  kind: ImportKind,
  rows: readonly SheetRow[],
  onProgress?: (stage: 'read' | 'apply', rows: number) => void,
): Promise<ImportOutcome> {
  const sheet = { rows };
  const parsed = kind === 'houses' ? parseHouseRows(sheet.rows) : parseCustomerRows(sheet.rows);
  // Rows that read well are still matched against the database when others did not, so one
  // report lists every fault (a bad phone on row 2 and an unknown house on row 3).
  const check = (problems: RowProblem[]) => {
    const all = [...parsed.problems, ...problems];
    if (all.length) throw new Refused(all.sort(byRow));
  };
  try {
    const result = await deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now().toISOString();
      onProgress?.('apply', sheet.rows.length);
      const applied =
        'houses' in parsed
          ? await applyHouses(tx, actor, now, parsed.houses, check)
          : await applyCustomers(tx, actor, deps.cipher, now, parsed.customers, check);
      const outcome = { ...applied, imported: sheet.rows.length };
      await writeAudit(tx, deps.clock, {
        action: 'data.imported',
        orgId: actor.orgId,
        actor: auditActor(actor),
        details: { kind, ...outcome },
        meta,
      });
      return outcome;
    });
    if (rows.length >= STATISTICS_AFTER_ROWS) await refreshStatistics(deps.db);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: error.problems };
    throw error;
  }
}
