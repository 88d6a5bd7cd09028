import { defineErrors } from '../../platform/errors.ts';

export const propertyError = defineErrors({
  PROJECT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '项目编码 {code} 已存在',
    'en-US': 'Project code {code} is already used',
  },
  BUILDING_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该项目下楼栋编码 {code} 已存在',
    'en-US': 'Building code {code} is already used in this project',
  },
  UNIT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该楼栋下单元编码 {code} 已存在',
    'en-US': 'Unit code {code} is already used in this building',
  },
  HOUSE_LABEL_TAKEN: {
    status: 409,
    'zh-CN': '该项目下房号 {label} 已存在',
    'en-US': 'Room {label} already exists in this project',
  },
  AREA_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该项目下区域/设施编码 {code} 已存在',
    'en-US': 'Area or facility code {code} is already used in this project',
  },
  UNIT_NOT_IN_BUILDING: {
    status: 400,
    'zh-CN': '所选单元不属于该楼栋',
    'en-US': 'The unit does not belong to this building',
  },
  BUILDING_NOT_IN_PROJECT: {
    status: 400,
    'zh-CN': '所选楼栋不属于该项目',
    'en-US': 'The building does not belong to this project',
  },
  PROJECT_SCOPE_REQUIRED: {
    status: 403,
    'zh-CN': '此操作需要整个项目的数据范围（当前仅授权部分楼栋）',
    'en-US': 'This needs the whole project in your scope (you hold only some of its buildings)',
  },
  PLACE_NAME_BLANK: {
    status: 400,
    'zh-CN': '名称不能为空白',
    'en-US': 'The name must not be blank',
  },
});

/** A name as stored: trimmed, and refused when nothing is left. */
export function cleanName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw propertyError('PLACE_NAME_BLANK', { field });
  return trimmed;
}

/** Optional free text as stored: trimmed, empty becomes null. */
export function cleanText(text: string | null | undefined): string | null {
  return text?.trim() || null;
}
