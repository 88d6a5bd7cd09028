import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, UserOutlined } from '@ant-design/icons';
import type { Department, StaffProfile } from '@steward/contracts';
import type { DepartmentKind } from '@steward/contracts/catalogues';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { ActiveTag } from './components/ActiveTag.tsx';
import { DepartmentModal, type DepartmentTarget } from './components/DepartmentModal.tsx';
import { StaffModal } from './components/StaffModal.tsx';
import { useDepartmentList, useDeskLabels, useStaffList } from './hooks.ts';

/** The pseudo-department of people nobody has placed yet. */
const UNASSIGNED = 'unassigned';

/** Departments on the left; the people of the chosen one (or of none) on the right, with what dispatch knows of them. */
export function DepartmentsPage() {
  const t = useT();
  const labels = useDeskLabels();
  const departments = useDepartmentList();
  const staff = useStaffList();
  const [selectedId, setSelectedId] = useState<string>();
  const [target, setTarget] = useState<DepartmentTarget>(null);
  const [editing, setEditing] = useState<StaffProfile | null>(null);

  const selected =
    selectedId === UNASSIGNED
      ? null
      : (departments.data?.find((d) => d.id === selectedId) ?? departments.data?.[0] ?? null);
  const showingUnassigned = selectedId === UNASSIGNED;
  const unassigned = (staff.data ?? []).filter((s) => s.departmentId === null);
  const people = showingUnassigned
    ? unassigned
    : (staff.data ?? []).filter((s) => selected && s.departmentId === selected.id);

  const departmentColumns: TableColumnsType<Department> = [
    {
      title: t('sdCommon.code'),
      dataIndex: 'code',
      width: 90,
      render: (code: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid={`department-row-${code}`}>
          {code}
        </Typography.Text>
      ),
    },
    {
      title: t('sdDepartment.name'),
      dataIndex: 'name',
      render: (name: string, d) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text type={d.active ? undefined : 'secondary'}>{name}</Typography.Text>
          {d.active ? null : <ActiveTag active={false} />}
        </Flex>
      ),
    },
    {
      title: t('sdDepartment.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: DepartmentKind) => labels.departmentKind(kind),
    },
    { title: t('sdDepartment.members'), dataIndex: 'memberCount', width: 60, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_v, d) => (
        <Button
          type="link"
          size="small"
          onClick={(e) => {
            e.stopPropagation();
            setTarget({ mode: 'edit', department: d });
          }}
          data-testid={`department-edit-${d.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const staffColumns: TableColumnsType<StaffProfile> = [
    {
      title: t('sdStaff.name'),
      dataIndex: 'name',
      width: 150,
      fixed: 'left',
      render: (name: string, s) => (
        <span data-testid={`staff-row-${s.username}`}>
          {name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.username}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('sdStaff.skills'),
      dataIndex: 'skills',
      render: (skills: StaffProfile['skills']) =>
        skills.length === 0 ? (
          <Typography.Text type="secondary">{t('sdStaff.none')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {skills.map((s) => (
              <Tag key={s} color="blue" style={{ marginInlineEnd: 0 }}>
                {labels.skill(s)}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('sdStaff.duties'),
      dataIndex: 'duties',
      render: (duties: StaffProfile['duties']) =>
        duties.length === 0 ? (
          <Typography.Text type="secondary">{t('sdStaff.none')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {duties.map((d) => (
              <Tag
                key={`${d.buildingId}|${d.duty}`}
                color={d.duty === 'butler' ? 'cyan' : 'purple'}
                style={{ marginInlineEnd: 0 }}
              >
                {labels.buildingDuty(d.duty)} · {d.buildingName}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: <Tooltip title={t('sdStaff.openLoadHelp')}>{t('sdStaff.openLoad')}</Tooltip>,
      dataIndex: 'openLoad',
      width: 80,
      align: 'right',
    },
    {
      title: t('sdStaff.onDuty'),
      dataIndex: 'onDutyNow',
      width: 90,
      render: (on: boolean) =>
        on ? (
          <Badge status="success" text={t('sdStaff.onDutyNow')} />
        ) : (
          <Badge status="default" text={t('sdStaff.offDuty')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_v, s) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing(s)}
          data-testid={`staff-edit-${s.username}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  let staffTitle = '';
  if (showingUnassigned) staffTitle = t('sdStaff.unassignedTitle');
  else if (selected) staffTitle = t('sdStaff.title', { name: selected.name });

  return (
    <>
      <PageHeader
        title={t('sdDepartment.title')}
        description={t('sdDepartment.pageDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="department-create"
          >
            {t('sdDepartment.create')}
          </Button>
        }
      />
      <ErrorAlert error={departments.error ?? staff.error} onRetry={() => void departments.refetch()} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('sdDepartment.listTitle')} styles={{ body: { padding: 0 } }}>
            <Table<Department>
              rowKey="id"
              size="small"
              columns={departmentColumns}
              dataSource={departments.data ?? []}
              loading={departments.isPending && !departments.isError}
              pagination={false}
              locale={{ emptyText: tableEmpty(departments.isPending, t('sdDepartment.empty')) }}
              onRow={(d) => ({ onClick: () => setSelectedId(d.id), style: { cursor: 'pointer' } })}
              rowClassName={(d) => (d.id === selected?.id ? 'ant-table-row-selected' : '')}
              data-testid="department-table"
            />
            <Flex
              justify="space-between"
              align="center"
              role="button"
              tabIndex={0}
              onClick={() => setSelectedId(UNASSIGNED)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') setSelectedId(UNASSIGNED);
              }}
              style={{
                padding: '10px 16px',
                cursor: 'pointer',
                borderTop: '1px solid #f0f0f0',
                background: showingUnassigned ? '#e6f4ff' : undefined,
              }}
              data-testid="department-unassigned"
            >
              <Space>
                <UserOutlined />
                {t('sdDepartment.unassigned')}
              </Space>
              <Badge count={unassigned.length} showZero color={unassigned.length ? 'orange' : '#d9d9d9'} />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={staffTitle} styles={{ body: { padding: 0 } }}>
            {showingUnassigned && unassigned.length > 0 ? (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 16px' }}>
                {t('sdDepartment.unassignedHelp')}
              </Typography.Paragraph>
            ) : null}
            <Table<StaffProfile>
              rowKey="userId"
              size="small"
              columns={staffColumns}
              dataSource={people}
              loading={staff.isPending && !staff.isError}
              pagination={false}
              scroll={{ x: 720 }}
              locale={{
                emptyText: tableEmpty(
                  staff.isPending,
                  showingUnassigned ? t('sdStaff.emptyUnassigned') : t('sdStaff.empty'),
                ),
              }}
              data-testid="staff-table"
            />
          </Card>
        </Col>
      </Row>
      <DepartmentModal
        target={target}
        onClose={() => setTarget(null)}
        onCreated={(d) => setSelectedId(d.id)}
      />
      <StaffModal person={editing} onClose={() => setEditing(null)} />
    </>
  );
}
