import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { PassThrough, Readable, Transform, type Stream } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { type ImportColumn } from '@steward/contracts/catalogues';

/**
 * The archive's Excel layer: reads an uploaded .xlsx into rows of trimmed strings keyed by column,
 * with a row-level list of everything wrong in it, and writes templates and exports. Both sides
 * stream (exceljs's WorkbookReader and WorkbookWriter), so a 100k-house file never sits in memory
 * as a workbook.
 */

export const SHEET_REASONS = [
  /** The file does not start like a zip: a renamed .xls, .csv or anything else. */
  'not_xlsx',
  /** A zip, but not a workbook we can read, or a damaged one. */
  'unreadable',
  /** No header row, or a header and no data rows. */
  'empty',
  'missing_header',
  'unknown_header',
  'duplicate_header',
  /** Data in a column whose header cell is blank: it would be dropped silently otherwise. */
  'unnamed_column',
  'merged_cell',
  'formula',
  /** An error value such as #N/A or #REF! typed or pasted into a cell. */
  'error_value',
  /** A number of 16 or more digits: Excel keeps 15, so the last digits are already lost. */
  'imprecise_number',
  'too_long',
  'too_many_rows',
  /** The report stops at MAX_SHEET_PROBLEMS; this last entry says there were more. */
  'too_many_problems',
] as const;
export type SheetReason = (typeof SHEET_REASONS)[number];

export interface SheetProblem {
  /** 1-based Excel row number, or null when the problem is about the whole file. */
  row: number | null;
  /** The column's zh header, or the Excel column letter when the column is not one of ours. */
  column: string | null;
  reason: SheetReason;
  params?: Record<string, string | number>;
}

export type SheetRow = { row: number; values: Record<string, string> };
export type SheetReadResult = { ok: true; rows: SheetRow[] } | { ok: false; problems: SheetProblem[] };

