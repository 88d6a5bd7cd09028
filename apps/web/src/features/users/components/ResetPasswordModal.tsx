import { Alert, App, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@steward/contracts';
import { resetUserPassword } from '../../../api/access.ts';
import { queryKeys } from '../../../api/keys.ts';
import { applyFieldErrors } from '../../../app/errors.ts';
import { NewPasswordFields } from '../../../app/components/NewPasswordFields.tsx';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

interface Props {
  user: User | null;
  onClose: () => void;
}

/** Sets a temporary password; the server ends the user's sessions and asks for a new one at next sign-in. */
export function ResetPasswordModal({ user, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ newPassword: string; confirmPassword: string }>();
  const mutation = useMutation({
    mutationFn: (newPassword: string) => resetUserPassword(user!.id, { newPassword }),
    onSuccess: (saved) => {
      message.success(t('user.passwordReset', { name: saved.displayName }));
      // The reset bumps the user's version (and sets "must change password"): reload the rows.
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal
      open={user !== null}
      title={t('user.resetPasswordTitle', { name: user?.displayName ?? '' })}
      okText={t('user.resetPassword')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      onFinish={(values) => mutation.mutate(values.newPassword)}
      intro={<Alert type="info" showIcon title={t('user.resetPasswordHelp')} style={{ marginBottom: 16 }} />}
      submitTestId="user-reset-password-submit"
    >
      <NewPasswordFields
        name="newPassword"
        label={t('password.temporary')}
        confirmLabel={t('setup.confirmPassword')}
        testId="user-reset-password"
        confirmTestId="user-reset-password-confirm"
      />
    </FormModal>
  );
}
