import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenBody, CreatedApiToken } from '@steward/contracts';
import { createApiToken, listUsers } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiToken) => void;
}

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateApiTokenBody>();
  // A token acts as an active user. The picker asks the server as the admin types, so it finds
  // anyone in an organisation of any size (not only the first page).
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const users = useQuery({
    queryKey: [...queryKeys.users.options, query],
    queryFn: () => listUsers({ status: 'active', q: query || undefined, limit: 50 }),
    enabled: open,
    placeholderData: (previous) => previous,
  });

  const mutation = useMutation({
    mutationFn: createApiToken,
    onSuccess: (created) => {
      message.success(t('token.created', { name: created.token.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
      onCreated(created);
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal
      open={open}
      title={t('token.createTitle')}
      okText={t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      onFinish={(values) =>
        mutation.mutate({
          ...values,
          name: values.name.trim(),
          expiresInDays: values.expiresInDays ?? undefined,
        })
      }
      intro={<ErrorAlert error={users.error} />}
      submitTestId="token-create-submit"
    >
      <Form.Item
        name="name"
        label={t('token.name')}
        extra={t('token.nameHelp')}
        rules={[{ required: true, whitespace: true, max: 100, message: t('token.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="token-name" />
      </Form.Item>
      <Form.Item
        name="userId"
        label={t('token.user')}
        extra={t('token.userHelp')}
        rules={[{ required: true, message: t('token.userRequired') }]}
      >
        <Select
          showSearch
          filterOption={false}
          onSearch={setSearch}
          loading={users.isFetching}
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName} (${u.username})`,
          }))}
          data-testid="token-user"
        />
      </Form.Item>
      <Form.Item name="expiresInDays" label={t('token.expiresInDays')} extra={t('token.expiresHelp')}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: 200 }} suffix={t('token.days')} />
      </Form.Item>
    </FormModal>
  );
}