export interface ReadSheetOptions {
  /** Data rows accepted before the file is refused with `too_many_rows` (default 300 000). */
  maxRows?: number;
  /** Called every 1 000 data rows and once at the end, with the data rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export const MAX_SHEET_ROWS = 300_000;
export const MAX_CELL_LENGTH = 500;
export const MAX_SHEET_PROBLEMS = 1000;
/** Excel's own limit for one cell; a longer text makes Excel "repair" the whole file. */
const EXCEL_CELL_LIMIT = 32_767;
const PROGRESS_EVERY = 1000;
/** Reading gives up when nothing moves for this long: a damaged zip can leave exceljs waiting forever. */
const STALL_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Reads the first worksheet of an .xlsx file (a Buffer or a file path) against `columns`. Never
 * throws for a bad file: everything wrong comes back as problems, all of them (up to
 * MAX_SHEET_PROBLEMS) so the user can fix the file in one go.
 */
export async function readSheet(
  input: Buffer | string,
  columns: readonly ImportColumn[],
  options: ReadSheetOptions = {},
): Promise<SheetReadResult> {
  // Checked before exceljs sees the file, so a 50 MB junk upload is refused at once and as what it
  // is, instead of as a zip error after unzipper has read all of it.
  if (!(await startsWithZipSignature(input))) return refuse('not_xlsx');
  const collector = new SheetCollector(columns, options.maxRows ?? MAX_SHEET_ROWS, options.onProgress);
  let scan: WorksheetScan;
  try {
    scan = await scanFirstWorksheet(input, (row) => collector.accept(row));
  } catch {
    return refuse('unreadable');
  }
  if (!scan.found) return refuse('unreadable');
  if (scan.complete) collector.addMerges(scan.merges);
  return collector.result();
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function startsWithZipSignature(input: Buffer | string): Promise<boolean> {
  if (typeof input !== 'string') return input.subarray(0, 4).equals(ZIP_SIGNATURE);
  try {
    const file = await open(input, 'r');
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await file.read(head, 0, 4, 0);
      return bytesRead === 4 && head.equals(ZIP_SIGNATURE);
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

function refuse(reason: SheetReason): SheetReadResult {
  return { ok: false, problems: [{ row: null, column: null, reason }] };
}

// --- exceljs streaming reader, with the fixes it needs ----------------------------------------

/** What exceljs's streaming reader hands out for a row; only what we use. */
interface StreamRow {
  number: number;
  eachCell(callback: (cell: { value: unknown }, column: number) => void): void;
}
type StreamWorksheet = AsyncIterable<StreamRow>;
type XmlChunks = AsyncIterable<Buffer | string>;

/** Internals of ExcelJS.stream.xlsx.WorkbookReader (exceljs 4.4) that the code below relies on. */
interface WorkbookReaderInternals {
  sharedStrings?: unknown[];
  workbookRels?: { Id?: string; Target?: string }[];
  model?: { sheets?: { rId?: string }[] };
  styles?: { index?: { numFmt?: (string | undefined)[] } };
  properties?: unknown;
  parse(): AsyncGenerator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: XmlChunks, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  [Symbol.asyncIterator](): AsyncIterator<StreamWorksheet>;
}
type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;
const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: ReaderOptions,
) => WorkbookReaderInternals;

for (const method of ['parse', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const) {
  // The fixes below override or rely on these; if an exceljs upgrade renames one, fail loudly.
  if (typeof WorkbookReaderBase.prototype[method] !== 'function') {
    throw new Error(`exceljs WorkbookReader.${method} is missing: review platform/xlsx.ts`);
  }
}

/**
 * East-Asian built-in number formats (ids 27–36, 50–58: 2024年1月15日, 1月15日, 上午10时30分 …) are
 * dates or times in a zh-CN Excel, but exceljs knows them only by locale and so reads such cells
 * as plain numbers (45306). Any date-like code makes it return a Date.
 */
const EAST_ASIAN_DATE_FORMAT_IDS = [
  27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
];

/** Per worksheet part: its number in the part name (sheet3.xml → '3') and the merges found in it. */
interface WorksheetSource {
  sheetNo: string;
  merges: MergeScanner;
}

/**
 * exceljs's streaming reader turns every chunk into text on its own (TextDecoder without
 * `stream: true`), so a Chinese character split between two chunks becomes two U+FFFD — a few
 * names in every thousand rows (exceljs issues #2063, #2084, #2316, still open). Its XML helper
 * passes strings through untouched, so the parts are decoded here, across chunk boundaries,
 * before exceljs sees them. The same pass collects <mergeCell> refs, which the streaming reader
 * skips entirely.
 */
class DecodingWorkbookReader extends WorkbookReaderBase {
  readonly sources = new WeakMap<object, WorksheetSource>();

  override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  override async _parseStyles(entry: Readable): Promise<void> {
    entry.setEncoding('utf8');
    await super._parseStyles(entry);
    const known = this.styles?.index?.numFmt;
    if (!Array.isArray(known)) return;
    for (const id of EAST_ASIAN_DATE_FORMAT_IDS) known[id] ??= 'yyyy-mm-dd';
  }

  override *_parseWorksheet(
    iterator: XmlChunks,
    sheetNo: string,
  ): Generator<{ eventType: string; value: unknown }> {
    const source: WorksheetSource = { sheetNo, merges: new MergeScanner() };
    for (const event of super._parseWorksheet(decodeXml(iterator, source.merges), sheetNo)) {
      if (typeof event.value === 'object' && event.value !== null) this.sources.set(event.value, source);
      yield event;
    }
  }
}

/**
 * Decodes a part's chunks as UTF-8 across chunk boundaries, showing each piece to `merges`. A part
 * that stops before its closing </worksheet> is refused: exceljs's XML helper never closes its
 * parser, so a cut-off sheet would otherwise read as a shorter, valid one.
 */
async function* decodeXml(chunks: XmlChunks, merges: MergeScanner): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text === '') continue;
    merges.scan(text);
    tail = text.length >= 64 ? text.slice(-64) : (tail + text).slice(-64);
    yield text;
  }
  const last = decoder.end();
  if (last !== '') {
    merges.scan(last);
    tail = (tail + last).slice(-64);
    yield last;
  }
  if (!/<\/(?:[\w.-]+:)?worksheet>\s*$/.test(tail)) throw new Error('worksheet part is cut off');
}

/**
 * Finds <mergeCell ref="A1:B2"/> in a worksheet's XML as it streams past. A tag cut in two by a
 * chunk boundary is carried to the next chunk ('<' only ever opens markup in XML text).
 */
class MergeScanner {
  readonly refs: string[] = [];
  private carry = '';
  private static readonly TAG = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g;

