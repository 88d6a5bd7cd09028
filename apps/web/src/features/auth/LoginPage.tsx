import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { LoginBody } from '@steward/contracts';
import { login } from '../../api/auth.ts';
import { errorText } from '../../app/errors.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function LoginPage() {
  const t = useT();
  const { signIn } = useSession();
  const [form] = Form.useForm<LoginBody>();
  const mutation = useMutation({ mutationFn: login, onSuccess: signIn });

  return (
    <AuthLayout title={t('login.title')} description={t('app.tagline')}>
      {mutation.error ? (
        <Alert
          type="error"
          showIcon
          title={errorText(mutation.error, t)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          mutation.mutate({ username: values.username.trim(), password: values.password })
        }
        onValuesChange={() => {
          if (mutation.error) mutation.reset();
        }}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            autoCapitalize="none"
            spellCheck={false}
            data-testid="login-username"
            size="large"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
            size="large"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={mutation.isPending}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
