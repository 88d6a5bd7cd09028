import { Button, Flex, Select, Switch, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { DataScope, Project, ProjectScope } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useAllProjects, useBuildings } from '../../projects/hooks.ts';

interface Props {
  value?: DataScope;
  onChange?: (value: DataScope) => void;
}

const EMPTY: DataScope = { all: false, projects: [] };

function ProjectRow({
  entry,
  project,
  onChange,
  onRemove,
}: {
  entry: ProjectScope;
  project: Project | undefined;
  onChange: (entry: ProjectScope) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const buildings = useBuildings(entry.projectId);
  return (
    <Flex
      gap={8}
      align="center"
      style={{ padding: '8px 10px', border: '1px solid #eef0f3', borderRadius: 6 }}
      data-testid="scope-project-row"
    >
      <Typography.Text strong style={{ width: 140, flex: 'none' }} ellipsis>
        {project?.name ?? t('scope.unknownProject')}
      </Typography.Text>
      <Select
        mode="multiple"
        allowClear
        style={{ flex: 1, minWidth: 0 }}
        placeholder={t('scope.wholeProjectPlaceholder')}
        loading={buildings.isPending}
        value={entry.buildingIds}
        onChange={(buildingIds: string[]) => onChange({ ...entry, buildingIds })}
        options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        optionFilterProp="label"
        maxTagCount="responsive"
      />
      <Button type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.remove')} />
    </Flex>
  );
}

/** The data scope of a user: every project, or chosen projects, each optionally narrowed to buildings. */
export function ScopeEditor({ value = EMPTY, onChange }: Props) {
  const t = useT();
  const projects = useAllProjects();
  const chosen = new Set(value.projects.map((p) => p.projectId));
  const available = (projects.data ?? []).filter((p) => !chosen.has(p.id));

  const setProjects = (next: ProjectScope[]) => onChange?.({ ...value, projects: next });

  return (
    <Flex vertical gap={8}>
      <Flex align="center" gap={8}>
        <Switch
          checked={value.all}
          onChange={(all) => onChange?.({ ...value, all })}
          data-testid="scope-all"
          aria-label={t('scope.allSwitch')}
        />
        <Typography.Text>{t('scope.allSwitch')}</Typography.Text>
      </Flex>
      {value.all ? (
        <Typography.Text type="secondary">{t('scope.allHelp')}</Typography.Text>
      ) : (
        <>
          {value.projects.map((entry, index) => (
            <ProjectRow
              key={entry.projectId}
              entry={entry}
              project={projects.byId.get(entry.projectId)}
              onChange={(next) => setProjects(value.projects.map((p, i) => (i === index ? next : p)))}
              onRemove={() => setProjects(value.projects.filter((_, i) => i !== index))}
            />
          ))}
          <Select
            placeholder={t('scope.addProject')}
            value={null}
            loading={projects.isPending}
            options={available.map((p) => ({ value: p.id, label: `${p.name} · ${p.code}` }))}
            onChange={(projectId: string | null) => {
              if (projectId) setProjects([...value.projects, { projectId, buildingIds: [] }]);
            }}
            showSearch
            optionFilterProp="label"
            data-testid="scope-add-project"
            notFoundContent={t('scope.noMoreProjects')}
          />
          {value.projects.length === 0 ? (
            <Typography.Text type="warning">{t('scope.emptyWarning')}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('scope.buildingsHelp')}</Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}
