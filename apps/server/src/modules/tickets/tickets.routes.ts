import { Type } from 'typebox';
import {
  AttachmentParams,
  AttachmentQuery,
  CandidateQuery,
  CreateCommentBody,
  CreateLineBody,
  CreatePromiseBody,
  CreateTicketBody,
  DispatchSuggestion,
  IdParams,
  IntakeLookup,
  IntakeQuery,
  Page,
  PromiseParams,
  SettlePromiseBody,
  Ticket,
  TICKET_ACTION_BODIES,
  TicketAttachment,
  TicketLine,
  TicketLineParams,
  TicketListQuery,
  TicketPromise,
  TicketSummary,
  TimelineEntry,
  TimelineQuery,
  VoidLineBody,
  WithdrawPromiseBody,
} from '@steward/contracts';
import { TICKET_ACTIONS, type TicketAction } from '@steward/contracts/catalogues';
import { contentDisposition } from '../../platform/files.ts';
import { actorOf, idempotencyOf, type Reach, namedPlace } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { readUpload } from '../../platform/upload.ts';
import { performAction } from './actions.service.ts';
import { dispatchCandidates } from './dispatch.service.ts';
import { ACTION_RULES, routePermission, servesCustomers } from './lifecycle.ts';
import * as parts from './parts.service.ts';
import * as promises from './promises.service.ts';
import { ticketsError } from './tickets.errors.ts';
import * as service from './tickets.service.ts';

const ACTION_SUMMARIES: Record<TicketAction, string> = {
  dispatch: 'Dispatch or transfer to a department and person (rules decide when no department is given)',
  accept: 'Accept a job (the assignee, or a member of the department for an unassigned job)',
  decline: 'Decline a job with a reason; it returns to dispatch',
  arrive: 'Arrived on site',
  start: 'Work started',
  hold: 'Put on hold (waiting for parts, for the customer, other); clocks pause',
  resume: 'Resume work; clocks continue',
  complete: 'Work completed, with the completion note; completes open duplicates too',
  confirm: 'The customer’s acceptance (signature, phone, portal, on the spot)',
  visit: 'Return visit recorded',
  reopen: 'Reopen (not solved); counted',
  cancel: 'Cancel with a reason',
  archive: 'Archive a closed record',
  escalate: 'Escalate to the next level',
  link: 'Link to another record as its duplicate or as related',
  reclassify: 'Correct type, category or urgency',
};

/** Replying to customers, attaching files and promising are for those who serve them (servesCustomers). */
const SERVES_CUSTOMERS = {
  permissions: ['tickets.create', 'tickets.work', 'tickets.manage'],
  code: 'ACTION_FORBIDDEN',
} as const;

/** An action whose route admits any reader still needs one of the lifecycle table's permissions. */
function actionReach(action: TicketAction): Reach {
  const { anyOf } = ACTION_RULES[action];
  return anyOf.length === 1
    ? 'scope'
    : { kind: 'scope', anyOf: { permissions: anyOf, code: 'ACTION_FORBIDDEN' } };
}

