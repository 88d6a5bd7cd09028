import { useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, CreatedApiToken } from '@steward/contracts';
import { listApiTokens, revokeApiToken } from '../../api/access.ts';
import { queryKeys } from '../../api/keys.ts';
import { tableEmpty } from '../../app/components/EmptyState.tsx';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { errorText } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n/types.ts';
import { CreateTokenModal } from './components/CreateTokenModal.tsx';
import { TokenSecretModal } from './components/TokenSecretModal.tsx';

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

const STATUS_TAG: Record<TokenStatus, { color: string; label: MessageKey }> = {
  active: { color: 'green', label: 'token.status.active' },
  revoked: { color: 'default', label: 'token.status.revoked' },
  expired: { color: 'orange', label: 'token.status.expired' },
};

export function TokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: listApiTokens });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [now] = useState(() => Date.now());

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: (token) => {
      message.success(t('token.revoked', { name: token.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const empty = (value: string | null, fallback: string) =>
    value ? formatDateTime(value) : <Typography.Text type="secondary">{fallback}</Typography.Text>;

  const columns: TableColumnsType<ApiToken> = [
    { title: t('token.name'), dataIndex: 'name', ellipsis: true },
    { title: t('token.user'), dataIndex: 'username', width: 130 },
    {
      title: t('token.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t('token.createdAt'),
      dataIndex: 'createdAt',
      width: 165,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('token.expiresAt'),
      dataIndex: 'expiresAt',
      width: 165,
      render: (v: string | null) => empty(v, t('token.never')),
    },
    {
      title: t('token.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 165,
      render: (v: string | null) => empty(v, t('token.unused')),
    },
    {
      title: t('token.status'),
      key: 'status',
      width: 90,
      render: (_v, token) => {
        const tag = STATUS_TAG[statusOf(token, now)];
        return <Tag color={tag.color}>{t(tag.label)}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_v, token) =>
        statusOf(token, now) === 'active' ? (
          <Popconfirm
            title={t('token.revokeConfirm', { name: token.name })}
            description={t('token.revokeHelp')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutate(token)}
          >
            <Button type="link" size="small" danger data-testid={`token-revoke-${token.prefix}`}>
              {t('token.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.tokens')}
        description={t('token.pageDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-create"
          >
            {t('token.create')}
          </Button>
        }
      />
      <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending && !tokens.isError}
          pagination={false}
          sticky={{ offsetHeader: 56 }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: tableEmpty(tokens.isPending, t('token.empty')) }}
          data-testid="token-table"
        />
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
        }}
      />
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
