import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Permission } from '@steward/contracts';
import type { Actor } from './auth/actor.ts';
import { canReachPlace } from './auth/scope.ts';
import type { EventBus, LiveEvent, LiveEventType } from './events.ts';
import { actorOf } from './http.ts';
import { errorResponses, type App } from './routes.ts';

/** Proxies and load balancers drop connections silent for 30–60 s; a comment keeps them open. */
export const PING_MS = 25_000;
/**
 * A stream ends after this long and the browser reconnects (after `retry`), authenticating anew:
 * a session signed out, expired or disabled, or a changed scope, takes effect within this time.
 */
export const STREAM_LIFETIME_MS = 5 * 60_000;
/** A client that stops reading is cut off rather than buffered for without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a user needs to hear of an event in their scope; being addressed (userIds) is enough on its own. */
const EVENT_PERMISSION: Record<LiveEventType, Permission> = {
  'ticket.created': 'tickets.read',
  'ticket.updated': 'tickets.read',
  'alert.created': 'tickets.read',
};

/** Whether `actor` should hear of `event`: same organisation, and addressed to them or within their reach. */
export function eventReaches(actor: Actor, event: LiveEvent): boolean {
  if (event.orgId !== actor.orgId) return false;
  const addressed = event.userIds?.includes(actor.userId) ?? false;
  // A personal alert: for the person named, and only while the record is within their reach.
  if (event.addressedOnly) return addressed && inReach(actor, event);
  if (addressed) return true;
  if (!actor.permissions.has(EVENT_PERMISSION[event.type])) return false;
  return inReach(actor, event);
}

function inReach(actor: Actor, event: LiveEvent): boolean {
  // Records that belong to no project (organisation-wide matters) are for organisation-wide staff.
  if (event.projectId === null) return actor.scope.all;
  return canReachPlace(actor.scope, event.projectId, event.buildingId);
}

export function eventFrame(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify({ ...event.data, type: event.type })}\n\n`;
}

export async function eventsRoutes(app: App, deps: { events: EventBus }): Promise<void> {
  const open = new Set<() => void>();
  // Before the server waits for its connections to finish: an open stream never would.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/v1/events', {
    // Passive: holding the stream open is not activity, so an unattended console still signs out.
    config: { access: { authenticated: true, passive: true }, reach: 'scope' },
    schema: {
      tags: ['platform'],
      summary: 'Live updates (Server-Sent Events) of records within the caller’s scope',
      description:
        'text/event-stream. Each event is `event: <type>` with `data: {"type", ...}`; ' +
        '`ticket.created` / `ticket.updated` carry ticketId, number, status, projectId, buildingId, ' +
        'departmentId, assigneeId and version. A `: ping` comment every 25 s; the stream ends every ' +
        'few minutes and the client reconnects (`retry: 3000`), re-checking its credentials.',
      produces: ['text/event-stream'],
      response: {
        200: Type.Unsafe<Readable>({ type: 'string', description: 'text/event-stream' }),
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const stream = new Readable({ read: () => undefined });
      let ended = false;
      const write = (chunk: string) => {
        if (ended) return;
        if (stream.readableLength > MAX_BUFFERED_BYTES) end();
        else stream.push(chunk);
      };
      const unsubscribe = deps.events.subscribe((event) => {
        if (eventReaches(actor, event)) write(eventFrame(event));
      });
      const ping = setInterval(() => write(': ping\n\n'), PING_MS);
      const lifetime = setTimeout(() => end(), STREAM_LIFETIME_MS);
      const stop = () => {
        clearInterval(ping);
        clearTimeout(lifetime);
        unsubscribe();
        open.delete(end);
      };
      function end() {
        if (ended) return;
        ended = true;
        stop();
        stream.push(null);
      }
      // The client went away: Fastify destroys the stream.
      stream.on('close', () => {
        ended = true;
        stop();
      });
      open.add(end);
      stream.push('retry: 3000\n\n');
      return (
        reply
          .type('text/event-stream; charset=utf-8')
          // The connection is not reused once the stream ends, so a server shutting down is not
          // kept waiting for it; and proxies (nginx) must not buffer the stream.
          .header('connection', 'close')
          .header('x-accel-buffering', 'no')
          .send(stream)
      );
    },
  });
}
