import { App, Avatar, Button, Dropdown, Flex, Layout, Typography, type MenuProps } from 'antd';
import { BankOutlined, DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout } from '../../api/auth.ts';
import { errorText } from '../errors.ts';
import { useLabels } from '../i18n/labels.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { useCurrentUser, usePermission, useSession } from '../session.tsx';
import { AlertsBell } from '../../features/alerts/AlertsBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function HeaderBar() {
  const t = useT();
  const user = useCurrentUser();
  const can = usePermission();
  // The session names its own roles, so custom roles are labelled without reading the role list.
  const labels = useLabels();
  const roleLabel = (code: string) => labels.role(code, user.roleNames[code]);
  const { clear } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      clear('logout');
      navigate('/login', { replace: true });
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <LockOutlined />,
      label: <span data-testid="user-change-password">{t('header.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="user-logout">{t('header.signOut')}</span>,
    },
  ];

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    if (key === 'logout') signOut.mutate();
  };

  const roleText = user.roles.map((code) => roleLabel(code)).join(' · ');

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        borderBottom: '1px solid #eef0f3',
        lineHeight: 'normal',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
        <BankOutlined style={{ color: '#155eef' }} />
        <Typography.Text strong ellipsis data-testid="org-name">
          {user.orgName}
        </Typography.Text>
      </Flex>
      {/* Alerts are about records: only those who may read records get the bell. */}
      {can('tickets.read') ? <AlertsBell /> : null}
      <LanguageSwitch />
      <Dropdown menu={{ items, onClick: onMenuClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" style={{ height: 44, paddingInline: 8 }} data-testid="user-menu">
          <Flex align="center" gap={8}>
            <Avatar size={30} icon={<UserOutlined />} style={{ background: '#155eef' }} />
            <div style={{ textAlign: 'left', lineHeight: 1.25, maxWidth: 220 }}>
              <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 220 }}>
                {user.displayName}
              </Typography.Text>
              <Typography.Text
                type="secondary"
                ellipsis
                style={{ fontSize: 12, display: 'block', maxWidth: 220 }}
              >
                {roleText}
              </Typography.Text>
            </div>
            <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
          </Flex>
        </Button>
      </Dropdown>
    </Layout.Header>
  );
}
