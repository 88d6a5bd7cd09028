import type {
  Alert,
  AlertListQuery,
  AlertPage,
  CreatePromiseBody,
  SettlePromiseBody,
  TicketPromise,
  WithdrawPromiseBody,
} from '@steward/contracts';
import { api } from './client.ts';

/** Promises to the customer (承诺) on a record; the record itself is read again afterwards. */
export const createPromise = (ticketId: string, body: CreatePromiseBody) =>
  api.post<TicketPromise>(`/api/v1/tickets/${ticketId}/promises`, body);

export const keepPromise = (ticketId: string, promiseId: string, body: SettlePromiseBody = {}) =>
  api.post<TicketPromise>(`/api/v1/tickets/${ticketId}/promises/${promiseId}/keep`, body);

export const withdrawPromise = (ticketId: string, promiseId: string, body: WithdrawPromiseBody) =>
  api.post<TicketPromise>(`/api/v1/tickets/${ticketId}/promises/${promiseId}/withdraw`, body);

/** The caller's own alerts (提醒). */
export const alertKeys = {
  all: ['alerts'] as const,
  list: (unreadOnly: boolean) => ['alerts', 'list', unreadOnly] as const,
  unread: ['alerts', 'unread'] as const,
};

export const listAlerts = (query: AlertListQuery) => api.get<AlertPage>('/api/v1/alerts', { ...query });

/** The unread count only (one row asked for, the count comes with every page). */
export const unreadAlerts = async (): Promise<number> =>
  (await listAlerts({ unread: true, limit: 1 })).unread;

export const markAlertRead = (id: string) => api.post<Alert>(`/api/v1/alerts/${id}/read`);

export const markAllAlertsRead = () => api.post<{ ok: true }>('/api/v1/alerts/read-all');
