import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, HOUSE_COLUMNS, type ImportColumn } from '@steward/contracts/catalogues';
import { demoArchive } from '../../src/modules/setup/demo-archive.ts';
import { readSheet, writeSheetToBuffer } from '../../src/platform/xlsx.ts';
import { newOrg, newUser, PASSWORD, type TestOrg } from '../factories.ts';
import { multipart, signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';

const archive = demoArchive({ houses: 240, projects: 2 });
const houseRows = [...archive.houses];
const customerRows = [...archive.customers];

const sheet = (columns: readonly ImportColumn[], rows: Iterable<Record<string, string>>) =>
  writeSheetToBuffer('Sheet1', columns, rows, { locale: 'zh-CN' });

/** A workbook built cell by cell, for files the template writer would never produce. */
async function rawWorkbook(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEngines('archive import and export', (engine) => {
  let h: TestApp;
  let org: TestOrg;
  let admin: Session;

  const upload = (s: Session, kind: string, data: Buffer, locale = 'zh-CN') => {
    const body = multipart({}, { name: `${kind}.xlsx`, data });
    return h.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${kind}`,
      headers: { ...s.headers, ...body.headers, 'accept-language': locale },
      payload: body.payload,
    });
  };
  const count = async (table: 'houses' | 'customers' | 'customer_houses' | 'customer_phones') =>
    Number(
      (
        await h.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    houses: await count('houses'),
    customers: await count('customers'),
    relations: await count('customer_houses'),
    phones: await count('customer_phones'),
  });

  beforeAll(async () => {
    h = await startTestApp(engine);
    org = await newOrg(h.deps);
    admin = await signIn(h.app, org.adminUsername, PASSWORD);
  });
  afterAll(() => h.close());

  it('serves templates with Chinese headers that import as empty files', async () => {
    for (const [kind, columns] of [
      ['houses', HOUSE_COLUMNS],
      ['customers', CUSTOMER_COLUMNS],
    ] as const) {
      const response = await h.app.inject({
        url: `/api/v1/imports/${kind}/template.xlsx`,
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...columns.map((c) => c.zh)]);
    }
  });

  it('imports houses, then customers with their relations; the same files again change nothing', async () => {
    const houses = await upload(admin, 'houses', await sheet(HOUSE_COLUMNS, houseRows));
    expect(houses.statusCode, houses.body).toBe(200);
    expect(houses.json()).toEqual({
      imported: houseRows.length,
      created: houseRows.length,
      updated: 0,
      unchanged: 0,
    });
    const customers = await upload(admin, 'customers', await sheet(CUSTOMER_COLUMNS, customerRows));
    expect(customers.statusCode, customers.body).toBe(200);
    expect(customers.json().imported).toBe(customerRows.length);
    const after = await counts();
    expect(after.relations).toBe(customerRows.filter((r) => r.roomLabel).length);
    expect(after.customers).toBe(new Set(customerRows.map((r) => r.code)).size);

    const again = await upload(admin, 'houses', await sheet(HOUSE_COLUMNS, houseRows));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: houseRows.length });
    const againCustomers = await upload(admin, 'customers', await sheet(CUSTOMER_COLUMNS, customerRows));
    expect(againCustomers.json()).toMatchObject({ created: 0, updated: 0 });
    expect(await counts()).toEqual(after);

    // The people in the file can be found the way a front desk looks for them.
    const someone = customerRows.find((r) => /^1\d{10}$/.test(r.phones))!;
    const found = await h.app.inject({
      url: `/api/v1/customers?q=${someone.phones.slice(-4)}`,
      headers: admin.headers,
    });
    expect(found.json().items.map((c: { code: string }) => c.code)).toContain(someone.code);
    const audit = await h.app.inject({ url: '/api/v1/audit?action=data.imported', headers: admin.headers });
    expect(audit.json().items[0].details).toMatchObject({ kind: 'customers' });
  });

  it('exports what it imports: re-importing an export changes nothing', async () => {
    for (const kind of ['houses', 'customers'] as const) {
      const exported = await h.app.inject({ url: `/api/v1/exports/${kind}.xlsx`, headers: admin.headers });
      expect(exported.statusCode).toBe(200);
      const columns = kind === 'houses' ? HOUSE_COLUMNS : CUSTOMER_COLUMNS;
      const read = await readSheet(exported.rawPayload, columns);
      expect(read.ok).toBe(true);
      const before = await counts();
      const reimported = await upload(admin, kind, exported.rawPayload);
      expect(reimported.statusCode, reimported.body).toBe(200);
      expect(reimported.json()).toMatchObject({ created: 0, updated: 0 });
      expect(await counts()).toEqual(before);
    }
    const audit = await h.app.inject({ url: '/api/v1/audit?action=data.exported', headers: admin.headers });
    expect(audit.json().items[0].details).toMatchObject({ kind: 'customers', personalData: 'full' });
  });

  it('masks personal data in exports for callers who may not reveal it', async () => {
    const role = await h.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: { code: 'analyst', name: '数据分析', permissions: ['customers.read', 'archive.export'] },
    });
    expect(role.statusCode, role.body).toBe(201);
    const analyst = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['analyst'] })).username,
      PASSWORD,
    );
    const exported = await h.app.inject({ url: '/api/v1/exports/customers.xlsx', headers: analyst.headers });
    const read = await readSheet(exported.rawPayload, CUSTOMER_COLUMNS);
    if (!read.ok) throw new Error('unreadable export');
    const withPhone = read.rows.find((r) => r.values.phones)!;
    expect(withPhone.values.phones).toMatch(/\*\*\*\*/);
    const withId = read.rows.find((r) => r.values.idNumber)!;
    expect(withId.values.idNumber).toMatch(/\*{6,}/);
  });

  it('refuses bad files with every fault by row and column, importing nothing', async () => {
    const before = await counts();
    const bad = houseRows.slice(0, 3).map((r) => ({ ...r, projectCode: 'NEWP', projectName: '新项目' }));
    bad[1] = { ...bad[1]!, area: '89.123', use: '别墅' };
    bad.push({ ...bad[0]! });
    const cases: [string, Buffer, { row: number | null; column: string | null }[]][] = [
      [
        'houses',
        await sheet(HOUSE_COLUMNS, bad),
        [
          { row: 3, column: '建筑面积(㎡)' },
          { row: 3, column: '用途' },
          { row: 5, column: '房号' },
        ],
      ],
      [
        'customers',
        await sheet(CUSTOMER_COLUMNS, [
          { ...customerRows[0]!, code: 'X1', phones: '12345' },
          { ...customerRows[1]!, code: 'X2', roomLabel: '99-9-9999' },
        ]),
        [
          { row: 2, column: '联系电话' },
          { row: 3, column: '房号' },
        ],
      ],
      ['houses', await rawWorkbook((ws) => ws.addRow(['项目', '楼号', '房间'])), [{ row: 1, column: null }]],
      [
        'houses',
        await rawWorkbook((ws) => {
          ws.addRow(HOUSE_COLUMNS.map((c) => c.zh));
          ws.addRow(['P1', '项目一', '住宅', '1', '1栋', '1', '101', '1', '90', '住宅', '自住']);
          ws.addRow(['P1', '项目一', '住宅', '1', '1栋', '1', '102', '1', '90', '住宅', '自住']);
          ws.mergeCells('A2:A3');
          ws.getCell('I3').value = { formula: 'I2*1', result: 90 };
        }),
        [
          { row: 2, column: '项目编码' },
          { row: 3, column: '建筑面积(㎡)' },
        ],
      ],
      ['houses', Buffer.from('项目编码,房号\nP1,101\n'), [{ row: null, column: null }]],
      ['customers', randomBytes(50 * 1024 * 1024), [{ row: null, column: null }]],
    ];
    for (const [kind, file, expected] of cases) {
      const response = await upload(admin, kind, file);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('IMPORT_REJECTED');
      for (const want of expected)
        expect(error.details.rows, JSON.stringify(error.details.rows)).toEqual(
          expect.arrayContaining([expect.objectContaining(want.column ? want : { row: want.row })]),
        );
      expect(error.details.rows.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    }
    expect(await counts()).toEqual(before);
    // Reasons follow the caller's language.
    const english = await upload(admin, 'houses', await sheet(HOUSE_COLUMNS, bad), 'en-US');
    expect(english.json().error.details.rows[0].column).toBe('Building area (m²)');
    expect(english.json().error.details.rows[1]).toMatchObject({
      column: 'Use',
      reason: expect.stringContaining('Residence, Shop'),
    });
  });

  it('does not mistake a house of building 3-1 for room 101 of unit 1 in building 3 (same label)', async () => {
    const project = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: admin.headers,
        payload: { code: 'LBL', name: '同名房号', type: 'residential' },
      })
    ).json();
    const buildings: Record<string, string> = {};
    for (const code of ['3', '3-1'])
      buildings[code] = (
        await h.app.inject({
          method: 'POST',
          url: `/api/v1/projects/${project.id}/buildings`,
          headers: admin.headers,
          payload: { code, name: `${code}栋` },
        })
      ).json().id;
    const house = await h.app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: admin.headers,
      payload: { buildingId: buildings['3-1'], roomNo: '101', floor: 1, use: 'residence', state: 'vacant' },
    });
    expect(house.json().roomLabel).toBe('3-1-101');
    const row = {
      ...houseRows[0]!,
      projectCode: 'LBL',
      projectName: '同名房号',
      buildingCode: '3',
      buildingName: '3栋',
      unitCode: '1',
      roomNo: '101',
      floor: '9',
      state: '出租',
    };
    const response = await upload(admin, 'houses', await sheet(HOUSE_COLUMNS, [row]));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.rows).toEqual([expect.objectContaining({ row: 2, column: '房号' })]);
    const after = (
      await h.app.inject({ url: `/api/v1/houses/${house.json().id}`, headers: admin.headers })
    ).json();
    expect(after).toMatchObject({ floor: 1, state: 'vacant', version: house.json().version });
  });

  it('keeps imports and exports inside the caller’s scope and role', async () => {
    const projects = (
      await h.app.inject({ url: '/api/v1/projects?limit=200', headers: admin.headers })
    ).json().items;
    const project = projects.find((p: { code: string }) => p.code === 'P001');
    const buildings = (
      await h.app.inject({ url: `/api/v1/projects/${project.id}/buildings`, headers: admin.headers })
    ).json().items;
    const mine = buildings[0];
    const butler = await newUser(h.deps, org, {
      roles: ['butler'],
      scope: { all: false, projects: [{ projectId: project.id, buildingIds: [mine.id] }] },
    });
    const s = await signIn(h.app, butler.username, PASSWORD);
    const exported = await h.app.inject({ url: '/api/v1/exports/customers.xlsx', headers: s.headers });
    const read = await readSheet(exported.rawPayload, CUSTOMER_COLUMNS);
    if (!read.ok) throw new Error('unreadable export');
    expect(read.rows.length).toBeGreaterThan(0);
    expect(read.rows.every((r) => r.values.roomLabel?.startsWith(`${mine.code}-`))).toBe(true);
    // Another building of the project, a building with another project named, or an unknown one:
    // 404, never an empty file recorded as an export.
    const other = projects.find((p: { code: string }) => p.code !== 'P001');
    for (const [who, query] of [
      [s, `buildingId=${buildings[1].id}`],
      [admin, `projectId=${other.id}&buildingId=${mine.id}`],
      [admin, 'buildingId=01900000-0000-7000-8000-000000000001'],
    ] as const) {
      const refused = await h.app.inject({
        url: `/api/v1/exports/customers.xlsx?${query}`,
        headers: who.headers,
      });
      expect(refused.statusCode, query).toBe(404);
    }
    // A butler holds no archive.import; with it, houses outside the scope are refused by row.
    expect((await upload(s, 'customers', await sheet(CUSTOMER_COLUMNS, customerRows))).statusCode).toBe(403);
    const cashier = await signIn(
      h.app,
      (await newUser(h.deps, org, { roles: ['cashier'] })).username,
      PASSWORD,
    );
    expect(
      (await h.app.inject({ url: '/api/v1/exports/houses.xlsx', headers: cashier.headers })).statusCode,
    ).toBe(403);
    expect(
      (await h.app.inject({ url: '/api/v1/imports/houses/template.xlsx', headers: cashier.headers }))
        .statusCode,
    ).toBe(403);
    expect(
      (await h.app.inject({ url: '/api/v1/exports/people.xlsx', headers: admin.headers })).statusCode,
    ).toBe(400);
  });
});

describe('import size limit', () => {
  it('answers 413 beyond the configured limit', async () => {
    const h = await startTestApp('sqlite', { importLimit: 64 * 1024 });
    try {
      const org = await newOrg(h.deps);
      const admin = await signIn(h.app, org.adminUsername, PASSWORD);
      const body = multipart({}, { name: 'big.xlsx', data: randomBytes(200 * 1024) });
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/imports/houses',
        headers: { ...admin.headers, ...body.headers },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await h.close();
    }
  });
});
