import { useState } from 'react';
import { App, Button, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AREA_CATEGORIES, AREA_KINDS, type AreaCategory, type AreaKind } from '@steward/contracts/catalogues';
import type { Area, Project, ProjectTree } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import { createArea, listAreas, updateArea } from '../../../api/property.ts';
import { PAGE_SIZE, useCursorList } from '../../../api/useCursorList.ts';
import { CursorTable } from '../../../app/components/CursorTable.tsx';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { useDebounced } from '../../../app/useDebounced.ts';
import type { PropertyNode } from '../tree.ts';
import { REGISTRY_CODE } from './RegistryModals.tsx';

interface Props {
  node: PropertyNode;
  project: Project;
  tree: ProjectTree | undefined;
  canManage: boolean;
}

/** Public areas and facilities of the chosen project or building (a unit shows its building's). */
export function AreasTab({ node, project, tree, canManage }: Props) {
  const t = useT();
  const labels = useLabels();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [kind, setKind] = useState<AreaKind>();
  const [editing, setEditing] = useState<Area | 'new' | null>(null);

  const buildingId = node.ref.kind === 'project' ? undefined : node.ref.buildingId;
  const filters = { projectId: buildingId ? undefined : project.id, buildingId, kind, q: q || undefined };
  const list = useCursorList(
    queryKeys.areas.list(filters),
    (cursor) => listAreas({ ...filters, limit: PAGE_SIZE, cursor }),
    { keepPrevious: true },
  );
  const buildingName = (id: string | null) =>
    id ? (tree?.buildings.find((b) => b.id === id)?.name ?? '—') : t('area.wholeProject');

  const columns: TableColumnsType<Area> = [
    {
      title: t('area.code'),
      dataIndex: 'code',
      width: 110,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('area.name'), dataIndex: 'name', width: 180 },
    {
      title: t('area.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (value: AreaKind) => (
        <Tag color={value === 'facility' ? 'geekblue' : 'green'} style={{ marginInlineEnd: 0 }}>
          {labels.areaKind(value)}
        </Tag>
      ),
    },
    {
      title: t('area.category'),
      dataIndex: 'category',
      width: 110,
      render: (value: AreaCategory) => labels.areaCategory(value),
    },
    { title: t('area.building'), dataIndex: 'buildingId', width: 110, render: buildingName },
    {
      title: t('area.location'),
      dataIndex: 'location',
      ellipsis: true,
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 64,
      render: (_v, area) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing(area)}
          data-testid={`area-edit-${area.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <CursorTable<Area>
        list={list}
        columns={columns}
        scrollX={760}
        emptyText={t('area.empty')}
        data-testid="area-table"
        bare
        filters={
          <>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
              placeholder={t('area.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 240 }}
            />
            <Select
              allowClear
              placeholder={t('area.filterKind')}
              value={kind}
              onChange={setKind}
              options={AREA_KINDS.map((k) => ({ value: k, label: labels.areaKind(k) }))}
              style={{ width: 140 }}
            />
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                style={{ marginInlineStart: 'auto' }}
                data-testid="area-create"
              >
                {t('area.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {canManage ? (
        <AreaModal
          target={editing}
          project={project}
          tree={tree}
          defaultBuildingId={buildingId}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

interface AreaValues {
  kind: AreaKind;
  category: AreaCategory;
  code: string;
  name: string;
  /** '' for the whole project. */
  buildingId?: string;
  location?: string;
}

function AreaModal({
  target,
  project,
  tree,
  defaultBuildingId,
  onClose,
}: {
  target: Area | 'new' | null;
  project: Project;
  tree: ProjectTree | undefined;
  defaultBuildingId: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AreaValues>();
  const editing = target !== null && target !== 'new' ? target : undefined;

  const mutation = useMutation({
    mutationFn: (values: AreaValues) => {
      const location = values.location?.trim() || null;
      if (editing)
        return updateArea(editing.id, { category: values.category, name: values.name.trim(), location });
      return createArea({
        projectId: project.id,
        buildingId: values.buildingId || null,
        kind: values.kind,
        category: values.category,
        code: values.code.trim(),
        name: values.name.trim(),
        location,
      });
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'common.savedName' : 'area.created', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.areas.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects.tree(project.id) });
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<AreaValues>
      open={target !== null}
      title={editing ? t('area.editTitle', { name: editing.name }) : t('area.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={
        editing
          ? { ...editing, buildingId: editing.buildingId ?? '', location: editing.location ?? '' }
          : { kind: 'area', category: 'lobby', buildingId: defaultBuildingId ?? '' }
      }
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="area-submit"
    >
      <Form.Item name="kind" label={t('area.kind')} rules={[{ required: true }]}>
        <Select
          disabled={Boolean(editing)}
          options={AREA_KINDS.map((k) => ({ value: k, label: labels.areaKind(k) }))}
        />
      </Form.Item>
      <Form.Item name="category" label={t('area.category')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={AREA_CATEGORIES.map((c) => ({ value: c, label: labels.areaCategory(c) }))}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('area.code')}
        rules={
          editing
            ? []
            : [
                { required: true, message: t('area.codeRequired') },
                { pattern: REGISTRY_CODE, max: 32, message: t('registry.codeHelp') },
              ]
        }
      >
        <Input disabled={Boolean(editing)} autoComplete="off" spellCheck={false} data-testid="area-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('area.name')}
        rules={[{ required: true, whitespace: true, max: 100, message: t('area.nameRequired') }]}
      >
        <Input autoComplete="off" placeholder={t('area.namePlaceholder')} data-testid="area-name" />
      </Form.Item>
      <Form.Item name="buildingId" label={t('area.building')}>
        <Select
          disabled={Boolean(editing)}
          options={[
            { value: '', label: t('area.wholeProject') },
            ...(tree?.buildings ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
      </Form.Item>
      <Form.Item name="location" label={t('area.location')} rules={[{ max: 200 }]}>
        <Input autoComplete="off" placeholder={t('area.locationPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
