import { Badge, Card, Flex, Typography } from 'antd';
import {
  AccountBookOutlined,
  AlertOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { CustomerOverview } from '@steward/contracts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { QuietEmpty } from './QuietEmpty.tsx';

export const SLOTS = ['requests', 'complaints', 'visits', 'bills', 'notices'] as const;
export type SlotName = (typeof SLOTS)[number];
type Slot = CustomerOverview[SlotName];

const ICONS: Record<SlotName, ReactNode> = {
  requests: <ToolOutlined />,
  complaints: <AlertOutlined />,
  visits: <PhoneOutlined />,
  bills: <AccountBookOutlined />,
  notices: <NotificationOutlined />,
};

/** A line for an item whose shape the later module decides: its title-like field and its time. */
export function slotItemText(item: Record<string, unknown>): { text: string; at: string | null } {
  const text = ['title', 'summary', 'subject', 'name', 'code', 'id']
    .map((key) => item[key])
    .find((v): v is string => typeof v === 'string' && v.length > 0);
  const at = ['at', 'createdAt', 'dueAt', 'date'].map((key) => item[key]).find((v) => typeof v === 'string');
  return { text: text ?? '—', at: typeof at === 'string' ? at : null };
}

function SlotCard({ name, slot }: { name: SlotName; slot: Slot }) {
  const t = useT();
  const title = (
    <Flex gap={6} align="center">
      {ICONS[name]}
      {t(`slot.${name}`)}
      {slot.available ? (
        <Badge count={slot.total} showZero color={slot.total ? '#155eef' : '#d9d9d9'} />
      ) : null}
    </Flex>
  );
  if (!slot.available) {
    return (
      <Card
        size="small"
        title={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{title}</span>}
        style={{ background: '#fafafa', height: '100%' }}
        data-testid={`slot-${name}`}
      >
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`slot.${name}.coming`)}
        </Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid={`slot-${name}`}>
      {slot.items.length === 0 ? (
        <QuietEmpty text={t('slot.empty')} />
      ) : (
        <Flex vertical gap={4}>
          {slot.items.slice(0, 5).map((item, i) => {
            const { text, at } = slotItemText(item);
            return (
              <Flex key={i} justify="space-between" gap={8}>
                <Typography.Text ellipsis>{text}</Typography.Text>
                {at ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                    {formatDateTime(at)}
                  </Typography.Text>
                ) : null}
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

/** Requests, complaints, return visits, bills and notices: filled in as their modules arrive. */
export function SlotsGrid({ overview }: { overview: CustomerOverview }) {
  return (
    <Flex gap={12} wrap>
      {SLOTS.map((name) => (
        <div key={name} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <SlotCard name={name} slot={overview[name]} />
        </div>
      ))}
    </Flex>
  );
}
