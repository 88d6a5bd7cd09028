import { useCallback, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Checkbox,
  Flex,
  Input,
  Segmented,
  Select,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, SearchOutlined, ThunderboltFilled } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  DUE_STATES,
  OPEN_STATUSES,
  TICKET_STATUSES,
  TICKET_TYPES,
  URGENCIES,
  type DueState,
  type TicketStatus,
  type TicketType,
  type Urgency,
} from '@steward/contracts/catalogues';
import type { TicketListQuery, TicketQueue, TicketSummary } from '@steward/contracts';
import { listTickets, ticketKeys } from '../../api/tickets.ts';
import { PAGE_SIZE, useCursorList } from '../../api/useCursorList.ts';
import { CursorTable } from '../../app/components/CursorTable.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { useSearchText } from '../../app/useDebounced.ts';
import { DrillDownTag } from '../kpi/DrillDownTag.tsx';
import { drillDownFrom, drillDownQuery } from '../kpi/drillDown.ts';
import { useAllProjects } from '../projects/hooks.ts';
import { Countdown } from './components/Countdown.tsx';
import { StatusTag, TypeTag, UrgencyTag } from './components/TicketTags.tsx';
import { useCategoryName } from './hooks.ts';
import { useTicketLabels } from './labels.ts';
import { useLiveEvents, type TicketEvent } from './useLiveEvents.ts';

const QUEUES: readonly TicketQueue[] = ['unassigned', 'mine', 'department', 'all'];

function isQueue(value: string | null): value is TicketQueue {
  return (QUEUES as readonly (string | null)[]).includes(value);
}

function isDueState(value: string | null): value is DueState {
  return (DUE_STATES as readonly (string | null)[]).includes(value);
}

interface Filters {
  status?: TicketStatus;
  type?: TicketType;
  urgency?: Urgency;
  projectId?: string;
  open: boolean;
  sort: 'newest' | 'due';
  /** 即将超时 / 已超时: only records whose running clock is past its warning or its deadline. */
  due?: DueState;
}

/**
 * 服务工单: the queues (待派工 / 我的 / 部门 / 全部 within scope), filters and search, newest or
 * most urgent first, kept live by the server's events.
 */
