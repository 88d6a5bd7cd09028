import { App, Form, Input, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Department } from '@steward/contracts';
import { DEPARTMENT_KINDS, type DepartmentKind } from '@steward/contracts/catalogues';
import { createDepartment, updateDepartment } from '../../../api/servicedesk.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useDeskLabels, useInvalidate } from '../hooks.ts';
import { CODE_PATTERN } from './codes.ts';

/** Create a department, or rename, re-kind or (de)activate one (its code stays). */
export type DepartmentTarget = { mode: 'create' } | { mode: 'edit'; department: Department } | null;

interface Values {
  code: string;
  name: string;
  kind: DepartmentKind;
  active?: boolean;
}

export function DepartmentModal({
  target,
  onClose,
  onCreated,
}: {
  target: DepartmentTarget;
  onClose: () => void;
  onCreated: (department: Department) => void;
}) {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.department : null;

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      editing
        ? updateDepartment(editing.id, {
            name: values.name.trim(),
            kind: values.kind,
            ...(values.active !== editing.active ? { active: values.active } : {}),
          })
        : createDepartment({ code: values.code.trim(), name: values.name.trim(), kind: values.kind }),
    onSuccess: (saved) => {
      message.success(t(editing ? 'common.savedName' : 'sdDepartment.created', { name: saved.name }));
      invalidate('departments');
      if (!editing) onCreated(saved);
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<Values>
      open={target !== null}
      title={editing ? t('sdDepartment.editTitle') : t('sdDepartment.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={
        editing
          ? { code: editing.code, name: editing.name, kind: editing.kind, active: editing.active }
          : { kind: 'engineering' }
      }
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="department-submit"
    >
      <Form.Item
        name="code"
        label={t('sdCommon.code')}
        extra={editing ? t('sdCommon.codeFixed') : t('sdCommon.codeHelp')}
        rules={
          editing
            ? []
            : [
                { required: true, message: t('sdCommon.codeRequired') },
                { pattern: CODE_PATTERN, max: 32, message: t('sdCommon.codeHelp') },
              ]
        }
      >
        <Input
          disabled={Boolean(editing)}
          autoComplete="off"
          spellCheck={false}
          data-testid="department-code"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('sdDepartment.name')}
        rules={[{ required: true, whitespace: true, max: 50, message: t('sdCommon.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="department-name" />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('sdDepartment.kind')}
        rules={[{ required: true, message: t('sdDepartment.kindRequired') }]}
      >
        <Select
          options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: labels.departmentKind(k) }))}
          data-testid="department-kind"
        />
      </Form.Item>
      {editing ? (
        <Form.Item
          name="active"
          label={t('sdDepartment.active')}
          extra={t('sdDepartment.activeHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="department-active" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
