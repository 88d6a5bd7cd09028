import { Tag, Tooltip, Typography } from 'antd';
import type { DataScope, Project } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

interface Props {
  scope: DataScope;
  projects: Map<string, Project>;
}

/** One cell's worth of a user's data scope: all / one project (and its buildings) / N projects. */
export function ScopeSummary({ scope, projects }: Props) {
  const t = useT();
  if (scope.all) return <Tag color="blue">{t('scope.all')}</Tag>;
  if (scope.projects.length === 0)
    return <Typography.Text type="secondary">{t('scope.none')}</Typography.Text>;
  const lines = scope.projects.map((entry) => {
    const name = projects.get(entry.projectId)?.name ?? t('scope.unknownProject');
    const part =
      entry.buildingIds.length === 0
        ? t('scope.wholeProject')
        : t('scope.buildingCount', { count: entry.buildingIds.length });
    return `${name} · ${part}`;
  });
  if (lines.length === 1) return <span>{lines[0]}</span>;
  return (
    <Tooltip
      title={lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    >
      <span>{t('scope.projectCount', { count: lines.length })}</span>
    </Tooltip>
  );
}
