import { Tag } from 'antd';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return (
    <Tag color={active ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {active ? t('sdCommon.active') : t('sdCommon.inactive')}
    </Tag>
  );
}
