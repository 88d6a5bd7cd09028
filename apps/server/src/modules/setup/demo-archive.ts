/**
 * Deterministic demo archive: house and customer rows in exactly the shape of the archive's Excel
 * import files, so the demo loader, tests and benchmarks all go through the same import pipeline.
 * Pure code, no database.
 *
 * Both iterables are lazy and start again from the seed on every iteration: a million houses never
 * sit in memory. The customer rows are derived by walking the same house sequence again (with a
 * separate random stream), so the two files always agree without either being stored.
 */
import { dayKey } from '../../platform/days.ts';
import { creditCodeCheckChar, residentIdCheckDigit } from '../../platform/pii/id-number.ts';
import type {
  CustomerColumnKey,
  CustomerKind,
  CustomerSheetRow,
  HouseSheetRow,
  HouseState,
  HouseUse,
  IdType,
  ProjectTypeCode,
  RelationRole,
  ValueLevel,
} from '@steward/contracts/catalogues';
import {
  BRAND_CHARS,
  CITIES,
  COMMERCIAL_PREFIXES,
  COMMERCIAL_SUFFIXES,
  ENTERPRISE_NOTES,
  ENTERPRISE_TAGS,
  GIVEN_NAMES,
  INDUSTRIES,
  INSTITUTION_NAMES,
  MOBILE_PREFIXES,
  OFFICE_PREFIXES,
  OFFICE_SUFFIXES,
  OTHER_REGIONS,
  PERSON_NOTES,
  PERSON_TAGS,
  RESIDENTIAL_PREFIXES,
  RESIDENTIAL_SUFFIXES,
  SURNAMES,
  type City,
  type Generation,
} from './demo-archive.data.ts';

export const DEMO_ARCHIVE_SEED = 20261122;

export interface DemoArchiveOptions {
  /** Default 20261122. */
  seed?: number;
  houses: number;
  /** Default ceil(houses / 2000), at least 1. */
  projects?: number;
}

export interface DemoArchive {
  houses: Iterable<HouseSheetRow>;
  customers: Iterable<CustomerSheetRow>;
}

// Chinese labels exactly as a person fills in the template. Keyed by the contract's code unions so
// a new code fails to compile here instead of silently producing an empty cell.
const PROJECT_TYPE_LABELS: Record<ProjectTypeCode, string> = {
  residential: '住宅',
  commercial: '商业',
  office: '写字楼',
  institution: '机构',
};
const USE_LABELS: Record<HouseUse, string> = {
  residence: '住宅',
  shop: '商铺',
  office: '办公',
  parking: '车位',
  storage: '仓库',
};
const STATE_LABELS: Record<HouseState, string> = {
  vacant: '空置',
  delivered: '已交付',
  decorating: '装修中',
  owner_occupied: '自住',
  rented: '出租',
};
const KIND_LABELS: Record<CustomerKind, string> = { person: '个人', organization: '企业' };
const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  credit_code: '统一社会信用代码',
  other: '其他',
};
const VALUE_LEVEL_LABELS: Record<ValueLevel, string> = { important: '重要客户', ordinary: '普通客户' };
const ROLE_LABELS: Record<RelationRole, string> = {
  owner: '业主',
  tenant: '租户',
  family: '家属',
  occupant: '其他使用人',
};

// ---------------------------------------------------------------------------------------------
// Check characters (resident IDs and credit codes: platform/pii/id-number.ts)

/** GB 11714-1997 check character of the nine-character organisation code inside a credit code. */
function organisationCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

// ---------------------------------------------------------------------------------------------
// Randomness: a seeded PRNG for draws, and keyed permutations for numbers that must never repeat

/** Mixes integers into one 32-bit key (murmur3's finaliser per part), to seed independent streams. */
function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for demo data; the state is one 32-bit integer. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
}

/** A weighted list drawn many times (surnames, phone prefixes): cumulative weights, binary search. */
class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[] = [];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value);
    let total = 0;
    for (const [, weight] of entries) this.cumulative.push((total += weight));
  }

  draw(rng: Random): T {
    const roll = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! > roll) high = mid;
      else low = mid + 1;
    }
    return this.values[low]!;
  }
}

/**
 * A keyed bijection of [0, size): a four-round Feistel network over a square just large enough,
 * with cycle walking back into range. Numbering customers 0, 1, 2 … through it yields phone and ID
 * numbers that look random yet can never collide, without remembering the ones already issued.
 */
class Permutation {
  private readonly side: number;
  private readonly keys: number[];

  constructor(
    private readonly size: number,
    key: number,
  ) {
    this.side = Math.max(2, Math.ceil(Math.sqrt(size)));
    this.keys = [1, 2, 3, 4].map((round) => mix(key, round));
  }

