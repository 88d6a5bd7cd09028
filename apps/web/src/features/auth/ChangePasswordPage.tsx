import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { changePassword, logout } from '../../api/auth.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../app/errors.ts';
import { NewPasswordFields } from '../../app/components/NewPasswordFields.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { AuthLayout } from './AuthLayout.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Changing one's own password; forced before anything else while `mustChangePassword` is set. */
export function ChangePasswordPage() {
  const t = useT();
  const user = useCurrentUser();
  const { signIn, clear } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const forced = user.mustChangePassword;

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: (auth) => {
      message.success(t('password.changed'));
      signIn(auth);
      navigate('/', { replace: true });
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      clear('logout');
      navigate('/login', { replace: true });
    },
  });

  // Back to the page the user came from; home when this page was opened directly.
  const goBack = () => {
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate('/');
  };

  return (
    <AuthLayout title={t('password.title')} description={user.displayName}>
      {forced ? (
        <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={mutation.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword }) => mutation.mutate({ currentPassword, newPassword })}
      >
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          label={t('password.new')}
          confirmLabel={t('password.confirm')}
          testId="password-new"
          confirmTestId="password-confirm"
        />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={mutation.isPending}
          data-testid="password-submit"
        >
          {t('password.submit')}
        </Button>
        <Flex justify="center" style={{ marginTop: 12 }}>
          {forced ? (
            <Button type="link" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('header.signOut')}
            </Button>
          ) : (
            <Button type="link" onClick={goBack}>
              {t('common.back')}
            </Button>
          )}
        </Flex>
      </Form>
    </AuthLayout>
  );
}
