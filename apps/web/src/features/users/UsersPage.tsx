import { useState } from 'react';
import { Button, Flex, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { User, UserStatus } from '@steward/contracts';
import { listUsers } from '../../api/access.ts';
import { queryKeys } from '../../api/keys.ts';
import { PAGE_SIZE, useCursorList } from '../../api/useCursorList.ts';
import { CursorTable } from '../../app/components/CursorTable.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import { useRoleOptions } from '../roles/hooks.ts';
import { ResetPasswordModal } from './components/ResetPasswordModal.tsx';
import { ScopeSummary } from './components/ScopeSummary.tsx';
import { UserActions } from './components/UserActions.tsx';
import { UserDrawer, type UserDrawerTarget } from './components/UserDrawer.tsx';

const STATUSES: UserStatus[] = ['active', 'disabled'];

export function UsersPage() {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const canManage = can('users.manage');
  const roles = useRoleOptions();
  const projects = useAllProjects(can('projects.read'));

  const [q, setQ] = useState('');
  const [role, setRole] = useState<string>();
  const [status, setStatus] = useState<UserStatus>();
  const [drawer, setDrawer] = useState<UserDrawerTarget>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const filters = { q: q || undefined, role, status };
  const list = useCursorList(queryKeys.users.list(filters), (cursor) =>
    listUsers({ ...filters, limit: PAGE_SIZE, cursor }),
  );

  const columns: TableColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      width: 140,
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 180 },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) => (
        <Flex gap={4} wrap>
          {codes.map((code) => (
            <Tag key={code} color={code === 'admin' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {roles.label(code)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('user.scope'),
      dataIndex: 'scope',
      render: (_scope, user) => <ScopeSummary scope={user.scope} projects={projects.byId} />,
    },
    {
      title: t('user.status'),
      dataIndex: 'status',
      width: 150,
      render: (value: UserStatus, user) => (
        <Flex gap={4} wrap>
          <Tag color={value === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {labels.userStatus(value)}
          </Tag>
          {user.mustChangePassword ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('user.pendingPasswordChange')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (value: string | null) =>
        value ? (
          formatDateTime(value)
        ) : (
          <Typography.Text type="secondary">{t('user.neverLoggedIn')}</Typography.Text>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_value, user) => (
        <UserActions
          user={user}
          onEdit={(u) => setDrawer({ mode: 'edit', id: u.id })}
          onResetPassword={setResetting}
        />
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('menu.users')}
        description={t('user.pageDescription')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
          ) : null
        }
      />
      <CursorTable<User>
        list={list}
        columns={columns}
        scrollX={1000}
        emptyText={t('user.empty')}
        data-testid="user-table"
        filters={
          <>
            <Input.Search
              allowClear
              placeholder={t('user.searchPlaceholder')}
              onSearch={(value) => setQ(value.trim())}
              style={{ width: 300 }}
              data-testid="user-search"
            />
            <Select
              allowClear
              placeholder={t('user.filterRole')}
              value={role}
              onChange={setRole}
              options={roles.options}
              style={{ width: 180 }}
              data-testid="user-filter-role"
            />
            <Select
              allowClear
              placeholder={t('user.filterStatus')}
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({ value: s, label: labels.userStatus(s) }))}
              style={{ width: 140 }}
              data-testid="user-filter-status"
            />
          </>
        }
      />
      {canManage ? (
        <>
          <UserDrawer target={drawer} onClose={() => setDrawer(null)} />
          <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
        </>
      ) : null}
    </>
  );
}
