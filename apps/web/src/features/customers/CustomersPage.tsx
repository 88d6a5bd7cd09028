import { useState } from 'react';
import { Button, Flex, Input, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  CUSTOMER_KINDS,
  DEMAND_PATTERNS,
  PROJECT_TYPES,
  RELATION_ROLES,
  VALUE_LEVELS,
  type CustomerKind,
  type DemandPattern,
  type ProjectTypeCode,
  type RelationRole,
  type ValueLevel,
} from '@steward/contracts/catalogues';
import type { Customer, CustomerHouse, CustomerPhone } from '@steward/contracts';
import { Link, useNavigate } from 'react-router-dom';
import { listCustomers } from '../../api/customers.ts';
import { queryKeys } from '../../api/keys.ts';
import { PAGE_SIZE, useCursorList } from '../../api/useCursorList.ts';
import { RELATION_ROLE_COLORS, VALUE_LEVEL_COLORS } from '../../app/codeColors.ts';
import { CursorTable } from '../../app/components/CursorTable.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { useSearchText } from '../../app/useDebounced.ts';
import { useAllProjects } from '../projects/hooks.ts';
import { CreateCustomerModal } from './components/CreateCustomerModal.tsx';
import { CustomerTags } from './components/CustomerTags.tsx';
import { useTags } from './hooks.ts';
import { looksLikePhone } from './search.ts';

interface Filters {
  projectId?: string;
  kind?: CustomerKind;
  role?: RelationRole;
  propertyType?: ProjectTypeCode;
  valueLevel?: ValueLevel;
  demandPattern?: DemandPattern;
  tagId?: string;
}

export function Phones({ phones }: { phones: CustomerPhone[] }) {
  const t = useT();
  const labels = useLabels();
  if (phones.length === 0) return <Typography.Text type="secondary">{t('customer.noPhone')}</Typography.Text>;
  const [first, ...rest] = phones;
  return (
    <Tooltip
      title={
        rest.length ? phones.map((p) => `${labels.phoneLabel(p.label)} ${p.masked}`).join(' / ') : undefined
      }
    >
      <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {first!.masked}
        {rest.length ? <Typography.Text type="secondary"> +{rest.length}</Typography.Text> : null}
      </span>
    </Tooltip>
  );
}

