import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, HOUSE_COLUMNS } from '@steward/contracts/catalogues';
import {
  MAX_SHEET_PROBLEMS,
  SHEET_REASONS,
  readSheet,
  writeSheet,
  writeSheetToBuffer,
  type SheetReadResult,
} from './xlsx.ts';

const HOUSE_HEADER = ['项目编码', '楼栋编码', '房号'];

/** A fixture built the way a user's file is: exceljs's normal (in-memory) workbook. */
async function workbook(fill: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('房屋'), book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Opens a written file with exceljs's normal reader, the way Excel would see it. */
async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs declares its own Buffer (an ArrayBuffer); at run time it takes Node's.
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book;
}

function rowsOf(result: SheetReadResult) {
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.problems)}`);
  return result.rows;
}

function problemsOf(result: SheetReadResult) {
  if (result.ok) throw new Error('expected problems, got rows');
  return result.problems;
}

/** A valid zip with stored (uncompressed) entries: a zip that is not a workbook. */
function zipOf(files: Record<string, string>): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeSheet → readSheet', () => {
  it('round-trips text exactly: leading zeros, long digit strings, Chinese, empty optional cells', async () => {
    const customers: Record<string, string>[] = [
      {
        code: '0101',
        name: '张三',
        phones: '13812345678',
        idType: '身份证',
        idNumber: '32010219900307123X',
        notes: '  ',
        projectCode: 'P001',
        roomLabel: '3-2-0101',
        since: '2024-01-15',
      },
      { name: '李四（业主）', phones: '13900000000；021-12345678', tags: 'VIP、老人' },
    ];
    const file = await writeSheetToBuffer('客户', CUSTOMER_COLUMNS, customers, { locale: 'zh-CN' });
    const rows = rowsOf(await readSheet(file, CUSTOMER_COLUMNS));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    const blank = Object.fromEntries(CUSTOMER_COLUMNS.map((c) => [c.key, '']));
    // Cells are trimmed on the way in, so the blank note comes back empty.
    expect(rows[0]!.values).toEqual({ ...blank, ...customers[0], notes: '' });
    expect(rows[1]!.values).toEqual({ ...blank, ...customers[1] });
  });

  it('writes English headers for en-US, and reads them back', async () => {
    const file = await writeSheetToBuffer(
      'Houses',
      HOUSE_COLUMNS,
      [{ projectCode: 'P1', buildingCode: '01', roomNo: '0101', area: '89.5' }],
      { locale: 'en-US' },
    );
    const book = await load(file);
    expect(book.worksheets[0]!.getCell('A1').value).toBe('Project code');
    const rows = rowsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(rows[0]!.values).toMatchObject({
      projectCode: 'P1',
      buildingCode: '01',
      roomNo: '0101',
      area: '89.5',
    });
  });

  it('writes a template that opens as text-formatted, frozen, with required headers marked', async () => {
    const file = await writeSheetToBuffer('房屋', HOUSE_COLUMNS, [], {
      locale: 'zh-CN',
      notes: ['红色表头为必填列。', '状态：空置、自住、出租'],
    });
    const book = await load(file);
    const [sheet, notes] = book.worksheets;
    expect(sheet!.name).toBe('房屋');
    expect(sheet!.rowCount).toBe(1);
    expect(sheet!.getRow(1).values).toEqual([undefined, ...HOUSE_COLUMNS.map((c) => c.zh)]);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    HOUSE_COLUMNS.forEach((column, index) => {
      const cell = sheet!.getCell(1, index + 1);
      expect(cell.font.bold).toBe(true);
      expect(cell.font.color?.argb === 'FFC00000').toBe(column.required);
      expect(sheet!.getColumn(index + 1).width).toBe(column.width);
      // The column is text, so what a user types under the header stays as typed.
      expect(sheet!.getColumn(index + 1).numFmt).toBe('@');
    });
    expect(notes!.name).toBe('说明');
    expect(notes!.getColumn(1).values).toEqual([undefined, '红色表头为必填列。', '状态：空置、自住、出租']);
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS))).toEqual([
      { row: null, column: null, reason: 'empty' },
    ]);
  });

  it('writes every data cell as text', async () => {
    const file = await writeSheetToBuffer(
      '房屋',
      HOUSE_COLUMNS,
      [{ projectCode: '001', buildingCode: '1', roomNo: '0101', floor: '12', area: '89.50' }],
      { locale: 'zh-CN' },
    );
    const book = await load(file);
    const row = book.worksheets[0]!.getRow(2);
    for (const col of [1, 4, 7, 8, 9]) {
      expect(typeof row.getCell(col).value).toBe('string');
      expect(row.getCell(col).numFmt).toBe('@');
    }
  });

  it('round-trips 20 000 rows, from an async iterable and through a file path', async () => {
    async function* houses() {
      for (let i = 0; i < 20_000; i++) {
        yield {
          projectCode: `P${i % 7}`,
          projectName: `阳光花园${i % 7}期（一区）`,
          buildingCode: String(i % 30).padStart(2, '0'),
          roomNo: String(i).padStart(4, '0'),
          area: '89.5',
        };
      }
    }
    const path = join(dir, 'houses.xlsx');
    const { createWriteStream } = await import('node:fs');
    expect(
      await writeSheet(createWriteStream(path), '房屋', HOUSE_COLUMNS, houses(), { locale: 'zh-CN' }),
    ).toEqual({ rows: 20_000 });
    const progress: number[] = [];
    const rows = rowsOf(await readSheet(path, HOUSE_COLUMNS, { onProgress: (n) => progress.push(n) }));
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]).toEqual({
      row: 20_001,
      values: expect.objectContaining({
        projectCode: 'P0',
        projectName: '阳光花园0期（一区）',
        buildingCode: '19',
        roomNo: '19999',
      }),
    });
    // Chinese text survives chunk boundaries in the stream (exceljs alone garbles a few).
    expect(rows.filter((r) => r.values.projectName!.includes('\ufffd'))).toEqual([]);
    expect(progress.at(-1)).toBe(20_000);
    expect(progress).toContain(1000);
  });

  it('destroys the output and rejects when the rows fail', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    async function* failing() {
      yield { projectCode: 'P1', buildingCode: '1', roomNo: '101' };
      throw new Error('database went away');
    }
    await expect(writeSheet(out, '房屋', HOUSE_COLUMNS, failing(), { locale: 'zh-CN' })).rejects.toThrow(
      'database went away',
    );
    expect(out.destroyed).toBe(true);
  });
});

describe('readSheet: headers', () => {
  it('accepts zh, en and key headers in any order, with width and case variants', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['ROOM NUMBER', '*项目编码', 'buildingcode', '建筑面积（m²）', ' 楼层 ']);
      sheet.addRow(['0101', 'P1', '01', 89.5, 3]);
    });
    const [row] = rowsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(row!.values).toMatchObject({
      roomNo: '0101',
      projectCode: 'P1',
      buildingCode: '01',
      area: '89.5',
      floor: '3',
    });
    expect(row!.values.projectName).toBe('');
  });

  it('reports missing required, unknown and duplicate headers, and reads no further', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['项目编码', 'Project code', '门牌', '楼层']);
      sheet.addRow(['P1', 'P1', 'x', { formula: '1+1', result: 2 }]);
    });
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS))).toEqual([
      { row: 1, column: '项目编码', reason: 'duplicate_header', params: { header: 'Project code' } },
      { row: 1, column: 'C', reason: 'unknown_header', params: { header: '门牌' } },
      { row: 1, column: '楼栋编码', reason: 'missing_header', params: { header: '楼栋编码' } },
      { row: 1, column: '房号', reason: 'missing_header', params: { header: '房号' } },
    ]);
  });

  it('takes the first non-blank row as the header and skips blank rows, keeping Excel row numbers', async () => {
    const file = await workbook((sheet) => {
      sheet.getCell('A3').value = '项目编码';
      sheet.getCell('B3').value = '楼栋编码';
      sheet.getCell('C3').value = '房号';
      sheet.getRow(4).values = ['P1', '1', '101'];
      sheet.getRow(5).values = ['  ', null, ''];
      sheet.getCell('D6').value = '   ';
      sheet.getRow(8).values = ['P1', '1', '102'];
    });
    const rows = rowsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(rows.map((r) => [r.row, r.values.roomNo])).toEqual([
      [4, '101'],
      [8, '102'],
    ]);
  });

  it('reports data under a blank header once per column', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, null, '楼层']);
      sheet.addRow(['P1', '1', '101', '备注一', '3']);
      sheet.addRow(['P1', '1', '102', '备注二', '4']);
    });
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS))).toEqual([
      { row: 2, column: 'D', reason: 'unnamed_column' },
    ]);
  });
});

describe('readSheet: cells', () => {
  it('converts numbers, dates, booleans, rich text and hyperlinks to text', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '建筑面积(㎡)', '楼层', '用途', '状态', '楼栋名称', '单元编码']);
      sheet.addRow([
        1502,
        { richText: [{ text: '阳光' }, { text: '花园', font: { bold: true } }] },
        13812345678,
        89.5,
        0.1 + 0.2,
        true,
        new Date(Date.UTC(2024, 0, 15)),
        { text: '3号楼', hyperlink: 'https://example.com/3' },
        new Date(Date.UTC(2024, 0, 15, 9, 30)),
      ]);
      sheet.getCell('G2').numFmt = 'yyyy-mm-dd';
      sheet.getCell('I2').numFmt = 'yyyy-mm-dd hh:mm';
    });
    const [row] = rowsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(row!.values).toMatchObject({
      projectCode: '1502',
      buildingCode: '阳光花园',
      roomNo: '13812345678',
      area: '89.5',
      floor: '0.3',
      use: 'TRUE',
      state: '2024-01-15',
      buildingName: '3号楼',
      // A time is kept rather than dropped, so a date column holding one fails visibly.
      unitCode: '2024-01-15 09:30:00',
    });
  });

  it('reports formulas, error values and numbers too long for Excel to have kept', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '楼层']);
      sheet.addRow(['P1', '1', { formula: 'A2&"01"', result: 'P101' }, 3]);
      sheet.addRow(['P1', '1', '102', { error: '#N/A' }]);
      sheet.addRow(['P1', '1', 320102199003071230, 4]);
    });
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS))).toEqual([
      { row: 2, column: '房号', reason: 'formula' },
      { row: 3, column: '楼层', reason: 'error_value', params: { value: '#N/A' } },
      {
        row: 4,
        column: '房号',
        reason: 'imprecise_number',
        params: { value: expect.stringMatching(/^3201021990030712\d\d$/) },
      },
    ]);
  });

  it('reports merged cells with their row and column', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '楼层']);
      sheet.addRow(['P1', '1', '101', 1]);
      sheet.addRow(['P1', '1', '102', 1]);
      sheet.addRow(['P1', '1', '103', 2]);
      sheet.mergeCells('A2:A4');
      sheet.mergeCells('D2:E3');
    });
    const problems = problemsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 2, column: '项目编码', reason: 'merged_cell', params: { range: 'A2:A4' } },
        { row: 2, column: '楼层', reason: 'merged_cell', params: { range: 'D2:E3' } },
      ]),
    );
  });

  it('reports cells over 500 characters', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '楼栋名称']);
      sheet.addRow(['P1', '1', '101', '楼'.repeat(500)]);
      sheet.addRow(['P1', '1', '102', '楼'.repeat(501)]);
    });
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS))).toEqual([
      { row: 3, column: '楼栋名称', reason: 'too_long', params: { max: 500 } },
    ]);
  });

  it('reads shared strings full of Chinese without garbling them', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `滨江花园${i}号（东区）业主委员会`);
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '项目名称']);
      names.forEach((name, i) => sheet.addRow(['P1', '1', String(i), name]));
    });
    const rows = rowsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(rows.map((r) => r.values.projectName)).toEqual(names);
  });

  it('reads a hand-made workbook: first tab by workbook order, inline strings, a zh-CN built-in date format', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const file = zipOf({
      // Worksheets before the workbook part, and the first tab is sheet2.xml.
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData><row r="1">${inline('A1', '旧表')}</row></sheetData></worksheet>`,
      'xl/worksheets/sheet2.xml':
        `<worksheet xmlns="${main}"><sheetData>` +
        `<row r="1">${inline('A1', '客户名称')}${inline('B1', '起始日期')}</row>` +
        // Style 1 is numFmtId 31, yyyy"年"m"月"d"日" in a Chinese Excel; 45306 is 2024-01-15.
        `<row r="2">${inline('A2', '王五')}<c r="B2" s="1"><v>45306</v></c></row>` +
        `</sheetData></worksheet>`,
      'xl/styles.xml':
        `<styleSheet xmlns="${main}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>` +
        `<borders count="1"><border/></borders>` +
        `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      'xl/_rels/workbook.xml.rels':
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
      'xl/workbook.xml':
        `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>` +
        `<sheet name="客户" sheetId="2" r:id="rId2"/><sheet name="旧" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    });
    const rows = rowsOf(await readSheet(file, CUSTOMER_COLUMNS));
    expect(rows.map((r) => [r.row, r.values.name, r.values.since])).toEqual([[2, '王五', '2024-01-15']]);
  });

  it('reads the first worksheet only', async () => {
    const file = await workbook((sheet, book) => {
      sheet.addRow(HOUSE_HEADER);
      sheet.addRow(['P1', '1', '101']);
      const other = book.addWorksheet('其他');
      other.addRow(['随便']);
      other.mergeCells('A1:B1');
    });
    expect(rowsOf(await readSheet(file, HOUSE_COLUMNS)).map((r) => r.values.roomNo)).toEqual(['101']);
  });
});