  scan(text: string): void {
    const buffer = this.carry + text;
    const lastOpen = buffer.lastIndexOf('<');
    const cut = lastOpen >= 0 && !buffer.includes('>', lastOpen) ? lastOpen : buffer.length;
    this.carry = buffer.slice(cut);
    const complete = cut === buffer.length ? buffer : buffer.slice(0, cut);
    if (!complete.includes('mergeCell')) return;
    for (const match of complete.matchAll(MergeScanner.TAG)) this.refs.push(match[1]!);
  }
}

interface WorksheetScan {
  /** A worksheet was found and read. */
  found: boolean;
  /** It was read to its end (merges are listed after the rows, so only then are they known). */
  complete: boolean;
  merges: string[];
}

const READER_OPTIONS: ReaderOptions = {
  sharedStrings: 'cache',
  styles: 'cache', // number formats, to tell dates from numbers
  hyperlinks: 'ignore', // a hyperlink cell keeps its text as its value
  entries: 'ignore',
};

/**
 * Streams the workbook's first worksheet (in the workbook's tab order) row by row into `onRow`,
 * which returns false to stop. Rejects on a damaged file, and when nothing moves for STALL_MS.
 *
 * Two passes over the zip. exceljs needs the shared strings before a worksheet, but Excel stores
 * them after it; left alone, it parks each worksheet in a temp file until they arrive, and a read
 * that fails or stops early never deletes those files (its cleanup runs only at the very end).
 * So the first pass reads only the small parts (shared strings, styles, workbook, relations) and
 * skips the worksheets; the second, given those, parses the first worksheet straight from the zip.
 * Inflating twice costs far less than writing the sheet to disk, and nothing is left behind.
 */
async function scanFirstWorksheet(
  input: Buffer | string,
  onRow: (row: StreamRow) => boolean,
): Promise<WorksheetScan> {
  const watch = new InputWatch(input);
  const work = async (): Promise<WorksheetScan> => {
    const parts = new DecodingWorkbookReader(watch.open(), { ...READER_OPTIONS, worksheets: 'ignore' });
    // "Known" up front, so exceljs skips worksheets instead of parking them (and does not trip on
    // a missing workbook model); the real parts replace these as they come by.
    parts.sharedStrings = [];
    parts.workbookRels = [];
    parts.model = {};
    for await (const _ of parts.parse()) {
      // nothing is emitted in this pass: the parts are kept on the reader
    }

    const reader = new DecodingWorkbookReader(watch.open(), { ...READER_OPTIONS, worksheets: 'emit' });
    reader.sharedStrings = parts.sharedStrings;
    reader.workbookRels = parts.workbookRels;
    reader.model = parts.model ?? {};
    reader.styles = parts.styles;
    reader.properties = parts.properties;
    const scan: WorksheetScan = { found: false, complete: false, merges: [] };
    for await (const worksheet of reader) {
      watch.alive();
      const source = reader.sources.get(worksheet);
      if (!source || !isFirstWorksheet(reader, source)) continue; // exceljs drains it
      scan.found = true;
      scan.complete = true;
      for await (const row of worksheet) {
        watch.alive();
        if (!onRow(row)) {
          scan.complete = false;
          break;
        }
      }
      scan.merges = source.merges.refs;
      break;
    }
    return scan;
  };
  try {
    return await Promise.race([work(), watch.failed]);
  } finally {
    watch.close();
  }
}

/**
 * Opens the input for each pass and watches the reads: a failure anywhere, or STALL_MS without
 * progress, rejects `failed`. exceljs pipes its input into unzipper without listening for errors
 * on either end, so a read error, or unzipper failing on a damaged deflate stream, would otherwise
 * leave it waiting forever.
 */
class InputWatch {
  readonly failed: Promise<never>;
  private fail: (error: unknown) => void = () => undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly streams: Readable[] = [];

