import { useEffect, useState } from 'react';
import { Alert, App, Col, Form, Input, Radio, Row } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CUSTOMER_KINDS,
  VALUE_LEVELS,
  type CustomerKind,
  type IdType,
  type ValueLevel,
} from '@steward/contracts/catalogues';
import type { Customer, UpdateCustomerBody } from '@steward/contracts';
import { updateCustomer } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors, errorText, isApiError } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { EmergencyFields, IdFields, PhonesField, phoneEntries, type PhoneValue } from './CustomerFields.tsx';
import { useOpeningCount } from './useOpeningCount.ts';

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
}

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/**
 * The fields of a customer's record. Stored phones appear masked and are kept, relabelled or
 * removed as they are; the ID number and emergency phone are left as they are unless retyped; a save names the version it read, and a newer save by someone else is
 * reported (409) and the form reloaded with their values.
 */
function EditProfileForm({
  customer,
  open,
  onClose,
  onConflict,
  conflict,
}: {
  customer: Customer;
  open: boolean;
  onClose: () => void;
  onConflict: (message: string) => void;
  conflict: string | null;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // A newer version arrived (someone else saved): show it in the open form, in place.
  useEffect(() => {
    form.resetFields();
  }, [form, customer.version]);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body: UpdateCustomerBody = {
        version: customer.version,
        kind: values.kind,
        name: values.name.trim(),
        valueLevel: values.valueLevel,
        notes: blank(values.notes),
        emergencyName: blank(values.emergencyName),
        idType: values.idNumber?.trim() || customer.idNumber ? (values.idType ?? null) : null,
      };
      body.phones = phoneEntries(values.phones);
      if (values.idNumber?.trim()) body.idNumber = values.idNumber.trim();
      if (values.emergencyPhone?.trim()) body.emergencyPhone = values.emergencyPhone.trim();
      return updateCustomer(customer.id, body);
    },
    onSuccess: (saved) => {
      message.success(t('common.savedName', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        onConflict(errorText(error, t));
        void queryClient.invalidateQueries({ queryKey: queryKeys.customers.all });
        return;
      }
      applyFieldErrors(form, error);
    },
  });

  return (
    <FormModal<Values>
      open={open}
      title={t('customer.editTitle', { name: customer.name })}
      okText={t('common.save')}
      onClose={onClose}
      form={form}
      mutation={isApiError(mutation.error, 'VERSION_CONFLICT') ? { ...mutation, error: null } : mutation}
      width={720}
      intro={
        conflict ? (
          <Alert
            type="warning"
            showIcon
            title={conflict}
            description={t('customer.conflictReloaded')}
            style={{ marginBottom: 16 }}
            data-testid="customer-conflict"
          />
        ) : null
      }
      initialValues={{
        kind: customer.kind,
        name: customer.name,
        idType: customer.idType ?? 'resident_id',
        emergencyName: customer.emergencyName ?? '',
        valueLevel: customer.valueLevel,
        notes: customer.notes ?? '',
      }}
      onFinish={(values) => mutation.mutate(values)}
      preserve
      submitTestId="customer-edit-submit"
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="kind" label={t('customer.kind')}>
            <Radio.Group
              optionType="button"
              options={CUSTOMER_KINDS.map((k) => ({ value: k, label: labels.customerKind(k) }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t('customer.name')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('customer.nameRequired') }]}
          >
            <Input autoComplete="off" data-testid="customer-edit-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('customer.phones')}
        extra={t('customer.keepPhonesHelp')}
        style={{ marginBottom: 0 }}
      >
        <PhonesField
          allowEmpty
          initialValue={
            customer.phones.length
              ? customer.phones.map((p, keep) => ({ keep, masked: p.masked, label: p.label }))
              : [{ label: 'mobile' }]
          }
        />
      </Form.Item>
      <IdFields
        numberExtra={customer.idNumber ? t('customer.keepMasked', { masked: customer.idNumber }) : undefined}
      />
      <EmergencyFields
        phoneExtra={
          customer.emergencyPhone ? t('customer.keepMasked', { masked: customer.emergencyPhone }) : undefined
        }
      />
      <Form.Item name="valueLevel" label={t('customer.valueLevel')}>
        <Radio.Group
          optionType="button"
          options={VALUE_LEVELS.map((v) => ({ value: v, label: labels.valueLevel(v) }))}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('customer.notes')} rules={[{ max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="customer-edit-notes" />
      </Form.Item>
    </FormModal>
  );
}

/** Edit dialog; after a conflict it shows the newer version with a warning above the form. */
export function EditProfileModal({
  customer,
  open,
  onClose,
}: {
  customer: Customer;
  open: boolean;
  onClose: () => void;
}) {
  const [conflict, setConflict] = useState<string | null>(null);
  const opening = useOpeningCount(open);
  return (
    <EditProfileForm
      key={`${customer.id}:${opening}`}
      customer={customer}
      open={open}
      conflict={conflict}
      onConflict={setConflict}
      onClose={() => {
        setConflict(null);
        onClose();
      }}
    />
  );
}
