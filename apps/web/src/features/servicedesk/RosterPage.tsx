import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CloseOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { deleteDutyShift } from '../../api/servicedesk.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { ShiftModal, type ShiftDraft } from './components/ShiftModal.tsx';
import { useDepartmentList, useDutyShifts, useInvalidate, useStaffList } from './hooks.ts';
import {
  addDays,
  cellKey,
  ORG_TIME_ZONE,
  rosterCells,
  todayIn,
  weekDays,
  weekRange,
  weekStart,
  type ShiftView,
} from './roster.ts';

interface Row {
  userId: string;
  name: string;
}

/** The week's duty roster of one department: people down, days across, shifts in the cells. */
export function RosterPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidate();
  const departments = useDepartmentList();
  const staff = useStaffList();
  const today = todayIn();
  const [monday, setMonday] = useState(() => weekStart(today));
  const [departmentId, setDepartmentId] = useState<string>();
  const [draft, setDraft] = useState<ShiftDraft | null>(null);

  const active = (departments.data ?? []).filter((d) => d.active);
  const department = active.find((d) => d.id === departmentId) ?? active[0];
  const days = useMemo(() => weekDays(monday), [monday]);
  const range = useMemo(() => weekRange(monday), [monday]);
  const shifts = useDutyShifts({ ...range, departmentId: department?.id }, Boolean(department));
  const cells = useMemo(() => rosterCells(shifts.data ?? [], days), [shifts.data, days]);

  // The department's people, plus anyone who has a shift this week but has since moved on.
  const rows = useMemo<Row[]>(() => {
    const members = (staff.data ?? [])
      .filter((s) => department && s.departmentId === department.id)
      .map((s) => ({ userId: s.userId, name: s.name }));
    const known = new Set(members.map((m) => m.userId));
    const others = new Map<string, Row>();
    for (const s of shifts.data ?? []) {
      if (!known.has(s.userId)) others.set(s.userId, { userId: s.userId, name: s.userName });
    }
    return [...members, ...others.values()];
  }, [staff.data, shifts.data, department]);

  const remove = useMutation({
    mutationFn: (id: string) => deleteDutyShift(id),
    onSuccess: () => message.success(t('sdRoster.deleted')),
    onError: (error) => message.error(errorText(error, t)),
    onSettled: () => invalidate('shifts', 'staff'),
  });

  const confirmDelete = (view: ShiftView) =>
    modal.confirm({
      title: t('sdRoster.deleteConfirm', { name: view.shift.userName }),
      content: `${view.date} ${timeRange(view)}`,
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(view.shift.id).catch(() => undefined),
    });

  const timeRange = (view: ShiftView) =>
    `${view.start}–${view.endDayOffset > 0 ? t('sdRoster.nextDay', { time: view.end }) : view.end}`;

  const columns: TableColumnsType<Row> = [
    {
      title: t('sdRoster.person'),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (name: string) => <Typography.Text ellipsis>{name}</Typography.Text>,
    },
    ...days.map((date) => ({
      title: (
        <Flex vertical align="center" style={date === today ? { color: '#1677ff' } : undefined}>
          <span>{dayjs(date).format('ddd')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, color: 'inherit' }}>
            {date === today ? t('sdRoster.today') : dayjs(date).format('MM-DD')}
          </Typography.Text>
        </Flex>
      ),
      key: date,
      width: 130,
      onCell: () => ({ style: date === today ? { background: '#f0f7ff' } : {} }),
      render: (_v: unknown, row: Row) => (
        <Flex vertical gap={4} align="stretch" data-testid={`roster-cell-${row.userId}-${date}`}>
          {(cells.get(cellKey(row.userId, date)) ?? []).map((view) => {
            const ended = Date.parse(view.shift.endsAt) <= Date.now();
            return (
              <Tag
                key={view.shift.id}
                color={view.endDayOffset > 0 ? 'geekblue' : 'blue'}
                style={{ marginInlineEnd: 0, display: 'flex', justifyContent: 'space-between' }}
                data-testid="roster-shift"
              >
                <span>{timeRange(view)}</span>
                {ended ? null : (
                  <CloseOutlined
                    role="button"
                    aria-label={t('sdRoster.deleteConfirm', { name: view.shift.userName })}
                    onClick={() => confirmDelete(view)}
                    style={{ fontSize: 10, marginInlineStart: 4, cursor: 'pointer' }}
                    data-testid="roster-shift-delete"
                  />
                )}
              </Tag>
            );
          })}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            aria-label={t('sdRoster.addShift')}
            onClick={() => setDraft({ userId: row.userId, date })}
            data-testid={`roster-add-${row.userId}-${date}`}
          />
        </Flex>
      ),
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('menu.sdRoster')}
        description={t('sdRoster.pageDescription', { zone: ORG_TIME_ZONE })}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!department}
            onClick={() => setDraft({})}
            data-testid="roster-add"
          >
            {t('sdRoster.addShift')}
          </Button>
        }
      />
      <ErrorAlert
        error={departments.error ?? staff.error ?? shifts.error}
        onRetry={() => void shifts.refetch()}
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ padding: 12 }}>
          <Space wrap>
            <Typography.Text type="secondary">{t('sdRoster.department')}</Typography.Text>
            <Select
              style={{ width: 180 }}
              value={department?.id}
              loading={departments.isPending}
              options={active.map((d) => ({ value: d.id, label: d.name }))}
              onChange={setDepartmentId}
              notFoundContent={t('sdRoster.noDepartments')}
              data-testid="roster-department"
            />
          </Space>
          <Space wrap>
            <Typography.Text strong data-testid="roster-week">
              {days[0]} – {days[6]}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('sdRoster.shiftCount', {
                count: [...cells.values()].reduce((n, list) => n + list.length, 0),
              })}
            </Typography.Text>
            <Space.Compact>
              <Tooltip title={t('sdRoster.prevWeek')}>
                <Button
                  icon={<LeftOutlined />}
                  aria-label={t('sdRoster.prevWeek')}
                  onClick={() => setMonday(addDays(monday, -7))}
                  data-testid="roster-prev"
                />
              </Tooltip>
              <Button onClick={() => setMonday(weekStart(today))} data-testid="roster-this-week">
                {t('sdRoster.thisWeek')}
              </Button>
              <Tooltip title={t('sdRoster.nextWeek')}>
                <Button
                  icon={<RightOutlined />}
                  aria-label={t('sdRoster.nextWeek')}
                  onClick={() => setMonday(addDays(monday, 7))}
                  data-testid="roster-next"
                />
              </Tooltip>
            </Space.Compact>
          </Space>
        </Flex>
        <Table<Row>
          rowKey="userId"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          loading={(staff.isPending || shifts.isFetching) && !staff.isError}
          pagination={false}
          scroll={{ x: 150 + 7 * 130 }}
          locale={{
            emptyText: staff.isPending ? (
              <span />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sdRoster.noStaff')} />
            ),
          }}
          data-testid="roster-table"
        />
      </Card>
      <ShiftModal draft={draft} people={rows} onClose={() => setDraft(null)} />
    </>
  );
}
