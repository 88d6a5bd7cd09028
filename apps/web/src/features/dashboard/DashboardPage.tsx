import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  RightOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLabels } from '../../app/i18n/labels.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n/types.ts';
import { NAV_ITEMS } from '../../app/navigation.tsx';
import { useCurrentUser, usePermission } from '../../app/session.tsx';
import { ScopeDescription } from './components/ScopeDescription.tsx';

const COMING_NEXT: { key: string; icon: ReactNode; title: MessageKey; body: MessageKey }[] = [
  {
    key: 'intake',
    icon: <CustomerServiceOutlined />,
    title: 'dashboard.next.intake',
    body: 'dashboard.next.intakeBody',
  },
  { key: 'sla', icon: <ClockCircleOutlined />, title: 'dashboard.next.sla', body: 'dashboard.next.slaBody' },
  {
    key: 'visits',
    icon: <SmileOutlined />,
    title: 'dashboard.next.visits',
    body: 'dashboard.next.visitsBody',
  },
  {
    key: 'complaints',
    icon: <AlertOutlined />,
    title: 'dashboard.next.complaints',
    body: 'dashboard.next.complaintsBody',
  },
];

function greetingKey(hour: number): MessageKey {
  if (hour < 11) return 'dashboard.morning';
  if (hour < 13) return 'dashboard.noon';
  if (hour < 18) return 'dashboard.afternoon';
  return 'dashboard.evening';
}

export function DashboardPage() {
  const t = useT();
  const user = useCurrentUser();
  const can = usePermission();
  // The session names its own roles, so custom roles are labelled without reading the role list.
  const labels = useLabels();
  const roleLabel = (code: string) => labels.role(code, user.roleNames[code]);
  const navigate = useNavigate();
  // The server reports the sign-in before this session began.
  const lastLogin = user.lastLoginAt;
  const shortcuts = NAV_ITEMS.filter((item) => item.key !== 'dashboard' && can(item.permission));

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.description')} />
      <Card style={{ marginBottom: 16 }} data-testid="dashboard-welcome">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t(greetingKey(new Date().getHours()), { name: user.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('dashboard.roles')}>
            <Flex gap={4} wrap>
              {user.roles.map((code) => (
                <Tag key={code} color="blue">
                  {roleLabel(code)}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.organization')}>{user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('dashboard.lastLogin')}>
            {lastLogin ? formatDateTime(lastLogin) : t('dashboard.firstLogin')}
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('dashboard.scope')} span={2}>
            <ScopeDescription scope={user.scope} />
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {shortcuts.length > 0 ? (
        <Card title={t('dashboard.shortcuts')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={[12, 12]}>
            {shortcuts.map((item) => (
              <Col key={item.key} xs={24} sm={12} lg={6}>
                <Card
                  size="small"
                  hoverable
                  onClick={() => navigate(item.path)}
                  data-testid={`shortcut-${item.key}`}
                  styles={{ body: { padding: '12px 14px' } }}
                >
                  <Flex align="center" gap={10}>
                    <span style={{ color: '#155eef', fontSize: 18 }}>{item.icon}</span>
                    <Typography.Text strong style={{ flex: 1 }}>
                      {t(item.label)}
                    </Typography.Text>
                    <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}

      <Card
        title={t('dashboard.next.title')}
        size="small"
        extra={<Typography.Text type="secondary">{t('dashboard.next.note')}</Typography.Text>}
      >
        <Row gutter={[12, 12]}>
          {COMING_NEXT.map((item) => (
            <Col key={item.key} xs={24} md={12} xl={6}>
              <div
                style={{
                  height: '100%',
                  border: '1px dashed #d0d5dd',
                  borderRadius: 8,
                  padding: 14,
                  background: '#fafbfc',
                }}
              >
                <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
                  <span style={{ color: '#8c8c8c', fontSize: 16 }}>{item.icon}</span>
                  <Typography.Text strong>{t(item.title)}</Typography.Text>
                  <Tag style={{ marginInlineStart: 'auto' }}>{t('dashboard.next.badge')}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t(item.body)}
                </Typography.Text>
              </div>
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}
