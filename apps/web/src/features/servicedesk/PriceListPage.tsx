import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { PriceItem } from '@steward/contracts';
import { updatePriceItem } from '../../api/servicedesk.ts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { categoryPath } from './categoryTree.ts';
import { ActiveTag } from './components/ActiveTag.tsx';
import { PriceItemModal, type PriceItemTarget } from './components/PriceItemModal.tsx';
import { useCategoryList, useDeskLabels, useInvalidate, usePriceItems } from './hooks.ts';
import { formatFen } from './money.ts';

/** The price list of paid services (有偿服务收费标准): what a technician charges, in fen, by item. */
export function PriceListPage() {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const items = usePriceItems();
  const categories = useCategoryList();
  const [target, setTarget] = useState<PriceItemTarget>(null);
  const [q, setQ] = useState('');

  const toggle = useMutation({
    mutationFn: (item: PriceItem) => updatePriceItem(item.id, { active: !item.active }),
    onSuccess: (saved) =>
      message.success(
        t(saved.active ? 'sdCommon.reactivated' : 'sdCommon.deactivated', { name: saved.name }),
      ),
    onError: (error) => message.error(errorText(error, t)),
    onSettled: () => invalidate('priceItems'),
  });

  const needle = q.trim().toLowerCase();
  const shown = (items.data ?? []).filter(
    (i) => !needle || i.code.toLowerCase().includes(needle) || i.name.toLowerCase().includes(needle),
  );

  const columns: TableColumnsType<PriceItem> = [
    {
      title: t('sdCommon.code'),
      dataIndex: 'code',
      width: 150,
      render: (code: string) => (
        <Typography.Text code data-testid={`price-row-${code}`}>
          {code}
        </Typography.Text>
      ),
    },
    {
      title: t('sdPrice.name'),
      dataIndex: 'name',
      render: (name: string, item) => (
        <Typography.Text type={item.active ? undefined : 'secondary'}>{name}</Typography.Text>
      ),
    },
    {
      title: t('sdPrice.price'),
      dataIndex: 'priceFen',
      width: 150,
      align: 'right',
      render: (fen: number, item) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatFen(fen)}
          <Typography.Text type="secondary"> / {item.unit}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('sdPrice.category'),
      dataIndex: 'categoryId',
      render: (id: string | null) => {
        const category = id ? categories.byId.get(id) : undefined;
        return category ? (
          categoryPath(category, categories.byId, labels.categoryName)
        ) : (
          <Typography.Text type="secondary">{t('sdStaff.none')}</Typography.Text>
        );
      },
    },
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
      render: (_v, item) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setTarget({ mode: 'edit', item })}
            data-testid={`price-edit-${item.code}`}
          >
            {t('common.edit')}
          </Button>
          {item.active ? (
            <Popconfirm
              title={t('sdPrice.deactivateConfirm', { name: item.name })}
              description={t('sdPrice.deactivateHelp')}
              okButtonProps={{ danger: true }}
              onConfirm={() => toggle.mutate(item)}
            >
              <Button type="link" size="small" danger data-testid={`price-toggle-${item.code}`}>
                {t('sdCommon.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => toggle.mutate(item)}
              data-testid={`price-toggle-${item.code}`}
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
        title={t('sdPrice.title')}
        description={t('sdPrice.pageDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="price-create"
          >
            {t('sdPrice.create')}
          </Button>
        }
      />
      <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Flex style={{ padding: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('sdPrice.searchPlaceholder')}
            style={{ width: 260 }}
            onChange={(e) => setQ(e.target.value)}
            data-testid="price-search"
          />
        </Flex>
        <Table<PriceItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={shown}
          loading={items.isPending && !items.isError}
          pagination={false}
          locale={{ emptyText: tableEmpty(items.isPending, t('sdPrice.empty')) }}
          data-testid="price-table"
        />
      </Card>
      <PriceItemModal target={target} tree={categories.tree} onClose={() => setTarget(null)} />
    </>
  );
}
