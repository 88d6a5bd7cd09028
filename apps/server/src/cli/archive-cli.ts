import fs from 'node:fs';
import { IMPORT_KINDS, type ImportKind } from '@steward/contracts/catalogues';
import type { Db } from '../db/database.ts';
import { describeProblems, exportArchive, importFile } from '../modules/archive/index.ts';
import { SYSTEM_META } from '../platform/auth/actor.ts';
import { toActor } from '../platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../platform/auth/principal.repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { PiiCipher } from '../platform/pii/cipher.ts';

export type ArchiveCliDeps = { db: Db; clock: Clock; cipher: PiiCipher; config: { timeZone: string } };

/** `--as <username>`: the staff member the command acts as (their permissions, scope and audit trail). */
export function parseArchiveArgs(args: string[]): { kind: ImportKind; file: string; as: string } | string {
  const [kind, file] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--as');
  const asIndex = args.indexOf('--as');
  const as = asIndex >= 0 ? args[asIndex + 1] : 'admin';
  if (!kind || !IMPORT_KINDS.includes(kind as ImportKind))
    return `kind must be one of: ${IMPORT_KINDS.join(', ')}`;
  if (!file) return 'give the .xlsx file';
  if (!as) return '--as needs a username';
  return { kind: kind as ImportKind, file, as };
}

/** The active user `username` as an actor (the CLI's `--as`; also used by the benchmarks). */
export async function actorNamed(db: Db, username: string) {
  const user = await loadPrincipalUser(db, { username });
  if (!user || user.status !== 'active')
    throw new CliError(`no active user "${username}" (choose one with --as)`);
  return toActor(user, 'user', {});
}

export class CliError extends Error {}

/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal. */
function progress(label: string): (stage: string, rows: number) => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (stage, rows) => {
    const now = Date.now();
    if (tty && now - last < 100) return;
    last = now;
    const bar = '█'.repeat(Math.min(30, Math.floor(rows / 5000))).padEnd(30, '░');
    const line = `${label} ${stage === 'read' ? 'reading ' : 'applying'} ${bar} ${rows.toLocaleString('en-US')} rows`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (stage === 'apply') process.stderr.write(`${line}\n`);
  };
}

export async function runImport(deps: ArchiveCliDeps, args: string[]): Promise<number> {
  const parsed = parseArchiveArgs(args);
  if (typeof parsed === 'string') throw new CliError(parsed);
  if (!fs.existsSync(parsed.file)) throw new CliError(`no such file: ${parsed.file}`);
  const actor = await actorNamed(deps.db, parsed.as);
  const started = Date.now();
  const outcome = await importFile(deps, actor, SYSTEM_META, parsed.kind, parsed.file, progress(parsed.kind));
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (!outcome.ok) {
    const rows = describeProblems(parsed.kind, outcome.problems, 'zh-CN');
    console.error(`Nothing imported: ${rows.length} problem(s).`);
    for (const p of rows.slice(0, 200))
      console.error(`  row ${p.row ?? '-'}\t${p.column ?? ''}\t${p.reason}`);
    if (rows.length > 200) console.error(`  … and ${rows.length - 200} more`);
    return 1;
  }
  const seconds = (Date.now() - started) / 1000;
  const { imported, created, updated, unchanged } = outcome.result;
  console.log(
    `Imported ${imported} rows in ${seconds.toFixed(1)} s (${Math.round(imported / seconds)} rows/s): ${created} created, ${updated} updated, ${unchanged} unchanged.`,
  );
  return 0;
}

export async function runExport(deps: ArchiveCliDeps, args: string[]): Promise<number> {
  const parsed = parseArchiveArgs(args);
  if (typeof parsed === 'string') throw new CliError(parsed);
  const actor = await actorNamed(deps.db, parsed.as);
  const file = await exportArchive(deps, actor, SYSTEM_META, parsed.kind, {}, 'zh-CN');
  const out = fs.createWriteStream(parsed.file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const { rows } = (await file.write(out)) as { rows: number };
  await done;
  console.log(`Exported ${rows} rows to ${parsed.file}.`);
  return 0;
}
