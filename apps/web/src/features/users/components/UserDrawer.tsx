import { useState } from 'react';
import { Alert, Drawer, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getUser } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { UserForm } from './UserForm.tsx';

export type UserDrawerTarget = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** Create or edit a staff user. Editing reads the user afresh, so the version sent is the one shown. */
export function UserDrawer({ target, onClose }: { target: UserDrawerTarget; onClose: () => void }) {
  const t = useT();
  // Set when a save hit VERSION_CONFLICT: the form now shows someone else's newer values.
  const [conflict, setConflict] = useState<string | null>(null);
  const close = () => {
    setConflict(null);
    onClose();
  };
  const editId = target?.mode === 'edit' ? target.id : undefined;
  const detail = useQuery({
    queryKey: queryKeys.users.detail(editId ?? ''),
    queryFn: () => getUser(editId!),
    enabled: Boolean(editId),
    staleTime: 0,
  });

  let body;
  if (!target) body = null;
  else if (target.mode === 'create') body = <UserForm key="create" onDone={close} />;
  else if (detail.isPending) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (detail.isError) body = <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  else {
    // A new version (after a conflict and reload) remounts the form with the fresh values.
    body = (
      <>
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            closable
            title={conflict}
            description={t('user.conflictReloaded')}
            style={{ marginBottom: 16 }}
            data-testid="user-conflict"
          />
        ) : null}
        <UserForm
          key={`${detail.data.id}:${detail.data.version}`}
          user={detail.data}
          onDone={close}
          onConflict={(message) => {
            setConflict(message);
            void detail.refetch();
          }}
        />
      </>
    );
  }

  return (
    <Drawer
      open={target !== null}
      onClose={close}
      title={target?.mode === 'edit' ? t('user.editTitle') : t('user.createTitle')}
      size={640}
      destroyOnHidden
      styles={{ body: { paddingBottom: 0 } }}
      data-testid="user-drawer"
    >
      {body}
    </Drawer>
  );
}
