import { Button, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  ID_TYPES,
  PHONE_LABELS,
  RELATION_ROLES,
  type PhoneLabel,
  type RelationRole,
} from '@steward/contracts/catalogues';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { HousePicker } from './HousePicker.tsx';

export interface PhoneValue {
  phone?: string;
  label?: PhoneLabel;
  /** A stored phone kept as it is: its position, and the masked form the user sees. */
  keep?: number;
  masked?: string;
}

export interface HouseLinkValue {
  houseId?: string;
  role?: RelationRole;
  since?: Dayjs | null;
  until?: Dayjs | null;
}

/** Digits, spaces and + - ( ) as people type phones; the server normalises and checks the number. */
export const PHONE_PATTERN = /^[0-9+\-\s()]{3,32}$/;

/** Filled phone rows as the API takes them. */
type NewPhone = { phone: string; label: PhoneLabel };
type PhoneEntry = NewPhone | { keep: number; label: PhoneLabel };

export function phoneEntries(values: PhoneValue[] | undefined): PhoneEntry[] {
  return (values ?? []).flatMap((p): PhoneEntry[] => {
    const label = p.label ?? 'mobile';
    if (p.keep !== undefined) return [{ keep: p.keep, label }];
    return p.phone?.trim() ? [{ phone: p.phone.trim(), label }] : [];
  });
}

/** A new customer's phones: nothing is stored yet, so every entry is a number. */
export function newPhoneEntries(values: PhoneValue[] | undefined): NewPhone[] {
  return phoneEntries(values).filter((entry): entry is NewPhone => 'phone' in entry);
}

/**
 * Several phones, each with what it is (mobile, home, work…). The rows' starting values go on the
 * list itself (`initialValue`): the dialogs' forms drop values no field holds, which empties list
 * rows given through the form's initialValues.
 */
export function PhonesField({
  name = 'phones',
  allowEmpty = false,
  initialValue,
}: {
  name?: string;
  allowEmpty?: boolean;
  initialValue: PhoneValue[];
}) {
  const t = useT();
  const labels = useLabels();
  return (
    <Form.List name={name} initialValue={initialValue}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={[field.name, 'label']} noStyle>
                <Select
                  style={{ width: 110 }}
                  options={PHONE_LABELS.map((l) => ({ value: l, label: labels.phoneLabel(l) }))}
                />
              </Form.Item>
              {/* Registered so the form keeps them (it drops values no field holds): the stored phone's
                  position and masked form. */}
              <Form.Item name={[field.name, 'keep']} hidden noStyle>
                <Input type="hidden" />
              </Form.Item>
              <Form.Item name={[field.name, 'masked']} hidden noStyle>
                <Input type="hidden" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  // A stored phone is only ever seen masked: it can be relabelled or removed, not retyped.
                  getFieldValue([name, field.name, 'keep']) !== undefined ? (
                    <Input
                      style={{ flex: 1 }}
                      value={getFieldValue([name, field.name, 'masked']) as string}
                      disabled
                      data-testid={`customer-phone-${index}`}
                    />
                  ) : (
                    <Form.Item
                      name={[field.name, 'phone']}
                      style={{ flex: 1, marginBottom: 0 }}
                      rules={[{ pattern: PHONE_PATTERN, message: t('customer.phoneInvalid') }]}
                    >
                      <Input
                        inputMode="tel"
                        autoComplete="off"
                        placeholder={t('customer.phonePlaceholder')}
                        data-testid={`customer-phone-${index}`}
                      />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('common.remove')}
                disabled={fields.length === 1 && !allowEmpty}
              />
            </Flex>
          ))}
          {fields.length < 5 ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ label: 'mobile' })}
              data-testid="customer-phone-add"
            >
              {t('customer.addPhone')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

/** ID document type and number, side by side. */
/** Emergency contact name and phone; `phoneExtra` says what is kept when the phone is left blank. */
export function EmergencyFields({ phoneExtra }: { phoneExtra?: string }) {
  const t = useT();
  return (
    <Row gutter={12}>
      <Col span={10}>
        <Form.Item name="emergencyName" label={t('customer.emergencyName')} rules={[{ max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item
          name="emergencyPhone"
          label={t('customer.emergencyPhone')}
          extra={phoneExtra}
          rules={[{ pattern: PHONE_PATTERN, message: t('customer.phoneInvalid') }]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function IdFields({ numberExtra }: { numberExtra?: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <Row gutter={12}>
      <Col span={10}>
        <Form.Item name="idType" label={t('customer.idType')}>
          <Select allowClear options={ID_TYPES.map((v) => ({ value: v, label: labels.idType(v) }))} />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item
          name="idNumber"
          label={t('customer.idNumber')}
          extra={numberExtra}
          rules={[{ min: 2, max: 40, message: t('customer.idNumberInvalid') }]}
        >
          <Input autoComplete="off" spellCheck={false} data-testid="customer-id-number" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The houses a customer is linked to: which house, as what, from and until when. */
export function HouseLinksField({ initialValue }: { initialValue: HouseLinkValue[] }) {
  const t = useT();
  const labels = useLabels();
  return (
    <Form.List name="houses" initialValue={initialValue}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap>
              <Form.Item
                name={[field.name, 'houseId']}
                style={{ flex: '1 1 220px', marginBottom: 0 }}
                rules={[{ required: true, message: t('customer.houseRequired') }]}
              >
                <HousePicker data-testid={`customer-house-${index}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'role']} noStyle>
                <Select
                  style={{ width: 100 }}
                  options={RELATION_ROLES.map((r) => ({ value: r, label: labels.relationRole(r) }))}
                  data-testid={`customer-house-role-${index}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'since']} noStyle>
                <DatePicker placeholder={t('customer.since')} style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'until']} noStyle>
                <DatePicker placeholder={t('customer.until')} style={{ width: 130 }} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('common.remove')}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ role: 'owner' })}
            data-testid="customer-house-add"
          >
            {t('customer.addHouse')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

export const dateValue = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