  at(index: number): number {
    let value = index;
    do value = this.rounds(value);
    while (value >= this.size);
    return value;
  }

  private rounds(value: number): number {
    let left = Math.floor(value / this.side);
    let right = value % this.side;
    for (const key of this.keys) {
      const next = (left + (mix(key, right) % this.side)) % this.side;
      left = right;
      right = next;
    }
    return left * this.side + right;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates, as whole UTC days so no time zone or clock is involved

const DAY_MS = 86_400_000;
const dayOf = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;
/** YYYY-MM-DD of a day number. */
const formatDay = dayKey;
function addYears(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / DAY_MS;
}

/** The demo's "today": fixed, so the output never depends on when it is generated. */
const TODAY = dayOf(2026, 11, 22);
const FIRST_BIRTHDAY = dayOf(1950, 1, 1);
const BIRTHDAYS = dayOf(2003, 12, 31) - FIRST_BIRTHDAY + 1;

// ---------------------------------------------------------------------------------------------
// Projects

interface ProjectPlan {
  index: number;
  code: string;
  name: string;
  type: ProjectTypeCode;
  city: City;
  /** Resident-ID region code of the project's district (also the enterprises' registration region). */
  region: string;
  /** Handover day of the project; owners' relations start around it. */
  delivered: number;
  houses: number;
  /** 栋, 号楼 or 幢: each estate names its buildings one way. */
  buildingWord: string;
}

const PROJECT_TYPE_WEIGHTS: readonly (readonly [ProjectTypeCode, number])[] = [
  ['residential', 72],
  ['office', 13],
  ['commercial', 11],
  ['institution', 4],
];
// Relative project sizes: an estate has far more houses than an office tower or a mall.
const PROJECT_SIZE: Record<ProjectTypeCode, number> = {
  residential: 1,
  office: 0.45,
  commercial: 0.35,
  institution: 0.25,
};
const CITY_TABLE = new WeightedTable(CITIES.map((city) => [city, city.weight] as const));
const PHASES = ['二期', '三期', '四期', '五期', '六期'];

function projectName(rng: Random, type: ProjectTypeCode, city: City, district: string): string {
  switch (type) {
    case 'residential':
      return rng.pick(RESIDENTIAL_PREFIXES) + rng.pick(RESIDENTIAL_SUFFIXES);
    case 'office':
      return rng.pick(OFFICE_PREFIXES) + rng.pick(OFFICE_SUFFIXES);
    case 'commercial':
      return rng.pick(COMMERCIAL_PREFIXES) + rng.pick(COMMERCIAL_SUFFIXES);
    case 'institution':
      return rng.pick(INSTITUTION_NAMES).replace('{city}', city.name).replace('{district}', district);
  }
}

function planProjects(seed: number, houses: number, count: number): ProjectPlan[] {
  const rng = new Random(mix(seed, 1));
  const used = new Set<string>();
  const drafts = Array.from({ length: count }, (_, index) => {
    // The first project is always an estate, so a small demo looks like the typical customer.
    const type = index === 0 ? 'residential' : rng.weighted(PROJECT_TYPE_WEIGHTS);
    const city = index === 0 ? CITIES[0]! : CITY_TABLE.draw(rng);
    const [district, region] = rng.pick(city.districts);
    let name = projectName(rng, type, city, district);
    for (let attempt = 0; used.has(name) && attempt < 30; attempt++) {
      name = projectName(rng, type, city, district);
    }
    if (used.has(name))
      name = PHASES.map((phase) => name + phase).find((n) => !used.has(n)) ?? `${name}${index + 1}号`;
    used.add(name);
    return {
      index,
      code: `P${String(index + 1).padStart(3, '0')}`,
      name,
      type,
      city,
      region,
      delivered: dayOf(rng.int(2015, 2025), rng.int(1, 12), rng.int(1, 28)),
      buildingWord:
        type === 'residential' ? rng.pick(['栋', '号楼', '幢']) : type === 'commercial' ? '座' : '号楼',
      weight: PROJECT_SIZE[type] * rng.float(0.7, 1.3),
    };
  });
  // Every project gets one house, the rest is shared by weight with cumulative rounding, so the
  // total is exactly `houses`.
  const total = drafts.reduce((sum, draft) => sum + draft.weight, 0);
  const rest = houses - count;
  let cumulative = 0;
  let given = 0;
  return drafts.map(({ weight, ...plan }, index) => {
    cumulative += weight;
    const upTo = index === count - 1 ? rest : Math.round((rest * cumulative) / total);
    const share = upTo - given;
    given = upTo;
    return { ...plan, houses: 1 + share };
  });
}

// ---------------------------------------------------------------------------------------------
// Houses

interface HouseFacts {
  project: ProjectPlan;
  row: HouseSheetRow;
  /** buildingCode-unitCode-roomNo, or buildingCode-roomNo without a unit: how customer rows name it. */
  label: string;
  use: HouseUse;
  state: HouseState;
}

interface BuildingSpec {
  code: string;
  name: string;
  /** [''] for buildings without units (towers, malls). */
  units: readonly string[];
  floors: number;
  roomsPerFloor: number;
  use: HouseUse;
  /** Floor area per position on a floor: flats stacked above each other share a layout. */
  areas: readonly number[];
  /** Shops on the ground floor (no unit); the building's own use starts one floor up. */
  groundShops: number;
  /** Basement storerooms per unit. */
  storerooms: number;
}

type StateProfile = 'settled' | 'new' | 'shop' | 'office' | 'parking' | 'storage';
const STATE_WEIGHTS: Record<StateProfile, readonly (readonly [HouseState, number])[]> = {
  settled: [
    ['owner_occupied', 52],
    ['rented', 20],
    ['delivered', 12],
    ['vacant', 8],
    ['decorating', 8],
  ],
  // Estates handed over in the last two years are still being decorated and moved into.
  new: [
    ['owner_occupied', 26],
    ['rented', 8],
    ['delivered', 30],
    ['vacant', 11],
    ['decorating', 25],
  ],
  shop: [
    ['rented', 50],
    ['owner_occupied', 18],
    ['vacant', 17],
    ['delivered', 10],
    ['decorating', 5],
  ],
  office: [
    ['rented', 52],
    ['owner_occupied', 20],
    ['vacant', 18],
    ['delivered', 6],
    ['decorating', 4],
  ],
  parking: [
    ['owner_occupied', 62],
    ['rented', 8],
    ['vacant', 25],
    ['delivered', 5],
  ],
  storage: [
    ['owner_occupied', 70],
    ['delivered', 12],
    ['vacant', 18],
  ],
};

function drawState(rng: Random, project: ProjectPlan, use: HouseUse): HouseState {
  const profile: StateProfile =
    use === 'residence' ? (TODAY - project.delivered < 730 ? 'new' : 'settled') : use;
  return rng.weighted(STATE_WEIGHTS[profile]);
}

/** "89.56", "120", "12.5": two decimals at most, as typed. */
const formatArea = (area: number): string => String(Math.round(area * 100) / 100);

const RESIDENCE_LAYOUTS: readonly (readonly [readonly [number, number], number])[] = [
  [[60, 76], 14], // 一室 / 小两室
  [[78, 98], 30], // 两室
  [[100, 128], 34], // 三室
  [[130, 150], 14], // 四室
  [[150, 180], 8], // 大平层
];

function residenceArea(rng: Random): number {
  const [low, high] = rng.weighted(RESIDENCE_LAYOUTS);
  return rng.float(low, high);
}

// Shops and offices: mostly small, a few large (the square skews towards the lower bound).
const skewedArea = (rng: Random, low: number, high: number): number => low + (high - low) * rng.next() ** 2;

function nextBuilding(rng: Random, project: ProjectPlan, number: number, remaining: number): BuildingSpec {
  const code = String(number);
  const name = `${number}${project.buildingWord}`;
  let spec: BuildingSpec;
  switch (project.type) {
    case 'residential': {
      const highRise = remaining > 400 && rng.chance(0.55);
      const roomsPerFloor = highRise ? rng.int(2, 4) : rng.int(2, 3);
      spec = {
        code,
        name,
        units: Array.from({ length: highRise ? rng.int(2, 3) : rng.int(2, 4) }, (_, i) => String(i + 1)),
        floors: highRise ? rng.int(18, 33) : rng.int(6, 11),
        roomsPerFloor,
        use: 'residence',
        areas: Array.from({ length: roomsPerFloor }, () => residenceArea(rng)),
        groundShops: rng.chance(0.15) ? rng.int(4, 10) : 0,
        storerooms: !highRise && rng.chance(0.4) ? rng.int(4, 8) : 0,
      };
      break;
    }
    case 'office':
    case 'institution': {
      const roomsPerFloor = project.type === 'office' ? rng.int(6, 12) : rng.int(6, 16);
      spec = {
        code,
        name,
        units: [''],
        floors: project.type === 'office' ? rng.int(12, 33) : rng.int(3, 12),
        roomsPerFloor,
        use: 'office',
        areas: Array.from({ length: roomsPerFloor }, () => skewedArea(rng, 50, 500)),
        groundShops: project.type === 'office' ? rng.int(2, 6) : 0,
        storerooms: 0,
      };
      break;
    }
    case 'commercial': {
      const roomsPerFloor = rng.int(10, 30);
      spec = {
        code,
        name,
        units: [''],
        floors: rng.int(1, 5),
        roomsPerFloor,
        use: 'shop',
        areas: Array.from({ length: roomsPerFloor }, () => skewedArea(rng, 30, 300)),
        groundShops: 0,
        storerooms: 0,
      };
      break;
    }
  }
  // The project's last building is cut to what is left, so the archive ends on a (nearly) full
  // building instead of a stump of a 33-storey tower.
  const perFloor = spec.units.length * spec.roomsPerFloor;
  const firstFloor = spec.groundShops > 0 ? 2 : 1;
  const capacity =
    spec.groundShops + spec.storerooms * spec.units.length + perFloor * (spec.floors - firstFloor + 1);
  if (capacity > remaining) {
    const extras = spec.groundShops + spec.storerooms * spec.units.length;
    if (extras >= remaining / 2) spec = { ...spec, groundShops: 0, storerooms: 0 };
    const left = remaining - spec.groundShops - spec.storerooms * spec.units.length;
    const minimum = project.type === 'commercial' ? 1 : 6;
    spec = {
      ...spec,
      floors: Math.max(minimum, (spec.groundShops > 0 ? 1 : 0) + Math.ceil(left / perFloor)),
    };
  }
  return spec;
}

interface Slot {
  unit: string;
  floor: number;
  roomNo: string;
  use: HouseUse;
  area: number;
}

function* buildingSlots(rng: Random, spec: BuildingSpec): Generator<Slot> {
  for (let i = 1; i <= spec.groundShops; i++) {
    yield { unit: '', floor: 1, roomNo: String(100 + i), use: 'shop', area: skewedArea(rng, 30, 200) };
  }
  const firstFloor = spec.groundShops > 0 ? 2 : 1;
  for (const unit of spec.units) {
    for (let i = 1; i <= spec.storerooms; i++) {
      // "B101": basement storeroom 1 of the unit, as painted on the door.
      yield {
        unit,
        floor: -1,
        roomNo: `B1${String(i).padStart(2, '0')}`,
        use: 'storage',
        area: rng.float(5, 18),
      };
    }
    for (let floor = firstFloor; floor <= spec.floors; floor++) {
      for (let i = 1; i <= spec.roomsPerFloor; i++) {
        yield { unit, floor, roomNo: String(floor * 100 + i), use: spec.use, area: spec.areas[i - 1]! };
      }
    }
  }
}

const PARKING_SHARE: Record<ProjectTypeCode, readonly [number, number]> = {
  residential: [0.1, 0.22],
  office: [0.08, 0.15],
  commercial: [0.05, 0.12],
  institution: [0.05, 0.1],
};

function* garageSlots(spaces: number): Generator<Slot> {
  const levels = Math.min(3, Math.max(1, Math.ceil(spaces / 400)));
  const perLevel = Math.ceil(spaces / levels);
  const width = Math.max(3, String(perLevel).length);
  for (let k = 0; k < spaces; k++) {
    const level = Math.floor(k / perLevel) + 1;
    const roomNo = `B${level}-${String((k % perLevel) + 1).padStart(width, '0')}`;
    yield { unit: '', floor: -level, roomNo, use: 'parking', area: 0 };
  }
}

function* projectHouses(seed: number, project: ProjectPlan): Generator<HouseFacts> {
  const rng = new Random(mix(seed, 2, project.index));
  const [low, high] = PARKING_SHARE[project.type];
  const parking = project.houses >= 30 ? Math.floor(project.houses * rng.float(low, high)) : 0;
  const inBuildings = project.houses - parking;

  const house = (building: { code: string; name: string }, slot: Slot): HouseFacts => {
    const state = drawState(rng, project, slot.use);
    const area = slot.use === 'parking' ? rng.float(12, 16) : slot.area;
    return {
      project,
      label: slot.unit ? `${building.code}-${slot.unit}-${slot.roomNo}` : `${building.code}-${slot.roomNo}`,
      use: slot.use,
      state,
      row: {
        projectCode: project.code,
        projectName: project.name,
        projectType: PROJECT_TYPE_LABELS[project.type],
        buildingCode: building.code,
        buildingName: building.name,
        unitCode: slot.unit,
        roomNo: slot.roomNo,
        floor: String(slot.floor),
        area: formatArea(area),
        use: USE_LABELS[slot.use],
        state: STATE_LABELS[state],
      },
    };
  };

  let emitted = 0;
  for (let number = 1; emitted < inBuildings; number++) {
    const spec = nextBuilding(rng, project, number, inBuildings - emitted);
    for (const slot of buildingSlots(rng, spec)) {
      if (emitted === inBuildings) break;
      yield house(spec, slot);
      emitted++;
    }
  }
  const garage = { code: 'P', name: '地下车库' };
  for (const slot of garageSlots(parking)) yield house(garage, slot);
}

interface Config {
  seed: number;
  houses: number;
  projects: number;
}

function* walkHouses(config: Config): Generator<HouseFacts> {
  if (config.houses === 0) return;
  for (const project of planProjects(config.seed, config.houses, config.projects)) {
    yield* projectHouses(config.seed, project);
  }
}

// ---------------------------------------------------------------------------------------------
// Customers

type PersonalKey = Exclude<CustomerColumnKey, 'projectCode' | 'roomLabel' | 'role' | 'since' | 'until'>;

interface Customer {
  fields: Record<PersonalKey, string>;
  person: boolean;
  surname: string;
}

const SURNAME_TABLE = new WeightedTable(SURNAMES);
const MOBILE_TABLE = new WeightedTable(MOBILE_PREFIXES);
const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ['有限公司', 85],
  ['股份有限公司', 9],
  ['有限责任公司', 6],
];

/**
 * Issues customer codes and every number that must be unique: one counter per number space
 * (a phone prefix, an area code, an ID region), read through a keyed permutation.
 */
class Registry {
  private customers = 0;
  private readonly counters = new Map<string, number>();
  private readonly permutations = new Map<string, Permutation>();

