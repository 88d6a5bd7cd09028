/**
 * Columns of the archive's Excel files (templates, imports and exports share them). Headers are
 * Chinese in the files; an import also accepts the English header or the key. Each row of a
 * `houses` file is one house with its project, building and unit; each row of a `customers` file is
 * one customer's relation to one house (a customer with three houses has three rows, and a
 * customer without a house one row with the house columns empty).
 */
export interface ImportColumn<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
  /** Holds personal data: masked in exports for callers who may not see it in full. */
  pii?: boolean;
  width: number;
}

export const IMPORT_KINDS = ['houses', 'customers'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const column = <K extends string>(
  key: K,
  zh: string,
  en: string,
  required: boolean,
  width: number,
  pii = false,
): ImportColumn<K> => ({ key, zh, en, required, width, ...(pii ? { pii } : {}) });

export const HOUSE_COLUMNS = [
  column('projectCode', '项目编码', 'Project code', true, 12),
  column('projectName', '项目名称', 'Project name', false, 18),
  column('projectType', '项目类型', 'Project type', false, 10),
  column('buildingCode', '楼栋编码', 'Building code', true, 10),
  column('buildingName', '楼栋名称', 'Building name', false, 12),
  column('unitCode', '单元编码', 'Unit code', false, 10),
  column('roomNo', '房号', 'Room number', true, 10),
  column('floor', '楼层', 'Floor', false, 8),
  column('area', '建筑面积(㎡)', 'Building area (m²)', false, 14),
  column('use', '用途', 'Use', false, 10),
  column('state', '状态', 'State', false, 10),
] as const;
export type HouseColumnKey = (typeof HOUSE_COLUMNS)[number]['key'];

export const CUSTOMER_COLUMNS = [
  column('code', '客户编号', 'Customer code', false, 12),
  column('name', '客户名称', 'Customer name', true, 16),
  column('kind', '客户类型', 'Customer kind', false, 10),
  column('phones', '联系电话', 'Phones', false, 26, true),
  column('idType', '证件类型', 'ID type', false, 14),
  column('idNumber', '证件号码', 'ID number', false, 22, true),
  column('emergencyName', '紧急联系人', 'Emergency contact', false, 12),
  column('emergencyPhone', '紧急联系电话', 'Emergency phone', false, 16, true),
  column('valueLevel', '客户价值', 'Customer value', false, 10),
  column('tags', '标签', 'Tags', false, 18),
  column('notes', '备注', 'Notes', false, 24),
  column('projectCode', '项目编码', 'Project code', false, 12),
  column('roomLabel', '房号', 'Room label', false, 12),
  column('role', '身份', 'Role', false, 10),
  column('since', '起始日期', 'From', false, 12),
  column('until', '截止日期', 'To', false, 12),
] as const;
export type CustomerColumnKey = (typeof CUSTOMER_COLUMNS)[number]['key'];

export type HouseSheetRow = Record<HouseColumnKey, string>;
export type CustomerSheetRow = Record<CustomerColumnKey, string>;

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  houses: HOUSE_COLUMNS,
  customers: CUSTOMER_COLUMNS,
};

/** Separators accepted between several phones or tags in one cell. */
export const LIST_SEPARATORS = /[;；,，、/\n]+/;
