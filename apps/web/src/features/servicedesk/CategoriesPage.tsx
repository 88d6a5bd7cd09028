import { useMemo, useState, type Key } from 'react';
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
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Category } from '@steward/contracts';
import type { Urgency } from '@steward/contracts/catalogues';
import { updateCategory } from '../../api/servicedesk.ts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { effectiveDepartmentId, moveWithinSiblings, parentKeys, type CategoryNode } from './categoryTree.ts';
import { CategoryModal, type CategoryTarget } from './components/CategoryModal.tsx';
import { ActiveTag } from './components/ActiveTag.tsx';
import { URGENCY_COLORS } from '../tickets/labels.ts';
import { useCategoryList, useDepartmentList, useDeskLabels, useInvalidate } from './hooks.ts';

/** The category tree (服务类别): department, skill and default urgency of each, in the order intake lists them. */
export function CategoriesPage() {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const categories = useCategoryList();
  const departments = useDepartmentList();
  const [target, setTarget] = useState<CategoryTarget>(null);
  const [expanded, setExpanded] = useState<readonly Key[]>();
  const expandedKeys = useMemo(() => expanded ?? parentKeys(categories.tree), [expanded, categories.tree]);

  const change = useMutation({
    mutationFn: async (patches: { id: string; body: Parameters<typeof updateCategory>[1] }[]) => {
      // One at a time: a reorder is a few small writes, and a failure stops the rest.
      for (const { id, body } of patches) await updateCategory(id, body);
      return patches;
    },
    onSuccess: (patches) => {
      const only = patches.length === 1 ? patches[0]! : null;
      const category = only ? categories.byId.get(only.id) : undefined;
      if (category && only && 'active' in only.body) {
        message.success(
          t(only.body.active ? 'sdCommon.reactivated' : 'sdCommon.deactivated', { name: category.name }),
        );
      }
    },
    onError: (error) => message.error(errorText(error, t)),
    onSettled: () => invalidate('categories'),
  });

  const siblingsOf = (c: Category) => (categories.data ?? []).filter((s) => s.parentId === c.parentId);
  const move = (c: Category, direction: 'up' | 'down') =>
    change.mutate(
      moveWithinSiblings(siblingsOf(c), c.id, direction).map(({ id, sortOrder }) => ({
        id,
        body: { sortOrder },
      })),
    );

  const columns: TableColumnsType<CategoryNode> = [
    {
      title: t('sdCategory.name'),
      key: 'name',
      render: (_v, c) => {
        // The name in the UI language first; the other language beside it, quieter.
        const shown = labels.categoryName(c);
        const other = shown === c.name ? c.nameEn : c.name;
        return (
          <span data-testid={`category-row-${c.code}`}>
            <Typography.Text type={c.active ? undefined : 'secondary'} strong={c.depth === 0}>
              {shown}
            </Typography.Text>
            {other ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {other}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {c.code}
            </Typography.Text>
          </span>
        );
      },
    },
    {
      title: t('sdCategory.department'),
      key: 'department',
      width: 130,
      render: (_v, c) => {
        if (c.departmentId) return departments.byId.get(c.departmentId)?.name ?? '';
        const inherited = effectiveDepartmentId(c, categories.byId);
        const name = inherited ? departments.byId.get(inherited)?.name : undefined;
        return name ? (
          <Typography.Text type="secondary">{t('sdCategory.inherited', { name })}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('sdStaff.none')}</Typography.Text>
        );
      },
    },
    {
      title: t('sdCategory.skill'),
      dataIndex: 'skill',
      width: 130,
      render: (skill: Category['skill']) =>
        skill ? (
          <Tag>{labels.skill(skill)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('sdStaff.none')}</Typography.Text>
        ),
    },
    {
      title: t('sdCategory.urgency'),
      dataIndex: 'defaultUrgency',
      width: 110,
      render: (urgency: Urgency) => <Tag color={URGENCY_COLORS[urgency]}>{labels.urgency(urgency)}</Tag>,
    },
    {
      title: t('sdCommon.status'),
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) => <ActiveTag active={active} />,
    },
    {
      title: t('sdCategory.sortOrder'),
      dataIndex: 'sortOrder',
      width: 120,
      render: (order: number, c) => (
        <Flex align="center" gap={2}>
          <span style={{ minWidth: 36 }}>{order}</span>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('sdCategory.moveUp')}
            title={t('sdCategory.moveUp')}
            disabled={change.isPending}
            onClick={() => move(c, 'up')}
            data-testid={`category-up-${c.code}`}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('sdCategory.moveDown')}
            title={t('sdCategory.moveDown')}
            disabled={change.isPending}
            onClick={() => move(c, 'down')}
            data-testid={`category-down-${c.code}`}
          />
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_v, c) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            disabled={!c.active}
            onClick={() => setTarget({ mode: 'create', parent: c })}
            data-testid={`category-add-child-${c.code}`}
          >
            {t('sdCategory.addChild')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setTarget({ mode: 'edit', category: c })}
            data-testid={`category-edit-${c.code}`}
          >
            {t('common.edit')}
          </Button>
          {c.active ? (
            <Popconfirm
              title={t('sdCategory.deactivateConfirm', { name: c.name })}
              description={t('sdCategory.deactivateHelp')}
              okButtonProps={{ danger: true }}
              onConfirm={() => change.mutate([{ id: c.id, body: { active: false } }])}
            >
              <Button type="link" size="small" danger data-testid={`category-toggle-${c.code}`}>
                {t('sdCommon.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => change.mutate([{ id: c.id, body: { active: true } }])}
              data-testid={`category-toggle-${c.code}`}
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
        title={t('menu.sdCategories')}
        description={t('sdCategory.pageDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create', parent: null })}
            data-testid="category-create"
          >
            {t('sdCategory.create')}
          </Button>
        }
      />
      <ErrorAlert error={categories.error ?? departments.error} onRetry={() => void categories.refetch()} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<CategoryNode>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={categories.tree}
          loading={categories.isPending && !categories.isError}
          pagination={false}
          expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: setExpanded }}
          locale={{ emptyText: tableEmpty(categories.isPending, t('sdCategory.empty')) }}
          data-testid="category-table"
        />
      </Card>
      <CategoryModal
        target={target}
        tree={categories.tree}
        categories={categories.data ?? []}
        onClose={() => setTarget(null)}
      />
    </>
  );
}
