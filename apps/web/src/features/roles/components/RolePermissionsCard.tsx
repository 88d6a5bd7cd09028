import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Permission, Role } from '@steward/contracts';
import { updateRole } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { PermissionChecklist } from './PermissionChecklist.tsx';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The permissions of one role; editable only with roles.manage and never for admin. */
export function RolePermissionsCard({ role, canManage }: { role: Role; canManage: boolean }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<string[]>(role.permissions);
  const editable = canManage && role.editable;
  const dirty = !sameSet(checked, role.permissions);

  const save = useMutation({
    mutationFn: () => updateRole(role.id, { permissions: checked as Permission[] }),
    onSuccess: (saved) => {
      message.success(t('role.saved', { name: labels.role(saved.code, saved.name) }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      // The change may be to a role of the signed-in user: refresh their menu and guards.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });

  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          {labels.role(role.code, role.name)}
          <Tag style={{ fontWeight: 'normal' }}>{role.code}</Tag>
        </Flex>
      }
      extra={
        editable ? (
          <Flex gap={8}>
            <Button
              size="small"
              disabled={!dirty || save.isPending}
              onClick={() => setChecked(role.permissions)}
            >
              {t('common.reset')}
            </Button>
            <Button
              size="small"
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="role-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        ) : null
      }
      data-testid="role-permissions"
    >
      {!role.editable ? (
        <Alert type="info" showIcon title={t('role.adminAlways')} style={{ marginBottom: 12 }} />
      ) : !canManage ? (
        <Alert type="info" showIcon title={t('role.readOnly')} style={{ marginBottom: 12 }} />
      ) : null}
      <ErrorAlert error={save.error} />
      <PermissionChecklist value={checked} onChange={setChecked} disabled={!editable} />
    </Card>
  );
}
