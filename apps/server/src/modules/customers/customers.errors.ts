import { defineErrors } from '../../platform/errors.ts';

export const customersError = defineErrors({
  INVALID_PHONE: {
    status: 400,
    'zh-CN': '电话号码 {value} 无法识别，请填写大陆手机号或带区号的固定电话',
    'en-US': 'Cannot read the phone number {value}; use a mainland mobile or a landline with its area code',
  },
  PHONE_KEEP_UNKNOWN: {
    status: 400,
    'zh-CN': '要保留的电话已不存在，请刷新后重试',
    'en-US': 'The phone to keep no longer exists; reload and try again',
  },
  INVALID_ID_NUMBER: {
    status: 400,
    'zh-CN': '证件号码格式不正确',
    'en-US': 'The ID number has the wrong format',
  },
  ID_CHECKSUM: {
    status: 400,
    'zh-CN': '证件号码校验位不正确，请核对',
    'en-US': 'The ID number’s check digit is wrong; please check it',
  },
  ID_TYPE_REQUIRED: {
    status: 400,
    'zh-CN': '填写证件号码时需选择证件类型',
    'en-US': 'Choose the ID type for the ID number',
  },
  CUSTOMER_CODE_TAKEN: {
    status: 409,
    'zh-CN': '客户编号 {code} 已存在',
    'en-US': 'Customer code {code} is already used',
  },
  HOUSE_UNAVAILABLE: {
    status: 400,
    'zh-CN': '房屋不存在或不在您的管辖范围内',
    'en-US': 'The house does not exist or is outside your area',
  },
  CUSTOMER_NEEDS_HOUSE: {
    status: 400,
    'zh-CN': '请至少关联一处您管辖范围内的房屋，否则建档后您将看不到该客户',
    'en-US': 'Link at least one house within your area, or you would not see the customer afterwards',
  },
  RELATION_EXISTS: {
    status: 409,
    'zh-CN': '该客户与此房屋已有相同身份的关系',
    'en-US': 'The customer already has this role for this house',
  },
  RELATION_DATES: {
    status: 400,
    'zh-CN': '截止日期不能早于起始日期',
    'en-US': 'The end date cannot be before the start date',
  },
  TAG_UNAVAILABLE: {
    status: 400,
    'zh-CN': '标签不存在',
    'en-US': 'No such tag',
  },
  TAG_NAME_TAKEN: {
    status: 409,
    'zh-CN': '标签“{name}”已存在',
    'en-US': 'The tag “{name}” already exists',
  },
  NOTHING_TO_REVEAL: {
    status: 404,
    'zh-CN': '该客户没有此项信息',
    'en-US': 'The customer has no such information',
  },
  DOCUMENT_NOT_IMAGE: {
    status: 400,
    'zh-CN': '证件复印件须为 JPEG、PNG 或 WebP 图片',
    'en-US': 'An ID copy must be a JPEG, PNG or WebP image',
  },
  DOCUMENT_UNREADABLE: {
    status: 400,
    'zh-CN': '图片已损坏或无法读取',
    'en-US': 'The image is damaged or cannot be read',
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    'zh-CN': '图片过大（上限 {limit}）',
    'en-US': 'The image is too large (limit {limit})',
  },
  DOCUMENT_FORM: {
    status: 400,
    'zh-CN': '请先填写用途（purpose），再附上一个图片文件（file）',
    'en-US': 'Send the purpose field first, then one image file',
  },
  PURPOSE_TEXT_REQUIRED: {
    status: 400,
    'zh-CN': '用途为“其他”时请填写具体用途',
    'en-US': 'Describe the purpose when it is “other”',
  },
});
