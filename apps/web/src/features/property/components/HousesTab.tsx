import { useState } from 'react';
import { Button, Flex, Input, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { HOUSE_STATES, HOUSE_USES, type HouseState, type HouseUse } from '@steward/contracts/catalogues';
import type { House, HouseOccupant, Project, ProjectTree } from '@steward/contracts';
import { Link } from 'react-router-dom';
import { queryKeys } from '../../../api/keys.ts';
import { listHouses } from '../../../api/property.ts';
import { PAGE_SIZE, useCursorList } from '../../../api/useCursorList.ts';
import { HOUSE_STATE_COLORS, RELATION_ROLE_COLORS } from '../../../app/codeColors.ts';
import { CursorTable } from '../../../app/components/CursorTable.tsx';
import { formatArea } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { usePermission } from '../../../app/session.tsx';
import { useDebounced } from '../../../app/useDebounced.ts';
import { nodeFilter, type PropertyNode } from '../tree.ts';
import { HouseModal } from './HouseModal.tsx';

interface Props {
  node: PropertyNode;
  project: Project;
  tree: ProjectTree | undefined;
  canManage: boolean;
}

/** Who lives in or owns a house: name, role, masked phone. */
function Occupants({ occupants }: { occupants: HouseOccupant[] }) {
  const labels = useLabels();
  const can = usePermission();
  if (occupants.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {occupants.map((o) => (
        <Flex key={o.relationId} gap={6} align="center" wrap>
          <Tag color={RELATION_ROLE_COLORS[o.role]} style={{ marginInlineEnd: 0 }}>
            {labels.relationRole(o.role)}
          </Tag>
          {can('customers.read') ? (
            <Link to={`/customers/${o.customerId}`}>{o.name}</Link>
          ) : (
            <span>{o.name}</span>
          )}
          {o.phone ? (
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {o.phone}
            </Typography.Text>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

/** The houses under the chosen node, searchable by room label, with create and edit for managers. */
export function HousesTab({ node, project, tree, canManage }: Props) {
  const t = useT();
  const labels = useLabels();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [use, setUse] = useState<HouseUse>();
  const [state, setState] = useState<HouseState>();
  const [editing, setEditing] = useState<House | 'new' | null>(null);

  const filters = { ...nodeFilter(node.ref), q: q || undefined, use, state };
  const list = useCursorList(
    queryKeys.houses.list(filters),
    (cursor) => listHouses({ ...filters, limit: PAGE_SIZE, cursor }),
    { keepPrevious: true },
  );

  const columns: TableColumnsType<House> = [
    {
      title: t('house.roomLabel'),
      dataIndex: 'roomLabel',
      width: 130,
      render: (label: string, house) => (
        <Flex align="center" gap={2}>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {label}
          </Typography.Text>
          {canManage ? (
            <Tooltip title={t('common.edit')}>
              <Button
                type="text"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(house)}
                aria-label={t('common.edit')}
                style={{ color: '#8c8c8c' }}
                data-testid={`house-edit-${house.roomLabel}`}
              />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('house.floor'),
      dataIndex: 'floor',
      width: 60,
      align: 'right',
      render: (floor: number | null) => floor ?? '—',
    },
    {
      title: t('house.area'),
      dataIndex: 'area',
      width: 100,
      align: 'right',
      render: (area: number | null) =>
        area === null ? '—' : <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatArea(area)}</span>,
    },
    {
      title: t('house.use'),
      dataIndex: 'use',
      width: 96,
      render: (value: HouseUse) => labels.houseUse(value),
    },
    {
      title: t('house.state'),
      dataIndex: 'state',
      width: 130,
      render: (value: HouseState) => (
        <Tag color={HOUSE_STATE_COLORS[value]} style={{ marginInlineEnd: 0 }}>
          {labels.houseState(value)}
        </Tag>
      ),
    },
    {
      title: t('house.occupants'),
      dataIndex: 'occupants',
      render: (occupants: HouseOccupant[]) => <Occupants occupants={occupants} />,
    },
  ];

  return (
    <>
      <CursorTable<House>
        list={list}
        columns={columns}
        scrollX={760}
        emptyText={q ? t('house.emptySearch') : t('house.empty')}
        data-testid="house-table"
        bare
        filters={
          <>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
              placeholder={t('house.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 240 }}
              data-testid="house-search"
            />
            <Select
              allowClear
              placeholder={t('house.filterUse')}
              value={use}
              onChange={setUse}
              options={HOUSE_USES.map((u) => ({ value: u, label: labels.houseUse(u) }))}
              style={{ width: 130 }}
            />
            <Select
              allowClear
              placeholder={t('house.filterState')}
              value={state}
              onChange={setState}
              options={HOUSE_STATES.map((s) => ({ value: s, label: labels.houseState(s) }))}
              style={{ width: 130 }}
            />
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                style={{ marginInlineStart: 'auto' }}
                disabled={!tree || tree.buildings.length === 0}
                data-testid="house-create"
              >
                {t('house.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {canManage ? (
        <HouseModal
          target={editing}
          node={node}
          project={project}
          tree={tree}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
