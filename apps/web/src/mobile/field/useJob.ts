import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ticket, TicketActionBodies } from '@steward/contracts';
import { actOnJob, fieldKeys, getJob, type FieldAction, type FieldActionRequest } from '../../api/field.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { toastFailure, toastSuccess } from './feedback.ts';

export function useJob(id: string) {
  return useQuery({ queryKey: fieldKeys.job(id), queryFn: () => getJob(id), staleTime: 10_000 });
}

/** Puts a job the server answered with into the cache and marks the queues stale. */
export function useJobUpdated() {
  const queryClient = useQueryClient();
  return (ticket: Ticket) => {
    queryClient.setQueryData(fieldKeys.job(ticket.id), ticket);
    void queryClient.invalidateQueries({ queryKey: ['field', 'jobs'] });
  };
}

/** An action as the page asks for it; the version is added here. */
export type JobActionRequest = {
  [A in FieldAction]: { action: A; body: Omit<TicketActionBodies[A], 'version'> };
}[FieldAction];

/**
 * A lifecycle action on the job as last read: it always sends that version, so an action on a
 * job someone else changed meanwhile is refused (409) and the page reloads instead.
 */
export function useJobAction(job: Ticket | undefined, reload: () => unknown) {
  const t = useT();
  const updated = useJobUpdated();
  return useMutation({
    mutationFn: ({ request, version }: { request: JobActionRequest; version?: number }) =>
      actOnJob(job!.id, {
        action: request.action,
        body: { ...request.body, version: version ?? job!.version },
      } as FieldActionRequest),
    onSuccess: (ticket, { request }) => {
      updated(ticket);
      toastSuccess(t(`field.done.${request.action}`));
    },
    onError: (error) => toastFailure(error, t, reload),
  });
}
