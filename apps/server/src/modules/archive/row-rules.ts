import {
  FILE_LABELS,
  LIST_SEPARATORS,
  type CustomerKind,
  type FileLabelKind,
  type HouseState,
  type HouseUse,
  type IdType,
  type ProjectTypeCode,
  type RelationRole,
  type ValueLevel,
} from '@steward/contracts/catalogues';
import type { SheetReason, SheetRow } from '../../platform/xlsx.ts';
import {
  normaliseEmergencyPhone,
  normaliseIdentity,
  normalisePhoneList,
  type InputProblem,
  type NormalisedPhoneEntry,
} from '../customers/index.ts';

/** Why a row (or cell) of an import file was refused. Worded for people in problems.ts. */
export type RowReason =
  | SheetReason
  | 'required'
  | 'invalid_code'
  | 'invalid_value'
  | 'invalid_floor'
  | 'invalid_area'
  | 'duplicate_row'
  | 'label_taken'
  | 'conflict'
  | 'invalid_phone'
  | 'id_format'
  | 'id_checksum'
  | 'id_type_required'
  | 'invalid_date'
  | 'dates_order'
  | 'house_not_found'
  | 'house_columns'
  | 'outside_scope'
  | 'customer_key';

export interface RowProblem {
  row: number | null;
  /** The column key (e.g. `roomNo`), or the column text the sheet reader gave. */
  column: string | null;
  reason: RowReason;
  params?: Record<string, string | number>;
}

const CODE = /^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9_\-\u4e00-\u9fa5]{0,31}$/;

/** The code a cell means: the Chinese or English label, or the code itself. */
export function parseLabel<K extends FileLabelKind>(
  kind: K,
  raw: string,
): keyof (typeof FILE_LABELS)[K] | null {
  const text = raw.trim().toLowerCase();
  for (const [code, label] of Object.entries(FILE_LABELS[kind]) as [string, { zh: string; en: string }][])
    if (text === code || text === label.zh.toLowerCase() || text === label.en.toLowerCase())
      return code as keyof (typeof FILE_LABELS)[K];
  return null;
}

