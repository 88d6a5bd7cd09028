import type { ExportQuery } from '@steward/contracts';
import {
  FILE_LABELS,
  IMPORT_COLUMNS,
  type FileLabelKind,
  type ImportKind,
} from '@steward/contracts/catalogues';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { scopeLists } from '../../platform/auth/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { platformError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { maskPhone } from '../../platform/phone.ts';
import type { PiiCipher } from '../../platform/pii/cipher.ts';
import { writeSheet } from '../../platform/xlsx.ts';
import { businessDate } from '../customers/index.ts';
import { buildingInScope, getProject } from '../property/index.ts';
import * as repo from './archive.repository.ts';

export type ExportDeps = { db: Db; clock: Clock; cipher: PiiCipher; config: Pick<Config, 'timeZone'> };

const label = (kind: FileLabelKind, code: string | null, locale: Locale): string => {
  if (!code) return '';
  const entry = (FILE_LABELS[kind] as Record<string, { zh: string; en: string }>)[code];
  return entry ? (locale === 'zh-CN' ? entry.zh : entry.en) : code;
};

const SHEET_NAMES: Record<ImportKind, Record<Locale, string>> = {
  houses: { 'zh-CN': '房屋', 'en-US': 'Houses' },
  customers: { 'zh-CN': '客户', 'en-US': 'Customers' },
};

export function exportFileName(kind: ImportKind, locale: Locale, date: string, template = false): string {
  const base = SHEET_NAMES[kind][locale];
  return template
    ? `${base}-${locale === 'zh-CN' ? '导入模板' : 'template'}.xlsx`
    : `${base}-${date.replaceAll('-', '')}.xlsx`;
}

/** What the template's notes sheet says: which columns are required and what each accepts. */
function templateNotes(kind: ImportKind, locale: Locale): string[] {
  const zh = locale === 'zh-CN';
  const values = (k: FileLabelKind) =>
    Object.values(FILE_LABELS[k])
      .map((l) => (zh ? l.zh : l.en))
      .join(zh ? '、' : ', ');
  const common = zh
    ? [
        '红色列名为必填列。请勿合并单元格、勿使用公式；所有单元格按文本填写。',
        '整个文件要么全部导入，要么全部不导入；出错时会列出每一处错误的行号和列名。',
        '重复导入同一文件不会产生重复数据。',
      ]
    : [
        'Headers in red are required. Do not merge cells or use formulas; every cell is text.',
        'A file is imported whole or not at all; on errors, every fault is listed with its row and column.',
        'Importing the same file again creates no duplicates.',
      ];
  if (kind === 'houses')
    return [
      ...common,
      zh ? `项目类型：${values('projectType')}` : `Project type: ${values('projectType')}`,
      zh ? `用途：${values('use')}` : `Use: ${values('use')}`,
      zh ? `状态：${values('state')}` : `State: ${values('state')}`,
      zh
        ? '房号由系统生成为“楼栋编码-单元编码-房号”，如 3-2-1502；无单元时为“楼栋编码-房号”。'
        : 'The room label is built as building-unit-room, e.g. 3-2-1502 (building-room without a unit).',
      zh ? '建筑面积单位为平方米，最多两位小数。' : 'Building area in m², at most two decimals.',
    ];
  return [
    ...common,
    zh
      ? `客户类型：${values('kind')}；身份：${values('role')}；客户价值：${values('valueLevel')}`
      : `Kind: ${values('kind')}; role: ${values('role')}; value: ${values('valueLevel')}`,
    zh
      ? `证件类型：${values('idType')}（18 位号码未填类型时按居民身份证处理）`
      : `ID type: ${values('idType')} (an 18-character number without a type is a resident ID card)`,
    zh ? '多个电话、多个标签用分号“；”分隔。' : 'Separate several phones or tags with semicolons.',
    zh
      ? '一位客户有多处房屋时填写多行，客户编号（或姓名+电话）相同即视为同一客户。'
      : 'A customer with several houses takes several rows; the same code (or name and phone) means the same customer.',
    zh
      ? '房号填写系统中的完整房号，如 3-2-1502；日期写成 2026-01-31。'
      : 'Give the full room label, e.g. 3-2-1502; dates as 2026-01-31.',
  ];
}

export async function writeTemplate(
  kind: ImportKind,
  locale: Locale,
  out: NodeJS.WritableStream,
): Promise<void> {
  await writeSheet(out, SHEET_NAMES[kind][locale], IMPORT_COLUMNS[kind], [], {
    locale,
    notes: templateNotes(kind, locale),
  });
}

