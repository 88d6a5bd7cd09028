import { ClockCircleOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { formatDuration, timeLeft } from './timeLeft.ts';

/** "剩 1小时20分" in grey, orange in the last hour, red once overdue. */
export function DueText({ dueAt, now }: { dueAt: string | null; now: number }) {
  const t = useT();
  const left = timeLeft(dueAt, now);
  if (!left) return <span className="fld-muted">{t('field.due.none')}</span>;
  const time = formatDuration(left.minutes, t);
  const className = left.overdue ? 'fld-due fld-due-overdue' : left.soon ? 'fld-due fld-due-soon' : 'fld-due';
  return (
    <span className={className} data-testid="job-due">
      <ClockCircleOutlined style={{ marginRight: 4 }} />
      {left.overdue ? t('field.due.overdue', { time }) : t('field.due.left', { time })}
    </span>
  );
}
