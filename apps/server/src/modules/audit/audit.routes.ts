import { AuditEntry, AuditQuery, Page } from '@steward/contracts';
import type { Db } from '../../db/database.ts';
import { actorOf } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(app: App, deps: { db: Db }): Promise<void> {
  app.get('/api/v1/audit', {
    config: { access: { permission: 'audit.read' }, reach: 'org' },
    schema: {
      tags: ['audit'],
      summary:
        'Search the audit log (sign-ins, permission changes, token use, exports, personal-data reveals)',
      querystring: AuditQuery,
      response: { 200: Page(AuditEntry), ...errorResponses },
    },
    handler: (request) => listAudit(deps, actorOf(request), request.query),
  });
}
