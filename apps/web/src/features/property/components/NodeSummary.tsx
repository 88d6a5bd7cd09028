import { useState, type ReactNode } from 'react';
import { Breadcrumb, Button, Card, Flex, Statistic, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Project, TreeBuilding, Unit } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { nodeKey, type PropertyNode } from '../tree.ts';
import { BuildingModal, ProjectModal, UnitModal } from './RegistryModals.tsx';

interface Props {
  node: PropertyNode;
  project: Project;
  building?: TreeBuilding;
  unit?: Unit;
  canManage: boolean;
  /** A unit was added under the chosen building: open it. */
  onUnitCreated: (key: string) => void;
}

type Dialog =
  | { kind: 'project' }
  | { kind: 'building'; building?: TreeBuilding }
  | { kind: 'unit'; building: TreeBuilding; unit?: Unit }
  | null;

/** Where the chosen node sits, its counts, and the edits that belong to it. */
export function NodeSummary({ node, project, building, unit, canManage, onUnitCreated }: Props) {
  const t = useT();
  const labels = useLabels();
  const [dialog, setDialog] = useState<Dialog>(null);

  const crumbs = [{ title: project.name }];
  if (building) crumbs.push({ title: building.name });
  if (unit) crumbs.push({ title: unit.name });

  const actions: ReactNode[] = [];
  if (canManage) {
    if (node.ref.kind === 'project') {
      actions.push(
        <Button
          key="edit"
          icon={<EditOutlined />}
          onClick={() => setDialog({ kind: 'project' })}
          data-testid="project-edit"
        >
          {t('project.edit')}
        </Button>,
        <Button
          key="add"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'building' })}
          data-testid="building-create"
        >
          {t('building.add')}
        </Button>,
      );
    }
    if (node.ref.kind === 'building' && building) {
      actions.push(
        <Button
          key="edit"
          icon={<EditOutlined />}
          onClick={() => setDialog({ kind: 'building', building })}
          data-testid="building-rename"
        >
          {t('building.rename')}
        </Button>,
        <Button
          key="add"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'unit', building })}
          data-testid="unit-create"
        >
          {t('unit.add')}
        </Button>,
      );
    }
    if (node.ref.kind === 'unit' && building && unit) {
      actions.push(
        <Button
          key="edit"
          icon={<EditOutlined />}
          onClick={() => setDialog({ kind: 'unit', building, unit })}
          data-testid="unit-rename"
        >
          {t('unit.rename')}
        </Button>,
      );
    }
  }

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          {crumbs.length > 1 ? <Breadcrumb items={crumbs.slice(0, -1)} /> : null}
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="property-node-title">
              {node.name}
            </Typography.Title>
            {node.ref.kind === 'project' ? (
              <>
                <Tag style={{ marginInlineEnd: 0 }}>{labels.projectType(project.type)}</Tag>
                <Typography.Text type="secondary" code>
                  {project.code}
                </Typography.Text>
                {project.address ? (
                  <Typography.Text type="secondary">{project.address}</Typography.Text>
                ) : null}
              </>
            ) : null}
            {building && !unit ? (
              <Typography.Text type="secondary" code>
                {building.code}
              </Typography.Text>
            ) : null}
            {unit ? (
              <Typography.Text type="secondary" code>
                {unit.code}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
        <Flex gap={24} align="center" wrap>
          <NodeCounts node={node} />
          {actions.length ? <Flex gap={8}>{actions}</Flex> : null}
        </Flex>
      </Flex>
      {canManage ? (
        <>
          <ProjectModal
            project={dialog?.kind === 'project' ? project : null}
            onClose={() => setDialog(null)}
          />
          <BuildingModal
            open={dialog?.kind === 'building'}
            projectId={project.id}
            building={dialog?.kind === 'building' ? dialog.building : undefined}
            onClose={() => setDialog(null)}
          />
          <UnitModal
            building={dialog?.kind === 'unit' ? dialog.building : null}
            unit={dialog?.kind === 'unit' ? dialog.unit : undefined}
            onClose={() => setDialog(null)}
            onCreated={(created) =>
              onUnitCreated(
                nodeKey({
                  kind: 'unit',
                  projectId: project.id,
                  buildingId: created.buildingId,
                  unitId: created.id,
                }),
              )
            }
          />
        </>
      ) : null}
    </Card>
  );
}

function NodeCounts({ node }: { node: PropertyNode }) {
  const t = useT();
  const stats: { key: string; title: string; value: number }[] = [];
  if (node.ref.kind === 'project' && node.buildingCount !== undefined)
    stats.push({ key: 'buildings', title: t('property.stat.buildings'), value: node.buildingCount });
  if (node.houseCount !== null)
    stats.push({ key: 'houses', title: t('property.stat.houses'), value: node.houseCount });
  if (node.customerCount !== undefined)
    stats.push({ key: 'customers', title: t('property.stat.customers'), value: node.customerCount });
  if (node.areaCount !== undefined)
    stats.push({ key: 'areas', title: t('property.stat.areas'), value: node.areaCount });
  return (
    <Flex gap={24}>
      {stats.map((s) => (
        <Statistic
          key={s.key}
          title={s.title}
          value={s.value}
          styles={{ content: { fontSize: 18 } }}
          data-testid={`property-stat-${s.key}`}
        />
      ))}
    </Flex>
  );
}
