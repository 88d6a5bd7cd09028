import { Flex, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider.tsx';

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <div
      aria-hidden
      style={{
        width: size,
        height: size,
        borderRadius: size / 4.5,
        background: 'linear-gradient(135deg, #155eef 0%, #0ba5ec 100%)',
        color: '#fff',
        display: 'grid',
        placeItems: 'center',
        fontWeight: 700,
        fontSize: size * 0.55,
        flex: 'none',
      }}
    >
      S
    </div>
  );
}

/** Product mark at the top of the menu. */
export function Brand({ collapsed }: { collapsed: boolean }) {
  const t = useT();
  return (
    <Flex
      align="center"
      gap={10}
      style={{ height: 56, padding: collapsed ? '0 24px' : '0 20px', borderBottom: '1px solid #eef0f3' }}
    >
      <BrandMark />
      {collapsed ? null : (
        <div style={{ lineHeight: 1.2, minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
            Steward
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {t('app.subtitle')}
          </Typography.Text>
        </div>
      )}
    </Flex>
  );
}
