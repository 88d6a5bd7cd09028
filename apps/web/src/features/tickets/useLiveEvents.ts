import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Alert, Ticket } from '@steward/contracts';
import { ALERT_KINDS, type TicketStatus } from '@steward/contracts/catalogues';
import { ticketKeys } from '../../api/tickets.ts';

/** What the server says when a record in the user's scope (or addressed to them) changes. */
export interface TicketEvent {
  type: 'ticket.created' | 'ticket.updated';
  ticketId: string;
  number: string;
  status: TicketStatus;
  projectId: string;
  buildingId: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  version: number;
}

const EVENT_TYPES = ['ticket.created', 'ticket.updated'] as const;
const ALERT_EVENT = 'alert.created';
const RECONNECT_MS = 15_000;

type Listener = (event: TicketEvent) => void;
type AlertListener = (alert: Alert) => void;

/**
 * One EventSource for the whole tab, opened while any page (or the header's alerts bell) listens:
 * a second page or component must not open a second stream to the server.
 */
const listeners = new Set<Listener>();
/** The header's bell: alerts addressed to the signed-in user travel on the same stream. */
const alertListeners = new Set<AlertListener>();
const listening = () => listeners.size + alertListeners.size > 0;
/** Called when the stream opens again after a break: events sent meanwhile were missed. */
const resyncs = new Set<() => void>();
let opened = false;
let source: EventSource | null = null;
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

export function parseTicketEvent(type: string, data: string): TicketEvent | null {
  try {
    const parsed = JSON.parse(data) as Partial<TicketEvent> & { type?: string; data?: Partial<TicketEvent> };
    // Named SSE events carry the fields directly; an unnamed one may wrap them as { type, data }.
    const kind = (EVENT_TYPES as readonly string[]).includes(type) ? type : parsed.type;
    const body = parsed.data && typeof parsed.data === 'object' ? parsed.data : parsed;
    if (kind !== 'ticket.created' && kind !== 'ticket.updated') return null;
    if (typeof body.ticketId !== 'string' || typeof body.version !== 'number') return null;
    return { ...(body as TicketEvent), type: kind };
  } catch {
    return null;
  }
}

/** An `alert.created` event's Alert (sent with its `type` beside the fields), or null if it is not one. */
export function parseAlertEvent(type: string, data: string): Alert | null {
  try {
    const parsed = JSON.parse(data) as Partial<Alert> & { type?: string; data?: Partial<Alert> };
    const kind = type === ALERT_EVENT ? type : parsed.type;
    const body = parsed.data && typeof parsed.data === 'object' ? parsed.data : parsed;
    if (kind !== ALERT_EVENT) return null;
    if (typeof body.id !== 'string' || typeof body.ticketId !== 'string') return null;
    if (!(ALERT_KINDS as readonly unknown[]).includes(body.kind)) return null;
    const { type: _type, ...alert } = body as Alert & { type?: string };
    return alert;
  } catch {
    return null;
  }
}

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  const stream = new EventSource('/api/v1/events', { withCredentials: true });
  source = stream;
  const deliver = (type: string) => (message: MessageEvent<string>) => {
    const event = parseTicketEvent(type, message.data);
    if (event) for (const listener of listeners) listener(event);
    const alert = event ? null : parseAlertEvent(type, message.data);
    if (alert) for (const listener of alertListeners) listener(alert);
  };
  for (const type of [...EVENT_TYPES, ALERT_EVENT]) stream.addEventListener(type, deliver(type));
  stream.onmessage = deliver('message');
  stream.onopen = () => {
    if (opened) for (const resync of resyncs) resync();
    opened = true;
  };
  stream.onerror = () => {
    // The browser retries a dropped stream by itself; a refused one (401, 404) is closed for good.
    if (stream.readyState !== EventSource.CLOSED) return;
    close();
    if (listening() && !reconnectTimer) {
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (listening()) open();
      }, RECONNECT_MS);
    }
  };
}

function close(): void {
  source?.close();
  source = null;
}

function subscribe<L>(set: Set<L>, listener: L): () => void {
  set.add(listener);
  open();
  return () => {
    set.delete(listener);
    if (!listening()) {
      close();
      opened = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
    }
  };
}

/** Refreshes what an event makes stale; a record this tab already holds at that version is left alone. */
function invalidateFor(queryClient: QueryClient, event: TicketEvent): void {
  void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'list'] });
  void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'lookup'] });
  const held = queryClient.getQueryData<Ticket>(ticketKeys.detail(event.ticketId));
  if (held && held.version >= event.version) return;
  void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(event.ticketId) });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(event.ticketId) });
}

/**
 * Keeps the desk's queries live: every ticket event in the user's scope refreshes the queues and
 * the record it names. `onEvent` lets a page react as well (e.g. a notice for a new record).
 */
export function useLiveEvents(onEvent?: Listener): void {
  const queryClient = useQueryClient();
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);
  useEffect(() => {
    // After a break in the stream (the server ends it every few minutes, networks drop it),
    // whatever changed meanwhile is fetched again.
    const resync = () => void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    resyncs.add(resync);
    const unsubscribe = subscribe<Listener>(listeners, (event) => {
      invalidateFor(queryClient, event);
      onEventRef.current?.(event);
    });
    return () => {
      resyncs.delete(resync);
      unsubscribe();
    };
  }, [queryClient]);
}

/**
 * Alerts addressed to the signed-in user, live (`alert.created`), on the tab's one stream.
 * `onResync` runs when the stream opens again after a break: alerts sent meanwhile were missed.
 */
export function useAlertEvents(onAlert: AlertListener, onResync: () => void): void {
  const onAlertRef = useRef(onAlert);
  const onResyncRef = useRef(onResync);
  useEffect(() => {
    onAlertRef.current = onAlert;
    onResyncRef.current = onResync;
  }, [onAlert, onResync]);
  useEffect(() => {
    const resync = () => onResyncRef.current();
    resyncs.add(resync);
    const unsubscribe = subscribe<AlertListener>(alertListeners, (alert) => onAlertRef.current(alert));
    return () => {
      resyncs.delete(resync);
      unsubscribe();
    };
  }, []);
}