describe('readSheet: limits', () => {
  it('stops at maxRows with too_many_rows', async () => {
    const file = await writeSheetToBuffer(
      '房屋',
      HOUSE_COLUMNS,
      Array.from({ length: 50 }, (_, i) => ({ projectCode: 'P1', buildingCode: '1', roomNo: String(i) })),
      { locale: 'zh-CN' },
    );
    expect(problemsOf(await readSheet(file, HOUSE_COLUMNS, { maxRows: 10 }))).toEqual([
      { row: 12, column: null, reason: 'too_many_rows', params: { max: 10 } },
    ]);
    expect(rowsOf(await readSheet(file, HOUSE_COLUMNS, { maxRows: 50 }))).toHaveLength(50);
  });

  it('collects up to 1000 problems, then says there were more', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow([...HOUSE_HEADER, '楼层']);
      for (let i = 0; i < 1200; i++) sheet.addRow(['P1', '1', String(i), { formula: '1+1', result: 2 }]);
    });
    const problems = problemsOf(await readSheet(file, HOUSE_COLUMNS));
    expect(problems).toHaveLength(MAX_SHEET_PROBLEMS + 1);
    expect(problems[0]).toEqual({ row: 2, column: '楼层', reason: 'formula' });
    expect(problems.at(-1)).toEqual({
      row: null,
      column: null,
      reason: 'too_many_problems',
      params: { max: MAX_SHEET_PROBLEMS },
    });
  });
});

