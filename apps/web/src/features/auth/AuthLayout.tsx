import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { BrandMark } from '../../app/components/Brand.tsx';
import { LanguageSwitch } from '../../app/components/LanguageSwitch.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';

interface Props {
  title: ReactNode;
  description?: ReactNode;
  width?: number;
  children: ReactNode;
}

/** The frame of the pages shown before the console: sign-in, first-run setup, forced password change. */
export function AuthLayout({ title, description, width = 400, children }: Props) {
  const t = useT();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #eef4ff 0%, #f7f9fc 45%, #f5f7fa 100%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 24px' }}>
        <Flex align="center" gap={10}>
          <BrandMark size={28} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <LanguageSwitch type="default" />
      </Flex>
      <Flex flex={1} justify="center" align="center" style={{ padding: '24px 16px 64px' }}>
        <div style={{ width: '100%', maxWidth: width }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <Typography.Title level={3} style={{ marginBottom: 8 }}>
              {title}
            </Typography.Title>
            {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
          </div>
          <Card variant="borderless" style={{ boxShadow: '0 8px 24px rgba(16, 24, 40, 0.08)' }}>
            {children}
          </Card>
        </div>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', padding: '0 16px 20px', fontSize: 12 }}>
        {t('app.footer')}
      </Typography.Text>
    </div>
  );
}
