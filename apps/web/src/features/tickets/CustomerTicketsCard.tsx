import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { listTickets, ticketKeys } from '../../api/tickets.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { QuietEmpty } from '../customers/components/QuietEmpty.tsx';
import { StatusTag, TypeTag, UrgencyTag } from './components/TicketTags.tsx';
import { useCategoryName } from './hooks.ts';

const SHOWN = 8;

/** 服务记录 on the customer 360 page: their latest records, and a way to register a new one for them. */
export function CustomerTicketsCard({ customerId }: { customerId: string }) {
  const t = useT();
  const can = usePermission();
  const navigate = useNavigate();
  const categoryName = useCategoryName();
  const filters = { customerId, queue: 'all' as const };
  const tickets = useQuery({
    // Under the lists' key, so a change to any record refreshes it with the queues.
    queryKey: [...ticketKeys.list(filters), SHOWN],
    queryFn: () => listTickets({ ...filters, limit: SHOWN }),
  });
  const items = tickets.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('customerTickets.title')}
      data-testid="customer-tickets"
      extra={
        <Flex gap={8} align="center">
          {items.length > 0 ? (
            <Link to={`/desk/tickets?queue=all&customerId=${customerId}`}>{t('customerTickets.all')}</Link>
          ) : null}
          {can('tickets.create') ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/desk/intake?customerId=${customerId}`)}
              data-testid="customer-tickets-register"
            >
              {t('customerTickets.register')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      {tickets.isPending ? null : items.length === 0 ? (
        <QuietEmpty text={t('customerTickets.empty')} />
      ) : (
        <Flex vertical gap={0}>
          {items.map((r) => (
            <Flex key={r.id} vertical gap={2} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex gap={6} align="center" wrap>
                <Link to={`/desk/tickets/${r.id}`} style={{ fontWeight: 600 }}>
                  {r.number}
                </Link>
                <StatusTag status={r.status} />
                <TypeTag type={r.type} />
                <UrgencyTag urgency={r.urgency} />
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
                  {formatDateTime(r.receivedAt).slice(0, 16)}
                </Typography.Text>
              </Flex>
              <Typography.Text ellipsis={{ tooltip: r.description }}>
                {r.location || r.projectName} · {categoryName(r.categoryId, r.categoryName)} · {r.description}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
