import type { ticketsZhCN } from './tickets.zh-CN.ts';

/** en-US strings of the service desk (tickets): the same keys as tickets.zh-CN.ts. */
export const ticketsEnUS: Record<keyof typeof ticketsZhCN, string> = {
  'permissionGroup.service': 'Service desk',
  'permission.tickets.read': 'View service records',
  'permission.tickets.create': 'Register service records',
  'permission.tickets.dispatch': 'Dispatch and transfer',
  'permission.tickets.work': 'Field work (accept, arrive, complete)',
  'permission.tickets.manage': 'Manage records (cancel, reopen, archive, link, escalate)',
  'permission.servicedesk.configure': 'Configure categories, departments, roster and price list',
  'auditAction.servicedesk.configured': 'Service desk configured',
};