  constructor(private readonly seed: number) {}

  /** The next unused number of a space, in a seed-keyed order. */
  private draw(space: string, size: number): number {
    const index = this.next(space);
    if (index >= size) throw new RangeError(`demo archive: the ${space} number space is used up`);
    return this.permutation(space, size).at(index);
  }

  private next(space: string): number {
    const index = this.counters.get(space) ?? 0;
    this.counters.set(space, index + 1);
    return index;
  }

  private permutation(space: string, size: number): Permutation {
    let permutation = this.permutations.get(space);
    if (!permutation) {
      permutation = new Permutation(size, mix(this.seed, hashString(space)));
      this.permutations.set(space, permutation);
    }
    return permutation;
  }

  code(): string {
    return `C${String(++this.customers).padStart(7, '0')}`;
  }

  mobile(rng: Random): string {
    const prefix = MOBILE_TABLE.draw(rng);
    return prefix + String(this.draw(`mobile ${prefix}`, 100_000_000)).padStart(8, '0');
  }

  /** An eight-digit local number starting 5–8, as business lines in these cities do. */
  landline(city: City): string {
    return `${city.areaCode}-${50_000_000 + this.draw(`landline ${city.areaCode}`, 40_000_000)}`;
  }

  residentId(region: string): { id: string; birthYear: number; male: boolean } {
    const n = this.draw(`resident ${region}`, BIRTHDAYS * 999);
    const birthday = formatDay(FIRST_BIRTHDAY + Math.floor(n / 999));
    const sequence = (n % 999) + 1;
    const first17 = region + birthday.replaceAll('-', '') + String(sequence).padStart(3, '0');
    // The 17th digit is odd for men and even for women.
    return {
      id: first17 + residentIdCheckDigit(first17),
      birthYear: Number(birthday.slice(0, 4)),
      male: sequence % 2 === 1,
    };
  }

