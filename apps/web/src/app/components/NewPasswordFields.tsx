import { Form, Input } from 'antd';
import { useT } from '../i18n/I18nProvider.tsx';
import { confirmPasswordRules, newPasswordRules } from '../passwordRules.ts';

interface Props {
  /** Form field holding the new password; the repeat is `confirmPassword`. */
  name: string;
  label: string;
  confirmLabel: string;
  testId: string;
  confirmTestId: string;
}

/** A new password and its repeat, with the server's password rule shown and checked. */
export function NewPasswordFields({ name, label, confirmLabel, testId, confirmTestId }: Props) {
  const t = useT();
  return (
    <>
      <Form.Item name={name} label={label} extra={t('password.rule')} rules={newPasswordRules(t)}>
        <Input.Password autoComplete="new-password" data-testid={testId} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={confirmLabel}
        dependencies={[name]}
        rules={confirmPasswordRules(t, name)}
      >
        <Input.Password autoComplete="new-password" data-testid={confirmTestId} />
      </Form.Item>
    </>
  );
}
