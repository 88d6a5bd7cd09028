import { useState } from 'react';
import { DatePicker, Flex, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTIONS } from '@steward/contracts/catalogues';
import type { AuditEntry } from '@steward/contracts';
import { listAudit } from '../../api/audit.ts';
import { queryKeys } from '../../api/keys.ts';
import { PAGE_SIZE, useCursorList } from '../../api/useCursorList.ts';
import { CursorTable } from '../../app/components/CursorTable.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';

type Range = [Dayjs | null, Dayjs | null] | null;

/** Actions that are failures or touch secrets stand out in the list. */
const ACTION_COLORS: Partial<Record<string, string>> = {
  'auth.login_failed': 'red',
  'pii.revealed': 'orange',
  'data.exported': 'orange',
  'token.created': 'purple',
  'token.revoked': 'purple',
  'user.password_reset': 'gold',
  'user.sessions_revoked': 'gold',
};

/** A readable name for what an entry is about: its kind and, where the details carry one, its name. */
function AuditTarget({ entry }: { entry: AuditEntry }) {
  const labels = useLabels();
  if (!entry.targetType) return <Typography.Text type="secondary">—</Typography.Text>;
  const name = ['username', 'code', 'name']
    .map((key) => entry.details[key])
    .find((v) => typeof v === 'string');
  return (
    <span>
      <Typography.Text type="secondary">{labels.auditTarget(entry.targetType)}</Typography.Text>
      {' · '}
      {typeof name === 'string' ? name : <Typography.Text code>{entry.targetId?.slice(-8)}</Typography.Text>}
    </span>
  );
}

function Details({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <Flex vertical gap={6} style={{ padding: '4px 8px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.requestId')}: {entry.requestId ?? '—'} · {t('audit.entryId')}: {entry.id}
        {entry.targetId ? ` · ${t('audit.targetId')}: ${entry.targetId}` : ''}
      </Typography.Text>
      <pre className="steward-json" data-testid="audit-details">
        {JSON.stringify(entry.details, null, 2)}
      </pre>
    </Flex>
  );
}

/** The audit log: read-only, searchable, newest first. */
export function AuditPage() {
  const t = useT();
  const labels = useLabels();
  const [action, setAction] = useState<string>();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<Range>(null);

  const filters = {
    action,
    q: q || undefined,
    from: range?.[0]?.toISOString(),
    to: range?.[1]?.toISOString(),
  };
  const list = useCursorList(queryKeys.audit(filters), (cursor) =>
    listAudit({ ...filters, limit: PAGE_SIZE, cursor }),
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (value: string) => (
        <Tag color={ACTION_COLORS[value] ?? 'blue'} title={value}>
          {labels.auditAction(value)}
        </Tag>
      ),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_v, entry) => (
        <Flex gap={6} align="center" wrap>
          <span>{entry.actorName ?? '—'}</span>
          <Tag style={{ marginInlineEnd: 0 }}>{labels.actorKind(entry.actorKind)}</Tag>
        </Flex>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_v, entry) => <AuditTarget entry={entry} />,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('menu.audit')} description={t('audit.pageDescription')} />
      <CursorTable<AuditEntry>
        list={list}
        columns={columns}
        scrollX={900}
        emptyText={t('audit.empty')}
        expandable={{ expandedRowRender: (entry) => <Details entry={entry} /> }}
        data-testid="audit-table"
        filters={
          <>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('audit.filterAction')}
              value={action}
              onChange={setAction}
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: labels.auditAction(a) }))}
              style={{ width: 200 }}
              data-testid="audit-filter-action"
            />
            <Input.Search
              allowClear
              placeholder={t('audit.searchPlaceholder')}
              onSearch={(value) => setQ(value.trim())}
              style={{ width: 260 }}
              data-testid="audit-search"
            />
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={range}
              onChange={(value) => setRange(value)}
              allowEmpty={[true, true]}
              data-testid="audit-range"
            />
          </>
        }
      />
    </>
  );
}
