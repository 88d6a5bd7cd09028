import { Button, Flex, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { Project } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useAllProjects, useBuildings } from '../../projects/hooks.ts';
import type { ProjectDuties } from '../duties.ts';

interface Props {
  value?: ProjectDuties[];
  onChange?: (value: ProjectDuties[]) => void;
}

function ProjectRow({
  index,
  entry,
  project,
  onChange,
  onRemove,
}: {
  index: number;
  entry: ProjectDuties;
  project: Project | undefined;
  onChange: (entry: ProjectDuties) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const buildings = useBuildings(entry.projectId);
  const options = (buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }));
  const picker = (duty: 'butler' | 'technician') => (
    <Select
      mode="multiple"
      allowClear
      style={{ flex: 1, minWidth: 0 }}
      placeholder={t('sdStaff.pickBuildings')}
      loading={buildings.isPending}
      value={entry[duty]}
      onChange={(ids: string[]) => onChange({ ...entry, [duty]: ids })}
      options={options}
      optionFilterProp="label"
      maxTagCount="responsive"
      data-testid={`duty-${duty}-${index}`}
    />
  );
  return (
    <Flex
      vertical
      gap={6}
      style={{ padding: '8px 10px', border: '1px solid #eef0f3', borderRadius: 6 }}
      data-testid="duty-project-row"
    >
      <Flex justify="space-between" align="center">
        <Typography.Text strong ellipsis>
          {project?.name ?? t('scope.unknownProject')}
        </Typography.Text>
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('common.remove')}
        />
      </Flex>
      <Flex align="center" gap={8}>
        <Typography.Text type="secondary" style={{ width: 96, flex: 'none' }}>
          {t('sdStaff.butlerOf')}
        </Typography.Text>
        {picker('butler')}
      </Flex>
      <Flex align="center" gap={8}>
        <Typography.Text type="secondary" style={{ width: 96, flex: 'none' }}>
          {t('sdStaff.technicianOf')}
        </Typography.Text>
        {picker('technician')}
      </Flex>
    </Flex>
  );
}

/** A person's building duties, project by project: the buildings they are butler of and technician of. */
export function DutiesEditor({ value = [], onChange }: Props) {
  const t = useT();
  const projects = useAllProjects();
  const chosen = new Set(value.map((p) => p.projectId));
  const available = (projects.data ?? []).filter((p) => !chosen.has(p.id));

  return (
    <Flex vertical gap={8}>
      {value.map((entry, index) => (
        <ProjectRow
          key={entry.projectId}
          index={index}
          entry={entry}
          project={projects.byId.get(entry.projectId)}
          onChange={(next) => onChange?.(value.map((p, i) => (i === index ? next : p)))}
          onRemove={() => onChange?.(value.filter((_, i) => i !== index))}
        />
      ))}
      <Select
        placeholder={t('sdStaff.addProject')}
        value={null}
        loading={projects.isPending}
        options={available.map((p) => ({ value: p.id, label: `${p.name} · ${p.code}` }))}
        onChange={(projectId: string | null) => {
          if (projectId) onChange?.([...value, { projectId, butler: [], technician: [] }]);
        }}
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent={t('scope.noMoreProjects')}
        data-testid="duty-add-project"
      />
    </Flex>
  );
}
