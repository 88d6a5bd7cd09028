import type { ImportRowProblem } from '@steward/contracts';
import {
  FILE_LABELS,
  IMPORT_COLUMNS,
  type FileLabelKind,
  type ImportKind,
} from '@steward/contracts/catalogues';
import { format, type Locale, type Localised } from '../../platform/i18n.ts';
import type { RowProblem, RowReason } from './row-rules.ts';

const REASONS: Record<RowReason, Localised> = {
  not_xlsx: {
    'zh-CN': '文件不是 Excel 工作簿（.xlsx），请用模板另存为 .xlsx 后再导入',
    'en-US': 'The file is not an Excel workbook (.xlsx); save it from the template as .xlsx',
  },
  unreadable: { 'zh-CN': '文件已损坏或无法读取', 'en-US': 'The file is damaged or cannot be read' },
  empty: { 'zh-CN': '文件中没有表头或没有数据行', 'en-US': 'The file has no header row or no data rows' },
  missing_header: { 'zh-CN': '缺少必填列“{header}”', 'en-US': 'The required column “{header}” is missing' },
  unknown_header: {
    'zh-CN': '无法识别的列名“{header}”，请使用模板中的列名',
    'en-US': 'Unknown column “{header}”; use the template’s headers',
  },
  duplicate_header: { 'zh-CN': '列“{header}”重复出现', 'en-US': 'The column “{header}” appears twice' },
  unnamed_column: { 'zh-CN': '该列有数据但没有列名', 'en-US': 'This column has data but no header' },
  merged_cell: {
    'zh-CN': '存在合并单元格，请取消合并并逐行填写',
    'en-US': 'Merged cells: unmerge them and fill every row',
  },
  formula: {
    'zh-CN': '单元格是公式，请粘贴为数值后再导入',
    'en-US': 'The cell holds a formula; paste it as a value',
  },
  error_value: {
    'zh-CN': '单元格是错误值（如 #N/A）',
    'en-US': 'The cell holds an error value such as #N/A',
  },
  imprecise_number: {
    'zh-CN': '数字超过 15 位已被 Excel 截断，请将该列设为文本后重新填写',
    'en-US': 'A number of more than 15 digits was cut by Excel; format the column as text and retype it',
  },
  too_long: {
    'zh-CN': '内容过长（最多 {max} 个字符）',
    'en-US': 'The text is too long (at most {max} characters)',
  },
  too_many_rows: {
    'zh-CN': '行数超过上限 {max}，请分批导入',
    'en-US': 'More than {max} rows; import in several files',
  },
  too_many_problems: {
    'zh-CN': '错误过多，仅列出前 {max} 条',
    'en-US': 'Too many problems; only the first {max} are listed',
  },
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  invalid_code: {
    'zh-CN': '编码“{value}”只能包含字母、数字、汉字、- 和 _',
    'en-US': 'The code “{value}” may hold only letters, digits, Chinese characters, - and _',
  },
  invalid_value: {
    'zh-CN': '“{value}”不是可选值（可选：{allowed}）',
    'en-US': '“{value}” is not allowed (use one of: {allowed})',
  },
  invalid_floor: {
    'zh-CN': '楼层“{value}”应为 -10 到 200 的整数',
    'en-US': 'The floor “{value}” must be a whole number from -10 to 200',
  },
  invalid_area: {
    'zh-CN': '面积“{value}”应为最多两位小数的数字',
    'en-US': 'The area “{value}” must be a number with at most two decimals',
  },
  duplicate_row: { 'zh-CN': '与第 {row} 行重复（{label}）', 'en-US': 'Repeats row {row} ({label})' },
  label_taken: {
    'zh-CN': '房号 {label} 已属于本项目另一楼栋或单元的房屋，请核对楼栋编码与单元编码',
    'en-US':
      'The room label {label} already belongs to a house in another building or unit of this project; check the building and unit codes',
  },
  conflict: {
    'zh-CN': '与第 {row} 行对同一对象的填写不一致',
    'en-US': 'Disagrees with row {row} about the same record',
  },
  invalid_phone: {
    'zh-CN': '电话“{value}”无法识别，请填写大陆手机号或带区号的固定电话',
    'en-US': 'Cannot read the phone “{value}”; use a mainland mobile or a landline with its area code',
  },
  id_format: { 'zh-CN': '证件号码格式不正确', 'en-US': 'The ID number has the wrong format' },
  id_checksum: { 'zh-CN': '证件号码校验位不正确', 'en-US': 'The ID number’s check digit is wrong' },
  id_type_required: { 'zh-CN': '请填写证件类型', 'en-US': 'Give the ID type' },
  invalid_date: {
    'zh-CN': '日期“{value}”无法识别，请写成 2026-01-31',
    'en-US': 'Cannot read the date “{value}”; write it as 2026-01-31',
  },
  dates_order: { 'zh-CN': '截止日期早于起始日期', 'en-US': 'The end date is before the start date' },
  house_not_found: {
    'zh-CN': '房屋 {project} / {label} 不存在，请先导入房屋',
    'en-US': 'The house {project} / {label} does not exist; import the houses first',
  },
  house_columns: {
    'zh-CN': '项目编码、房号与身份需一起填写',
    'en-US': 'Fill the project code, room label and role together',
  },
  outside_scope: { 'zh-CN': '{what} 不在您的管辖范围内', 'en-US': '{what} is outside your area' },
  customer_key: {
    'zh-CN': '无法识别客户：请填写客户编号、电话、证件号码或房号之一',
    'en-US': 'Cannot tell who this is: give a customer code, phone, ID number or house',
  },
};

function allowedValues(kind: unknown, locale: Locale): { allowed?: string } {
  if (typeof kind !== 'string' || !(kind in FILE_LABELS)) return {};
  const labels = Object.values(FILE_LABELS[kind as FileLabelKind]) as { zh: string; en: string }[];
  return {
    allowed: labels.map((l) => (locale === 'zh-CN' ? l.zh : l.en)).join(locale === 'zh-CN' ? '、' : ', '),
  };
}

/** Problems as the API and the CLI report them: row, the column's header in the caller's language, reason. */
export function describeProblems(
  kind: ImportKind,
  problems: readonly RowProblem[],
  locale: Locale,
): ImportRowProblem[] {
  const columns = IMPORT_COLUMNS[kind];
  return problems.map((p) => {
    const column = columns.find((c) => c.key === p.column || c.zh === p.column);
    return {
      row: p.row,
      column: column ? (locale === 'zh-CN' ? column.zh : column.en) : p.column,
      reason: format(REASONS[p.reason][locale], { ...p.params, ...allowedValues(p.params?.kind, locale) }),
    };
  });
}
