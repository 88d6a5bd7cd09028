import type { ReactNode } from 'react';
import {
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Segmented,
  Select,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { DashboardQuery, KpiRow, OnTime, TimeStandardsDashboard } from '@steward/contracts';
import { CLOCKS, type ClockKind } from '@steward/contracts/catalogues';
import { getTimeDashboard, kpiKeys } from '../../api/kpi.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import { useDepartments } from '../tickets/hooks.ts';
import { drillDownPath, type DrillDown } from './drillDown.ts';

type Period = NonNullable<DashboardQuery['period']>;
type Outcome = 'met' | 'breached' | 'running';

const GOOD = '#12b76a';
const FAIR = '#f79009';
const POOR = '#d92d20';

/** Green from 90 %, amber from 75 %, red below: how the desk reads its on-time rates. */
function rateColor(rate: number): string {
  return rate >= 0.9 ? GOOD : rate >= 0.75 ? FAIR : POOR;
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

const NUMBER_STYLE = { fontVariantNumeric: 'tabular-nums' } as const;

/** A count that opens its records on the queue page; zero, or no way to list them, stays plain text. */
function CountLink({
  value,
  to,
  color,
  testId,
  size,
}: {
  value: number;
  to: string | null;
  color?: string;
  testId: string;
  size?: number;
}) {
  const style = { ...NUMBER_STYLE, fontSize: size, ...(color && value > 0 ? { color } : {}) };
  if (value === 0 || to === null)
    return (
      <Typography.Text type={value === 0 ? 'secondary' : undefined} style={style} data-testid={testId}>
        {value}
      </Typography.Text>
    );
  return (
    <Link to={to} style={{ ...style, fontWeight: 600 }} data-testid={testId}>
      {value}
    </Link>
  );
}

/**
 * 服务时效看板: for the records received today or this month, how many came in, were completed and
 * are still open, and for each clock how many were met, breached or are running, in total, by
 * project and by department. Every count opens the queue page on exactly its records.
 */
export function TimeDashboardPage() {
  const t = useT();
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const period: Period = params.get('period') === 'month' ? 'month' : 'today';
  const projectId = params.get('projectId') ?? undefined;
  const departmentId = params.get('departmentId') ?? undefined;
  const query: DashboardQuery = {
    period,
    ...(projectId ? { projectId } : {}),
    ...(departmentId ? { departmentId } : {}),
  };
  const dashboard = useQuery({
    queryKey: kpiKeys.timeStandards(query),
    queryFn: () => getTimeDashboard(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const projects = useAllProjects(can('projects.read'));
  const departments = useDepartments(can('tickets.read'));
  const d = dashboard.data;

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t('kpi.title')}
        description={t('kpi.description')}
        extra={
          <>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('kpi.allProjects')}
              value={projectId}
              onChange={(value?: string) => setParam('projectId', value)}
              options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              style={{ width: 160 }}
              data-testid="kpi-project"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('kpi.allDepartments')}
              value={departmentId}
              onChange={(value?: string) => setParam('departmentId', value)}
              options={(departments.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              style={{ width: 160 }}
              data-testid="kpi-department"
            />
            <Segmented<Period>
              value={period}
              onChange={(value) => setParam('period', value === 'today' ? undefined : value)}
              options={[
                { value: 'today', label: t('kpi.period.today') },
                { value: 'month', label: t('kpi.period.month') },
              ]}
              data-testid="kpi-period"
            />
          </>
        }
      />
      <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      {d ? (
        <DashboardBody d={d} filter={{ projectId, departmentId }} />
      ) : (
        <Card loading={dashboard.isPending} />
      )}
      {d ? (
        <Flex gap={8} align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-range">
            {t('kpi.range', {
              from: formatDateTime(d.from).slice(0, 16),
              to: formatDateTime(d.to).slice(0, 16),
            })}
            {' · '}
            {t('kpi.updatedAt', {
              time: formatDateTime(new Date(dashboard.dataUpdatedAt).toISOString()).slice(11),
            })}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<ReloadOutlined />}
            loading={dashboard.isFetching}
            onClick={() => void dashboard.refetch()}
            aria-label={t('kpi.refresh')}
          />
        </Flex>
      ) : null}
    </>
  );
}

function DashboardBody({
  d,
  filter,
}: {
  d: TimeStandardsDashboard;
  filter: { projectId?: string; departmentId?: string };
}) {
  const t = useT();
  /** The queue page on the records behind a number: the period and page filters, plus the row's. */
  const link = (extra: Partial<DrillDown> = {}) =>
    drillDownPath({
      receivedFrom: d.from,
      receivedTo: d.to,
      ...(filter.projectId ? { projectId: filter.projectId } : {}),
      ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
      ...extra,
    });
  const { total, promises } = d;

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Kpi title={t('kpi.received')}>
          <CountLink value={total.received} to={link()} size={28} testId="kpi-received" />
        </Kpi>
        <Kpi title={t('kpi.completed')} help={t('kpi.completedHelp')}>
          <CountLink
            value={total.completed}
            to={link({ completed: true })}
            size={28}
            testId="kpi-completed"
          />
        </Kpi>
        <Kpi title={t('kpi.open')}>
          <CountLink value={total.open} to={link({ open: true })} size={28} testId="kpi-open" />
        </Kpi>
        <Kpi
          title={t('kpi.promiseRate')}
          footer={t('kpi.promiseDetail', {
            kept: promises.kept,
            broken: promises.broken,
            open: promises.open,
          })}
        >
          <Typography.Text
            style={{
              ...NUMBER_STYLE,
              fontSize: 28,
              ...(promises.rate === null ? {} : { color: rateColor(promises.rate) }),
            }}
            type={promises.rate === null ? 'secondary' : undefined}
            data-testid="kpi-promise-rate"
          >
            {promises.rate === null ? t('kpi.noRate') : percent(promises.rate)}
          </Typography.Text>
        </Kpi>
      </Row>

      <Card
        size="small"
        title={
          <Flex gap={6} align="center">
            {t('kpi.clocks.title')}
            <Tooltip title={t('kpi.clocks.help')}>
              <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
            </Tooltip>
          </Flex>
        }
      >
        <ClockTable row={total} link={link} />
      </Card>

      <Card size="small" title={t('kpi.byProject')}>
        <BreakdownTable
          rows={d.byProject}
          nameTitle={t('kpi.col.project')}
          scope={(row) => ({ projectId: row.id! })}
          link={link}
          testId="kpi-by-project"
        />
      </Card>
      <Card size="small" title={t('kpi.byDepartment')}>
        <BreakdownTable
          rows={d.byDepartment}
          nameTitle={t('kpi.col.department')}
          scope={(row) => (row.id === null ? { undispatched: true } : { departmentId: row.id })}
          link={link}
          testId="kpi-by-department"
        />
      </Card>
    </Flex>
  );
}

function Kpi({
  title,
  help,
  footer,
  children,
}: {
  title: string;
  help?: string;
  footer?: string;
  children: ReactNode;
}) {
  return (
    <Col xs={12} lg={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Flex gap={6} align="center">
          <Typography.Text type="secondary">{title}</Typography.Text>
          {help ? (
            <Tooltip title={help}>
              <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
            </Tooltip>
          ) : null}
        </Flex>
        <div style={{ marginTop: 4, lineHeight: 1.3 }}>{children}</div>
        {footer ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {footer}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );
}

const OUTCOME_COLOR: Record<Outcome, string | undefined> = {
  met: undefined,
  breached: POOR,
  running: undefined,
};

/** The five clocks: met / breached / running, and the on-time rate drawn as a bar. */
function ClockTable({ row, link }: { row: KpiRow; link: (extra?: Partial<DrillDown>) => string }) {
  const t = useT();
  const count = (outcome: Outcome) => ({
    title: t(`kpi.col.${outcome}`),
    key: outcome,
    width: 110,
    align: 'right' as const,
    render: (_: unknown, r: { clock: ClockKind; onTime: OnTime }) => (
      <CountLink
        value={r.onTime[outcome]}
        to={link({ clock: r.clock, clockOutcome: outcome })}
        color={OUTCOME_COLOR[outcome]}
        testId={`kpi-${r.clock}-${outcome}`}
      />
    ),
  });
  const columns: TableColumnsType<{ clock: ClockKind; onTime: OnTime }> = [
    {
      title: t('kpi.col.clock'),
      key: 'clock',
      width: 120,
      render: (_, r) => <Typography.Text strong>{t(`clock.${r.clock}`)}</Typography.Text>,
    },
    count('met'),
    count('breached'),
    count('running'),
    {
      title: t('kpi.col.rate'),
      key: 'rate',
      render: (_, r) =>
        r.onTime.rate === null ? (
          <Typography.Text type="secondary">{t('kpi.noRate')}</Typography.Text>
        ) : (
          <Progress
            percent={r.onTime.rate * 100}
            strokeColor={rateColor(r.onTime.rate)}
            format={() => percent(r.onTime.rate!)}
            style={{ margin: 0, maxWidth: 420 }}
            data-testid={`kpi-${r.clock}-rate`}
          />
        ),
    },
  ];
  return (
    <Table
      rowKey="clock"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={CLOCKS.map((clock) => ({ clock, onTime: row.clocks[clock] }))}
      scroll={{ x: 640 }}
      data-testid="kpi-clocks"
    />
  );
}

/** One row per project or department: volume, then each clock's on-time rate and late count. */
function BreakdownTable({
  rows,
  nameTitle,
  scope,
  link,
  testId,
}: {
  rows: KpiRow[];
  nameTitle: string;
  scope: (row: KpiRow) => Partial<DrillDown> | null;
  link: (extra?: Partial<DrillDown>) => string;
  testId: string;
}) {
  const t = useT();
  const to = (row: KpiRow, extra: Partial<DrillDown> = {}) => {
    const own = scope(row);
    return own === null ? null : link({ ...own, ...extra });
  };
  const key = (row: KpiRow) => row.id ?? 'none';
  const columns: TableColumnsType<KpiRow> = [
    {
      title: nameTitle,
      key: 'name',
      fixed: 'left',
      width: 150,
      render: (_, row) =>
        row.id === null ? (
          <Tooltip title={t('kpi.notDispatchedHelp')}>
            <Typography.Text type="warning">{t('kpi.notDispatched')}</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text strong>{row.name}</Typography.Text>
        ),
    },
    {
      title: t('kpi.received'),
      key: 'received',
      width: 80,
      align: 'right',
      render: (_, row) => (
        <CountLink value={row.received} to={to(row)} testId={`${testId}-${key(row)}-received`} />
      ),
    },
    {
      title: t('kpi.open'),
      key: 'open',
      width: 80,
      align: 'right',
      render: (_, row) => (
        <CountLink value={row.open} to={to(row, { open: true })} testId={`${testId}-${key(row)}-open`} />
      ),
    },
    ...CLOCKS.map((clock) => ({
      title: t('kpi.col.rateOf', { clock: t(`clock.${clock}`) }),
      key: clock,
      width: 120,
      align: 'right' as const,
      render: (_: unknown, row: KpiRow) => (
        <RateCell
          onTime={row.clocks[clock]}
          all={to(row, { clock })}
          late={to(row, { clock, clockOutcome: 'breached' })}
          testId={`${testId}-${key(row)}-${clock}`}
        />
      ),
    })),
  ];
  return (
    <Table<KpiRow>
      rowKey={key}
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 910 }}
      locale={{ emptyText: t('kpi.empty') }}
      data-testid={testId}
    />
  );
}

/** A clock's on-time rate (opening the records that have the clock) over its late count (opening those). */
function RateCell({
  onTime,
  all,
  late,
  testId,
}: {
  onTime: OnTime;
  all: string | null;
  late: string | null;
  testId: string;
}) {
  const t = useT();
  const rate =
    onTime.rate === null ? (
      <Typography.Text type="secondary">{t('kpi.noRate')}</Typography.Text>
    ) : all ? (
      <Link
        to={all}
        style={{ ...NUMBER_STYLE, fontWeight: 600, color: rateColor(onTime.rate) }}
        data-testid={`${testId}-rate`}
      >
        {percent(onTime.rate)}
      </Link>
    ) : (
      <Typography.Text strong style={{ ...NUMBER_STYLE, color: rateColor(onTime.rate) }}>
        {percent(onTime.rate)}
      </Typography.Text>
    );
  const lateText = t('kpi.breachedCount', { n: onTime.breached });
  return (
    <Tooltip
      title={t('kpi.rateTip', { met: onTime.met, breached: onTime.breached, running: onTime.running })}
    >
      <Flex vertical align="flex-end" gap={0}>
        {rate}
        {onTime.breached === 0 ? null : late ? (
          <Link to={late} style={{ fontSize: 12, color: POOR }} data-testid={`${testId}-breached`}>
            {lateText}
          </Link>
        ) : (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {lateText}
          </Typography.Text>
        )}
      </Flex>
    </Tooltip>
  );
}
