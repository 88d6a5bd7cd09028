import { Alert, Button, Modal, Typography } from 'antd';
import type { CreatedApiToken } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

/** Shows a new token's secret, the only time it is ever shown. */
export function TokenSecretModal({
  created,
  onClose,
}: {
  created: CreatedApiToken | null;
  onClose: () => void;
}) {
  const t = useT();
  const origin = window.location.origin;
  return (
    <Modal
      open={created !== null}
      title={t('token.secretTitle', { name: created?.token.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      // The secret leaves the page with the dialog, not just the screen.
      destroyOnHidden
      width={640}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('token.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('token.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: created?.secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        code
        style={{ fontSize: 14, wordBreak: 'break-all' }}
        data-testid="token-secret"
      >
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('token.usage')}
      </Typography.Paragraph>
      <pre className="steward-json">{`Authorization: Bearer <token>\n\ncurl -H "Authorization: Bearer <token>" ${origin}/api/v1/auth/me`}</pre>
    </Modal>
  );
}
