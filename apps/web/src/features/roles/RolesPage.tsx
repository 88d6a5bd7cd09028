import { useState } from 'react';
import { Button, Card, Col, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '@steward/contracts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { CreateRoleModal } from './components/CreateRoleModal.tsx';
import { RolePermissionsCard } from './components/RolePermissionsCard.tsx';
import { useRoles } from './hooks.ts';

export function RolesPage() {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const canManage = can('roles.manage');
  const roles = useRoles();
  const [selectedId, setSelectedId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const selected = roles.data?.find((r) => r.id === selectedId) ?? roles.data?.[0];

  const columns: TableColumnsType<Role> = [
    {
      title: t('role.name'),
      dataIndex: 'name',
      render: (_name, role) =>
        role.system ? (
          labels.role(role.code, role.name)
        ) : (
          <>
            {role.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {role.code}
            </Typography.Text>
          </>
        ),
    },
    {
      title: t('role.kind'),
      dataIndex: 'system',
      width: 90,
      render: (system: boolean) =>
        system ? <Tag color="blue">{t('role.system')}</Tag> : <Tag color="purple">{t('role.custom')}</Tag>,
    },
    { title: t('role.userCount'), dataIndex: 'userCount', width: 80, align: 'right' },
    {
      title: t('role.permissionCount'),
      dataIndex: 'permissions',
      width: 80,
      align: 'right',
      render: (permissions: string[]) => permissions.length,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.roles')}
        description={t('role.pageDescription')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="role-create"
            >
              {t('role.create')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('role.listTitle')} styles={{ body: { padding: 0 } }}>
            <Table<Role>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={roles.data ?? []}
              loading={roles.isPending && !roles.isError}
              pagination={false}
              locale={{ emptyText: tableEmpty(roles.isPending, t('role.empty')) }}
              onRow={(role) => ({ onClick: () => setSelectedId(role.id), style: { cursor: 'pointer' } })}
              rowClassName={(role) => (role.id === selected?.id ? 'ant-table-row-selected' : '')}
              data-testid="role-table"
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selected ? (
            <RolePermissionsCard
              key={`${selected.id}:${selected.permissions.join(',')}`}
              role={selected}
              canManage={canManage}
            />
          ) : null}
        </Col>
      </Row>
      {canManage ? (
        <CreateRoleModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(role) => {
            setCreating(false);
            setSelectedId(role.id);
          }}
        />
      ) : null}
    </>
  );
}
