import { useMemo } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { SetupBody } from '@steward/contracts';
import { runSetup } from '../../api/auth.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../app/errors.ts';
import { NewPasswordFields } from '../../app/components/NewPasswordFields.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { usernameRules } from './usernameRules.ts';

type SetupForm = Required<SetupBody> & { confirmPassword: string };

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai'];
  }
}

/** First run: creates the organisation and its first administrator, then signs them in. */
export function SetupPage() {
  const t = useT();
  const { signIn } = useSession();
  const [form] = Form.useForm<SetupForm>();
  const zones = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone })), []);
  const mutation = useMutation({
    mutationFn: runSetup,
    onSuccess: signIn,
    onError: (error) => applyFieldErrors(form, error),
  });

  const submit = ({ confirmPassword: _confirm, ...values }: SetupForm) =>
    mutation.mutate({
      ...values,
      organizationName: values.organizationName.trim(),
      adminDisplayName: values.adminDisplayName.trim(),
    });

  return (
    <AuthLayout title={t('setup.title')} description={t('setup.description')} width={520}>
      <Alert type="info" showIcon title={t('setup.hint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={mutation.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ timeZone: 'Asia/Shanghai' }}
        data-testid="setup-form"
      >
        <Form.Item
          name="organizationName"
          label={t('setup.organizationName')}
          extra={t('setup.organizationNameHelp')}
          rules={[
            { required: true, whitespace: true, max: 100, message: t('setup.organizationNameRequired') },
          ]}
        >
          <Input autoComplete="organization" data-testid="setup-org" />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('setup.timeZone')}
          extra={t('setup.timeZoneHelp')}
          rules={[{ required: true }]}
        >
          <Select showSearch options={zones} />
        </Form.Item>
        <Form.Item
          name="adminUsername"
          label={t('setup.adminUsername')}
          rules={usernameRules(t)}
          extra={t('user.usernameHelp')}
        >
          <Input
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-testid="setup-username"
          />
        </Form.Item>
        <Form.Item
          name="adminDisplayName"
          label={t('setup.adminDisplayName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('user.displayNameRequired') }]}
        >
          <Input autoComplete="name" data-testid="setup-display-name" />
        </Form.Item>
        <NewPasswordFields
          name="adminPassword"
          label={t('setup.adminPassword')}
          confirmLabel={t('setup.confirmPassword')}
          testId="setup-password"
          confirmTestId="setup-password-confirm"
        />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={mutation.isPending}
          data-testid="setup-submit"
        >
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
