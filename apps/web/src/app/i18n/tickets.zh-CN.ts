/** zh-CN strings of the service desk (tickets); spread into zh-CN.ts. */
export const ticketsZhCN = {
  'permissionGroup.service': '服务受理',
  'permission.tickets.read': '查看服务记录',
  'permission.tickets.create': '登记服务记录',
  'permission.tickets.dispatch': '派工与转派',
  'permission.tickets.work': '现场处理（接单、到场、完工）',
  'permission.tickets.manage': '管理服务记录（取消、重开、归档、关联、升级）',
  'permission.servicedesk.configure': '配置服务类别、部门、排班与收费标准',
  'auditAction.servicedesk.configured': '修改服务台配置',
};
