import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, serverAndBrowser, newPage, shot as fullShot, signIn } from './support.ts';

/** Headers as the templates have them (Chinese); each row is one record. */
const HOUSE_HEADERS = [
  '项目编码',
  '项目名称',
  '项目类型',
  '楼栋编码',
  '楼栋名称',
  '单元编码',
  '房号',
  '楼层',
  '建筑面积(㎡)',
  '用途',
  '状态',
];
const CUSTOMER_HEADERS = [
  '客户编号',
  '客户名称',
  '客户类型',
  '联系电话',
  '证件类型',
  '证件号码',
  '紧急联系人',
  '紧急联系电话',
  '客户价值',
  '标签',
  '备注',
  '项目编码',
  '房号',
  '身份',
  '起始日期',
  '截止日期',
];

type Row = Record<string, string | number>;

/** A house of the test's own estate (晴湖苑, QH01), so nothing depends on the generated demo archive. */
const house = (building: string, unit: string | null, room: string, more: Row): Row => ({
  项目编码: 'QH01',
  项目名称: '晴湖苑',
  项目类型: '住宅',
  楼栋编码: building,
  楼栋名称: building === 'S' ? '沿街商铺' : `${building} 栋`,
  ...(unit ? { 单元编码: unit } : {}),
  ...(room ? { 房号: room } : {}),
  ...more,
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-archive-e2e-'));

/** Writes an .xlsx file with a header row and the given rows (by header), returns its path. */
async function workbook(name: string, headers: string[], rows: Row[]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** A plain RGB PNG, standing in for a photo of an ID card. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height, 0xd8);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A full-page screenshot from the top (sticky header and menu drawn where they belong). */
async function shot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

async function importFile(page: Page, kind: 'houses' | 'customers', file: string) {
  await page.getByTestId(`import-upload-${kind}`).locator('input[type=file]').setInputFiles(file);
}

describeBrowser('console: property and customer archive', () => {
  const env = serverAndBrowser({ demo: true });

  it('imports houses and customers from Excel, finds a customer by a phone typed another way, reveals it (audited)', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-import-export').click();
    await page.getByTestId('archive-card-customers').waitFor();

    // The customers template downloads with the columns this test writes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template-customers').click(),
    ]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile((await download.path())!);
    const headerRow = template.worksheets[0]!.getRow(1).values as unknown[];
    for (const header of ['客户名称', '联系电话', '项目编码', '房号', '身份'])
      expect(headerRow).toContain(header);

    const houses = await workbook('houses.xlsx', HOUSE_HEADERS, [
      house('A3', '2', '1502', { 楼层: 15, '建筑面积(㎡)': 89.5, 用途: '住宅', 状态: '自住' }),
      house('A3', '2', '1501', { 楼层: 15, '建筑面积(㎡)': 120.25, 用途: '住宅', 状态: '出租' }),
      house('A3', '1', '0101', { 楼层: 1, '建筑面积(㎡)': 66, 用途: '住宅', 状态: '空置' }),
      house('S', null, 'S01', { 楼层: 1, '建筑面积(㎡)': 45.8, 用途: '商铺', 状态: '已交付' }),
    ]);
    await importFile(page, 'houses', houses);
    const housesResult = page.getByTestId('import-result-houses');
    await housesResult.waitFor();
    await expect(housesResult.textContent()).resolves.toContain('4');

    const customers = await workbook('customers.xlsx', CUSTOMER_HEADERS, [
      {
        客户名称: '欧阳明轩',
        客户类型: '个人',
        联系电话: '13900001234；0571-88886666',
        证件类型: '居民身份证',
        证件号码: '11010519491231002X',
        紧急联系人: '欧阳若兰',
        紧急联系电话: '13700005678',
        客户价值: '重要客户',
        标签: '业委会',
        项目编码: 'QH01',
        房号: 'A3-2-1502',
        身份: '业主',
        起始日期: '2020-05-01',
      },
      { 客户名称: '欧阳若兰', 联系电话: '13600002222', 项目编码: 'QH01', 房号: 'A3-2-1502', 身份: '家属' },
      {
        客户名称: '司马景行',
        联系电话: '138 0000 3333',
        项目编码: 'QH01',
        房号: 'A3-2-1501',
        身份: '租户',
        起始日期: '2025-01-01',
        截止日期: '2027-12-31',
      },
      {
        客户名称: '晴湖绿洲餐饮有限公司',
        客户类型: '企业',
        联系电话: '0571-87654321',
        项目编码: 'QH01',
        房号: 'S-S01',
        身份: '租户',
      },
    ]);
    await importFile(page, 'customers', customers);
    await page.getByTestId('import-result-customers').waitFor();
    await shot(page, 'archive-import-zh');

    // The administrator may see full personal data, so the export holds the full number.
    await page.getByTestId('export-pii-customers').getByText('完整').waitFor();
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-customers').click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    const exportBook = new ExcelJS.Workbook();
    await exportBook.xlsx.readFile((await exported.path())!);
    const cells: string[] = [];
    exportBook.worksheets[0]!.eachRow((row) => cells.push(JSON.stringify(row.values)));
    expect(cells.find((row) => row.includes('欧阳明轩'))).toContain('13900001234');

    // Building A3 lists the imported rooms with their occupants, phones masked.
    await page.getByTestId('menu-property').click();
    const tree = page.getByTestId('property-tree');
    await tree.getByText('晴湖苑').click();
    await tree.getByText('A3 栋').click();
    const houseTable = page.getByTestId('house-table');
    await houseTable.getByText('A3-2-1502').waitFor();
    await expect(houseTable.textContent()).resolves.toContain('89.50');
    await expect(houseTable.textContent()).resolves.toContain('139****1234');
    await shot(page, 'archive-property-zh');

    // The front desk types the caller's number as it was given.
    await page.getByTestId('menu-customers').click();
    await page.getByTestId('customer-search').fill('+86 139-0000-1234');
    const rows = page.getByTestId('customer-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('欧阳明轩');
    await shot(page, 'archive-customer-search-zh');
    await page.getByTestId('customer-search').press('Enter');

    await page.getByTestId('customer-name-title').getByText('欧阳明轩').waitFor();
    await expect(page.getByTestId('customer-segments').textContent()).resolves.toContain('重要客户');
    await expect(page.getByTestId('customer-households').textContent()).resolves.toContain('欧阳若兰');
    await expect(page.getByTestId('pii-phone-0').textContent()).resolves.toBe('139****1234');
    await page.getByTestId('pii-reveal-phone-0').click();
    await expect.poll(() => page.getByTestId('pii-phone-0').textContent()).toBe('13900001234');
    await page.getByTestId('pii-audited-phone-0').waitFor();

    // A copy of the ID card, taken for a decoration permit: stored stamped with that purpose.
    await page.getByTestId('document-purpose').click();
    await page.locator('.ant-select-dropdown:visible').getByText('装修', { exact: true }).click();
    const idCopy = path.join(dir, 'id-card.png');
    fs.writeFileSync(idCopy, png(480, 300));
    await page.getByTestId('customer-documents').locator('input[type=file]').setInputFiles(idCopy);
    const documents = page.getByTestId('customer-documents');
    await documents.getByText('复印件仅供办理装修').waitFor();
    await documents.getByText('已加水印').waitFor();
    await shot(page, 'archive-customer-360-zh');

    await page.getByTestId('menu-audit').click();
    const audit = page.getByTestId('audit-table');
    await audit.getByText('查看个人信息').first().waitFor();
    await shot(page, 'archive-audit-reveal-zh');
  });

  it('refuses a file with mistakes and lists every problem by row, importing nothing (English)', async () => {
    const page = await newPage(env.browser, 'en-US');
    await page.goto(`${env.server.url}/login`);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-import-export').click();

    const bad = await workbook('bad-houses.xlsx', HOUSE_HEADERS, [
      house('B5', '1', '0501', { 楼层: 5, '建筑面积(㎡)': 88, 用途: '住宅', 状态: '自住' }),
      house('B5', '1', '', { 楼层: 5, '建筑面积(㎡)': 88, 用途: '住宅', 状态: '自住' }),
      house('B5', '1', '0503', { '建筑面积(㎡)': 'eighty', 用途: 'castle' }),
    ]);
    await importFile(page, 'houses', bad);
    const errors = page.getByTestId('import-errors-houses');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain('nothing was imported');
    const problemRows = page.getByTestId('import-error-table-houses').locator('tbody tr.ant-table-row');
    expect(await problemRows.count()).toBeGreaterThanOrEqual(3);
    await expect(problemRows.first().textContent()).resolves.toContain('3');
    await shot(page, 'archive-import-rejected-en');

    // Nothing of the file was kept: room B5-1-0501 (its good row) is not in the archive.
    await page.getByTestId('menu-property').click();
    await page.getByTestId('property-tree').getByText('晴湖苑').click();
    await page.getByTestId('house-search').fill('B5-1-0501');
    await page.getByTestId('house-table').getByText('No matching houses').waitFor();

    // The 360 view in English, found by name.
    await page.getByTestId('menu-customers').click();
    await page.getByTestId('customer-search').fill('司马景行');
    await page.getByTestId('customer-table').getByText('司马景行').click();
    await page.getByTestId('customer-name-title').getByText('司马景行').waitFor();
    await page.getByTestId('slot-visits').getByText('Coming with the return visits module').waitFor();
    await shot(page, 'archive-customer-360-en');
  });
  it('tells the second of two editors that someone else saved first, and reloads their version', async () => {
    const open = async () => {
      const page = await newPage(env.browser);
      await signIn(page, env.server.url, 'admin');
      await page.getByTestId('menu-customers').click();
      await page.getByTestId('customer-search').fill('司马景行');
      await page.getByTestId('customer-table').getByText('司马景行').click();
      await page.getByTestId('customer-name-title').getByText('司马景行').waitFor();
      return page;
    };
    const first = await open();
    const second = await open();
    await first.getByTestId('customer-edit').click();
    await first.getByTestId('customer-edit-notes').fill('租约到期前一个月提醒续租');

    // Meanwhile a colleague tags the customer (a new tag, typed in place).
    await second.getByTestId('customer-tags-edit').click();
    await second.getByTestId('customer-tags-picker').click();
    await second.keyboard.type('续租关注');
    await second.locator('.ant-select-dropdown:visible').getByText('新建标签').waitFor();
    await second.keyboard.press('Enter');
    await second.getByTestId('customer-tags-picker').getByText('续租关注').waitFor();
    await second.keyboard.press('Escape');
    await second.getByTestId('customer-tags-save').click();
    await second.getByTestId('customer-tags-card').getByText('续租关注').waitFor();

    await first.getByTestId('customer-edit-submit').click();
    await first.getByTestId('customer-conflict').waitFor();
    await shot(first, 'archive-customer-conflict-zh');
    // The form now holds the newer version: saving again goes through.
    await first.getByTestId('customer-edit-notes').fill('租约到期前一个月提醒续租');
    await first.getByTestId('customer-edit-submit').click();
    await first.getByTestId('customer-edit-submit').waitFor({ state: 'hidden' });
    await first.getByTestId('customer-profile').getByText('租约到期前一个月提醒续租').waitFor();
    await first.getByTestId('customer-tags-card').getByText('续租关注').waitFor();

    // The tenant got a second number: the stored one stays (masked), the new one is added.
    await first.getByTestId('customer-edit').click();
    await first.getByTestId('customer-phone-add').click();
    await first.getByTestId('customer-phone-1').fill('+86 136 0000 5555');
    await shot(first, 'archive-customer-phones-zh');
    await first.getByTestId('customer-edit-submit').click();
    await first.getByTestId('customer-edit-submit').waitFor({ state: 'hidden' });
    await first.getByTestId('customer-profile').getByText('136****5555').waitFor();
    await first.getByTestId('customer-profile').getByText('138****3333').waitFor();
  });
});
