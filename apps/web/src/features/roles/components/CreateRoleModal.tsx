import { App, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Permission, Role } from '@steward/contracts';
import { createRole } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { applyFieldErrors } from '../../../app/errors.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { PermissionChecklist } from './PermissionChecklist.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (role: Role) => void;
}

export function CreateRoleModal({ open, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string; name: string; permissions: Permission[] }>();
  const mutation = useMutation({
    mutationFn: createRole,
    onSuccess: (role) => {
      message.success(t('role.created', { name: role.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      onCreated(role);
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal
      open={open}
      title={t('role.createTitle')}
      okText={t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={{ permissions: ['dashboard.view'] }}
      onFinish={(values) => mutation.mutate({ ...values, name: values.name.trim() })}
      width={600}
      submitTestId="role-create-submit"
    >
      <Form.Item
        name="code"
        label={t('role.code')}
        extra={t('role.codeHelp')}
        rules={[
          { required: true, message: t('role.codeRequired') },
          { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('role.codeHelp') },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} data-testid="role-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('role.nameLabel')}
        rules={[{ required: true, whitespace: true, max: 50, message: t('role.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="role-name" />
      </Form.Item>
      <Form.Item name="permissions" label={t('role.permissions')}>
        <PermissionChecklist />
      </Form.Item>
    </FormModal>
  );
}