  constructor(private readonly input: Buffer | string) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => undefined); // raced, and otherwise unobserved once the read is done
    this.timer = setTimeout(() => this.fail(new Error('xlsx read stalled')), STALL_MS);
  }

  readonly alive = (): void => {
    this.timer.refresh();
  };

  open(): Readable {
    const file = typeof this.input === 'string' ? createReadStream(this.input) : Readable.from([this.input]);
    file.once('error', this.fail);
    this.streams.push(file);
    return file.pipe(new WatchedInput(this.alive, this.fail));
  }

  /** Stops the reads: after an early stop or a failure the rest of the input is never wanted. */
  close(): void {
    clearTimeout(this.timer);
    for (const stream of this.streams) stream.destroy();
  }
}

/** Passes the input through, reporting activity, and errors of whatever it is piped into. */
class WatchedInput extends Transform {
  constructor(
    private readonly onActivity: () => void,
    private readonly onDestinationError: (error: unknown) => void,
  ) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error: null, chunk: Buffer) => void,
  ): void {
    this.onActivity();
    done(null, chunk);
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    destination.on('error', this.onDestinationError);
    return super.pipe(destination, options);
  }
}

/**
 * The first tab is the workbook's first <sheet>, whose part name need not be sheet1.xml. When the
 * workbook part has not been seen yet (or names no worksheet part), whichever comes first is read.
 */
function isFirstWorksheet(reader: WorkbookReaderInternals, source: WorksheetSource): boolean {
  const firstRelId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === firstRelId)?.Target;
  const sheetNo = target === undefined ? undefined : /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
  return sheetNo === undefined || sheetNo === source.sheetNo;
}

// --- from rows to values and problems ----------------------------------------------------------

type CellText = { text: string } | { problem: SheetReason; params?: Record<string, string | number> };

/** A column recognised in the header row, by its column number. */
type HeaderMap = Map<number, ImportColumn>;

/** Turns the stream of rows into the result: header first, then data rows. */
class SheetCollector {
  private readonly problems: SheetProblem[] = [];
  private readonly rows: SheetRow[] = [];
  private header: HeaderMap | null = null;
  private readonly reportedUnnamed = new Set<number>();
  private dataRows = 0;
  private stopped = false;

  constructor(
    private readonly columns: readonly ImportColumn[],
    private readonly maxRows: number,
    private readonly onProgress: ((rowsRead: number) => void) | undefined,
  ) {}

  /** Takes one row; false means stop reading. */
  accept(row: StreamRow): boolean {
    const cells = this.cellsOf(row);
    if (cells.size === 0) return true; // blank rows are skipped wherever they are
    if (this.header === null) return this.acceptHeader(row.number, cells);
    return this.acceptData(row.number, cells);
  }

  addMerges(refs: readonly string[]): void {
    for (const ref of refs) {
      const [from = ref] = ref.split(':');
      const { column, row } = decodeAddress(from);
      this.add({
        row: row || null,
        column: column ? this.columnName(column) : null,
        reason: 'merged_cell',
        params: { range: ref },
      });
    }
  }

  result(): SheetReadResult {
    this.onProgress?.(this.dataRows);
    if (this.problems.length > 0) {
      // Merges are found after all rows: sorted (stably) so the report reads top to bottom, with
      // whole-file problems first and the "and more" marker last.
      const rank = (problem: SheetProblem): number =>
        problem.reason === 'too_many_problems' ? Infinity : (problem.row ?? 0);
      return { ok: false, problems: [...this.problems].sort((a, b) => rank(a) - rank(b)) };
    }
    if (this.rows.length === 0) return refuse('empty');
    return { ok: true, rows: this.rows };
  }