  document(space: 'passport' | 'hk' | 'tw'): string {
    const digits = String(this.draw(space, 100_000_000)).padStart(8, '0');
    return space === 'passport' ? `E${digits}` : space === 'hk' ? `H${digits}` : digits;
  }

  /** Trade name and industry, unique across the archive (a branch suffix once they run out). */
  company(rng: Random, city: City, region: string): { name: string; creditCode: string } {
    const chars = BRAND_CHARS.length;
    const size = chars * (chars - 1) * INDUSTRIES.length;
    const index = this.next('company');
    let k = this.permutation('company', size).at(index % size);
    const first = k % chars;
    k = Math.floor(k / chars);
    // The second character is counted from the first, so a name never doubles a character.
    const second = (first + 1 + (k % (chars - 1))) % chars;
    const industry = INDUSTRIES[Math.floor(k / (chars - 1))]!;
    const round = Math.floor(index / size);
    const name =
      `${city.name}${BRAND_CHARS[first]}${BRAND_CHARS[second]}${industry}${rng.weighted(COMPANY_SUFFIXES)}` +
      (round > 0 ? `第${round}分公司` : '');
    const organisation = String(this.draw('organisation', 100_000_000)).padStart(8, '0');
    // 9 = registered with market regulation, 1 = enterprise.
    const first17 = `91${region}${organisation}${organisationCodeCheckChar(organisation)}`;
    return { name, creditCode: first17 + creditCodeCheckChar(first17) };
  }
}

/**
 * Where a phone is written. The phones cell may hold several numbers and the importer splits it on
 * LIST_SEPARATORS, which include whitespace, so numbers there are written without spaces; the
 * emergency cell holds one number and gets the spaced forms ("138 1234 5678").
 */
type PhoneCell = 'list' | 'single';

function formatMobile(rng: Random, phone: string, cell: PhoneCell): string {
  // About one in ten is written the way people actually type them; the importer normalises.
  if (!rng.chance(0.1)) return phone;
  const [a, b, c] = [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)];
  return cell === 'list'
    ? rng.pick([`${a}-${b}-${c}`, `+86-${a}-${b}-${c}`, `+86${phone}`, `0086-${phone}`])
    : rng.pick([`${a} ${b} ${c}`, `${a}-${b}-${c}`, `+86 ${a}-${b}-${c}`, `0086 ${phone}`, `+86${phone}`]);
}

