import { defineErrors } from '../../platform/errors.ts';

export const servicedeskError = defineErrors({
  CATEGORY_CODE_TAKEN: {
    status: 409,
    'zh-CN': '服务类别编码 {code} 已存在',
    'en-US': 'Category code {code} is already used',
  },
  CATEGORY_CYCLE: {
    status: 400,
    'zh-CN': '不能把类别移到它自己或它的下级类别之下',
    'en-US': 'A category cannot be moved under itself or one of its subcategories',
  },
  DEPARTMENT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '部门编码 {code} 已存在',
    'en-US': 'Department code {code} is already used',
  },
  DEPARTMENT_INACTIVE: {
    status: 400,
    'zh-CN': '部门“{name}”已停用，请选择启用中的部门',
    'en-US': 'Department “{name}” is deactivated; choose an active one',
  },
  DEPARTMENT_IN_USE: {
    status: 409,
    'zh-CN': '仍有启用的服务类别派往该部门（{categories}），请先改派这些类别',
    'en-US': 'Active categories still go to this department ({categories}); move them first',
  },
  PRICE_ITEM_CODE_TAKEN: {
    status: 409,
    'zh-CN': '收费项目编码 {code} 已存在',
    'en-US': 'Price item code {code} is already used',
  },
  DUTY_OUTSIDE_SCOPE: {
    status: 403,
    'zh-CN': '您的数据范围不包含楼栋“{building}”，不能更改该楼栋的职责',
    'en-US': 'Your data scope does not include building “{building}”; you cannot change its duties',
  },
  DUTY_OUTSIDE_USER_SCOPE: {
    status: 400,
    'zh-CN': '该员工的数据范围不包含楼栋“{building}”，请先扩大其数据范围',
    'en-US': 'This person’s data scope does not include building “{building}”; widen it first',
  },
  SHIFT_NOT_POSITIVE: {
    status: 400,
    'zh-CN': '班次结束时间必须晚于开始时间',
    'en-US': 'A shift must end after it starts',
  },
  SHIFT_TOO_LONG: {
    status: 400,
    'zh-CN': '一个班次最长 {hours} 小时',
    'en-US': 'A shift lasts at most {hours} hours',
  },
  SHIFT_OVERLAP: {
    status: 409,
    'zh-CN': '该员工在此时段已有班次（{startsAt} 至 {endsAt}）',
    'en-US': 'This person already has a shift in that time ({startsAt} to {endsAt})',
  },
  SHIFT_ENDED: {
    status: 409,
    'zh-CN': '已结束的班次是值班记录，不能删除',
    'en-US': 'A shift that has ended is part of the duty record and cannot be deleted',
  },
  SHIFT_WINDOW_INVALID: {
    status: 400,
    'zh-CN': '查询时段无效：结束须晚于开始，且不超过 {days} 天',
    'en-US': 'Invalid window: it must end after it starts and span at most {days} days',
  },
  NAME_BLANK: {
    status: 400,
    'zh-CN': '名称不能为空白',
    'en-US': 'The name must not be blank',
  },
});

/** A name as stored: trimmed, and refused when nothing is left. */
export function cleanName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw servicedeskError('NAME_BLANK', { field });
  return trimmed;
}