  /** The row's non-blank cells as text; cells that cannot become text are reported here. */
  private cellsOf(row: StreamRow): Map<number, string> {
    const cells = new Map<number, string>();
    row.eachCell((cell, column) => {
      const converted = cellText(cell.value);
      if ('problem' in converted) {
        // A cell with a problem is not blank: a row holding only a formula is still a row.
        cells.set(column, '');
        this.add({
          row: row.number,
          column: this.columnName(column),
          reason: converted.problem,
          ...(converted.params ? { params: converted.params } : {}),
        });
      } else if (converted.text !== '') {
        cells.set(column, converted.text);
      }
    });
    return cells;
  }

  private acceptHeader(rowNumber: number, cells: Map<number, string>): boolean {
    const header: HeaderMap = new Map();
    const aliases = headerAliases(this.columns);
    for (const [column, text] of cells) {
      if (text === '') continue; // reported already (a formula in the header, say)
      const match = aliases.get(headerKey(text));
      if (!match) {
        this.add({
          row: rowNumber,
          column: columnLetter(column),
          reason: 'unknown_header',
          params: { header: text },
        });
      } else if ([...header.values()].includes(match)) {
        this.add({ row: rowNumber, column: match.zh, reason: 'duplicate_header', params: { header: text } });
      } else {
        header.set(column, match);
      }
    }
    const present = new Set(header.values());
    for (const column of this.columns) {
      if (column.required && !present.has(column)) {
        this.add({
          row: rowNumber,
          column: column.zh,
          reason: 'missing_header',
          params: { header: column.zh },
        });
      }
    }
    this.header = header;
    // Rows read against a wrong header would only add noise: the header is fixed first.
    return this.problems.length === 0 && !this.stopped;
  }

  private acceptData(rowNumber: number, cells: Map<number, string>): boolean {
    this.dataRows += 1;
    if (this.dataRows > this.maxRows) {
      this.add({ row: rowNumber, column: null, reason: 'too_many_rows', params: { max: this.maxRows } });
      return false;
    }
    if (this.dataRows % PROGRESS_EVERY === 0) this.onProgress?.(this.dataRows);
    const values: Record<string, string> = {};
    for (const column of this.columns) values[column.key] = '';
    for (const [number, text] of cells) {
      const column = this.header?.get(number);
      if (column) {
        if (text.length > MAX_CELL_LENGTH && [...text].length > MAX_CELL_LENGTH) {
          this.add({
            row: rowNumber,
            column: column.zh,
            reason: 'too_long',
            params: { max: MAX_CELL_LENGTH },
          });
        }
        values[column.key] = text;
      } else if (text !== '' && !this.reportedUnnamed.has(number)) {
        // Reported once per column: the header needs a name, not a thousand rows a complaint.
        this.reportedUnnamed.add(number);
        this.add({ row: rowNumber, column: columnLetter(number), reason: 'unnamed_column' });
      }
    }
    // Problems make the file fail as a whole, so rows are only kept while it still can pass.
    if (this.problems.length === 0) this.rows.push({ row: rowNumber, values });
    return !this.stopped;
  }

  private add(problem: SheetProblem): void {
    if (this.stopped) return;
    if (this.problems.length >= MAX_SHEET_PROBLEMS) {
      this.problems.push({
        row: null,
        column: null,
        reason: 'too_many_problems',
        params: { max: MAX_SHEET_PROBLEMS },
      });
      this.stopped = true;
      return;
    }
    this.problems.push(problem);
  }

  /** The zh header of the column at this number, or its letter when it is not one of ours. */
  private columnName(column: number): string {
    return this.header?.get(column)?.zh ?? columnLetter(column);
  }
}

/**
 * A cell as trimmed text. Formulas are refused: the value a user sees is a result computed by their
 * Excel, the file may hold a stale one (or none: WPS and generators often leave it out), and what
 * we store should be what they typed.
 */
function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return { problem: 'unreadable' };
  if ('formula' in value || 'sharedFormula' in value) return { problem: 'formula' };
  if ('error' in value) return { problem: 'error_value', params: { value: String(value.error) } };
  if ('richText' in value && Array.isArray(value.richText)) {
    const runs: unknown[] = value.richText;
    return { text: runs.map(runText).join('').trim() };
  }
  // A hyperlink: its shown text (itself plain or rich text), never the address behind it.
  if ('text' in value) return cellText(value.text);
  return { problem: 'unreadable' };
}