/** Landlines only ever go into the phones cell. */
function formatLandline(rng: Random, phone: string): string {
  if (!rng.chance(0.1)) return phone;
  const [area, local] = phone.split('-') as [string, string];
  return rng.pick([`(${area})${local}`, `${area}-${local.slice(0, 4)}-${local.slice(4)}`]);
}

function generationOf(birthYear: number): Generation {
  return birthYear < 1966 ? 'classic' : birthYear < 1986 ? 'middle' : 'modern';
}

function givenName(rng: Random, male: boolean, birthYear: number): string {
  const pool = GIVEN_NAMES[male ? 'male' : 'female'][generationOf(birthYear)];
  const roll = rng.next();
  if (roll < 0.25) return rng.pick(pool.single);
  // Two random characters rarely make a name a parent would choose: mostly the common ones.
  if (roll < 0.88) return rng.pick(pool.double);
  const first = rng.pick(pool.single);
  let second = rng.pick(pool.single);
  while (second === first) second = rng.pick(pool.single);
  return first + second;
}

function valueLevel(rng: Random, important: number): string {
  const roll = rng.next();
  if (roll < important) return VALUE_LEVEL_LABELS.important;
  return roll < 0.72 ? VALUE_LEVEL_LABELS.ordinary : '';
}

interface PersonOptions {
  city: City;
  /** Family members often share the owner's surname. */
  surname?: string;
  /** A tenant's lodger or a child may have no phone of their own. */
  phoneOptional?: boolean;
}

