import { Alert, AlertListQuery, AlertPage, IdParams, OkResponse } from '@steward/contracts';
import { actorOf } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as service from './alerts.service.ts';

export async function alertsRoutes(app: App, deps: service.AlertsDeps): Promise<void> {
  const tags = ['alerts'];
  // Alerts are the caller's own: being signed in is enough; nobody reads another person's.
  app.get('/api/v1/alerts', {
    config: { access: { authenticated: true }, reach: 'self' },
    schema: {
      tags,
      summary: 'My alerts (warnings, breaches, escalations, promises), newest first, with the unread count',
      querystring: AlertListQuery,
      response: { 200: AlertPage, ...errorResponses },
    },
    handler: async (request) => service.listAlerts(deps, actorOf(request), request.query),
  });
  app.post('/api/v1/alerts/:id/read', {
    config: { access: { authenticated: true }, reach: 'self' },
    schema: {
      tags,
      summary: 'Mark one of my alerts read',
      params: IdParams,
      response: { 200: Alert, ...errorResponses },
    },
    handler: async (request) => service.markRead(deps, actorOf(request), request.params.id),
  });
  app.post('/api/v1/alerts/read-all', {
    config: { access: { authenticated: true }, reach: 'self' },
    schema: { tags, summary: 'Mark all my alerts read', response: { 200: OkResponse, ...errorResponses } },
    handler: async (request) => {
      await service.markAllRead(deps, actorOf(request));
      return { ok: true as const };
    },
  });
}
