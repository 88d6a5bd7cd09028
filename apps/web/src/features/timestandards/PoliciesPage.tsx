import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { TimePolicy } from '@steward/contracts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { useRoleOptions } from '../roles/hooks.ts';
import { ActiveTag } from '../servicedesk/components/ActiveTag.tsx';
import { TYPE_COLORS, URGENCY_COLORS, useTicketLabels } from '../tickets/labels.ts';
import { PolicyDrawer, type PolicyTarget } from './components/PolicyDrawer.tsx';
import { PolicyTester } from './components/PolicyTester.tsx';
import { CLOCK_ORDER } from './durations.ts';
import { useCalendars, usePolicies, useTimeFormat } from './hooks.ts';

/** Wide enough for "2个工作日" in one line. */
const CLOCK_WIDTH = 84;

const Any = ({ text }: { text: string }) => <Typography.Text type="secondary">{text}</Typography.Text>;

/** 时限标准: which standard a record gets, and what it measures. Readable by all desk staff, editable by configurers. */
export function PoliciesPage() {
  const t = useT();
  const labels = useLabels();
  const ticketLabels = useTicketLabels();
  const can = usePermission();
  const canEdit = can('servicedesk.configure');
  const policies = usePolicies();
  const calendars = useCalendars();
  const roles = useRoleOptions(can('users.read'));
  const format = useTimeFormat();
  const [target, setTarget] = useState<PolicyTarget>(null);

  const duration = (p: TimePolicy, minutes: number | 'same_day' | null) =>
    format.duration(minutes, calendars.byId.get(p.calendarId));
  const isCatchAll = (p: TimePolicy) => !p.type && !p.categoryId && !p.urgency && !p.projectId;

  const columns: TableColumnsType<TimePolicy> = [
    {
      title: t('tsPolicy.name'),
      key: 'name',
      fixed: 'left',
      width: 112,
      render: (_v, p) => (
        <Flex vertical gap={2} align="flex-start" data-testid={`policy-row-${p.name}`}>
          <Typography.Text strong type={p.active ? undefined : 'secondary'}>
            {p.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tsPolicy.version', { n: p.version })}
          </Typography.Text>
          {p.active ? null : <ActiveTag active={false} />}
        </Flex>
      ),
    },
    {
      title: (
        <Tooltip
          title={[
            t('tsPolicy.type'),
            t('tsPolicy.category'),
            t('tsPolicy.urgency'),
            t('tsPolicy.project'),
          ].join(' / ')}
        >
          {t('tsPolicy.match')}
        </Tooltip>
      ),
      key: 'match',
      width: 176,
      render: (_v, p) => (
        <Flex vertical gap={4}>
          {isCatchAll(p) ? (
            <Typography.Text type="secondary">{t('tsPolicy.catchAll')}</Typography.Text>
          ) : (
            <Flex gap={4} wrap align="center">
              {p.type ? (
                <Tag color={TYPE_COLORS[p.type]} style={{ marginInlineEnd: 0 }}>
                  {ticketLabels.type(p.type)}
                </Tag>
              ) : (
                <Any text={t('tsPolicy.any')} />
              )}
              <Any text="/" />
              {p.categoryName ?? <Any text={t('tsPolicy.any')} />}
              <Any text="/" />
              {p.urgency ? (
                <Tag color={URGENCY_COLORS[p.urgency]} style={{ marginInlineEnd: 0 }}>
                  {ticketLabels.urgency(p.urgency)}
                </Tag>
              ) : (
                <Any text={t('tsPolicy.any')} />
              )}
              <Any text="/" />
              {p.projectName ?? <Any text={t('tsPolicy.any')} />}
            </Flex>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ScheduleOutlined style={{ marginInlineEnd: 4 }} />
            {p.calendarName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tsPolicy.clocks'),
      children: CLOCK_ORDER.map((kind) => ({
        // Small headers: "Forwarding" fits the narrow column without breaking mid-word.
        title: <span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{labels.clock(kind)}</span>,
        key: kind,
        width: CLOCK_WIDTH,
        render: (_v: unknown, p: TimePolicy) => {
          const text = duration(p, p.clocks[kind]);
          return text === '—' ? (
            <Any text={text} />
          ) : (
            <span data-testid={`policy-${kind}-${p.name}`}>{text}</span>
          );
        },
      })),
    },
    {
      title: (
        <Tooltip title={t('tsPolicy.promiseHelp')}>
          <span style={{ fontSize: 12 }}>{t('tsPolicy.promiseShort')}</span>
        </Tooltip>
      ),
      key: 'promise',
      width: 72,
      render: (_v, p) =>
        p.promiseMinutes === null ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tsPolicy.promiseAsFeedback')}
          </Typography.Text>
        ) : (
          duration(p, p.promiseMinutes)
        ),
    },
    {
      title: (
        <Tooltip title={t('tsPolicy.openRecordsHelp')}>
          <span style={{ fontSize: 12 }}>{t('tsPolicy.openRecords')}</span>
        </Tooltip>
      ),
      dataIndex: 'openRecords',
      width: 62,
      align: 'right',
      render: (n: number, p) => <span data-testid={`policy-open-${p.name}`}>{n}</span>,
    },
    {
      title: t('tsPolicy.alarms'),
      key: 'ladder',
      width: 172,
      render: (_v, p) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.warnPercent === null ? t('tsPolicy.warnNone') : t('tsPolicy.warnAt', { n: p.warnPercent })}
          </Typography.Text>
          {p.ladder.length === 0 ? <Any text={t('tsPolicy.ladderNone')} /> : null}
          {p.ladder.map((step, i) => (
            <span key={i}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {step.afterMinutes === 0
                  ? t('tsPolicy.ladderAtBreach')
                  : `+${format.duration(step.afterMinutes, calendars.byId.get(p.calendarId))}`}
                {' → '}
              </Typography.Text>
              {step.notify
                .map((code) =>
                  code === 'handler' || code === 'receiver' ? labels.ladderTarget(code) : roles.label(code),
                )
                .join(t('common.listSeparator'))}
            </span>
          ))}
          {p.repeatMinutes ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tsPolicy.repeatEvery', { n: duration(p, p.repeatMinutes) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];
  if (canEdit)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 72,
      render: (_v, p) => (
        <Button
          type="link"
          size="small"
          onClick={() => setTarget({ mode: 'edit', policy: p })}
          data-testid={`policy-edit-${p.name}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });

  // Exactly the columns' widths: it fits a laptop screen beside the menu, and scrolls on narrower ones.
  const tableWidth = columns.reduce(
    (sum, c) =>
      sum + ('children' in c && c.children ? c.children.length * CLOCK_WIDTH : Number(c.width ?? 0)),
    0,
  );

  return (
    <>
      <PageHeader
        title={t('menu.tsPolicies')}
        description={t('tsPolicy.pageDescription')}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="policy-create"
            >
              {t('tsPolicy.create')}
            </Button>
          ) : undefined
        }
      />
      {canEdit ? null : (
        <Alert type="info" showIcon title={t('tsPolicy.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {can('projects.read') ? <PolicyTester /> : null}
      <ErrorAlert error={policies.error ?? calendars.error} onRetry={() => void policies.refetch()} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<TimePolicy>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={policies.data ?? []}
          loading={policies.isPending && !policies.isError}
          pagination={false}
          scroll={{ x: tableWidth }}
          locale={{ emptyText: tableEmpty(policies.isPending, t('tsPolicy.empty')) }}
          data-testid="policy-table"
        />
      </Card>
      <PolicyDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}