function newPerson(rng: Random, registry: Registry, options: PersonOptions): Customer {
  let idType = '';
  let idNumber = '';
  let birthYear: number;
  let male: boolean;
  const documentRoll = rng.next();
  if (documentRoll < 0.7) {
    // Most residents were born elsewhere in the province or the country.
    const region = rng.chance(0.55) ? rng.pick(options.city.districts)[1] : rng.pick(OTHER_REGIONS);
    const issued = registry.residentId(region);
    ({ birthYear, male } = issued);
    idType = ID_TYPE_LABELS.resident_id;
    idNumber = issued.id;
  } else {
    birthYear = rng.int(1950, 2003);
    male = rng.chance(0.5);
    if (documentRoll < 0.72) [idType, idNumber] = [ID_TYPE_LABELS.passport, registry.document('passport')];
    else if (documentRoll < 0.73)
      [idType, idNumber] = [ID_TYPE_LABELS.hk_macao_permit, registry.document('hk')];
    else if (documentRoll < 0.735)
      [idType, idNumber] = [ID_TYPE_LABELS.taiwan_permit, registry.document('tw')];
  }
  const surname = options.surname ?? SURNAME_TABLE.draw(rng);

  const phones: string[] = [];
  if (!options.phoneOptional || rng.chance(0.88)) {
    phones.push(formatMobile(rng, registry.mobile(rng), 'list'));
    if (rng.chance(0.15)) {
      phones.push(
        rng.chance(0.55)
          ? formatMobile(rng, registry.mobile(rng), 'list')
          : formatLandline(rng, registry.landline(options.city)),
      );
    }
  }

  let emergencyName = '';
  let emergencyPhone = '';
  if (rng.chance(0.4)) {
    const contactSurname = rng.chance(0.5) ? surname : SURNAME_TABLE.draw(rng);
    emergencyName = contactSurname + givenName(rng, rng.chance(0.5), rng.int(1950, 2003));
    emergencyPhone = formatMobile(rng, registry.mobile(rng), 'single');
  }

  const tags: string[] = [];
  if (rng.chance(0.18)) {
    const candidates = [...PERSON_TAGS];
    if (birthYear <= 1958) candidates.push('老人独居', '老人独居');
    if (!male && birthYear >= 1988) candidates.push('孕妇');
    const count = rng.chance(0.75) ? 1 : 2;
    while (tags.length < count) {
      const tag = rng.pick(candidates);
      if (!tags.includes(tag)) tags.push(tag);
    }
  }

  return {
    person: true,
    surname,
    fields: {
      code: registry.code(),
      name: surname + givenName(rng, male, birthYear),
      kind: KIND_LABELS.person,
      phones: joinList(rng, phones),
      idType,
      idNumber,
      emergencyName,
      emergencyPhone,
      valueLevel: valueLevel(rng, 0.08),
      tags: tags.join('，'),
      notes: rng.chance(0.04) ? rng.pick(PERSON_NOTES) : '',
    },
  };
}

