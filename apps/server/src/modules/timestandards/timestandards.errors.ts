import { defineErrors } from '../../platform/errors.ts';

/**
 * Errors of the time-standards configuration. Messages that name a day of the week carry the day
 * in both languages (`dayZh`, `dayEn`): the error model fills one template per request locale.
 */
export const timestandardsError = defineErrors({
  NAME_BLANK: {
    status: 400,
    'zh-CN': '名称不能为空白',
    'en-US': 'The name must not be blank',
  },
  CALENDAR_INTERVAL_EMPTY: {
    status: 400,
    'zh-CN': '{dayZh}第 {n} 段：结束时间须晚于开始时间',
    'en-US': '{dayEn}, period {n}: the end must be after the start',
  },
  CALENDAR_INTERVALS_OVERLAP: {
    status: 400,
    'zh-CN': '{dayZh}第 {n} 段与前一段重叠或顺序颠倒，请按时间先后填写且互不重叠',
    'en-US':
      '{dayEn}, period {n} overlaps or comes before the previous one; list periods in order without overlap',
  },
  CALENDAR_NO_WORKING_TIME: {
    status: 400,
    'zh-CN': '一周内没有任何工作时间：请至少填写一天的工作时段，或设为全天候（24×7）',
    'en-US': 'The week has no working time: give at least one day working hours, or make the calendar 24×7',
  },
  CALENDAR_DAY_DUPLICATE: {
    status: 400,
    'zh-CN': '日期 {date} 重复出现在特殊日期中',
    'en-US': 'The date {date} is listed more than once',
  },
  CALENDAR_HOLIDAY_HOURS: {
    status: 400,
    'zh-CN': '{date} 是节假日，不能填写工作时段',
    'en-US': '{date} is a holiday and cannot have working hours',
  },
  CALENDAR_WORKDAY_NO_HOURS: {
    status: 400,
    'zh-CN': '{date} 是调休上班日，但工作时段为空（不填则按周一的时段上班）',
    'en-US': '{date} is a make-up working day with no hours (leave the hours out to use Monday’s)',
  },
  CALENDAR_INVALID: {
    status: 400,
    'zh-CN': '工作日历有误：{problems}',
    'en-US': 'The calendar is invalid: {problems}',
  },
  CALENDAR_INACTIVE: {
    status: 400,
    'zh-CN': '工作日历“{name}”已停用，请选择启用中的日历',
    'en-US': 'Calendar “{name}” is deactivated; choose an active one',
  },
  CALENDAR_IN_USE: {
    status: 409,
    'zh-CN': '仍有启用的时限标准使用该日历（{policies}），请先为它们换用其他日历',
    'en-US': 'Active time standards still use this calendar ({policies}); give them another calendar first',
  },
  POLICY_MATCH_TAKEN: {
    status: 409,
    'zh-CN': '已有相同适用范围的时限标准“{name}”，请直接修改它',
    'en-US': 'Time standard “{name}” already covers exactly these conditions; edit that one instead',
  },
  POLICY_NO_CLOCK: {
    status: 400,
    'zh-CN': '请至少设置一项时限（派工、接单、到场、完成或反馈）',
    'en-US': 'Set at least one time limit (forwarding, response, arrival, completion or feedback)',
  },
  POLICY_CATCH_ALL_REQUIRED: {
    status: 409,
    'zh-CN': '“{name}”是兜底标准（适用于所有工单），不能停用',
    'en-US': '“{name}” is the fallback standard for every record and cannot be deactivated',
  },
  POLICY_OUTSIDE_SCOPE: {
    status: 403,
    'zh-CN': '该时限标准只适用于您数据范围之外的项目，您不能修改它',
    'en-US': 'This time standard applies to a project outside your data scope; you cannot change it',
  },
  LADDER_TARGET_UNKNOWN: {
    status: 400,
    'zh-CN': '升级通知对象“{target}”不存在：可选当前处理人、受理人或本组织的角色',
    'en-US':
      'Escalation recipient “{target}” is unknown: use the handler, the receiver or a role of your organisation',
  },
  LADDER_NOT_ASCENDING: {
    status: 400,
    'zh-CN': '升级第 {n} 级的时间须晚于上一级',
    'en-US': 'Escalation step {n} must come later than the step before it',
  },
  NO_POLICY: {
    status: 404,
    'zh-CN': '没有适用的时限标准',
    'en-US': 'No time standard applies',
  },
});

/** A name as stored: trimmed, and refused when nothing is left. */
export function cleanName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw timestandardsError('NAME_BLANK', { field });
  return trimmed;
}
