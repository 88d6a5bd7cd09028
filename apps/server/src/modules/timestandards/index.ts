export { timestandardsRoutes } from './config.routes.ts';
export { timeDashboardRoutes } from './dashboard.routes.ts';
