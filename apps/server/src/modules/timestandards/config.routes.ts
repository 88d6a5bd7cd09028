import {
  ClockPreview,
  BusinessCalendar,
  CalendarList,
  CreateCalendarBody,
  CreatePolicyBody,
  IdParams,
  PolicyList,
  PolicyMatchQuery,
  PolicyUpdated,
  TimePolicy,
  UpdateCalendarBody,
  UpdatePolicyBody,
} from '@steward/contracts';
import { actorOf, idempotencyOf, requestMeta } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as service from './config.service.ts';

/** Like the rest of the desk's configuration: read by whoever works records, changed by configurers. */
const read = { access: { permission: 'tickets.read' }, reach: 'org' } as const;
const configure = { access: { permission: 'servicedesk.configure' }, reach: 'org' } as const;

export async function timestandardsRoutes(app: App, deps: service.TimeStandardsDeps): Promise<void> {
  const tags = ['time standards'];

  app.get('/api/v1/calendars', {
    config: read,
    schema: {
      tags,
      summary: 'Business calendars (工作日历) with the number of time standards naming each',
      response: { 200: CalendarList, ...errorResponses },
    },
    handler: async (request) => ({ items: await service.listCalendars(deps, actorOf(request)) }),
  });

  app.post('/api/v1/calendars', {
    config: configure,
    schema: {
      tags,
      summary:
        'Add a calendar: 24×7, or a week of working periods (Monday first) plus holidays and make-up days',
      body: CreateCalendarBody,
      response: { 201: BusinessCalendar, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createCalendar(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.patch('/api/v1/calendars/:id', {
    config: configure,
    schema: {
      tags,
      summary: 'Change or deactivate a calendar (stale version → 409)',
      description:
        'Changing the hours or dates makes a new version of every time standard naming the calendar: records registered from now on count in the new hours, open records keep theirs until recomputed. A calendar that active standards use cannot be deactivated (409 CALENDAR_IN_USE with details.policies).',
      params: IdParams,
      body: UpdateCalendarBody,
      response: { 200: BusinessCalendar, ...errorResponses },
    },
    handler: (request) =>
      service.updateCalendar(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/time-policies', {
    config: read,
    schema: {
      tags,
      summary: 'Time standards (时限标准), general before specific, with the open records each governs',
      response: { 200: PolicyList, ...errorResponses },
    },
    handler: async (request) => ({ items: await service.listPolicies(deps, actorOf(request)) }),
  });

  app.get('/api/v1/time-policies/match', {
    config: read,
    schema: {
      tags,
      summary: 'Which time standard a record with these traits would get',
      description:
        'Most specific wins: urgency named, then category named (the nearer to the record’s own category the better), then type, then project.',
      querystring: PolicyMatchQuery,
      response: { 200: TimePolicy, ...errorResponses },
    },
    handler: (request) => service.matchPolicy(deps, actorOf(request), request.query),
  });

  app.get('/api/v1/time-policies/preview', {
    config: read,
    schema: {
      tags,
      summary: 'The standard, promised reply and deadlines intake would give such a record registered now',
      description: 'As if dispatched at once; the desk reads the promise back to the caller.',
      querystring: PolicyMatchQuery,
      response: { 200: ClockPreview, ...errorResponses },
    },
    handler: (request) => service.previewPolicy(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/time-policies', {
    // A standard of one project is written only by someone whose scope holds the whole project.
    config: {
      ...configure,
      reach: {
        kind: 'scope',
        partialScope: { status: 404, code: 'NOT_FOUND' },
        because:
          'a standard of one project needs the whole project; the project is refused as one beyond reach',
      },
    },
    schema: {
      tags,
      summary: 'Add a time standard for a combination of type, category, urgency and project (null = any)',
      description: 'The combination is unique: another standard with the same one is 409 POLICY_MATCH_TAKEN.',
      body: CreatePolicyBody,
      response: { 201: TimePolicy, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createPolicy(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.patch('/api/v1/time-policies/:id', {
    config: {
      ...configure,
      reach: {
        kind: 'scope',
        outOfScope: { status: 403, code: 'POLICY_OUTSIDE_SCOPE' },
        partialScope: { status: 403, code: 'POLICY_OUTSIDE_SCOPE' },
        because: 'standards are listed organisation-wide; changing one of a project needs the whole project',
      },
    },
    schema: {
      tags,
      summary: 'Change a time standard (a new version); applyToOpen also recomputes its open records',
      description:
        'Stale version → 409. The catch-all standard cannot be deactivated. `recomputed` counts the open records whose clocks were recomputed.',
      params: IdParams,
      body: UpdatePolicyBody,
      response: { 200: PolicyUpdated, ...errorResponses },
    },
    handler: (request) =>
      service.updatePolicy(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });
}