export async function ticketsRoutes(app: App, deps: service.TicketsDeps): Promise<void> {
  const tags = ['tickets'];
  const withUpload = { ...errorResponses, 413: errorResponses[400] };

  app.post('/api/v1/tickets', {
    config: { access: { permission: 'tickets.create' }, reach: namedPlace('PLACE_UNAVAILABLE') },
    schema: {
      tags,
      summary: 'Register a request from any channel (numbered, dispatched by rule, clocks set)',
      body: CreateTicketBody,
      response: { 201: Ticket, ...errorResponses },
    },
    handler: async (request, reply) => {
      const ticket = await service.createTicket(deps, actorOf(request), request.body, idempotencyOf(request));
      return reply.status(201).send(ticket);
    },
  });

  app.get('/api/v1/tickets', {
    config: { access: { permission: 'tickets.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Queues: 待派工, mine, department, all within scope; filters, search and keyset pages',
      querystring: TicketListQuery,
      response: { 200: Page(TicketSummary), ...errorResponses },
    },
    handler: (request) => service.listTickets(deps, actorOf(request), request.query),
  });

  app.get('/api/v1/tickets/:id', {
    config: { access: { permission: 'tickets.read' }, reach: 'scope' },
    schema: {
      tags,
      summary:
        'One record with deadlines, promise, assignee, links, lines, attachments and the caller’s actions',
      params: IdParams,
      response: { 200: Ticket, ...errorResponses },
    },
    handler: (request) => service.getTicket(deps, actorOf(request), request.params.id),
  });

  for (const action of TICKET_ACTIONS) {
    app.post(`/api/v1/tickets/:id/actions/${action}`, {
      config: { access: { permission: routePermission(action) }, reach: actionReach(action) },
      schema: {
        tags,
        summary: ACTION_SUMMARIES[action],
        description: `Allowed from: ${ACTION_RULES[action].from.join(', ')}. Needs one of: ${ACTION_RULES[action].anyOf.join(', ')}. A stale version is 409 VERSION_CONFLICT; an action the status does not allow is 409 ACTION_NOT_ALLOWED with details.allowed.`,
        params: IdParams,
        body: TICKET_ACTION_BODIES[action],
        response: { 200: Ticket, ...errorResponses },
      },
      handler: (request) =>
        performAction(deps, actorOf(request), (request.params as IdParams).id, action, request.body as never),
    });
  }

  app.get('/api/v1/tickets/:id/timeline', {
    config: { access: { permission: 'tickets.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'The append-only history, oldest first',
      params: IdParams,
      querystring: TimelineQuery,
      response: { 200: Page(TimelineEntry), ...errorResponses },
    },
    handler: (request) => parts.listTimeline(deps, actorOf(request), request.params.id, request.query),
  });

  app.post('/api/v1/tickets/:id/comments', {
    config: { access: { permission: 'tickets.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'An internal note (内部) or a reply the customer sees (公开)',
      params: IdParams,
      body: CreateCommentBody,
      response: { 201: TimelineEntry, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await parts.addComment(deps, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/tickets/:id/promises', {
    config: { access: { permission: 'tickets.read' }, reach: { kind: 'scope', anyOf: SERVES_CUSTOMERS } },
    schema: {
      tags,
      summary: 'Promise the customer a reply, visit or call-back by a time (承诺); tracked with an alarm',
      params: IdParams,
      body: CreatePromiseBody,
      response: { 201: TicketPromise, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await promises.createPromise(deps, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/tickets/:id/promises/:promiseId/keep', {
    config: { access: { permission: 'tickets.read' }, reach: { kind: 'scope', anyOf: SERVES_CUSTOMERS } },
    schema: {
      tags,
      summary: 'Record a promise as kept (late: recorded as broken)',
      params: PromiseParams,
      body: SettlePromiseBody,
      response: { 200: TicketPromise, ...errorResponses },
    },
    handler: async (request) =>
      promises.keepPromise(deps, actorOf(request), request.params.id, request.params.promiseId, request.body),
  });

  app.post('/api/v1/tickets/:id/promises/:promiseId/withdraw', {
    config: { access: { permission: 'tickets.read' }, reach: { kind: 'scope', anyOf: SERVES_CUSTOMERS } },
    schema: {
      tags,
      summary: 'Withdraw a promise the customer no longer needs (not counted)',
      params: PromiseParams,
      body: WithdrawPromiseBody,
      response: { 200: TicketPromise, ...errorResponses },
    },
    handler: async (request) =>
      promises.withdrawPromise(
        deps,
        actorOf(request),
        request.params.id,
        request.params.promiseId,
        request.body,
      ),
  });

  app.post('/api/v1/tickets/:id/lines', {
    config: { access: { permission: 'tickets.work' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Add a paid-service charge from the price list, or a material used',
      params: IdParams,
      body: CreateLineBody,
      response: { 201: TicketLine, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await parts.addLine(deps, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/tickets/:id/lines/:lineId/void', {
    config: { access: { permission: 'tickets.work' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Void a line (a new entry cancels it; nothing is deleted)',
      params: TicketLineParams,
      body: VoidLineBody,
      response: { 200: Ticket, ...errorResponses },
    },
    handler: (request) =>
      parts.voidLine(deps, actorOf(request), request.params.id, request.params.lineId, request.body),
  });

  app.post('/api/v1/tickets/:id/attachments', {
    config: { access: { permission: 'tickets.read' }, reach: { kind: 'scope', anyOf: SERVES_CUSTOMERS } },
    schema: {
      tags,
      summary: 'Attach a photo (jpeg/png/webp/heic) or PDF; multipart fields: stage, then file',
      params: IdParams,
      response: { 201: TicketAttachment, ...withUpload },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (!servesCustomers(actor.permissions)) throw ticketsError('ACTION_FORBIDDEN');
      const upload = await readUpload(request, deps.config.attachmentLimit, ['stage']);
      return reply.status(201).send(await parts.addAttachment(deps, actor, request.params.id, upload));
    },
  });

  app.get('/api/v1/attachments/:id', {
    config: { access: { permission: 'tickets.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'An attachment’s bytes (size=thumb for the thumbnail), for those who may see its record',
      params: AttachmentParams,
      querystring: AttachmentQuery,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await parts.openAttachment(
        deps,
        actorOf(request),
        request.params.id,
        request.query.size ?? 'full',
      );
      return (
        reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition('inline', file.fileName))
          .header('x-content-type-options', 'nosniff')
          // An inline PDF must not run scripts on the console's origin.
          .header('content-security-policy', 'sandbox')
          .header('cache-control', 'private, max-age=86400')
          .send(file.data)
      );
    },
  });

  app.get('/api/v1/intake/lookup', {
    config: { access: { permission: 'tickets.create' }, reach: 'scope' },
    schema: {
      tags,
      summary:
        'While the caller speaks: customers and houses matching a phone, tail, room or name, with their records',
      querystring: IntakeQuery,
      response: { 200: IntakeLookup, ...errorResponses },
    },
    handler: (request) => parts.intakeLookup(deps, actorOf(request), request.query.q),
  });

  app.get('/api/v1/dispatch/candidates', {
    config: { access: { permission: 'tickets.read' }, reach: namedPlace('PLACE_UNAVAILABLE') },
    schema: {
      tags,
      summary: 'Who could take a record at a place, with open load, duty and skill, and the rules’ choice',
      querystring: CandidateQuery,
      response: { 200: DispatchSuggestion, ...errorResponses },
    },
    handler: (request) => dispatchCandidates(deps, actorOf(request), request.query),
  });
}
