import type { Project, ProjectTree, TreeBuilding, Unit } from '@steward/contracts';

/** What a node of the property tree stands for; the houses pane lists the houses under it. */
export type NodeRef =
  | { kind: 'project'; projectId: string }
  | { kind: 'building'; projectId: string; buildingId: string }
  | { kind: 'unit'; projectId: string; buildingId: string; unitId: string };

export interface PropertyNode {
  key: string;
  ref: NodeRef;
  name: string;
  /** Houses under the node; null for a project whose tree is not loaded yet. */
  houseCount: number | null;
  /** Buildings of a project (known before its tree is loaded). */
  buildingCount?: number;
  customerCount?: number;
  areaCount?: number;
  isLeaf: boolean;
  children?: PropertyNode[];
}

export function nodeKey(ref: NodeRef): string {
  if (ref.kind === 'project') return `project:${ref.projectId}`;
  if (ref.kind === 'building') return `building:${ref.buildingId}`;
  return `unit:${ref.unitId}`;
}

/** Codes such as 2, 10, 2A sort as people count them (2 before 10). */
const naturalOrder = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
const byCode = <T extends { code: string }>(a: T, b: T) => naturalOrder.compare(a.code, b.code);

function unitNode(projectId: string, building: TreeBuilding, unit: Unit): PropertyNode {
  const ref: NodeRef = { kind: 'unit', projectId, buildingId: building.id, unitId: unit.id };
  return { key: nodeKey(ref), ref, name: unit.name, houseCount: unit.houseCount, isLeaf: true };
}

function buildingNode(projectId: string, building: TreeBuilding): PropertyNode {
  const ref: NodeRef = { kind: 'building', projectId, buildingId: building.id };
  const units = [...building.units].sort(byCode);
  return {
    key: nodeKey(ref),
    ref,
    name: building.name,
    houseCount: building.houseCount,
    customerCount: building.customerCount,
    areaCount: building.areaCount,
    isLeaf: units.length === 0,
    children: units.length ? units.map((unit) => unitNode(projectId, building, unit)) : undefined,
  };
}

/**
 * The tree of the property page: projects at the top; a project's buildings and units once its
 * tree has been loaded (`trees`), so a large organisation's tree is read one project at a time.
 */
export function buildPropertyTree(
  projects: readonly Project[],
  trees: ReadonlyMap<string, ProjectTree>,
): PropertyNode[] {
  return projects.map((project) => {
    const ref: NodeRef = { kind: 'project', projectId: project.id };
    const tree = trees.get(project.id);
    if (!tree) {
      return {
        key: nodeKey(ref),
        ref,
        name: project.name,
        houseCount: null,
        buildingCount: project.buildingCount,
        isLeaf: project.buildingCount === 0,
      };
    }
    const buildings = [...tree.buildings].sort(byCode);
    return {
      key: nodeKey(ref),
      ref,
      name: project.name,
      houseCount: tree.houseCount,
      buildingCount: buildings.length,
      customerCount: tree.customerCount,
      areaCount: tree.areaCount,
      isLeaf: buildings.length === 0,
      children: buildings.map((building) => buildingNode(project.id, building)),
    };
  });
}

/** Finds a node by key anywhere in the tree. */
export function findNode(nodes: readonly PropertyNode[], key: string): PropertyNode | undefined {
  for (const node of nodes) {
    if (node.key === key) return node;
    const found = node.children ? findNode(node.children, key) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The house and area list filters for a node: the narrowest id it names. */
export function nodeFilter(ref: NodeRef): { projectId?: string; buildingId?: string; unitId?: string } {
  if (ref.kind === 'unit') return { unitId: ref.unitId };
  if (ref.kind === 'building') return { buildingId: ref.buildingId };
  return { projectId: ref.projectId };
}

/** The building and unit records behind a node, for its edit dialogs. */
export function locate(
  tree: ProjectTree | undefined,
  ref: NodeRef,
): { building?: TreeBuilding; unit?: Unit } {
  if (!tree || ref.kind === 'project') return {};
  const building = tree.buildings.find((b) => b.id === ref.buildingId);
  const unit = ref.kind === 'unit' ? building?.units.find((u) => u.id === ref.unitId) : undefined;
  return { building, unit };
}
