import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';

export function ForbiddenResult() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.description')}
      data-testid="forbidden"
      extra={
        <Button type="primary" onClick={() => navigate('/')} data-testid="forbidden-home">
          {t('common.backToDashboard')}
        </Button>
      }
    />
  );
}

export function NotFoundResult() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.description')}
      data-testid="not-found"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backToDashboard')}
        </Button>
      }
    />
  );
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** While a page's code loads inside the console frame. */
export function PageSpin() {
  return (
    <div style={{ padding: '96px 0', display: 'grid', placeItems: 'center' }}>
      <Spin />
    </div>
  );
}

export function StartupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('startup.failed')}
      subTitle={errorText(error, t)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
