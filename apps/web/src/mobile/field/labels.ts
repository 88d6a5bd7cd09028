import { useMemo } from 'react';
import type { HoldReason, TicketStatus, Urgency } from '@steward/contracts/catalogues';
import { useT } from '../../app/i18n/I18nProvider.tsx';

/** Status, urgency and hold-reason labels of the phone pages. */
export function useFieldLabels() {
  const t = useT();
  return useMemo(
    () => ({
      status: (status: TicketStatus) => t(`field.status.${status}`),
      urgency: (urgency: Urgency) => t(`field.urgency.${urgency}`),
      holdReason: (reason: HoldReason) => t(`field.holdReason.${reason}`),
    }),
    [t],
  );
}

/** Emergency is red everywhere on the phone; special service orange; general needs no colour. */
export const URGENCY_COLOR: Record<Urgency, string | null> = {
  emergency: '#e5262a',
  special: '#f08c00',
  general: null,
};

export const STATUS_COLOR: Partial<Record<TicketStatus, string>> = {
  dispatched: '#155eef',
  accepted: '#155eef',
  arrived: '#0e7490',
  in_progress: '#0e7490',
  on_hold: '#b45309',
  completed: '#15803d',
  confirmed: '#15803d',
};