describe('readSheet: files that are not workbooks', () => {
  const refused = (reason: string) => [{ row: null, column: null, reason }];

  it('refuses 5 MB of random bytes and a text file as not_xlsx, at once', async () => {
    const junk = randomBytes(5 * 1024 * 1024);
    junk[0] = 0; // never a chance "PK"
    const started = Date.now();
    expect(problemsOf(await readSheet(junk, HOUSE_COLUMNS))).toEqual(refused('not_xlsx'));
    const csv = join(dir, 'houses.xlsx.csv');
    await writeFile(csv, '项目编码,楼栋编码,房号\nP1,1,101\n');
    expect(problemsOf(await readSheet(csv, HOUSE_COLUMNS))).toEqual(refused('not_xlsx'));
    expect(problemsOf(await readSheet(Buffer.alloc(0), HOUSE_COLUMNS))).toEqual(refused('not_xlsx'));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a zip that is not a workbook as unreadable', async () => {
    const zip = zipOf({ 'readme.txt': 'hello', 'data/houses.csv': 'a,b\n1,2\n' });
    expect(problemsOf(await readSheet(zip, HOUSE_COLUMNS))).toEqual(refused('unreadable'));
  });

  it('refuses damaged workbooks as unreadable without hanging', async () => {
    const file = await writeSheetToBuffer(
      '房屋',
      HOUSE_COLUMNS,
      Array.from({ length: 2000 }, (_, i) => ({ projectCode: 'P1', buildingCode: '1', roomNo: String(i) })),
      { locale: 'zh-CN' },
    );
    const truncated = file.subarray(0, file.length >> 1);
    const flipped = Buffer.from(file);
    for (let i = 2000; i < flipped.length - 2000; i += 997) flipped[i] = flipped[i]! ^ 0xff;
    const bogusXml = zipOf({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目',
    });
    for (const damaged of [truncated, flipped, bogusXml]) {
      expect(problemsOf(await readSheet(damaged, HOUSE_COLUMNS))).toEqual(refused('unreadable'));
    }
  });

  it('exports every reason code', () => {
    expect(new Set(SHEET_REASONS).size).toBe(SHEET_REASONS.length);
    expect(SHEET_REASONS).toEqual(
      expect.arrayContaining(['not_xlsx', 'unreadable', 'merged_cell', 'formula']),
    );
  });
});
