import { Button, Dropdown, Flex, Popconfirm } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { TicketAction } from '@steward/contracts/catalogues';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useTicketLabels } from '../labels.ts';

/** The next step of the lifecycle comes first and is the primary button. */
const FORWARD: readonly TicketAction[] = [
  'dispatch',
  'accept',
  'arrive',
  'start',
  'resume',
  'complete',
  'confirm',
  'visit',
  'archive',
];
/** Shown as buttons beside it; the rarer ones go into "more". */
const SIDE: readonly TicketAction[] = ['hold', 'decline', 'reopen', 'escalate'];
const MORE: readonly TicketAction[] = ['link', 'reclassify', 'cancel'];
/** Steps that undo work or close a record for good ask once more. */
const CONFIRM_FIRST: readonly TicketAction[] = ['archive'];

interface Props {
  allowed: TicketAction[];
  /** Dispatching a record that already has a department is a transfer (转派). */
  dispatched: boolean;
  pending: TicketAction | null;
  onAction: (action: TicketAction) => void;
}

/** Only what the server allows this user now (`allowedActions`); the server checks again on every call. */
export function TicketActions({ allowed, dispatched, pending, onAction }: Props) {
  const t = useT();
  const ticketLabels = useTicketLabels();
  const label = (action: TicketAction) =>
    action === 'dispatch' && dispatched ? t('action.redispatch') : ticketLabels.action(action);
  const forward = FORWARD.filter((a) => allowed.includes(a));
  const side = SIDE.filter((a) => allowed.includes(a));
  const more = MORE.filter((a) => allowed.includes(a));
  const button = (action: TicketAction, primary: boolean) => {
    const node = (
      <Button
        key={action}
        type={primary ? 'primary' : 'default'}
        danger={action === 'cancel'}
        loading={pending === action}
        onClick={CONFIRM_FIRST.includes(action) ? undefined : () => onAction(action)}
        data-testid={`action-${action}`}
      >
        {label(action)}
      </Button>
    );
    return CONFIRM_FIRST.includes(action) ? (
      <Popconfirm
        key={action}
        title={t('action.confirmTitle', { action: label(action) })}
        onConfirm={() => onAction(action)}
      >
        {node}
      </Popconfirm>
    ) : (
      node
    );
  };
  if (allowed.length === 0) return null;
  return (
    <Flex gap={8} wrap justify="flex-end" data-testid="ticket-actions">
      {forward.map((a, i) => button(a, i === 0))}
      {side.map((a) => button(a, false))}
      {more.length ? (
        <Dropdown
          menu={{
            items: more.map((a) => ({
              key: a,
              label: <span data-testid={`action-${a}`}>{label(a)}</span>,
              danger: a === 'cancel',
            })),
            onClick: ({ key }) => onAction(key as TicketAction),
          }}
        >
          <Button data-testid="action-more">
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
    </Flex>
  );
}
