import { Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import type { TFunction } from '../../../app/i18n/types.ts';
import { durationParts, minutesUntil } from '../format.ts';

export function spanText(minutes: number, t: TFunction): string {
  const { unit, value, rest } = durationParts(minutes);
  if (unit === 'hours' && rest > 0) return t('duration.hoursMinutes', { hours: value, minutes: rest });
  return t(`duration.${unit}`, { count: value });
}

/** A deadline as time left ("剩 25分钟") or overdue in red ("超时 10分钟"), the exact time on hover. */
export function DueText({ at, now }: { at: string | null; now: Dayjs }) {
  const t = useT();
  if (!at) return <Typography.Text type="secondary">—</Typography.Text>;
  const minutes = minutesUntil(at, now.toDate());
  const overdue = minutes < 0;
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography.Text
        type={overdue ? 'danger' : minutes <= 30 ? 'warning' : undefined}
        strong={overdue}
        style={{ whiteSpace: 'nowrap' }}
      >
        {overdue
          ? t('due.over', { span: spanText(minutes, t) })
          : t('due.left', { span: spanText(minutes, t) })}
      </Typography.Text>
    </Tooltip>
  );
}
