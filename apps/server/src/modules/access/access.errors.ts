import { defineErrors } from '../../platform/errors.ts';

export const accessError = defineErrors({
  USERNAME_TAKEN: {
    status: 409,
    'zh-CN': '用户名 {username} 已被使用',
    'en-US': 'The username {username} is already taken',
  },
  UNKNOWN_ROLE: { status: 400, 'zh-CN': '角色不存在：{codes}', 'en-US': 'No such role: {codes}' },
  INVALID_SCOPE: {
    status: 400,
    'zh-CN': '数据范围中的项目或楼栋不存在，或楼栋不属于所选项目：{ids}',
    'en-US': 'The data scope names projects or buildings that do not exist or do not match: {ids}',
  },
  CANNOT_LOCK_OUT_SELF: {
    status: 409,
    'zh-CN': '不能停用自己的账号，也不能移除自己的系统管理员角色',
    'en-US': 'You cannot disable your own account or remove your own admin role',
  },
  LAST_ADMIN: {
    status: 409,
    'zh-CN': '至少需要保留一名启用中的系统管理员',
    'en-US': 'At least one active administrator must remain',
  },
  ESCALATION_FORBIDDEN: {
    status: 403,
    'zh-CN': '不能授予或管理超出您自身权限的角色：{permissions}',
    'en-US': 'You cannot grant or manage access beyond your own: {permissions}',
  },
  SCOPE_ESCALATION_FORBIDDEN: {
    status: 403,
    'zh-CN': '不能授予或管理超出您自身数据范围的项目或楼栋：{ids}',
    'en-US': 'You cannot grant or manage projects or buildings outside your own data scope: {ids}',
  },
  ROLE_CODE_TAKEN: {
    status: 409,
    'zh-CN': '角色编码 {code} 已存在',
    'en-US': 'The role code {code} already exists',
  },
  ROLE_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '系统管理员角色始终拥有全部权限，不能修改',
    'en-US': 'The admin role always holds every permission and cannot be changed',
  },
  TOKEN_USER_INVALID: {
    status: 400,
    'zh-CN': '令牌所属用户不存在或已停用',
    'en-US': 'The token’s user does not exist or is disabled',
  },
});
