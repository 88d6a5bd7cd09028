import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import type { CustomerOverview } from '@steward/contracts';
import { ApiError } from '../../api/client.ts';
import { RELATION_ROLE_COLORS, VALUE_LEVEL_COLORS } from '../../app/codeColors.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { NotFoundResult } from '../../app/components/StatusResults.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../app/i18n/labels.ts';
import { usePermission } from '../../app/session.tsx';
import { CustomerTicketsCard } from '../tickets/CustomerTicketsCard.tsx';
import { ContactsCard } from './components/ContactsCard.tsx';
import { DocumentsCard } from './components/DocumentsCard.tsx';
import { EditProfileModal } from './components/EditProfileModal.tsx';
import { HouseholdsCard } from './components/HouseholdsCard.tsx';
import { ProfileCard } from './components/ProfileCard.tsx';
import { SlotsGrid } from './components/SlotsCard.tsx';
import { TagsCard } from './components/TagsCard.tsx';
import { useCustomerOverview } from './hooks.ts';

/** Hints that call for care are amber; the rest are information. */
const WARNING_HINTS = new Set([
  'important_customer',
  'frequent_opinion',
  'no_phone',
  'tenant_lease_ending',
  'moved_out',
]);

function Segments({ overview }: { overview: CustomerOverview }) {
  const labels = useLabels();
  const { segments } = overview;
  return (
    <Flex gap={4} wrap data-testid="customer-segments">
      <Tag color={segments.kind === 'organization' ? 'geekblue' : 'default'} style={{ marginInlineEnd: 0 }}>
        {labels.customerKind(segments.kind)}
      </Tag>
      {segments.titles.map((role) => (
        <Tag key={role} color={RELATION_ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
          {labels.relationRole(role)}
        </Tag>
      ))}
      {segments.propertyTypes.map((type) => (
        <Tag key={type} style={{ marginInlineEnd: 0 }}>
          {labels.projectType(type)}
        </Tag>
      ))}
      <Tag color={VALUE_LEVEL_COLORS[segments.valueLevel]} style={{ marginInlineEnd: 0 }}>
        {labels.valueLevel(segments.valueLevel)}
      </Tag>
      {segments.demandPattern ? (
        <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
          {labels.demandPattern(segments.demandPattern)}
        </Tag>
      ) : null}
    </Flex>
  );
}

function Hints({ hints }: { hints: string[] }) {
  const labels = useLabels();
  if (hints.length === 0) return null;
  return (
    <Flex vertical gap={6} data-testid="customer-hints">
      {hints.map((code) => (
        <Alert
          key={code}
          type={WARNING_HINTS.has(code) ? 'warning' : 'info'}
          showIcon
          title={labels.hint(code)}
          style={{ padding: '6px 12px' }}
        />
      ))}
    </Flex>
  );
}

/** The customer 360 view: who they are, their houses and household, contacts, ID copies, history. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const t = useT();
  const can = usePermission();
  const navigate = useNavigate();
  const canManage = can('customers.manage');
  const canReveal = can('customers.reveal');
  const overview = useCustomerOverview(id);
  const [editing, setEditing] = useState(false);

  if (overview.error instanceof ApiError && overview.error.status === 404) return <NotFoundResult />;

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/customers'))}
      data-testid="customer-back"
    >
      {t('customer.backToList')}
    </Button>
  );

  if (overview.isPending || overview.isError) {
    return (
      <>
        {back}
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
        {overview.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : null}
      </>
    );
  }

  const data = overview.data;
  const customer = data.customer;

  return (
    <Flex vertical gap={12}>
      <div>{back}</div>
      <Card size="small">
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6} style={{ minWidth: 0 }}>
            <Flex align="baseline" gap={10} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name-title">
                {customer.name}
              </Typography.Title>
              <Typography.Text type="secondary" copyable={{ text: customer.code }}>
                {customer.code}
              </Typography.Text>
            </Flex>
            <Segments overview={data} />
          </Flex>
          {canManage ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t('customer.editProfile')}
            </Button>
          ) : null}
        </Flex>
        {data.hints.length ? (
          <div style={{ marginTop: 12 }}>
            <Hints hints={data.hints} />
          </div>
        ) : null}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={12}>
            <ProfileCard customer={customer} canReveal={canReveal} />
            <HouseholdsCard customerId={customer.id} households={data.households} canManage={canManage} />
            {can('tickets.read') ? <CustomerTicketsCard customerId={customer.id} /> : null}
            <ContactsCard customerId={customer.id} contacts={data.contacts} canManage={canManage} />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <TagsCard customer={customer} canManage={canManage} />
            <DocumentsCard
              customerId={customer.id}
              documents={data.documents}
              canManage={canManage}
              canReveal={canReveal}
            />
          </Flex>
        </Col>
      </Row>
      <SlotsGrid overview={data} />
      {canManage ? (
        <EditProfileModal customer={customer} open={editing} onClose={() => setEditing(false)} />
      ) : null}
    </Flex>
  );
}
