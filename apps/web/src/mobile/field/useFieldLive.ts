import { useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '@steward/contracts';
import { fieldKeys } from '../../api/field.ts';
import { useLiveEvents } from '../../features/tickets/useLiveEvents.ts';

/**
 * New and changed jobs reach the phone as they happen (the console's one event stream per tab):
 * the queues refresh, and an open job refreshes when the server has a newer version of it.
 */
export function useFieldLive(): void {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    void queryClient.invalidateQueries({ queryKey: ['field', 'jobs'] });
    const held = queryClient.getQueryData<Ticket>(fieldKeys.job(event.ticketId));
    if (held && held.version < event.version)
      void queryClient.invalidateQueries({ queryKey: fieldKeys.job(event.ticketId) });
  });
}