function runText(run: unknown): string {
  if (typeof run !== 'object' || run === null || !('text' in run)) return '';
  return typeof run.text === 'string' ? run.text : '';
}

/**
 * Numbers as people typed them: integers exactly (phones, room numbers typed as numbers), others to
 * 10 significant digits, which removes binary noise (0.1 + 0.2 → 0.3, 89.5 stays 89.5) and is more
 * precision than any area or floor needs; digits before the point are never rounded away.
 */
function numberText(value: number): CellText {
  if (!Number.isFinite(value)) return { problem: 'unreadable' };
  if (Number.isInteger(value)) {
    // Excel keeps 15 significant digits: an 18-digit ID number typed as a number has already lost
    // its last three, and guessing them back is not possible.
    if (Math.abs(value) >= 1e15) return { problem: 'imprecise_number', params: { value: String(value) } };
    return { text: String(value) };
  }
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(value))) + 1);
  return { text: String(Number(value.toPrecision(Math.min(Math.max(10, integerDigits), 100)))) };
}

/**
 * Dates come from exceljs as UTC instants of the cell's calendar value. A date alone becomes
 * YYYY-MM-DD; a time part is kept (YYYY-MM-DD HH:mm:ss) rather than dropped silently, so a
 * date column with times in it fails validation visibly.
 */
function dateText(value: Date): CellText {
  const time = value.getTime();
  if (Number.isNaN(time)) return { problem: 'unreadable' };
  const iso = new Date(Math.round(time / 1000) * 1000).toISOString();
  const [date = '', clock = ''] = iso.split('T');
  const hms = clock.slice(0, 8);
  return { text: hms === '00:00:00' ? date : `${date} ${hms}` };
}

/**
 * Header text to compare: NFKC (full-width letters and parentheses, ㎡ and m² all become ASCII,
 * m2), no spaces, lower case, and no '*' that a template may use to mark a required column.
 */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

/**
 * Every accepted spelling of every column: zh, en, key, and each without a trailing unit in
 * parentheses ("建筑面积" for "建筑面积(㎡)"), unless that would name another column too.
 */
function headerAliases(columns: readonly ImportColumn[]): Map<string, ImportColumn> {
  const aliases = new Map<string, ImportColumn>();
  for (const column of columns) {
    for (const text of [column.zh, column.en, column.key]) {
      if (!aliases.has(headerKey(text))) aliases.set(headerKey(text), column);
    }
  }
  for (const column of columns) {
    for (const text of [column.zh, column.en]) {
      const short = headerKey(text).replace(/\([^()]*\)$/, '');
      if (short !== '' && !aliases.has(short)) aliases.set(short, column);
    }
  }
  return aliases;
}

/** 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** "B12" → { column: 2, row: 12 }; zeros when the address is not one. */
function decodeAddress(address: string): { column: number; row: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) return { column: 0, row: 0 };
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column, row: Number(match[2]) };
}

// ---------------------------------------------------------------------------------------------
// Writing

export type SheetLocale = 'zh-CN' | 'en-US';

export interface WriteSheetOptions {
  /** Header language. Files are Chinese-first: zh-CN writes the zh headers. */
  locale: SheetLocale;
  /** Lines for an extra sheet "说明" / "Notes" (accepted values, which columns are required …). */
  notes?: readonly string[];
}

export type SheetRecords = AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>;

/** Light grey header fill, and dark red for the headers of required columns. */
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const REQUIRED_COLOR = 'FFC00000';
const HEADER_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11, bold: true };
/** Text format: Excel shows 0101 and 32010219900307123X as typed, never as 101 or 3.2E+17. */
const TEXT_FORMAT = '@';
/**
 * exceljs hands committed rows to the zip's deflate stream without waiting for it, so rows written
 * in one go pile up uncompressed (measured: +37 MB per 100k rows). A turn of the event loop every
 * 100 rows (about 40 KB of XML) lets compression keep up; memory then stays flat.
 */
