import { LIST_SEPARATORS, type CustomerSheetRow, type HouseSheetRow } from '@steward/contracts/catalogues';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, residentIdCheckDigit } from '../../platform/pii/id-number.ts';
import { demoArchive } from './demo-archive.ts';

function take<T>(rows: Iterable<T>, count: number): T[] {
  const taken: T[] = [];
  if (count <= 0) return taken;
  for (const row of rows) {
    taken.push(row);
    if (taken.length === count) break;
  }
  return taken;
}

const labelOf = (house: HouseSheetRow): string =>
  house.unitCode
    ? `${house.buildingCode}-${house.unitCode}-${house.roomNo}`
    : `${house.buildingCode}-${house.roomNo}`;

const PERSONAL_KEYS = [
  'code',
  'name',
  'kind',
  'phones',
  'idType',
  'idNumber',
  'emergencyName',
  'emergencyPhone',
  'valueLevel',
  'tags',
  'notes',
] as const satisfies readonly (keyof CustomerSheetRow)[];

// Prefixes issued to mainland mobiles (154 never was); the 170s are virtual operators.
const MOBILE = /^1(?:3\d|5[0-35-9]|66|7[0-8]|8\d|9[189])\d{8}$/;
const LANDLINE = /^0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;

/** What the importer has to do with a phone as written: drop separators and the country code. */
function digitsOf(written: string): string {
  const digits = written.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) return digits.slice(3);
  if (digits.startsWith('0086')) return digits.slice(4);
  return digits;
}
// Split exactly as the importer splits the cell (whitespace included).
const phonesIn = (cell: string): string[] => cell.split(LIST_SEPARATORS).filter(Boolean);
const isPhone = (written: string): boolean =>
  MOBILE.test(digitsOf(written)) || LANDLINE.test(digitsOf(written));

// One shared archive of the size the brief measures; generating it takes a fraction of a second.
const archive = demoArchive({ houses: 5000 });
const houses = [...archive.houses];
const customers = [...archive.customers];
const distinct = new Map<string, CustomerSheetRow>();
for (const row of customers) if (!distinct.has(row.code)) distinct.set(row.code, row);
const people = [...distinct.values()].filter((c) => c.kind === '个人');
const companies = [...distinct.values()].filter((c) => c.kind === '企业');

describe('check characters', () => {
  it('computes the GB 11643 check digit of 11010519491231002X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
  });

  it('computes the GB 32100 check character of real credit codes', () => {
    for (const code of ['91350100M000100Y43', '914403001922038216', '91110108551385082Q']) {
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
    expect(() => creditCodeCheckChar('9135010OM000100Y4')).toThrow(RangeError);
  });
});