export function TicketsPage() {
  const t = useT();
  const labels = useTicketLabels();
  const categoryName = useCategoryName();
  const can = usePermission();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const projects = useAllProjects(can('projects.read'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('queue');
  // From a customer's 360 page: only their records, until the agent clears it.
  const customerId = params.get('customerId') ?? undefined;
  // From the on-time dashboard: the records behind one of its numbers, until the user clears it.
  const drill = drillDownFrom(params);
  // Dispatchers start where records wait for them; everyone else with their own work.
  const queue: TicketQueue = isQueue(requested) ? requested : can('tickets.dispatch') ? 'unassigned' : 'mine';
  const search = useSearchText(250);
  const [filters, setFilters] = useState<Filters>(() => {
    // A link may open the 即将超时 / 已超时 view directly (?due=soon|overdue).
    const due = params.get('due');
    return { open: drill ? Boolean(drill.open) : true, sort: 'newest', ...(isDueState(due) ? { due } : {}) };
  });

  const query: Omit<TicketListQuery, 'cursor' | 'limit'> = {
    queue,
    ...(filters.status ? { status: filters.status } : filters.open ? { open: true } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(drill ? drillDownQuery(drill) : {}),
    ...(filters.projectId ? { projectId: filters.projectId } : {}),
    ...(search.q ? { q: search.q } : {}),
    ...(customerId ? { customerId } : {}),
    ...(filters.due ? { due: filters.due } : {}),
    // What is about to run out, or has, is worked deadline first.
    sort: filters.due ? 'due' : filters.sort,
  };
  const list = useCursorList(
    ticketKeys.list(query),
    (cursor) => listTickets({ ...query, limit: PAGE_SIZE, cursor }),
    { keepPrevious: true },
  );

  const onEvent = useCallback(
    (event: TicketEvent) => {
      if (event.type !== 'ticket.created') return;
      const key = `ticket-${event.ticketId}`;
      notification.info({
        key,
        title: t('tickets.newRecord', { number: event.number }),
        description: labels.status(event.status),
        placement: 'bottomRight',
        duration: 8,
        actions: (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              notification.destroy(key);
              navigate(`/desk/tickets/${event.ticketId}`);
            }}
          >
            {t('tickets.openRecord')}
          </Button>
        ),
      });
    },
    [notification, t, labels, navigate],
  );
  useLiveEvents(onEvent);

  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
  const manyProjects = (projects.data?.length ?? 0) > 1;

  const columns: TableColumnsType<TicketSummary> = [
    {
      title: t('tickets.col.number'),
      dataIndex: 'number',
      width: 175,
      fixed: 'left',
      render: (_v, r) => (
        <Flex vertical gap={2}>
          <Flex gap={4} align="center">
            {r.urgency === 'emergency' ? <ThunderboltFilled style={{ color: '#d92d20' }} /> : null}
            <Link
              to={`/desk/tickets/${r.id}`}
              style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
              data-testid={`ticket-open-${r.number}`}
            >
              {r.number}
            </Link>
          </Flex>
          <Flex gap={4} wrap>
            <TypeTag type={r.type} />
            <UrgencyTag urgency={r.urgency} />
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('tickets.col.status'),
      dataIndex: 'status',
      width: 96,
      render: (status: TicketStatus, r) => (
        <Flex vertical gap={2} align="flex-start">
          <StatusTag status={status} />
          {r.reopenCount > 0 ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('ticket.reopened', { count: r.reopenCount })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('tickets.col.request'),
      key: 'request',
      render: (_v, r) => (
        <Flex vertical gap={0} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {categoryName(r.categoryId, r.categoryName)}
          </Typography.Text>
          <Typography.Text ellipsis={{ tooltip: r.description }} style={{ maxWidth: 360 }}>
            {r.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tickets.col.location'),
      key: 'location',
      width: 130,
      render: (_v, r) => (
        <Flex vertical gap={0}>
          <Typography.Text>{r.location || r.projectName}</Typography.Text>
          {manyProjects && r.location ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.projectName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('tickets.col.reporter'),
      key: 'reporter',
      width: 120,
      render: (_v, r) => (
        <Flex vertical gap={0}>
          <Typography.Text>{r.reporterName ?? t('ticket.anonymous')}</Typography.Text>
          {r.reporterPhone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
              {r.reporterPhone}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('tickets.col.handler'),
      key: 'handler',
      width: 130,
      render: (_v, r) =>
        r.department || r.assignee ? (
          <Flex vertical gap={0}>
            <Typography.Text>{r.assignee?.name ?? '—'}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.department?.name}
            </Typography.Text>
          </Flex>
        ) : OPEN_STATUSES.includes(r.status) ? (
          <Typography.Text type="warning">{t('ticket.undispatched')}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('tickets.col.receivedAt'),
      dataIndex: 'receivedAt',
      width: 100,
      render: (at: string) => (
        <Tooltip title={formatDateTime(at)}>
          <Typography.Text style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            {formatDateTime(at).slice(5, 16)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('tickets.col.nextDue'),
      dataIndex: 'nextDueAt',
      width: 140,
      render: (at: string | null, r) => (
        <Countdown
          dueAt={at}
          warnAt={r.nextWarnAt}
          startedAt={r.clockStartedAt}
          paused={r.status === 'on_hold'}
          escalationLevel={r.escalationLevel}
          bar
          testId={`countdown-${r.number}`}
        />
      ),
    },
  ];

  const filtered = Boolean(
    customerId ||
    drill ||
    filters.status ||
    filters.type ||
    filters.urgency ||
    filters.projectId ||
    !filters.open ||
    search.q,
  );

  return (
    <>
      <PageHeader
        title={t('menu.tickets')}
        description={t('tickets.pageDescription')}
        extra={
          can('tickets.create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/desk/intake')}
              data-testid="tickets-register"
            >
              {t('menu.intake')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={queue}
        onChange={(key) => setParams({ queue: key, ...(customerId ? { customerId } : {}) })}
        items={QUEUES.map((q) => ({
          key: q,
          label: <span data-testid={`queue-${q}`}>{t(`tickets.queue.${q}`)}</span>,
        }))}
        tabBarExtraContent={
          <Segmented<DueState | 'any'>
            value={filters.due ?? 'any'}
            onChange={(value) => set('due')(value === 'any' ? undefined : value)}
            options={[
              { value: 'any', label: t('sla.due.any') },
              {
                value: 'soon',
                label: <Badge color="orange" text={t('sla.due.soon')} data-testid="tickets-due-soon" />,
              },
              {
                value: 'overdue',
                label: <Badge color="red" text={t('sla.due.overdue')} data-testid="tickets-due-overdue" />,
              },
            ]}
            data-testid="tickets-due"
          />
        }
        style={{ marginBottom: 0 }}
      />
      <CursorTable<TicketSummary>
        list={list}
        columns={columns}
        scrollX={1060}
        data-testid="ticket-table"
        emptyText={
          filters.due
            ? t(`sla.due.empty.${filters.due}`)
            : filtered
              ? t('tickets.emptySearch')
              : t(`tickets.empty.${queue}`)
        }
        onRowClick={(r) => navigate(`/desk/tickets/${r.id}`)}
        filters={
          <>
            {customerId ? (
              <Tag
                closable
                color="blue"
                onClose={() => setParams({ queue })}
                style={{ alignSelf: 'center' }}
                data-testid="tickets-customer-filter"
              >
                {t('tickets.customerFilter')}
              </Tag>
            ) : null}
            {drill ? (
              <DrillDownTag
                drill={drill}
                onClose={() => {
                  setParams({ queue });
                  set('open')(true);
                }}
              />
            ) : null}
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
              placeholder={t('tickets.searchPlaceholder')}
              value={search.text}
              onChange={(e) => search.setText(e.target.value)}
              onPressEnter={search.commit}
              style={{ width: 280 }}
              data-testid="tickets-search"
            />
            <Select
              allowClear
              placeholder={t('tickets.filterStatus')}
              value={filters.status}
              onChange={set('status')}
              options={TICKET_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
              style={{ width: 120 }}
              data-testid="tickets-filter-status"
            />
            <Select
              allowClear
              placeholder={t('tickets.filterType')}
              value={filters.type}
              onChange={set('type')}
              options={TICKET_TYPES.map((s) => ({ value: s, label: labels.type(s) }))}
              style={{ width: 120 }}
            />
            <Select
              allowClear
              placeholder={t('tickets.filterUrgency')}
              value={filters.urgency}
              onChange={set('urgency')}
              options={URGENCIES.map((s) => ({ value: s, label: labels.urgency(s) }))}
              style={{ width: 110 }}
            />
            {manyProjects ? (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('tickets.filterProject')}
                value={filters.projectId}
                onChange={set('projectId')}
                options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                style={{ width: 150 }}
              />
            ) : null}
            <Checkbox
              checked={filters.open && !filters.status}
              disabled={Boolean(filters.status)}
              onChange={(e) => set('open')(e.target.checked)}
              style={{ alignSelf: 'center' }}
              data-testid="tickets-open-only"
            >
              {t('tickets.openOnly')}
            </Checkbox>
            <Segmented
              value={filters.due ? 'due' : filters.sort}
              disabled={Boolean(filters.due)}
              onChange={(sort) => set('sort')(sort as Filters['sort'])}
              options={[
                { value: 'newest', label: t('tickets.sort.newest') },
                { value: 'due', label: t('tickets.sort.due') },
              ]}
              style={{ marginInlineStart: 'auto' }}
              data-testid="tickets-sort"
            />
          </>
        }
      />
    </>
  );
}