/** Room labels with the customer's role in each; ended relations (moved out) are struck through. */
export function HouseList({ houses }: { houses: CustomerHouse[] }) {
  const labels = useLabels();
  if (houses.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const projects = new Set(houses.map((h) => h.projectId));
  return (
    <Flex vertical gap={2}>
      {houses.map((h) => (
        <Flex key={h.relationId} gap={6} align="center" wrap={false}>
          <Tag color={h.current ? RELATION_ROLE_COLORS[h.role] : 'default'} style={{ marginInlineEnd: 0 }}>
            {labels.relationRole(h.role)}
          </Tag>
          <Typography.Text
            delete={!h.current}
            type={h.current ? undefined : 'secondary'}
            style={{ whiteSpace: 'nowrap' }}
          >
            {projects.size > 1 ? `${h.projectName} ` : ''}
            {h.roomLabel}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * The customer archive, built for the front desk: one box finds a customer by name, phone (any
 * format, or its last digits) or room label as you type; Enter on a single match opens it.
 */
export function CustomersPage() {
  const t = useT();
  const labels = useLabels();
  const can = usePermission();
  const navigate = useNavigate();
  const canManage = can('customers.manage');
  const projects = useAllProjects(can('projects.read'));
  const tags = useTags();
  const search = useSearchText(250);
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState<{ name?: string; phone?: string } | null>(null);

  const query = { ...filters, q: search.q || undefined };
  const list = useCursorList(
    queryKeys.customers.list(query),
    (cursor) => listCustomers({ ...query, limit: PAGE_SIZE, cursor }),
    { keepPrevious: true },
  );
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customer.name'),
      dataIndex: 'name',
      width: 240,
      render: (_v, c) => (
        <Flex vertical gap={0}>
          <Flex gap={6} align="center">
            <Link
              to={`/customers/${c.id}`}
              style={{ fontWeight: 600 }}
              data-testid={`customer-open-${c.code}`}
            >
              {c.name}
            </Link>
            {c.kind === 'organization' ? (
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
                {t('customer.orgBadge')}
              </Tag>
            ) : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('customer.phone'),
      dataIndex: 'phones',
      width: 150,
      render: (phones: CustomerPhone[]) => <Phones phones={phones} />,
    },
    {
      title: t('customer.houses'),
      dataIndex: 'houses',
      render: (houses: CustomerHouse[]) => <HouseList houses={houses} />,
    },
    {
      title: t('customer.tags'),
      dataIndex: 'tags',
      width: 180,
      render: (_v, c) => <CustomerTags tags={c.tags} />,
    },
    {
      title: t('customer.segments'),
      key: 'segments',
      width: 170,
      render: (_v, c) => (
        <Flex gap={4} wrap>
          {c.valueLevel === 'important' ? (
            <Tag color={VALUE_LEVEL_COLORS.important} style={{ marginInlineEnd: 0 }}>
              {labels.valueLevel(c.valueLevel)}
            </Tag>
          ) : null}
          {c.demandPattern ? (
            <Tag style={{ marginInlineEnd: 0 }}>{labels.demandPattern(c.demandPattern)}</Tag>
          ) : null}
          {c.valueLevel !== 'important' && !c.demandPattern ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.customers')}
        description={t('customer.pageDescription')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating({})}
              data-testid="customer-create"
            >
              {t('customer.create')}
            </Button>
          ) : null
        }
      />
      <CursorTable<Customer>
        list={list}
        columns={columns}
        scrollX={960}
        emptyText={
          search.q && canManage ? (
            <Flex vertical align="center" gap={4}>
              {t('customer.emptySearch')}
              <Button
                type="link"
                icon={<PlusOutlined />}
                onClick={() =>
                  setCreating(looksLikePhone(search.q) ? { phone: search.q } : { name: search.q })
                }
                data-testid="customer-create-from-search"
              >
                {t('customer.createFromSearch', { text: search.q })}
              </Button>
            </Flex>
          ) : search.q || filtered ? (
            t('customer.emptySearch')
          ) : (
            t('customer.empty')
          )
        }
        data-testid="customer-table"
        filters={
          <>
            <Input
              allowClear
              autoFocus
              size="large"
              prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
              placeholder={t('customer.searchPlaceholder')}
              value={search.text}
              onChange={(e) => search.setText(e.target.value)}
              onPressEnter={() => {
                search.commit();
                // The list already answers this text with one customer: open it.
                if (search.text.trim() === search.q && list.items.length === 1 && !list.isPlaceholderData)
                  navigate(`/customers/${list.items[0]!.id}`);
              }}
              style={{ width: '100%' }}
              data-testid="customer-search"
            />
            <Flex gap={8} wrap style={{ width: '100%' }}>
              {projects.data && projects.data.length > 1 ? (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('customer.filterProject')}
                  value={filters.projectId}
                  onChange={set('projectId')}
                  options={projects.data.map((p) => ({ value: p.id, label: p.name }))}
                  style={{ width: 160 }}
                />
              ) : null}
              <Select
                allowClear
                placeholder={t('customer.filterKind')}
                value={filters.kind}
                onChange={set('kind')}
                options={CUSTOMER_KINDS.map((v) => ({ value: v, label: labels.customerKind(v) }))}
                style={{ width: 120 }}
              />
              <Select
                allowClear
                placeholder={t('customer.filterRole')}
                value={filters.role}
                onChange={set('role')}
                options={RELATION_ROLES.map((v) => ({ value: v, label: labels.relationRole(v) }))}
                style={{ width: 120 }}
                data-testid="customer-filter-role"
              />
              <Select
                allowClear
                placeholder={t('customer.filterPropertyType')}
                value={filters.propertyType}
                onChange={set('propertyType')}
                options={PROJECT_TYPES.map((v) => ({ value: v, label: labels.projectType(v) }))}
                style={{ width: 150 }}
              />
              <Select
                allowClear
                placeholder={t('customer.filterValueLevel')}
                value={filters.valueLevel}
                onChange={set('valueLevel')}
                options={VALUE_LEVELS.map((v) => ({ value: v, label: labels.valueLevel(v) }))}
                style={{ width: 130 }}
              />
              <Select
                allowClear
                placeholder={t('customer.filterDemand')}
                value={filters.demandPattern}
                onChange={set('demandPattern')}
                options={DEMAND_PATTERNS.map((v) => ({ value: v, label: labels.demandPattern(v) }))}
                style={{ width: 160 }}
              />
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('customer.filterTag')}
                value={filters.tagId}
                onChange={set('tagId')}
                options={(tags.data ?? []).map((tag) => ({
                  value: tag.id,
                  label: tag.name,
                  title: `${tag.name} (${tag.customerCount})`,
                }))}
                style={{ width: 140 }}
              />
              {filtered ? (
                <Button type="link" onClick={() => setFilters({})}>
                  {t('customer.clearFilters')}
                </Button>
              ) : null}
            </Flex>
          </>
        }
        onRowClick={(c) => navigate(`/customers/${c.id}`)}
      />
      {canManage ? (
        <CreateCustomerModal
          open={creating !== null}
          prefill={creating ?? undefined}
          onClose={() => setCreating(null)}
          onCreated={(c) => navigate(`/customers/${c.id}`)}
        />
      ) : null}
    </>
  );
}
