import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { BusinessCalendar } from '@steward/contracts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { ActiveTag } from '../servicedesk/components/ActiveTag.tsx';
import { summariseWeek } from './calendar.ts';
import { CalendarDrawer, type CalendarTarget } from './components/CalendarDrawer.tsx';
import { updateCalendar, useCalendars, useRefresh, useTimeFormat } from './hooks.ts';

/** 工作日历: the working time each time standard counts in. */
export function CalendarsPage() {
  const t = useT();
  const format = useTimeFormat();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const calendars = useCalendars();
  const [target, setTarget] = useState<CalendarTarget>(null);

  const toggle = useMutation({
    mutationFn: (c: BusinessCalendar) => updateCalendar(c.id, { version: c.version, active: !c.active }),
    onSuccess: (c) =>
      message.success(t(c.active ? 'sdCommon.reactivated' : 'sdCommon.deactivated', { name: c.name })),
    onError: (error) => message.error(errorText(error, t)),
    onSettled: refresh,
  });

  const columns: TableColumnsType<BusinessCalendar> = [
    {
      title: t('tsCalendar.name'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, c) => (
        <Flex vertical gap={2} data-testid={`calendar-row-${name}`}>
          <Typography.Text strong type={c.active ? undefined : 'secondary'}>
            {name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tsPolicy.version', { n: c.version })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tsCalendar.hours'),
      key: 'hours',
      render: (_v, c) =>
        c.alwaysOpen ? (
          <Tag color="red">{t('tsCalendar.alwaysOpen')}</Tag>
        ) : (
          <Flex vertical>
            {summariseWeek(c.week).map((g) => (
              <span key={g.from}>
                <Typography.Text type="secondary" style={{ display: 'inline-block', minWidth: 88 }}>
                  {format.days(g.from, g.to)}
                </Typography.Text>
                {g.periods.length === 0
                  ? t('tsCalendar.rest')
                  : g.periods.map((p) => `${p.start}–${p.end}`).join(t('common.listSeparator'))}
              </span>
            ))}
          </Flex>
        ),
    },
    {
      title: t('tsCalendar.days'),
      key: 'days',
      width: 200,
      render: (_v, c) =>
        c.alwaysOpen ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span data-testid={`calendar-days-${c.name}`}>
            {t('tsCalendar.daysSummary', {
              holidays: c.days.filter((d) => d.kind === 'holiday').length,
              workdays: c.days.filter((d) => d.kind === 'workday').length,
            })}
          </span>
        ),
    },
    { title: t('tsCalendar.policyCount'), dataIndex: 'policyCount', width: 110, align: 'right' },
    {
      title: t('sdCommon.status'),
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) => <ActiveTag active={active} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_v, c) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setTarget({ mode: 'edit', calendar: c })}
            data-testid={`calendar-edit-${c.name}`}
          >
            {t('common.edit')}
          </Button>
          {c.active ? (
            <Popconfirm
              title={t('tsCalendar.deactivateConfirm', { name: c.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => toggle.mutate(c)}
            >
              <Button type="link" size="small" danger data-testid={`calendar-toggle-${c.name}`}>
                {t('sdCommon.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => toggle.mutate(c)}
              data-testid={`calendar-toggle-${c.name}`}
            >
              {t('sdCommon.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.tsCalendars')}
        description={t('tsCalendar.pageDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="calendar-create"
          >
            {t('tsCalendar.create')}
          </Button>
        }
      />
      <ErrorAlert error={calendars.error} onRetry={() => void calendars.refetch()} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<BusinessCalendar>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={calendars.data ?? []}
          loading={calendars.isPending && !calendars.isError}
          pagination={false}
          locale={{ emptyText: tableEmpty(calendars.isPending, t('tsCalendar.empty')) }}
          data-testid="calendar-table"
        />
      </Card>
      <CalendarDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}
