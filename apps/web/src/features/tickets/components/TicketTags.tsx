import { Tag } from 'antd';
import { ThunderboltFilled } from '@ant-design/icons';
import type { TicketStatus, TicketType, Urgency } from '@steward/contracts/catalogues';
import { STATUS_COLORS, TYPE_COLORS, URGENCY_COLORS, useTicketLabels } from '../labels.ts';

const TIGHT = { marginInlineEnd: 0 };

export function TypeTag({ type }: { type: TicketType }) {
  const labels = useTicketLabels();
  return (
    <Tag color={TYPE_COLORS[type]} style={TIGHT}>
      {labels.type(type)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: TicketStatus }) {
  const labels = useTicketLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={TIGHT} data-testid="ticket-status-tag">
      {labels.status(status)}
    </Tag>
  );
}

/** General urgency is the normal case and shows nothing unless `always`; emergencies stand out in red. */
export function UrgencyTag({ urgency, always = false }: { urgency: Urgency; always?: boolean }) {
  const labels = useTicketLabels();
  if (urgency === 'general' && !always) return null;
  return (
    <Tag
      color={URGENCY_COLORS[urgency]}
      icon={urgency === 'emergency' ? <ThunderboltFilled /> : undefined}
      style={TIGHT}
    >
      {labels.urgency(urgency)}
    </Tag>
  );
}
