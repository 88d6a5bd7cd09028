import { Alert, Button, type FormInstance } from 'antd';
import { errorText, shownOnFields } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';

interface Props {
  error: unknown;
  /** Shown as a "retry" button when given. */
  onRetry?: () => void;
  /** The form the request came from: when its fields show every reason, no banner is needed. */
  form?: FormInstance;
}

export function ErrorAlert({ error, onRetry, form }: Props) {
  const t = useT();
  if (!error || (form && shownOnFields(form, error))) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, t)}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