describe('demoArchive', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = demoArchive({ houses: 5000 });
    expect([...again.houses]).toEqual(houses);
    expect(JSON.stringify([...again.customers])).toBe(JSON.stringify(customers));

    const other = demoArchive({ houses: 5000, seed: 7 });
    expect(take(other.houses, 200)).not.toEqual(houses.slice(0, 200));
    expect(take(other.customers, 200)).not.toEqual(customers.slice(0, 200));
  });

  it('starts again from the seed on every iteration', () => {
    const fresh = demoArchive({ houses: 300 });
    const first = [...fresh.customers];
    take(fresh.customers, 17);
    expect([...fresh.customers]).toEqual(first);
    take(fresh.houses, 5);
    expect(take(fresh.houses, 50)).toEqual(take(demoArchive({ houses: 300 }).houses, 50));
  });

  it('yields exactly the houses asked for, over the projects asked for', () => {
    for (const count of [0, 1, 7, 29, 30, 2001, 4321]) {
      const rows = [...demoArchive({ houses: count }).houses];
      expect(rows).toHaveLength(count);
      expect(new Set(rows.map((h) => h.projectCode)).size).toBe(
        Math.max(Math.min(count, Math.ceil(count / 2000)), 0),
      );
    }
    const spread = [...demoArchive({ houses: 900, projects: 4 }).houses];
    expect([...new Set(spread.map((h) => h.projectCode))]).toEqual(['P001', 'P002', 'P003', 'P004']);
    expect(new Set([...demoArchive({ houses: 3, projects: 10 }).houses].map((h) => h.projectCode)).size).toBe(
      3,
    );
    expect(() => demoArchive({ houses: -1 })).toThrow(RangeError);
    expect(() => demoArchive({ houses: 10, projects: 0 })).toThrow(RangeError);
  });

  it('has about 1.2 customers per house', () => {
    expect(customers.length / houses.length).toBeGreaterThanOrEqual(1.05);
    expect(customers.length / houses.length).toBeLessThanOrEqual(1.4);
    expect(distinct.size / houses.length).toBeGreaterThanOrEqual(1.05);
    expect(distinct.size / houses.length).toBeLessThanOrEqual(1.4);
  });

  it('writes house cells as the template expects them', () => {
    const AREAS: Record<string, readonly [number, number]> = {
      住宅: [60, 180],
      商铺: [30, 300],
      办公: [50, 500],
      车位: [12, 16],
      仓库: [5, 18],
    };
    // Collected rather than asserted cell by cell: a failure then shows the offending rows.
    const wrong = houses.filter((house) => {
      const [low, high] = AREAS[house.use] ?? [NaN, NaN];
      const area = Number(house.area);
      return !(
        /^P\d{3}$/.test(house.projectCode) &&
        ['住宅', '商业', '写字楼', '机构'].includes(house.projectType) &&
        ['空置', '已交付', '装修中', '自住', '出租'].includes(house.state) &&
        /^-?[1-9]\d*$/.test(house.floor) &&
        /^\d+(?:\.\d{1,2})?$/.test(house.area) &&
        area >= low &&
        area <= high
      );
    });
    expect(wrong).toEqual([]);
  });

  it('keeps room labels unique within a project', () => {
    const labels = new Set(houses.map((h) => `${h.projectCode} ${labelOf(h)}`));
    expect(labels.size).toBe(houses.length);
  });

  it('gives each project type the houses it would have', () => {
    // Enough projects that offices, malls and an institution appear beside the estates.
    const mixed = [...demoArchive({ houses: 20_000, projects: 40 }).houses];
    const uses = new Map<string, Set<string>>();
    for (const house of mixed) {
      const set = uses.get(house.projectType) ?? new Set<string>();
      uses.set(house.projectType, set.add(house.use));
    }
    expect(uses.get('住宅')).toEqual(new Set(['住宅', '商铺', '车位', '仓库']));
    expect(new Set(uses.keys())).toEqual(new Set(['住宅', '商业', '写字楼', '机构']));
    for (const [type, set] of uses) {
      if (type === '商业') expect([...set].every((use) => ['商铺', '车位'].includes(use))).toBe(true);
      if (type === '写字楼' || type === '机构')
        expect([...set].every((use) => ['办公', '商铺', '车位'].includes(use))).toBe(true);
    }
    const labels = new Set(mixed.map((h) => `${h.projectCode} ${labelOf(h)}`));
    expect(labels.size).toBe(mixed.length);
  });

  it('relates every customer row to a house of the archive, consistently with its state', () => {
    const byLabel = new Map(houses.map((h) => [`${h.projectCode} ${labelOf(h)}`, h]));
    const roles = new Map<string, string[]>();
    const orphans = customers.filter((row) => {
      const key = `${row.projectCode} ${row.roomLabel}`;
      const held = roles.get(key) ?? [];
      roles.set(key, held);
      held.push(row.role);
      return !byLabel.has(key);
    });
    expect(orphans).toEqual([]);
    const wrong = [...byLabel].filter(([key, house]) => {
      const held = roles.get(key) ?? [];
      const owners = held.filter((role) => role === '业主').length;
      return !(
        (house.state === '空置' ? held.length === 0 : owners === 1) &&
        (house.state === '出租') === held.includes('租户')
      );
    });
    expect(wrong).toEqual([]);
  });

  it('writes customer cells as the template expects them', () => {
    const DATE = /^\d{4}-\d{2}-\d{2}$/;
    const ID_TYPES = [
      '',
      '居民身份证',
      '护照',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '统一社会信用代码',
    ];
    const wrong = customers.filter(
      (row) =>
        !(
          row.name.length >= 2 &&
          ['个人', '企业'].includes(row.kind) &&
          ['业主', '租户', '家属', '其他使用人'].includes(row.role) &&
          ['', '重要客户', '普通客户'].includes(row.valueLevel) &&
          ID_TYPES.includes(row.idType) &&
          (row.since === '' || DATE.test(row.since)) &&
          (row.until === '' || DATE.test(row.until)) &&
          (row.role !== '业主' ||
            (row.since >= '2015-01-01' && row.since <= '2026-11-22' && row.until === '')) &&
          (row.role !== '租户' || (row.until > '2026-11-22' && row.until > row.since)) &&
          row.tags.split('，').every((tag) => tag.length > 0 || row.tags === '')
        ),
    );
    expect(wrong).toEqual([]);
    expect(new Set(customers.map((c) => c.role))).toEqual(new Set(['业主', '租户', '家属', '其他使用人']));
  });

  it('gives every customer one code, the same details in every row, and at most three houses', () => {
    const rows = new Map<string, number>();
    const wrong = customers.filter((row) => {
      rows.set(row.code, (rows.get(row.code) ?? 0) + 1);
      const first = distinct.get(row.code)!;
      return !/^C\d{7}$/.test(row.code) || PERSONAL_KEYS.some((key) => row[key] !== first[key]);
    });
    expect(wrong).toEqual([]);
    const counts = [...rows.values()];
    expect(Math.max(...counts)).toBe(3);
    expect(counts.filter((n) => n > 1).length).toBeGreaterThan(distinct.size * 0.03);
  });

  it('issues resident IDs with a correct check digit and a birth date from 1950 to 2003', () => {
    const ids = people.filter((c) => c.idType === '居民身份证');
    expect(ids.length / people.length).toBeGreaterThan(0.6);
    expect(ids.length / people.length).toBeLessThan(0.8);
    for (const { idNumber } of ids) {
      expect(idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(residentIdCheckDigit(idNumber.slice(0, 17))).toBe(idNumber[17]);
      const birth = idNumber.slice(6, 14);
      expect(birth >= '19500101' && birth <= '20031231').toBe(true);
      expect(Number.isNaN(Date.parse(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`))).toBe(
        false,
      );
    }
    expect(new Set(ids.map((c) => c.idNumber)).size).toBe(ids.length);
    for (const { idType, idNumber } of people) {
      if (idType === '护照') expect(idNumber).toMatch(/^E\d{8}$/);
      if (idType === '港澳居民来往内地通行证') expect(idNumber).toMatch(/^H\d{8}$/);
    }
  });

  it('registers companies with a valid credit code', () => {
    expect(companies.length).toBeGreaterThan(0);
    for (const company of companies) {
      expect(company.name).toMatch(/公司/);
      expect(company.idType).toBe('统一社会信用代码');
      expect(company.idNumber).toMatch(/^91\d{6}\d{8}[\dX][0-9A-HJ-NPQRTUWXY]$/);
      expect(creditCodeCheckChar(company.idNumber.slice(0, 17))).toBe(company.idNumber[17]);
    }
    expect(new Set(companies.map((c) => c.name)).size).toBe(companies.length);
  });

  it('writes phones a person could have typed, never shared between customers', () => {
    const owner = new Map<string, string>();
    let written = 0;
    let decorated = 0;
    for (const customer of distinct.values()) {
      for (const phone of phonesIn(customer.phones)) {
        expect(isPhone(phone), phone).toBe(true);
        const digits = digitsOf(phone);
        expect(owner.get(digits) ?? customer.code).toBe(customer.code);
        owner.set(digits, customer.code);
        written++;
        if (!/^\d+$/.test(phone) && !/^0\d{2,3}-\d{7,8}$/.test(phone)) decorated++;
      }
      if (customer.emergencyPhone)
        expect(isPhone(customer.emergencyPhone), customer.emergencyPhone).toBe(true);
      expect(Boolean(customer.emergencyName)).toBe(Boolean(customer.emergencyPhone));
    }
    const spaced = [...distinct.values()].filter((c) => /\s/.test(c.emergencyPhone)).length;
    expect(spaced).toBeGreaterThan(0);
    expect(decorated / written).toBeGreaterThan(0.05);
    expect(decorated / written).toBeLessThan(0.15);
    const second = people.filter((c) => phonesIn(c.phones).length > 1).length / people.length;
    expect(second).toBeGreaterThan(0.1);
    expect(second).toBeLessThan(0.2);
  });

  it('is lazy: the first rows of a million-house archive come without generating the rest', () => {
    const huge = demoArchive({ houses: 1_000_000 });
    expect(take(huge.houses, 10)).toHaveLength(10);
    expect(take(huge.customers, 10)).toHaveLength(10);
  });
});
