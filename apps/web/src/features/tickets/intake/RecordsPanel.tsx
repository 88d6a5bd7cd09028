import { Button, Card, Flex, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { TicketSummary } from '@steward/contracts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { QuietEmpty } from '../../customers/components/QuietEmpty.tsx';
import { StatusTag, TypeTag, UrgencyTag } from '../components/TicketTags.tsx';
import { useCategoryName } from '../hooks.ts';

function RecordRow({
  ticket,
  duplicate,
  onMarkDuplicate,
}: {
  ticket: TicketSummary;
  duplicate: boolean;
  onMarkDuplicate?: (ticket: TicketSummary) => void;
}) {
  const t = useT();
  const categoryName = useCategoryName();
  return (
    <div
      style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
      data-testid={`intake-record-${ticket.number}`}
    >
      <Flex gap={6} align="center" wrap>
        {/* A new tab, so the call in progress keeps its form. */}
        <a href={`/desk/tickets/${ticket.id}`} target="_blank" rel="noreferrer" style={{ fontWeight: 600 }}>
          {ticket.number}
        </a>
        <StatusTag status={ticket.status} />
        <TypeTag type={ticket.type} />
        <UrgencyTag urgency={ticket.urgency} />
        {onMarkDuplicate ? (
          <Tooltip title={t('intake.markDuplicateHelp')}>
            <Button
              size="small"
              type={duplicate ? 'primary' : 'link'}
              icon={<LinkOutlined />}
              onClick={() => onMarkDuplicate(ticket)}
              style={{ marginInlineStart: 'auto' }}
              data-testid={`intake-duplicate-${ticket.number}`}
            >
              {t('intake.markDuplicate')}
            </Button>
          </Tooltip>
        ) : null}
      </Flex>
      <Typography.Text style={{ display: 'block' }} ellipsis={{ tooltip: ticket.description }}>
        {ticket.location || ticket.projectName} · {categoryName(ticket.categoryId, ticket.categoryName)} ·{' '}
        {ticket.description}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(ticket.receivedAt)}
        {ticket.assignee
          ? ` · ${ticket.assignee.name}`
          : ticket.department
            ? ` · ${ticket.department.name}`
            : ''}
      </Typography.Text>
    </div>
  );
}

interface Props {
  open: TicketSummary[];
  recent: TicketSummary[];
  /** False until the agent has typed something to look up. */
  searched: boolean;
  duplicateOf: string | null;
  onMarkDuplicate: (ticket: TicketSummary) => void;
}

/** Beside the form: what this caller or house already has open, and what happened lately. */
export function RecordsPanel({ open, recent, searched, duplicateOf, onMarkDuplicate }: Props) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={`${t('intake.openRecords')} (${open.length})`} data-testid="intake-open">
        {!searched ? (
          <QuietEmpty text={t('intake.recordsHint')} />
        ) : open.length === 0 ? (
          <QuietEmpty text={t('intake.noOpen')} />
        ) : (
          open.map((ticket) => (
            <RecordRow
              key={ticket.id}
              ticket={ticket}
              duplicate={duplicateOf === ticket.id}
              onMarkDuplicate={onMarkDuplicate}
            />
          ))
        )}
      </Card>
      <Card size="small" title={t('intake.recentRecords')} data-testid="intake-recent">
        {!searched ? (
          <QuietEmpty text={t('intake.recordsHint')} />
        ) : recent.length === 0 ? (
          <QuietEmpty text={t('intake.noRecent')} />
        ) : (
          recent.map((ticket) => <RecordRow key={ticket.id} ticket={ticket} duplicate={false} />)
        )}
      </Card>
    </Flex>
  );
}
