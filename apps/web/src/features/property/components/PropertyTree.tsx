import { Skeleton, Tree, Typography, type TreeDataNode } from 'antd';
import { ApartmentOutlined, BlockOutlined, HomeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { projectTreeQuery } from '../hooks.ts';
import type { PropertyNode } from '../tree.ts';

interface Props {
  nodes: PropertyNode[];
  loading: boolean;
  selectedKey: string | undefined;
  expandedKeys: string[];
  onSelect: (key: string) => void;
  onExpand: (keys: string[]) => void;
}

type Node = TreeDataNode & { node: PropertyNode };

const ICONS = {
  project: <ApartmentOutlined />,
  building: <BlockOutlined />,
  unit: <HomeOutlined />,
};

/** "3栋 · 248户": the name, then how many houses it holds (buildings before a project's tree loads). */
function NodeTitle({ node }: { node: PropertyNode }) {
  const t = useT();
  let count: string;
  if (node.houseCount !== null) count = t('property.houseCount', { count: node.houseCount });
  else count = t('property.buildingCount', { count: node.buildingCount ?? 0 });
  return (
    <span data-testid={`tree-${node.ref.kind}`} data-name={node.name}>
      {node.name}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' · '}
        {count}
      </Typography.Text>
    </span>
  );
}

function toData(nodes: PropertyNode[]): Node[] {
  return nodes.map((node) => ({
    key: node.key,
    node,
    icon: ICONS[node.ref.kind],
    isLeaf: node.isLeaf,
    children: node.children ? toData(node.children) : undefined,
  }));
}

/** Project → building → unit, with counts beside each node; a project's tree is read when it opens. */
export function PropertyTree({ nodes, loading, selectedKey, expandedKeys, onSelect, onExpand }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} title={false} />;
  if (nodes.length === 0) {
    return (
      <Typography.Text type="secondary" style={{ display: 'block', padding: 12 }}>
        {t('project.empty')}
      </Typography.Text>
    );
  }
  return (
    <Tree<Node>
      showIcon
      blockNode
      treeData={toData(nodes)}
      selectedKeys={selectedKey ? [selectedKey] : []}
      expandedKeys={expandedKeys}
      onExpand={(keys) => onExpand(keys.map(String))}
      onSelect={(keys, info) => {
        // Clicking the chosen node again keeps it chosen (antd would clear the selection).
        onSelect(String(keys[0] ?? info.node.key));
      }}
      loadData={async ({ node }) => {
        if (node.ref.kind === 'project') await queryClient.fetchQuery(projectTreeQuery(node.ref.projectId));
      }}
      titleRender={(data) => <NodeTitle node={data.node} />}
      data-testid="property-tree"
    />
  );
}
