import { defineErrors } from '../../platform/errors.ts';

export const ticketsError = defineErrors({
  PROMISE_CLOSED: {
    status: 409,
    'zh-CN': '记录已关闭，不能再作出承诺',
    'en-US': 'The record is closed; no new promise can be made',
  },
  PROMISE_SETTLED: {
    status: 409,
    'zh-CN': '该承诺已结束（{status}）',
    'en-US': 'This promise is already settled ({status})',
  },
  PROMISE_OWNER_UNKNOWN: {
    status: 400,
    'zh-CN': '承诺负责人不存在或已停用',
    'en-US': 'The promise owner does not exist or is disabled',
  },
  ACTION_NOT_ALLOWED: {
    status: 409,
    'zh-CN': '当前状态（{status}）下不能执行“{action}”',
    'en-US': 'The record is {status}; “{action}” is not possible now',
  },
  NOT_YOUR_JOB: {
    status: 403,
    'zh-CN': '这条记录未派给您，不能执行此操作',
    'en-US': 'This record is not assigned to you',
  },
  ACTION_FORBIDDEN: {
    status: 403,
    'zh-CN': '您的角色不能执行此操作',
    'en-US': 'Your role cannot take this action',
  },
  CATEGORY_UNAVAILABLE: {
    status: 400,
    'zh-CN': '服务类别不存在或已停用',
    'en-US': 'The category does not exist or is no longer used',
  },
  LOCATION_REQUIRED: {
    status: 400,
    'zh-CN': '请选择房屋、公共区域或项目',
    'en-US': 'Choose a house, a public area or a project',
  },
  LOCATION_CONFLICT: {
    status: 400,
    'zh-CN': '房屋和公共区域只能选一个，且须属于所选项目',
    'en-US': 'Give either a house or a public area, within the project given',
  },
  PLACE_UNAVAILABLE: {
    status: 400,
    'zh-CN': '房屋或区域不存在，或不在您的管辖范围内',
    'en-US': 'The house or area does not exist or is outside your area',
  },
  REPORTER_REQUIRED: {
    status: 400,
    'zh-CN': '请选择客户，或填写来电人姓名和电话',
    'en-US': 'Choose a customer, or give the caller’s name and phone',
  },
  CUSTOMER_UNAVAILABLE: {
    status: 400,
    'zh-CN': '客户不存在或不在您的管辖范围内',
    'en-US': 'The customer does not exist or is outside your area',
  },
  INVALID_PHONE: {
    status: 400,
    'zh-CN': '电话号码 {value} 无法识别',
    'en-US': 'Cannot read the phone number {value}',
  },
  DEPARTMENT_UNAVAILABLE: {
    status: 400,
    'zh-CN': '部门不存在或已停用',
    'en-US': 'The department does not exist or is inactive',
  },
  ASSIGNEE_UNAVAILABLE: {
    status: 400,
    'zh-CN': '所选人员不属于该部门，或无权处理该位置的记录',
    'en-US': 'The person is not in the department or cannot work at this place',
  },
  ANSWER_ONLY_FOR_INQUIRIES: {
    status: 400,
    'zh-CN': '只有咨询、建议、表扬和其他类记录可以当场答复办结',
    'en-US': 'Only inquiries, suggestions, praise and other records can be answered and closed on the spot',
  },
  PROMISE_IN_PAST: {
    status: 400,
    'zh-CN': '承诺答复时间不能早于现在',
    'en-US': 'The promised reply time cannot be in the past',
  },
  LINK_TARGET_UNAVAILABLE: {
    status: 400,
    'zh-CN': '要关联的记录不存在或不在您的管辖范围内',
    'en-US': 'The record to link does not exist or is outside your area',
  },
  LINK_SELF: {
    status: 400,
    'zh-CN': '不能关联到自身，也不能形成重复链',
    'en-US': 'A record cannot be linked to itself or form a chain of duplicates',
  },
  LINK_EXISTS: {
    status: 409,
    'zh-CN': '这两条记录已经关联',
    'en-US': 'These records are already linked',
  },
  SIGNATURE_REQUIRED: {
    status: 400,
    'zh-CN': '签字确认需要先上传客户签名',
    'en-US': 'Upload the customer’s signature first',
  },
  PRICE_ITEM_UNAVAILABLE: {
    status: 400,
    'zh-CN': '收费项目不存在或已停用',
    'en-US': 'The price item does not exist or is inactive',
  },
  LINES_CLOSED: {
    status: 409,
    'zh-CN': '记录已完工，不能再修改材料和收费',
    'en-US': 'The record is completed; materials and charges can no longer change',
  },
  CLOCK_REQUIRED: {
    status: 400,
    'zh-CN': '按时效结果（clockOutcome）筛选时须同时指定时限（clock：派工、接单、到场、完成或反馈）',
    'en-US':
      'Filtering by clockOutcome needs a clock too (clock: dispatch, accept, arrive, complete or feedback)',
  },
  LINE_UNAVAILABLE: {
    status: 404,
    'zh-CN': '明细不存在或已作废',
    'en-US': 'The line does not exist or was already voided',
  },
});
