import { Space, Spin, Tag, Typography } from 'antd';
import type { DataScope, ProjectScope } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../../app/session.tsx';
import { useAllProjects, useBuildings } from '../../projects/hooks.ts';

function ProjectLine({ entry, name }: { entry: ProjectScope; name: string | undefined }) {
  const t = useT();
  // Buildings are read within the caller's own scope, so a butler sees exactly their patch.
  const buildings = useBuildings(entry.buildingIds.length > 0 ? entry.projectId : undefined);
  const names = entry.buildingIds.map((id) => buildings.data?.find((b) => b.id === id)?.name).filter(Boolean);
  return (
    <div>
      <Typography.Text strong>{name ?? t('scope.unknownProject')}</Typography.Text>
      <Typography.Text type="secondary">
        {' · '}
        {entry.buildingIds.length === 0
          ? t('scope.wholeProject')
          : names.length === entry.buildingIds.length
            ? names.join(t('common.listSeparator'))
            : t('scope.buildingCount', { count: entry.buildingIds.length })}
      </Typography.Text>
    </div>
  );
}

/** The signed-in user's data scope in words: all projects, or which projects and buildings. */
export function ScopeDescription({ scope }: { scope: DataScope }) {
  const t = useT();
  const can = usePermission();
  const canReadProjects = can('projects.read');
  const projects = useAllProjects(canReadProjects && !scope.all && scope.projects.length > 0);

  if (scope.all) return <Tag color="blue">{t('scope.all')}</Tag>;
  if (scope.projects.length === 0)
    return <Typography.Text type="secondary">{t('scope.none')}</Typography.Text>;
  if (!canReadProjects) return <span>{t('scope.projectCount', { count: scope.projects.length })}</span>;
  if (projects.isPending) return <Spin size="small" />;
  return (
    <Space orientation="vertical" size={2}>
      {scope.projects.map((entry) => (
        <ProjectLine key={entry.projectId} entry={entry} name={projects.byId.get(entry.projectId)?.name} />
      ))}
    </Space>
  );
}
