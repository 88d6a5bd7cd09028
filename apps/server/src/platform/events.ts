/**
 * Live updates for open consoles. Business code publishes after its transaction commits; every
 * server process delivers every event to its own subscribers (the SSE streams), which filter by
 * organisation and scope. On SQLite there is one process, so the bus is in memory; on PostgreSQL
 * events travel through NOTIFY on one channel, and each process hears its own as well as the
 * others'. Delivery is best effort: a live view refetches what it shows when it reconnects.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';
import { notify } from '../db/notify.ts';

export const LIVE_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'alert.created'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEvent {
  type: LiveEventType;
  orgId: string;
  projectId: string | null;
  buildingId: string | null;
  /** Delivered to these users whatever their scope (e.g. the new assignee). */
  userIds?: string[];
  /** Only for `userIds` (a personal alert), never for others in scope. */
  addressedOnly?: boolean;
  data: Record<string, unknown>;
}

export interface EventBus {
  /** Never throws: an event that cannot be sent is logged and dropped, the request goes on. */
  publish(event: LiveEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Sends what is still queued, then stops listening. */
  close(): Promise<void>;
}

export type EventLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export const EVENT_CHANNEL = 'steward_events';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_EVENT_BYTES = 7999;

const consoleLog: EventLog = {
  info: () => undefined,
  warn: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

export async function createEventBus(database: Database, log: EventLog = consoleLog): Promise<EventBus> {
  const listeners = new Set<(event: LiveEvent) => void>();
  const deliver = (event: LiveEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error, type: event.type }, 'live event listener failed');
      }
    }
  };
  const subscribe = (listener: (event: LiveEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  let closed = false;

  if (!database.listen) {
    return {
      // A later tick: subscribers never run inside the publishing request.
      publish: (event) => {
        if (!closed) setImmediate(deliver, event);
      },
      subscribe,
      close: async () => {
        closed = true;
        listeners.clear();
      },
    };
  }

  const listener = await database.listen(
    EVENT_CHANNEL,
    (payload) => {
      const event = parseEvent(payload);
      if (event) deliver(event);
      else log.warn({ payload: payload.slice(0, 200) }, 'live event not understood; ignored');
    },
    log,
  );
  // One NOTIFY at a time, so events leave (and arrive) in the order they were published even
  // though the pool would run them on different connections.
  let queue: Promise<void> = Promise.resolve();
  return {
    publish: (event) => {
      if (closed) return;
      const payload = encodeEvent(event, log);
      if (payload === null) return;
      queue = queue
        .then(() => notify(database.db, EVENT_CHANNEL, payload))
        .catch((error: Error) => log.warn({ err: error.message, type: event.type }, 'live event not sent'));
    },
    subscribe,
    close: async () => {
      closed = true;
      await queue;
      await listener.close();
      listeners.clear();
    },
  };
}

function encodeEvent(event: LiveEvent, log: EventLog): string | null {
  let payload: string;
  try {
    payload = JSON.stringify(event);
  } catch (error) {
    log.error({ err: error, type: event.type }, 'live event cannot be serialised; dropped');
    return null;
  }
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_EVENT_BYTES) {
    log.error({ type: event.type, bytes }, 'live event too large to send; dropped');
    return null;
  }
  return payload;
}

/** What another process sent; anything malformed (or from a newer version) is ignored. */
function parseEvent(payload: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  const idOrNull = (v: unknown) => v === null || typeof v === 'string';
  const valid =
    (LIVE_EVENT_TYPES as readonly unknown[]).includes(e.type) &&
    typeof e.orgId === 'string' &&
    idOrNull(e.projectId) &&
    idOrNull(e.buildingId) &&
    (e.userIds === undefined ||
      (Array.isArray(e.userIds) && e.userIds.every((u) => typeof u === 'string'))) &&
    (e.addressedOnly === undefined || typeof e.addressedOnly === 'boolean') &&
    !!e.data &&
    typeof e.data === 'object' &&
    !Array.isArray(e.data);
  return valid ? (value as LiveEvent) : null;
}
