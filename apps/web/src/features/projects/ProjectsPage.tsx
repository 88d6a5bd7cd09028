import { useState } from 'react';
import { Button, Input, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Project } from '@steward/contracts';
import { queryKeys } from '../../api/keys.ts';
import { listProjects } from '../../api/property.ts';
import { PAGE_SIZE, useCursorList } from '../../api/useCursorList.ts';
import { CursorTable } from '../../app/components/CursorTable.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { BuildingsDrawer } from './components/BuildingsDrawer.tsx';
import { CreateProjectModal } from './components/CreateProjectModal.tsx';

export function ProjectsPage() {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const canManage = can('projects.manage');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<Project | null>(null);

  const filters = { q: q || undefined };
  const list = useCursorList(queryKeys.projects.list(filters), (cursor) =>
    listProjects({ ...filters, limit: PAGE_SIZE, cursor }),
  );

  const columns: TableColumnsType<Project> = [
    {
      title: t('project.code'),
      dataIndex: 'code',
      width: 120,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('project.name'),
      dataIndex: 'name',
      render: (name: string, project) => (
        <Typography.Link onClick={() => setOpened(project)} data-testid={`project-open-${project.code}`}>
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('project.type'),
      dataIndex: 'type',
      width: 110,
      render: (_type, project) => <Tag>{labels.projectType(project.type)}</Tag>,
    },
    {
      title: t('project.address'),
      dataIndex: 'address',
      ellipsis: true,
      render: (address: string | null) => address ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('project.buildingCount'), dataIndex: 'buildingCount', width: 100, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_v, project) => (
        <Button type="link" size="small" onClick={() => setOpened(project)}>
          {t('project.viewBuildings')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.projects')}
        description={t('project.pageDescription')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="project-create"
            >
              {t('project.create')}
            </Button>
          ) : null
        }
      />
      <CursorTable<Project>
        list={list}
        columns={columns}
        scrollX={800}
        emptyText={t('project.empty')}
        data-testid="project-table"
        filters={
          <>
            <Input.Search
              allowClear
              placeholder={t('project.searchPlaceholder')}
              onSearch={(value) => setQ(value.trim())}
              style={{ width: 280 }}
              data-testid="project-search"
            />
          </>
        }
      />
      {canManage ? <CreateProjectModal open={creating} onClose={() => setCreating(false)} /> : null}
      <BuildingsDrawer project={opened} canManage={canManage} onClose={() => setOpened(null)} />
    </>
  );
}
