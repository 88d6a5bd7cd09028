export { accessRoutes } from './access.routes.ts';
export { createUser, type AccessDeps } from './users.service.ts';
export { createSystemRoles } from './roles.service.ts';
