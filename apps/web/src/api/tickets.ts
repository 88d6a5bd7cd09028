import type {
  CandidateQuery,
  ClockPreview,
  PolicyMatchQuery,
  Category,
  CreateCommentBody,
  CreateLineBody,
  CreateTicketBody,
  Department,
  DispatchSuggestion,
  IntakeLookup,
  PageOf,
  Ticket,
  TicketActionBodies,
  TicketAttachment,
  TicketLine,
  TicketListQuery,
  TicketSummary,
  TimelineEntry,
  TimelineQuery,
  VoidLineBody,
} from '@steward/contracts';
import type { AttachmentStage, TicketAction } from '@steward/contracts/catalogues';
import { api, upload } from './client.ts';

type Filters<T> = Omit<T, 'cursor' | 'limit'>;

/**
 * Query keys of the service desk. Everything about records sits under `tickets`, so a live event
 * or an action can refresh the queues, a record and its timeline with one invalidation.
 */
export const ticketKeys = {
  all: ['tickets'] as const,
  list: (filters: Filters<TicketListQuery>) => ['tickets', 'list', filters] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
  lookup: (q: string) => ['tickets', 'lookup', q] as const,
  candidates: (query: CandidateQuery) => ['tickets', 'candidates', query] as const,
  clockPreview: (query: PolicyMatchQuery) => ['tickets', 'clock-preview', query] as const,
  categories: ['categories'] as const,
  departments: ['departments'] as const,
};

export const listTickets = (query: TicketListQuery) =>
  api.get<PageOf<TicketSummary>>('/api/v1/tickets', { ...query });

export const getTicket = (id: string) => api.get<Ticket>(`/api/v1/tickets/${id}`);

/** One key per intake form: a double click or a retry after a lost answer registers one record. */
export const createTicket = (body: CreateTicketBody, idempotencyKey: string) =>
  api.post<Ticket>('/api/v1/tickets', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export const runTicketAction = <A extends TicketAction>(id: string, action: A, body: TicketActionBodies[A]) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/actions/${action}`, body);

export const getTimeline = (id: string, query: TimelineQuery = {}) =>
  api.get<PageOf<TimelineEntry>>(`/api/v1/tickets/${id}/timeline`, { ...query });

/** The whole timeline, following the cursor (a record's history is short; the detail page shows all of it). */
export async function getWholeTimeline(id: string): Promise<TimelineEntry[]> {
  const all: TimelineEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await getTimeline(id, { limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export const addComment = (id: string, body: CreateCommentBody) =>
  api.post<TimelineEntry>(`/api/v1/tickets/${id}/comments`, body);

export const addLine = (id: string, body: CreateLineBody) =>
  api.post<TicketLine>(`/api/v1/tickets/${id}/lines`, body);

export const voidLine = (id: string, lineId: string, body: VoidLineBody) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/lines/${lineId}/void`, body);

/** The stage goes first: the server reads the fields in one pass and needs it before the file. */
export const uploadAttachment = (
  id: string,
  stage: AttachmentStage,
  file: File,
  onProgress?: (percent: number) => void,
) =>
  upload<TicketAttachment>(
    `/api/v1/tickets/${id}/attachments`,
    [
      ['stage', stage],
      ['file', file, file.name],
    ],
    onProgress,
  );

/** An attachment as a URL the browser fetches with the session cookie. */
export const attachmentUrl = (attachmentId: string, size: 'full' | 'thumb' = 'full') =>
  `/api/v1/attachments/${attachmentId}${size === 'thumb' ? '?size=thumb' : ''}`;

export const intakeLookup = (q: string) => api.get<IntakeLookup>('/api/v1/intake/lookup', { q });

export const dispatchCandidates = (query: CandidateQuery) =>
  api.get<DispatchSuggestion>('/api/v1/dispatch/candidates', { ...query });

/** The time standard, promised reply and deadlines intake would give such a record now. */
export const previewClocks = (query: PolicyMatchQuery) =>
  api.get<ClockPreview>('/api/v1/time-policies/preview', { ...query });

export const listCategories = async (): Promise<Category[]> =>
  (await api.get<{ items: Category[] }>('/api/v1/categories')).items;

export const listDepartments = async (): Promise<Department[]> =>
  (await api.get<{ items: Department[] }>('/api/v1/departments')).items;
