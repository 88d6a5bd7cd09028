import { useState } from 'react';
import { App, Button, Card, Flex } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Customer } from '@steward/contracts';
import { updateCustomer } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { errorText, isApiError } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { CustomerTags } from './CustomerTags.tsx';
import { TagPicker } from './TagPicker.tsx';

/** The customer's tags; managers change them in place (saved with the version they read). */
export function TagsCard({ customer, canManage }: { customer: Customer; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string[] | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.customers.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.tags });
  };
  const save = useMutation({
    mutationFn: (tagIds: string[]) => updateCustomer(customer.id, { version: customer.version, tagIds }),
    onSuccess: () => {
      message.success(t('customer.tagsSaved'));
      setEditing(null);
      refresh();
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        message.warning(`${errorText(error, t)} ${t('common.conflictReloaded')}`);
        setEditing(null);
        refresh();
        return;
      }
      message.error(errorText(error, t));
    },
  });

  return (
    <Card
      size="small"
      title={t('customer.tags')}
      extra={
        canManage && editing === null ? (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing(customer.tags.map((tag) => tag.id))}
            data-testid="customer-tags-edit"
          >
            {t('common.edit')}
          </Button>
        ) : null
      }
      data-testid="customer-tags-card"
    >
      {editing === null ? (
        <CustomerTags tags={customer.tags} />
      ) : (
        <Flex vertical gap={8}>
          <TagPicker value={editing} onChange={setEditing} canCreate data-testid="customer-tags-picker" />
          <Flex gap={8} justify="flex-end">
            <Button size="small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="small"
              type="primary"
              loading={save.isPending}
              onClick={() => save.mutate(editing)}
              data-testid="customer-tags-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
