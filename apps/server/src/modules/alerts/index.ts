export { alertsRoutes } from './alerts.routes.ts';
export { insertAlerts, publishAlerts, type AlertsDeps } from './alerts.service.ts';
