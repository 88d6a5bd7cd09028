export { servicedeskRoutes } from './servicedesk.routes.ts';
export {
  resolveCategory,
  dispatchPool,
  findDepartment,
  departmentOf,
  findPriceItem,
  type ResolvedCategory,
  type DispatchPerson,
} from './dispatch.ts';
export { listDepartments, type ServicedeskDeps } from './servicedesk.service.ts';
export { updateStaff, createShift, type StaffDeps } from './staff.service.ts';
export { addDays, localDay, zonedTime } from './roster.ts';
