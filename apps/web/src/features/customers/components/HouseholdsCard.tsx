import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Popconfirm, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { RELATION_ROLES, type RelationRole } from '@steward/contracts/catalogues';
import type { CustomerOverview } from '@steward/contracts';
import { addCustomerHouse, removeCustomerHouse, updateCustomerHouse } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { RELATION_ROLE_COLORS } from '../../../app/codeColors.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors, errorText } from '../../../app/errors.ts';
import { todayDate } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { dateValue } from './CustomerFields.tsx';
import { HousePicker } from './HousePicker.tsx';
import { QuietEmpty } from './QuietEmpty.tsx';

type Household = CustomerOverview['households'][number];

function useRefresh(customerId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.customers.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.houses.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.customers.overview(customerId) });
  };
}

function Period({ since, until }: { since: string | null; until: string | null }) {
  const t = useT();
  if (!since && !until) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {since ?? '…'} {t('customer.periodTo')} {until ?? t('customer.periodNow')}
    </Typography.Text>
  );
}

function HouseholdRow({
  customerId,
  household,
  canManage,
}: {
  customerId: string;
  household: Household;
  canManage: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const refresh = useRefresh(customerId);
  const { house, coResidents } = household;
  const onError = (error: unknown) => message.error(errorText(error, t));
  const moveOut = useMutation({
    mutationFn: () => updateCustomerHouse(customerId, house.relationId, { until: todayDate() }),
    onSuccess: () => {
      message.success(t('customer.movedOut', { label: house.roomLabel }));
      refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => removeCustomerHouse(customerId, house.relationId),
    onSuccess: () => {
      message.success(t('customer.relationRemoved', { label: house.roomLabel }));
      refresh();
    },
    onError,
  });

  return (
    <div
      style={{
        border: '1px solid #eef0f3',
        borderRadius: 8,
        padding: '8px 12px',
        opacity: house.current ? 1 : 0.7,
      }}
      data-testid={`household-${house.roomLabel}`}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {house.roomLabel}
          </Typography.Text>
          <Typography.Text type="secondary">{house.projectName}</Typography.Text>
          <Tag
            color={house.current ? RELATION_ROLE_COLORS[house.role] : 'default'}
            style={{ marginInlineEnd: 0 }}
          >
            {labels.relationRole(house.role)}
          </Tag>
          {house.current ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('customer.ended')}</Tag>}
          <Period since={house.since} until={house.until} />
        </Flex>
        {canManage ? (
          <Flex gap={0}>
            {house.current ? (
              <Popconfirm
                title={t('customer.moveOutConfirm', { label: house.roomLabel })}
                description={t('customer.moveOutHelp')}
                onConfirm={() => moveOut.mutate()}
              >
                <Button type="link" size="small" loading={moveOut.isPending}>
                  {house.role === 'tenant' ? t('customer.endLease') : t('customer.moveOut')}
                </Button>
              </Popconfirm>
            ) : null}
            <Popconfirm
              title={t('customer.removeRelationConfirm', { label: house.roomLabel })}
              description={t('customer.removeRelationHelp')}
              onConfirm={() => remove.mutate()}
            >
              <Button type="link" size="small" danger loading={remove.isPending}>
                {t('common.remove')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      {coResidents.length ? (
        <Flex gap={12} wrap style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customer.coResidents')}
          </Typography.Text>
          {coResidents.map((c) => (
            <Flex key={c.customerId} gap={4} align="center">
              <Tag color={RELATION_ROLE_COLORS[c.role]} style={{ marginInlineEnd: 0 }}>
                {labels.relationRole(c.role)}
              </Tag>
              <Link to={`/customers/${c.customerId}`}>{c.name}</Link>
              {c.phone ? (
                <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {c.phone}
                </Typography.Text>
              ) : null}
            </Flex>
          ))}
        </Flex>
      ) : null}
    </div>
  );
}

interface LinkValues {
  houseId: string;
  role: RelationRole;
  since?: Dayjs | null;
  until?: Dayjs | null;
}

function AddHouseModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const refresh = useRefresh(customerId);
  const [form] = Form.useForm<LinkValues>();
  const mutation = useMutation({
    mutationFn: (values: LinkValues) =>
      addCustomerHouse(customerId, {
        houseId: values.houseId,
        role: values.role,
        since: dateValue(values.since),
        until: dateValue(values.until),
      }),
    onSuccess: () => {
      message.success(t('customer.houseAdded'));
      refresh();
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  return (
    <FormModal<LinkValues>
      open={open}
      title={t('customer.addHouse')}
      okText={t('common.save')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={{ role: 'owner' }}
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="customer-house-submit"
    >
      <Form.Item
        name="houseId"
        label={t('customer.house')}
        rules={[{ required: true, message: t('customer.houseRequired') }]}
      >
        <HousePicker data-testid="customer-house-picker" />
      </Form.Item>
      <Form.Item name="role" label={t('customer.role')} rules={[{ required: true }]}>
        <Select options={RELATION_ROLES.map((r) => ({ value: r, label: labels.relationRole(r) }))} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="since" label={t('customer.since')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="until"
          label={t('customer.until')}
          style={{ flex: 1 }}
          extra={t('customer.untilHelp')}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

/** The customer's houses, each with who else lives there; managers add, end and remove links. */
export function HouseholdsCard({
  customerId,
  households,
  canManage,
}: {
  customerId: string;
  households: Household[];
  canManage: boolean;
}) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const sorted = [...households].sort((a, b) => Number(b.house.current) - Number(a.house.current));
  return (
    <Card
      size="small"
      title={t('customer.householdsTitle')}
      extra={
        canManage ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="customer-add-house"
          >
            {t('customer.addHouse')}
          </Button>
        ) : null
      }
      data-testid="customer-households"
    >
      {sorted.length === 0 ? (
        <QuietEmpty text={t('customer.noHouses')} />
      ) : (
        <Flex vertical gap={8}>
          {sorted.map((h) => (
            <HouseholdRow
              key={h.house.relationId}
              customerId={customerId}
              household={h}
              canManage={canManage}
            />
          ))}
        </Flex>
      )}
      {canManage ? (
        <AddHouseModal customerId={customerId} open={adding} onClose={() => setAdding(false)} />
      ) : null}
    </Card>
  );
}
