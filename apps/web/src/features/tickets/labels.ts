import { useMemo } from 'react';
import type {
  AttachmentStage,
  Channel,
  ConfirmationMethod,
  DispatchBasis,
  HoldReason,
  LineKind,
  LinkKind,
  Skill,
  TicketAction,
  TicketStatus,
  TicketType,
  TimelineKind,
  Urgency,
} from '@steward/contracts/catalogues';
import { useT } from '../../app/i18n/I18nProvider.tsx';

/** Labels of the service desk's codes in the UI language. */
export function useTicketLabels() {
  const t = useT();
  return useMemo(
    () => ({
      type: (type: TicketType) => t(`ticketType.${type}`),
      channel: (channel: Channel) => t(`channel.${channel}`),
      urgency: (urgency: Urgency) => t(`urgency.${urgency}`),
      status: (status: TicketStatus) => t(`ticketStatus.${status}`),
      holdReason: (reason: HoldReason) => t(`holdReason.${reason}`),
      timelineKind: (kind: TimelineKind) => t(`timelineKind.${kind}`),
      action: (action: TicketAction) => t(`ticketAction.${action}`),
      skill: (skill: Skill) => t(`skill.${skill}`),
      lineKind: (kind: LineKind) => t(`lineKind.${kind}`),
      linkKind: (kind: LinkKind) => t(`linkKind.${kind}`),
      attachmentStage: (stage: AttachmentStage) => t(`attachmentStage.${stage}`),
      confirmationMethod: (method: ConfirmationMethod) => t(`confirmationMethod.${method}`),
      dispatchBasis: (basis: DispatchBasis) => t(`dispatchBasis.${basis}`),
    }),
    [t],
  );
}

/** Tag colours, the same on every desk page so agents learn them once. */
export const TYPE_COLORS: Record<TicketType, string> = {
  repair: 'blue',
  complaint: 'volcano',
  inquiry: 'cyan',
  suggestion: 'purple',
  praise: 'green',
  help: 'magenta',
  special_service: 'gold',
  other: 'default',
};

export const URGENCY_COLORS: Record<Urgency, string> = {
  general: 'default',
  special: 'gold',
  emergency: 'red',
};

/** Waiting for someone is blue, in hand is purple, paused is orange, done is green, closed is grey. */
export const STATUS_COLORS: Record<TicketStatus, string> = {
  received: 'blue',
  dispatched: 'geekblue',
  accepted: 'purple',
  arrived: 'purple',
  in_progress: 'purple',
  on_hold: 'orange',
  completed: 'green',
  confirmed: 'green',
  visited: 'cyan',
  archived: 'default',
  cancelled: 'default',
};
