import { DashboardQuery, TimeStandardsDashboard } from '@steward/contracts';
import { actorOf } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { timeStandardsDashboard, type DashboardDeps } from './dashboard.service.ts';

export async function timeDashboardRoutes(app: App, deps: DashboardDeps): Promise<void> {
  app.get('/api/v1/dashboard/time-standards', {
    config: { access: { permission: 'kpi.view' }, reach: 'scope' },
    schema: {
      tags: ['time standards'],
      summary: 'On-time dashboard (服务时效看板): volume, on-time rate per clock, by project and department',
      description:
        'Counts the records received in the period (today or this month, in the organisation’s time zone) within the caller’s scope. A clock of the current cycle is met, breached (stopped late, or still running past its deadline) or running; cancelled clocks are left out; rate = met / (met + breached), null when nothing was due. Each count equals the number of records GET /api/v1/tickets returns with receivedFrom=from, receivedTo=to, clock and clockOutcome (and the same project/department).',
      querystring: DashboardQuery,
      response: { 200: TimeStandardsDashboard, ...errorResponses },
    },
    handler: (request) => timeStandardsDashboard(deps, actorOf(request), request.query),
  });
}
