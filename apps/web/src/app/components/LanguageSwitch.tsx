import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Toggles between 中文 and English; the label names the language you switch to. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('lang.tooltip')}>
      <Button
        type={type}
        icon={<TranslationOutlined />}
        onClick={() => setLocale(next)}
        data-testid="lang-switch"
        aria-label={t('lang.tooltip')}
        lang={next}
      >
        {next === 'en-US' ? 'English' : '中文'}
      </Button>
    </Tooltip>
  );
}