function newCompany(rng: Random, registry: Registry, project: ProjectPlan): Customer {
  const { name, creditCode } = registry.company(rng, project.city, project.region);
  const phones: string[] = [];
  if (rng.chance(0.75)) phones.push(formatLandline(rng, registry.landline(project.city)));
  if (phones.length === 0 || rng.chance(0.5)) phones.push(formatMobile(rng, registry.mobile(rng), 'list'));
  // A company's "emergency contact" is the person at its front desk or administration.
  const contact = rng.chance(0.6);
  return {
    person: false,
    surname: '',
    fields: {
      code: registry.code(),
      name,
      kind: KIND_LABELS.organization,
      phones: joinList(rng, phones),
      idType: ID_TYPE_LABELS.credit_code,
      idNumber: creditCode,
      emergencyName: contact
        ? SURNAME_TABLE.draw(rng) + givenName(rng, rng.chance(0.5), rng.int(1965, 2000))
        : '',
      emergencyPhone: contact ? formatMobile(rng, registry.mobile(rng), 'single') : '',
      valueLevel: valueLevel(rng, 0.3),
      tags: rng.chance(0.15) ? rng.pick(ENTERPRISE_TAGS) : '',
      notes: rng.chance(0.1) ? rng.pick(ENTERPRISE_NOTES) : '',
    },
  };
}

function joinList(rng: Random, items: readonly string[]): string {
  return items.join(items.length > 1 ? rng.pick(['，', '，', '，', '；', '/']) : '');
}

/** Chance that a new owner or tenant is a company, by project type and house use. */
function companyChance(project: ProjectPlan, use: HouseUse, role: 'owner' | 'tenant'): number {
  // Companies rent flats as staff housing; shops and offices are mostly theirs.
  if (use === 'residence') return role === 'owner' ? 0.01 : 0.06;
  if (use === 'storage') return 0.01;
  if (use === 'parking') return project.type === 'residential' ? 0.02 : role === 'owner' ? 0.3 : 0.2;
  if (use === 'shop') return role === 'owner' ? 0.35 : 0.6;
  return role === 'owner' ? 0.35 : project.type === 'institution' ? 0.6 : 0.85;
}

// Chance that a house's owner already owns another house in the project: parking spaces and
// storerooms are bought by residents, and some investors own a second flat or office.
const REUSED_OWNER: Record<HouseUse, number> = {
  residence: 0.05,
  shop: 0.1,
  office: 0.12,
  parking: 0.8,
  storage: 0.85,
};
const POOL_SIZE = 512;
const MAX_HOUSES_PER_OWNER = 3;

/**
 * Owners of the current project who may buy another house there: a bounded reservoir sample, so
 * memory stays flat however large the project. An owner leaves it at three houses.
 */
class OwnerPool {
  private readonly entries: { customer: Customer; houses: number }[] = [];
  private seen = 0;

  add(rng: Random, customer: Customer): void {
    this.seen++;
    const entry = { customer, houses: 1 };
    if (this.entries.length < POOL_SIZE) this.entries.push(entry);
    else {
      const slot = rng.int(0, this.seen - 1);
      if (slot < POOL_SIZE) this.entries[slot] = entry;
    }
  }

  take(rng: Random): Customer | undefined {
    if (this.entries.length === 0) return undefined;
    const index = rng.int(0, this.entries.length - 1);
    const entry = this.entries[index]!;
    if (++entry.houses >= MAX_HOUSES_PER_OWNER) {
      this.entries[index] = this.entries[this.entries.length - 1]!;
      this.entries.pop();
    }
    return entry.customer;
  }
}

const FAMILY_SIZES: readonly (readonly [number, number])[] = [
  [0, 50],
  [1, 32],
  [2, 14],
  [3, 4],
];

