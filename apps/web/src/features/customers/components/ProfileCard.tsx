import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { Customer } from '@steward/contracts';
import { VALUE_LEVEL_COLORS } from '../../../app/codeColors.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { RevealValue } from './RevealValue.tsx';

const none = <Typography.Text type="secondary">—</Typography.Text>;

/** Who the customer is and how to reach them; personal numbers masked, revealable (audited). */
export function ProfileCard({ customer, canReveal }: { customer: Customer; canReveal: boolean }) {
  const t = useT();
  const labels = useLabels();
  return (
    <Card size="small" title={t('customer.profile')} data-testid="customer-profile">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label={t('customer.phones')} span={2}>
          {customer.phones.length === 0 ? (
            <Typography.Text type="secondary">{t('customer.noPhone')}</Typography.Text>
          ) : (
            <Flex vertical gap={2}>
              {customer.phones.map((phone, index) => (
                <Flex key={index} gap={8} align="center">
                  <Tag style={{ marginInlineEnd: 0 }}>{labels.phoneLabel(phone.label)}</Tag>
                  <RevealValue
                    customerId={customer.id}
                    field="phone"
                    index={index}
                    masked={phone.masked}
                    canReveal={canReveal}
                  />
                </Flex>
              ))}
            </Flex>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.idDocument')} span={2}>
          {customer.idNumber ? (
            <Flex gap={8} align="center">
              {customer.idType ? (
                <Tag style={{ marginInlineEnd: 0 }}>{labels.idType(customer.idType)}</Tag>
              ) : null}
              <RevealValue
                customerId={customer.id}
                field="idNumber"
                masked={customer.idNumber}
                canReveal={canReveal}
              />
            </Flex>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.emergencyContact')} span={2}>
          {customer.emergencyName || customer.emergencyPhone ? (
            <Flex gap={8} align="center">
              {customer.emergencyName ? <span>{customer.emergencyName}</span> : null}
              {customer.emergencyPhone ? (
                <RevealValue
                  customerId={customer.id}
                  field="emergencyPhone"
                  masked={customer.emergencyPhone}
                  canReveal={canReveal}
                />
              ) : null}
            </Flex>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.valueLevel')}>
          <Tag color={VALUE_LEVEL_COLORS[customer.valueLevel]} style={{ marginInlineEnd: 0 }}>
            {labels.valueLevel(customer.valueLevel)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.demandPattern')}>
          {customer.demandPattern ? labels.demandPattern(customer.demandPattern) : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.notes')} span={2}>
          {customer.notes ? (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {customer.notes}
            </Typography.Paragraph>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.updatedAt')} span={2}>
          <Typography.Text type="secondary">
            {formatDateTime(customer.updatedAt)} ·{' '}
            {t('customer.createdAtShort', { at: formatDateTime(customer.createdAt) })}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {canReveal ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pii.note')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