/**
 * Exports the caller's part of the archive. Personal data is in full only for callers who may
 * reveal it, masked otherwise; either way the export is written to the audit log first.
 */
export async function exportArchive(
  deps: ExportDeps,
  actor: Actor,
  meta: RequestMeta,
  kind: ImportKind,
  query: ExportQuery,
  locale: Locale,
): Promise<{ fileName: string; write: (out: NodeJS.WritableStream) => Promise<unknown> }> {
  if (kind === 'customers' && !actor.permissions.has('customers.read'))
    throw platformError('FORBIDDEN', { permission: 'customers.read' });
  // A project or building beyond the scope, unknown, of another organisation or (a building) not in
  // the project asked for is 404 alike — not an empty file.
  if (query.projectId) await getProject(deps, actor, query.projectId);
  if (query.buildingId) {
    const building = await buildingInScope(deps.db, actor, query.buildingId);
    if (query.projectId && building.project_id !== query.projectId) throw platformError('NOT_FOUND');
  }
  const filter = { scope: scopeLists(actor.scope), projectId: query.projectId, buildingId: query.buildingId };
  const withPii = kind === 'customers' && actor.permissions.has('customers.reveal');
  const records =
    kind === 'houses'
      ? await houseRecords(deps, actor, filter, locale)
      : await customerRecords(deps, actor, filter, locale, withPii);
  await writeAudit(deps.db, deps.clock, {
    action: 'data.exported',
    orgId: actor.orgId,
    actor: auditActor(actor),
    details: {
      kind,
      rows: records.length,
      personalData: withPii ? 'full' : kind === 'customers' ? 'masked' : 'none',
      ...query,
    },
    meta,
  });
  return {
    fileName: exportFileName(kind, locale, businessDate(deps.clock, deps.config.timeZone)),
    write: (out) => writeSheet(out, SHEET_NAMES[kind][locale], IMPORT_COLUMNS[kind], records, { locale }),
  };
}

async function houseRecords(deps: ExportDeps, actor: Actor, filter: repo.PlaceFilter, locale: Locale) {
  const rows = await repo.houseExportRows(deps.db, actor.orgId, filter);
  return rows.map((r) => ({
    projectCode: r.project_code,
    projectName: r.project_name,
    projectType: label('projectType', r.project_type, locale),
    buildingCode: r.building_code,
    buildingName: r.building_name,
    unitCode: r.unit_code ?? '',
    roomNo: r.room_no,
    floor: r.floor === null ? '' : String(r.floor),
    area: r.area_hundredths === null ? '' : (r.area_hundredths / 100).toFixed(2),
    use: label('use', r.use, locale),
    state: label('state', r.state, locale),
  }));
}

async function customerRecords(
  deps: ExportDeps,
  actor: Actor,
  filter: repo.PlaceFilter,
  locale: Locale,
  withPii: boolean,
) {
  const rows = await repo.customerExportRows(deps.db, actor.orgId, filter);
  // Whole-organisation lookups: a list of 100 000 ids would not fit in one SQL statement.
  const [phoneRows, tagRows] = await Promise.all([
    repo.phonesOfOrg(deps.db, actor.orgId),
    repo.tagNamesOfOrg(deps.db, actor.orgId),
  ]);
  const phones = groupValues(phoneRows.map((p) => [p.customer_id, p.phone]));
  const tags = groupValues(tagRows.map((t) => [t.customer_id, t.name]));
  const show = (phone: string) => (withPii ? phone : maskPhone(phone));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: label('kind', r.kind, locale),
    phones: (phones.get(r.id) ?? []).map(show).join('；'),
    idType: label('idType', r.id_type, locale),
    idNumber: r.id_number_cipher
      ? withPii
        ? deps.cipher.decryptText(r.id_number_cipher)
        : (r.id_number_masked ?? '')
      : '',
    emergencyName: r.emergency_name ?? '',
    emergencyPhone: r.emergency_phone ? show(r.emergency_phone) : '',
    valueLevel: label('valueLevel', r.value_level, locale),
    tags: (tags.get(r.id) ?? []).join('；'),
    notes: r.notes ?? '',
    projectCode: r.project_code ?? '',
    roomLabel: r.room_label ?? '',
    role: label('role', r.role, locale),
    since: r.since ?? '',
    until: r.until ?? '',
  }));
}

function groupValues(pairs: [string, string][]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
  return map;
}
