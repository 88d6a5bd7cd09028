import type {
  AttachmentStage,
  CreateLineBody,
  PageOf,
  PriceItem,
  Ticket,
  TicketActionBodies,
  TicketAttachment,
  TicketLine,
  TicketListQuery,
  TicketSummary,
  VoidLineBody,
} from '@steward/contracts';
import { api, upload } from './client.ts';

/** The calls the technician's phone pages make: their queues, one record, its field work. */

export const listJobs = (query: TicketListQuery) =>
  api.get<PageOf<TicketSummary>>('/api/v1/tickets', { ...query });

export const getJob = (id: string) => api.get<Ticket>(`/api/v1/tickets/${id}`);

/** The lifecycle actions a technician takes on the spot. */
export type FieldAction =
  'accept' | 'decline' | 'arrive' | 'start' | 'hold' | 'resume' | 'complete' | 'confirm';

/** One action and its body, kept together so a body cannot go to the wrong action. */
export type FieldActionRequest = {
  [A in FieldAction]: { action: A; body: TicketActionBodies[A] };
}[FieldAction];

export const actOnJob = (id: string, { action, body }: FieldActionRequest) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/actions/${action}`, body);

/** Text field first: the server reads the stage before it stores the file. */
export const uploadJobFile = (
  id: string,
  stage: AttachmentStage,
  file: Blob,
  fileName: string,
  onProgress?: (percent: number) => void,
) =>
  upload<TicketAttachment>(
    `/api/v1/tickets/${id}/attachments`,
    [
      ['stage', stage],
      ['file', file, fileName],
    ],
    onProgress,
  );

/** An attachment as an image URL the browser fetches with the session cookie. */
export const attachmentUrl = (attachment: Pick<TicketAttachment, 'id' | 'hasThumbnail'>, thumb: boolean) =>
  `/api/v1/attachments/${attachment.id}${thumb && attachment.hasThumbnail ? '?size=thumb' : ''}`;

export const listPriceItems = () => api.get<{ items: PriceItem[] }>('/api/v1/price-items');

export const addJobLine = (id: string, body: CreateLineBody) =>
  api.post<TicketLine>(`/api/v1/tickets/${id}/lines`, body);

export const voidJobLine = (id: string, lineId: string, body: VoidLineBody) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/lines/${lineId}/void`, body);

export const fieldKeys = {
  all: ['field'] as const,
  jobs: (queue: 'mine' | 'department') => ['field', 'jobs', queue] as const,
  job: (id: string) => ['field', 'job', id] as const,
  priceItems: ['field', 'price-items'] as const,
};
