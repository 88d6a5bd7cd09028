import { useMemo, useState } from 'react';
import { Button, Card, Flex, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { CreateProjectModal } from '../projects/components/CreateProjectModal.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import { AreasTab } from './components/AreasTab.tsx';
import { HousesTab } from './components/HousesTab.tsx';
import { NodeSummary } from './components/NodeSummary.tsx';
import { PropertyTree } from './components/PropertyTree.tsx';
import { useProjectTrees } from './hooks.ts';
import { buildPropertyTree, findNode, locate, nodeKey } from './tree.ts';

/**
 * The property archive: projects → buildings → units on the left (each project's tree read when it
 * is opened), the houses and public areas of the chosen node on the right.
 */
export function PropertyPage() {
  const t = useT();
  const can = usePermission();
  const canManage = can('projects.manage');
  const projects = useAllProjects();
  const [selectedKey, setSelectedKey] = useState<string>();
  const [expandedKeys, setExpandedKeys] = useState<string[]>();
  const [tab, setTab] = useState('houses');
  const [creatingProject, setCreatingProject] = useState(false);

  // Until someone picks a node, the first project is open and chosen.
  const first = projects.data?.[0];
  const firstKey = first ? nodeKey({ kind: 'project', projectId: first.id }) : undefined;
  const expanded = useMemo(() => expandedKeys ?? (firstKey ? [firstKey] : []), [expandedKeys, firstKey]);

  const openProjectIds = useMemo(
    () =>
      (projects.data ?? [])
        .filter((p) => {
          const key = nodeKey({ kind: 'project', projectId: p.id });
          return expanded.includes(key) || key === (selectedKey ?? firstKey);
        })
        .map((p) => p.id),
    [projects.data, expanded, selectedKey, firstKey],
  );
  const trees = useProjectTrees(openProjectIds);
  const nodes = useMemo(
    () => buildPropertyTree(projects.data ?? [], trees.trees),
    [projects.data, trees.trees],
  );
  const selected = findNode(nodes, selectedKey ?? firstKey ?? '');
  const project = selected ? projects.byId.get(selected.ref.projectId) : undefined;
  const tree = selected ? trees.trees.get(selected.ref.projectId) : undefined;
  const { building, unit } = selected ? locate(tree, selected.ref) : {};

  return (
    <>
      <PageHeader
        title={t('menu.property')}
        description={t('property.pageDescription')}
        extra={
          canManage ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setCreatingProject(true)}
              data-testid="project-create"
            >
              {t('project.create')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      <Flex gap={16} align="flex-start">
        <Card
          size="small"
          title={t('property.treeTitle')}
          style={{ width: 270, flex: 'none', position: 'sticky', top: 76 }}
          styles={{ body: { padding: 8, maxHeight: 'calc(100vh - 160px)', overflow: 'auto' } }}
        >
          <ErrorAlert error={trees.error} onRetry={trees.refetch} />
          <PropertyTree
            nodes={nodes}
            loading={projects.isPending}
            selectedKey={selected?.key}
            expandedKeys={expanded}
            onSelect={(key) => {
              setSelectedKey(key);
              // Choosing a closed node opens it too: one click to see a project's buildings.
              if (!expanded.includes(key)) setExpandedKeys([...expanded, key]);
            }}
            onExpand={setExpandedKeys}
          />
        </Card>
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
          {selected && project ? (
            <>
              <NodeSummary
                node={selected}
                project={project}
                building={building}
                unit={unit}
                canManage={canManage}
                onUnitCreated={(key) => {
                  setExpandedKeys([...new Set([...expanded, selected.key])]);
                  setSelectedKey(key);
                }}
              />
              <Card size="small" styles={{ body: { paddingTop: 0 } }}>
                <Tabs
                  activeKey={tab}
                  onChange={setTab}
                  items={[
                    {
                      key: 'houses',
                      label: <span data-testid="property-tab-houses">{t('house.tab')}</span>,
                      children: (
                        <HousesTab node={selected} project={project} tree={tree} canManage={canManage} />
                      ),
                    },
                    {
                      key: 'areas',
                      label: <span data-testid="property-tab-areas">{t('area.tab')}</span>,
                      children: (
                        <AreasTab node={selected} project={project} tree={tree} canManage={canManage} />
                      ),
                    },
                  ]}
                />
              </Card>
            </>
          ) : (
            <Card size="small">
              <EmptyProperty loading={projects.isPending} />
            </Card>
          )}
        </Flex>
      </Flex>
      {canManage ? (
        <CreateProjectModal
          open={creatingProject}
          onClose={() => setCreatingProject(false)}
          onCreated={(created) => {
            const key = nodeKey({ kind: 'project', projectId: created.id });
            setSelectedKey(key);
            setExpandedKeys([...new Set([...expanded, key])]);
          }}
        />
      ) : null}
    </>
  );
}

function EmptyProperty({ loading }: { loading: boolean }) {
  const t = useT();
  if (loading) return null;
  return (
    <Flex vertical align="center" gap={4} style={{ padding: '48px 0', color: 'rgba(0,0,0,0.45)' }}>
      {t('property.nothingSelected')}
    </Flex>
  );
}