/** A calendar date as written in Chinese offices: 2026-01-31, 2026/1/31, 2026.1.31, 2026年1月31日. */
export function parseDate(raw: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** m² with at most two decimals, as hundredths (exact: areas are summed for fees). */
export function parseArea(raw: string): number | null {
  const text = raw.trim().replace(/(㎡|m²|m2|平方米|平米)$/i, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

export function roomLabelOf(buildingCode: string, unitCode: string | null, roomNo: string): string {
  return unitCode ? `${buildingCode}-${unitCode}-${roomNo}` : `${buildingCode}-${roomNo}`;
}

export interface ParsedHouse {
  row: number;
  projectCode: string;
  projectName?: string;
  projectType?: ProjectTypeCode;
  buildingCode: string;
  buildingName?: string;
  unitCode: string | null;
  roomNo: string;
  roomLabel: string;
  /** undefined: the cell was blank (keep what is stored; defaults on create). */
  floor?: number;
  areaHundredths?: number;
  use?: HouseUse;
  state?: HouseState;
}

type Cells = Record<string, string>;

class RowReader {
  constructor(
    readonly row: number,
    readonly cells: Cells,
    readonly problems: RowProblem[],
  ) {}

  text(key: string): string | undefined {
    const value = this.cells[key]?.trim();
    return value ? value : undefined;
  }

  required(key: string): string {
    const value = this.text(key);
    if (value === undefined) this.fail(key, 'required');
    return value ?? '';
  }

  code(key: string, required: boolean): string | undefined {
    const value = required ? this.required(key) : this.text(key);
    if (value !== undefined && value !== '' && !CODE.test(value)) this.fail(key, 'invalid_code', { value });
    return value || undefined;
  }

  label<K extends FileLabelKind>(key: string, kind: K): keyof (typeof FILE_LABELS)[K] | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    const code = parseLabel(kind, value);
    // The allowed values are listed in the reader's language later (problems.ts).
    if (code === null) this.fail(key, 'invalid_value', { value, kind });
    return code ?? undefined;
  }

  date(key: string): string | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    const date = parseDate(value);
    if (!date) this.fail(key, 'invalid_date', { value });
    return date ?? undefined;
  }

  fail(column: string | null, reason: RowReason, params?: Record<string, string | number>): void {
    this.problems.push({ row: this.row, column, reason, ...(params ? { params } : {}) });
  }
}

/** Reads and checks a houses file; problems name the row and column of each fault. */
export function parseHouseRows(rows: readonly SheetRow[]): { houses: ParsedHouse[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const houses: ParsedHouse[] = [];
  const seen = new Map<string, number>();
  const projectFacts = new Map<string, { row: number; name?: string; type?: string }>();
  for (const { row, values } of rows) {
    const r = new RowReader(row, values, problems);
    const before = problems.length;
    const projectCode = r.code('projectCode', true)!;
    const buildingCode = r.code('buildingCode', true)!;
    const unitCode = r.code('unitCode', false) ?? null;
    const roomNo = r.code('roomNo', true)!;
    const floorText = r.text('floor');
    let floor: number | undefined;
    if (floorText !== undefined) {
      floor = /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : NaN;
      if (!Number.isInteger(floor) || floor < -10 || floor > 200)
        r.fail('floor', 'invalid_floor', { value: floorText });
    }
    const areaText = r.text('area');
    const areaHundredths = areaText === undefined ? undefined : (parseArea(areaText) ?? undefined);
    if (areaText !== undefined && areaHundredths === undefined)
      r.fail('area', 'invalid_area', { value: areaText });
    const house: ParsedHouse = {
      row,
      projectCode,
      projectName: r.text('projectName'),
      projectType: r.label('projectType', 'projectType'),
      buildingCode,
      buildingName: r.text('buildingName'),
      unitCode,
      roomNo,
      roomLabel: roomLabelOf(buildingCode, unitCode, roomNo),
      floor,
      areaHundredths,
      use: r.label('use', 'use'),
      state: r.label('state', 'state'),
    };
    if (problems.length > before) continue;
    const key = `${projectCode}\u0000${house.roomLabel}`;
    const first = seen.get(key);
    if (first !== undefined) {
      r.fail('roomNo', 'duplicate_row', { row: first, label: house.roomLabel });
      continue;
    }
    seen.set(key, row);
    // One project described two ways in one file: which is meant is a guess we do not make.
    const facts = projectFacts.get(projectCode);
    if (!facts) projectFacts.set(projectCode, { row, name: house.projectName, type: house.projectType });
    else {
      if (house.projectName && facts.name && house.projectName !== facts.name)
        r.fail('projectName', 'conflict', { row: facts.row });
      if (house.projectType && facts.type && house.projectType !== facts.type)
        r.fail('projectType', 'conflict', { row: facts.row });
      facts.name ??= house.projectName;
      facts.type ??= house.projectType;
    }
    houses.push(house);
  }
  return { houses, problems };
}

export interface ParsedRelation {
  row: number;
  projectCode: string;
  roomLabel: string;
  role: RelationRole;
  since: string | null;
  until: string | null;
}

export interface ParsedCustomer {
  /** The file row that first describes the customer. */
  row: number;
  key: string;
  code?: string;
  name: string;
  kind?: CustomerKind;
  phones?: NormalisedPhoneEntry[];
  idType?: IdType;
  idNumber?: string;
  emergencyName?: string;
  emergencyPhone?: string;
  valueLevel?: ValueLevel;
  tags: string[];
  notes?: string;
  relations: ParsedRelation[];
}

function inputProblem(r: RowReader, problem: InputProblem): void {
  if (problem.field === 'phones') r.fail('phones', 'invalid_phone', { value: problem.value });
  else if (problem.field === 'emergencyPhone')
    r.fail('emergencyPhone', 'invalid_phone', { value: problem.value });
  else r.fail(problem.reason === 'id_type_required' ? 'idType' : 'idNumber', problem.reason);
}

/** Fields several rows of one customer must agree on (blank cells agree with anything). */
const CUSTOMER_FIELDS = [
  'name',
  'kind',
  'idType',
  'idNumber',
  'emergencyName',
  'emergencyPhone',
  'valueLevel',
  'notes',
] as const;

/**
 * Reads and checks a customers file. Rows of the same customer (same code; or same name with the
 * same first phone, ID number or house) are merged into one customer with several relations.
 */
export function parseCustomerRows(rows: readonly SheetRow[]): {
  customers: ParsedCustomer[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const byKey = new Map<string, ParsedCustomer>();
  const relationSeen = new Map<string, number>();
  for (const { row, values } of rows) {
    const r = new RowReader(row, values, problems);
    const before = problems.length;
    const code = r.text('code');
    if (code !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(code))
      r.fail('code', 'invalid_code', { value: code });
    const name = r.required('name').slice(0, 100);
    const kind = r.label('kind', 'kind');
    const phoneCell = r.text('phones');
    let phones: NormalisedPhoneEntry[] | undefined;
    if (phoneCell !== undefined) {
      const result = normalisePhoneList(
        phoneCell
          .split(LIST_SEPARATORS)
          .filter(Boolean)
          .map((phone) => ({ phone })),
      );
      if ('problem' in result) inputProblem(r, result.problem);
      else phones = result.phones;
    }
    // An 18-character number without a type is a resident ID card: what nearly every file means.
    const idNumberCell = r.text('idNumber');
    const idType = r.label('idType', 'idType') ?? (idNumberCell?.length === 18 ? 'resident_id' : undefined);
    let idNumber: string | undefined;
    if (idNumberCell !== undefined) {
      const result = normaliseIdentity(idType ?? null, idNumberCell);
      if ('problem' in result) inputProblem(r, result.problem);
      else idNumber = result.idNumber ?? undefined;
    }
    const emergencyCell = r.text('emergencyPhone');
    let emergencyPhone: string | undefined;
    if (emergencyCell !== undefined) {
      const result = normaliseEmergencyPhone(emergencyCell);
      if ('problem' in result) inputProblem(r, result.problem);
      else emergencyPhone = result.phone ?? undefined;
    }
    const projectCode = r.text('projectCode');
    const roomLabel = r.text('roomLabel');
    const role = r.label('role', 'role');
    const since = r.date('since');
    const until = r.date('until');
    let relation: ParsedRelation | undefined;
    if (projectCode !== undefined || roomLabel !== undefined) {
      if (projectCode === undefined || roomLabel === undefined)
        r.fail(projectCode ? 'roomLabel' : 'projectCode', 'house_columns');
      else if (!role) {
        if (r.text('role') === undefined) r.fail('role', 'required');
      } else relation = { row, projectCode, roomLabel, role, since: since ?? null, until: until ?? null };
      if (since && until && until < since) r.fail('until', 'dates_order');
    } else if (role || since || until) r.fail('roomLabel', 'house_columns');
    const key = code
      ? `code:${code}`
      : phones?.length
        ? `phone:${name}|${phones[0]!.phone}`
        : idNumber
          ? `id:${name}|${idNumber}`
          : relation
            ? `house:${name}|${relation.projectCode}|${relation.roomLabel}`
            : null;
    if (key === null && problems.length === before) r.fail('code', 'customer_key');
    if (problems.length > before || key === null) continue;

    const parsed: ParsedCustomer = {
      row,
      key,
      code,
      name,
      kind,
      phones,
      idType: idNumber ? idType : undefined,
      idNumber,
      emergencyName: r.text('emergencyName')?.slice(0, 50),
      emergencyPhone,
      valueLevel: r.label('valueLevel', 'valueLevel'),
      tags: (r.text('tags') ?? '')
        .split(LIST_SEPARATORS)
        .map((t) => t.trim().slice(0, 20))
        .filter(Boolean),
      notes: r.text('notes')?.slice(0, 1000),
      relations: relation ? [relation] : [],
    };
    if (relation) {
      const relationKey = `${key}\u0000${relation.projectCode}\u0000${relation.roomLabel}\u0000${relation.role}`;
      const first = relationSeen.get(relationKey);
      if (first !== undefined) {
        r.fail('roomLabel', 'duplicate_row', { row: first, label: relation.roomLabel });
        continue;
      }
      relationSeen.set(relationKey, row);
    }
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, parsed);
      continue;
    }
    for (const field of CUSTOMER_FIELDS) {
      const a = existing[field];
      const b = parsed[field];
      if (a !== undefined && b !== undefined && a !== b) r.fail(field, 'conflict', { row: existing.row });
      else if (a === undefined && b !== undefined) Object.assign(existing, { [field]: b });
    }
    if (
      parsed.phones &&
      existing.phones &&
      parsed.phones.map((p) => p.phone).join() !== existing.phones.map((p) => p.phone).join()
    )
      r.fail('phones', 'conflict', { row: existing.row });
    existing.phones ??= parsed.phones;
    existing.tags = [...new Set([...existing.tags, ...parsed.tags])];
    existing.relations.push(...parsed.relations);
  }
  return { customers: [...byKey.values()], problems };
}
