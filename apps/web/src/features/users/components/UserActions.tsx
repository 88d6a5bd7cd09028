import { App, Button, Dropdown, Popconfirm, Space, type MenuProps } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@steward/contracts';
import { revokeUserSessions, updateUser } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { errorText } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useCurrentUser } from '../../../app/session.tsx';

interface Props {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

export function UserActions({ user, onEdit, onResetPassword }: Props) {
  const t = useT();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
  const disabling = user.status === 'active';
  const isSelf = user.id === me.id;

  const toggleStatus = useMutation({
    mutationFn: () =>
      updateUser(user.id, { version: user.version, status: disabling ? 'disabled' : 'active' }),
    onSuccess: (saved) => {
      message.success(
        t(saved.status === 'active' ? 'user.enabled' : 'user.disabled', { name: saved.displayName }),
      );
      refresh();
    },
    onError: (error) => {
      message.error(errorText(error, t));
      refresh();
    },
  });

  const revoke = useMutation({
    mutationFn: () => revokeUserSessions(user.id),
    onSuccess: ({ revoked }) =>
      message.success(t('user.sessionsRevoked', { name: user.displayName, count: revoked })),
    onError: (error) => message.error(errorText(error, t)),
  });

  const confirmRevoke = () =>
    modal.confirm({
      title: t('user.revokeSessionsTitle', { name: user.displayName }),
      content: isSelf ? t('user.revokeSessionsSelf') : t('user.revokeSessionsHelp'),
      okText: t('user.revokeSessions'),
      okButtonProps: { danger: true },
      onOk: () => revoke.mutateAsync().catch(() => undefined),
    });

  const more: MenuProps['items'] = [
    {
      key: 'reset',
      label: <span data-testid={`user-reset-${user.username}`}>{t('user.resetPassword')}</span>,
    },
    {
      key: 'revoke',
      danger: true,
      label: <span data-testid={`user-revoke-${user.username}`}>{t('user.revokeSessions')}</span>,
    },
  ];

  return (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        onClick={() => onEdit(user)}
        data-testid={`user-edit-${user.username}`}
      >
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t(disabling ? 'user.disableConfirm' : 'user.enableConfirm', { name: user.displayName })}
        description={disabling ? t('user.disableHelp') : undefined}
        onConfirm={() => toggleStatus.mutate()}
        okButtonProps={{ danger: disabling }}
        disabled={isSelf && disabling}
      >
        <Button
          type="link"
          size="small"
          danger={disabling}
          disabled={isSelf && disabling}
          loading={toggleStatus.isPending}
          data-testid={`user-status-${user.username}`}
        >
          {disabling ? t('user.disable') : t('user.enable')}
        </Button>
      </Popconfirm>
      <Dropdown
        trigger={['click']}
        menu={{
          items: more,
          onClick: ({ key }) => (key === 'reset' ? onResetPassword(user) : confirmRevoke()),
        }}
      >
        <Button
          type="link"
          size="small"
          icon={<MoreOutlined />}
          aria-label={t('common.more')}
          data-testid={`user-more-${user.username}`}
        />
      </Dropdown>
    </Space>
  );
}