function ownerSince(rng: Random, project: ProjectPlan, use: HouseUse, reused: boolean): number {
  const handover = project.delivered;
  if (reused || use === 'parking' || use === 'storage')
    return Math.min(handover + rng.int(0, 900), TODAY - 7);
  // Some flats changed hands after handover.
  if (rng.chance(0.15) && handover + 365 < TODAY - 30) return rng.int(handover + 365, TODAY - 30);
  return handover + rng.int(0, 90);
}

function lease(rng: Random, project: ProjectPlan): [string, string] {
  const since = rng.int(Math.max(project.delivered + 60, TODAY - 700), TODAY - 10);
  // Leases run whole years and have not ended yet; some were signed for longer.
  let years = 1;
  while (addYears(since, years) - 1 <= TODAY) years++;
  if (rng.chance(0.3)) years++;
  return [formatDay(since), formatDay(addYears(since, years) - 1)];
}

function* customerRows(config: Config): Generator<CustomerSheetRow> {
  const rng = new Random(mix(config.seed, 3));
  const registry = new Registry(config.seed);
  let project: ProjectPlan | undefined;
  let pool = new OwnerPool();

  // Spelled out rather than spread: `{ ...fields, more }` is ~20× slower in V8, and this runs for
  // every row of a benchmark-sized archive.
  const row = (
    { fields: f }: Customer,
    house: HouseFacts,
    role: RelationRole,
    since: string,
    until: string,
  ): CustomerSheetRow => ({
    code: f.code,
    name: f.name,
    kind: f.kind,
    phones: f.phones,
    idType: f.idType,
    idNumber: f.idNumber,
    emergencyName: f.emergencyName,
    emergencyPhone: f.emergencyPhone,
    valueLevel: f.valueLevel,
    tags: f.tags,
    notes: f.notes,
    projectCode: house.project.code,
    roomLabel: house.label,
    role: ROLE_LABELS[role],
    since,
    until,
  });

  for (const house of walkHouses(config)) {
    if (house.project !== project) {
      project = house.project;
      pool = new OwnerPool();
    }
    // A vacant house is unsold developer stock: nobody to list.
    if (house.state === 'vacant') continue;

    const reused = rng.chance(REUSED_OWNER[house.use]) ? pool.take(rng) : undefined;
    let owner = reused;
    if (!owner) {
      owner = rng.chance(companyChance(project, house.use, 'owner'))
        ? newCompany(rng, registry, project)
        : newPerson(rng, registry, { city: project.city });
      pool.add(rng, owner);
    }
    const since = formatDay(ownerSince(rng, project, house.use, reused !== undefined));
    yield row(owner, house, 'owner', since, '');

    if (house.state === 'rented') {
      const tenant = rng.chance(companyChance(project, house.use, 'tenant'))
        ? newCompany(rng, registry, project)
        : newPerson(rng, registry, { city: project.city });
      const [from, to] = lease(rng, project);
      yield row(tenant, house, 'tenant', from, to);
      // Flat-sharers and a tenant's partner are listed as other occupants.
      if (house.use === 'residence' && tenant.person && rng.chance(0.15)) {
        const occupant = newPerson(rng, registry, { city: project.city, phoneOptional: true });
        yield row(occupant, house, 'occupant', from, '');
      }
    } else if (house.state === 'owner_occupied' && house.use === 'residence' && owner.person) {
      const members = rng.weighted(FAMILY_SIZES);
      for (let i = 0; i < members; i++) {
        const member = newPerson(rng, registry, {
          city: project.city,
          surname: rng.chance(0.55) ? owner.surname : undefined,
          phoneOptional: true,
        });
        yield row(member, house, 'family', rng.chance(0.7) ? since : '', '');
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * A demo archive of `houses` houses spread over `projects` projects, with their customers. Same
 * options, same rows, byte for byte; each iteration starts again from the seed.
 */
export function demoArchive(options: DemoArchiveOptions): DemoArchive {
  const { seed = DEMO_ARCHIVE_SEED, houses } = options;
  if (!Number.isSafeInteger(houses) || houses < 0)
    throw new RangeError('houses must be a non-negative integer');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const requested = options.projects ?? Math.max(1, Math.ceil(houses / 2000));
  if (!Number.isSafeInteger(requested) || requested < 1)
    throw new RangeError('projects must be a positive integer');
  // A project without houses would not appear in a houses file at all.
  const config: Config = {
    // Both halves of the seed count, so seeds above 2³² do not alias smaller ones.
    seed: mix(seed, Math.floor(seed / 2 ** 32)),
    houses,
    projects: Math.max(1, Math.min(requested, houses)),
  };
  return {
    houses: { [Symbol.iterator]: () => houseRows(config) },
    customers: { [Symbol.iterator]: () => customerRows(config) },
  };
}

function* houseRows(config: Config): Generator<HouseSheetRow> {
  for (const house of walkHouses(config)) yield house.row;
}
