import { useState } from 'react';
import { App, Col, Divider, Form, Input, Radio, Row } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CUSTOMER_KINDS,
  VALUE_LEVELS,
  type CustomerKind,
  type IdType,
  type ValueLevel,
} from '@steward/contracts/catalogues';
import type { Customer } from '@steward/contracts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { createCustomer } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import {
  dateValue,
  HouseLinksField,
  EmergencyFields,
  IdFields,
  newPhoneEntries,
  PhonesField,
  type HouseLinkValue,
  type PhoneValue,
} from './CustomerFields.tsx';
import { useOpeningCount } from './useOpeningCount.ts';
import { TagPicker } from './TagPicker.tsx';

interface Values {
  kind: CustomerKind;
  name: string;
  phones?: PhoneValue[];
  idType?: IdType | null;
  idNumber?: string;
  emergencyName?: string;
  emergencyPhone?: string;
  valueLevel: ValueLevel;
  notes?: string;
  houses?: HouseLinkValue[];
  tagIds?: string[];
}

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : null);

type CreateProps = {
  open: boolean;
  /** What the search box held when nobody was found: a name or a phone to start from. */
  prefill?: { name?: string; phone?: string };
  onClose: () => void;
  onCreated: (customer: Customer) => void;
};

/** Registers a customer: who they are, how to reach them, and which houses they own or live in. */
export function CreateCustomerModal(props: CreateProps) {
  // A new form for every opening: nothing typed last time (or its list rows) carries over.
  const opening = useOpeningCount(props.open);
  return <CreateCustomerForm key={opening} {...props} />;
}

function CreateCustomerForm({ open, prefill, onClose, onCreated }: CreateProps) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // One key per dialog: a double click or a retry after a lost answer creates the customer once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const kind = Form.useWatch('kind', form);

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createCustomer(
        {
          kind: values.kind,
          name: values.name.trim(),
          phones: newPhoneEntries(values.phones),
          idType: values.idNumber?.trim() ? (values.idType ?? null) : null,
          idNumber: blank(values.idNumber),
          emergencyName: blank(values.emergencyName),
          emergencyPhone: blank(values.emergencyPhone),
          valueLevel: values.valueLevel,
          notes: blank(values.notes),
          houses: (values.houses ?? [])
            .filter((h) => h.houseId)
            .map((h) => ({
              houseId: h.houseId!,
              role: h.role ?? 'owner',
              since: dateValue(h.since),
              until: dateValue(h.until),
            })),
          tagIds: values.tagIds ?? [],
        },
        idempotencyKey,
      ),
    onSuccess: (customer) => {
      message.success(t('customer.created', { name: customer.name }));
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.houses.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tags });
      onCreated(customer);
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<Values>
      open={open}
      title={t('customer.createTitle')}
      okText={t('common.create')}
      onClose={() => {
        setIdempotencyKey(newIdempotencyKey());
        onClose();
      }}
      form={form}
      mutation={mutation}
      width={760}
      initialValues={{
        kind: 'person',
        valueLevel: 'ordinary',
        name: prefill?.name ?? '',
        idType: 'resident_id',
        tagIds: [],
      }}
      onFinish={(values) => mutation.mutate(values)}
      preserve
      submitTestId="customer-create-submit"
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="kind" label={t('customer.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={CUSTOMER_KINDS.map((k) => ({ value: k, label: labels.customerKind(k) }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="name"
            label={kind === 'organization' ? t('customer.orgName') : t('customer.name')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('customer.nameRequired') }]}
          >
            <Input autoComplete="off" autoFocus data-testid="customer-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('customer.phones')} required={false} style={{ marginBottom: 0 }}>
        <PhonesField initialValue={[{ label: 'mobile', phone: prefill?.phone ?? '' }]} />
      </Form.Item>
      <IdFields />
      <EmergencyFields />
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
        {t('customer.housesSection')}
      </Divider>
      <HouseLinksField initialValue={[{ role: 'owner' }]} />
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="valueLevel" label={t('customer.valueLevel')}>
            <Radio.Group
              optionType="button"
              options={VALUE_LEVELS.map((v) => ({ value: v, label: labels.valueLevel(v) }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="tagIds" label={t('customer.tags')}>
            <TagPicker canCreate data-testid="customer-tags" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('customer.notes')} rules={[{ max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