const YIELD_EVERY = 100;
const NOTES_SHEET: Record<SheetLocale, string> = { 'zh-CN': '说明', 'en-US': 'Notes' };

/**
 * Streams a workbook to `out`: one sheet with a header row (bold, filled, frozen; required columns'
 * headers in red) and one row per record, every cell text, committed as it goes so memory stays
 * flat. No records gives the template. On failure `out` is destroyed: half a zip is no file.
 */
export async function writeSheet(
  out: NodeJS.WritableStream,
  sheetName: string,
  columns: readonly ImportColumn[],
  rows: SheetRecords,
  options: WriteSheetOptions,
): Promise<{ rows: number }> {
  try {
    return await writeWorkbook(out, sheetName, columns, rows, options);
  } catch (error) {
    if ('destroy' in out && typeof out.destroy === 'function') out.destroy();
    throw error;
  }
}

async function writeWorkbook(
  out: NodeJS.WritableStream,
  sheetName: string,
  columns: readonly ImportColumn[],
  rows: SheetRecords,
  options: WriteSheetOptions,
): Promise<{ rows: number }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream, // exceljs types it as Stream; any writable will do
    useStyles: true,
    // Shared strings would be kept in memory for the whole file; inline strings stream.
    useSharedStrings: false,
  });
  const name = excelSheetName(sheetName);
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // The column style makes empty cells text as well, so what a user types into a template stays text.
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    style: { numFmt: TEXT_FORMAT },
  }));
  const header = sheet.addRow(columns.map((column) => (options.locale === 'zh-CN' ? column.zh : column.en)));
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.numFmt = TEXT_FORMAT;
    cell.fill = HEADER_FILL;
    // Name and size spelled out, so the header does not depend on how Excel or WPS complete a partial font.
    cell.font = {
      ...HEADER_FONT,
      ...(column.required ? { color: { argb: REQUIRED_COLOR } } : {}),
    };
  });
  header.commit();

  let count = 0;
  for await (const record of rows) {
    sheet.addRow(columns.map((column) => cellValue(record[column.key]))).commit();
    count += 1;
    if (count % YIELD_EVERY === 0) await letOutCatchUp(out);
  }
  sheet.commit();

  if (options.notes && options.notes.length > 0) {
    const notesName = NOTES_SHEET[options.locale] === name ? `${name} (2)` : NOTES_SHEET[options.locale];
    const notes = workbook.addWorksheet(notesName);
    notes.columns = [{ width: 100, style: { numFmt: TEXT_FORMAT, alignment: { wrapText: true } } }];
    for (const line of options.notes) notes.addRow([cellValue(line)]).commit();
    notes.commit();
  }
  await workbook.commit();
  return { rows: count };
}

/**
 * Same as writeSheet, into memory: for tests and small files.
 */
export async function writeSheetToBuffer(
  sheetName: string,
  columns: readonly ImportColumn[],
  rows: SheetRecords,
  options: WriteSheetOptions,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeSheet(out, sheetName, columns, rows, options);
  return Buffer.concat(chunks);
}

/**
 * A record's value as a cell: text, or nothing for ''. XML cannot carry most control characters
 * (exceljs drops them) nor U+FFFE/U+FFFF, and Excel refuses a cell over 32 767 characters.
 */
function cellValue(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.length > EXCEL_CELL_LIMIT ? clean.slice(0, EXCEL_CELL_LIMIT) : clean;
}

/** Excel refuses sheet names with : \ / ? * [ ], blank ones, and ones over 31 characters. */
function excelSheetName(name: string): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  return [...(clean || 'Sheet1')].slice(0, 31).join('');
}

async function letOutCatchUp(out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!('writableNeedDrain' in out) || out.writableNeedDrain !== true) return;
  // The listener not triggered is removed (abort), or each wait would leave one behind on `out`.
  const waiting = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: waiting.signal }),
      once(out, 'close', { signal: waiting.signal }),
    ]);
  } finally {
    waiting.abort();
  }
}
