import type { Category } from '@steward/contracts';

/** A category with its children, for the tree table (antd reads `children`). */
export interface CategoryNode extends Category {
  children?: CategoryNode[];
  depth: number;
}

const bySortOrder = (a: Category, b: Category) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/** The flat list as a tree in sort order; a category whose parent is missing stands at the top. */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const childrenOf = new Map<string | null, Category[]>();
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), c]);
  }
  const build = (parent: string | null, depth: number, seen: Set<string>): CategoryNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort(bySortOrder)
      .map((c) => {
        const children = build(c.id, depth + 1, new Set([...seen, c.id]));
        return { ...c, depth, ...(children.length > 0 ? { children } : {}) };
      });
  return build(null, 0, new Set());
}

/** The keys of every node with children: the tree opens fully by default. */
export function parentKeys(nodes: readonly CategoryNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.id, ...parentKeys(n.children)] : []));
}

/** The department a category's records go to: its own, else the nearest ancestor's. */
export function effectiveDepartmentId(
  category: Category,
  byId: ReadonlyMap<string, Category>,
): string | null {
  let current: Category | undefined = category;
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    if (current.departmentId) return current.departmentId;
    seen.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return null;
}

/** "水电 / 漏水渗水": the category's path from the top, in the given language's names. */
export function categoryPath(
  category: Category,
  byId: ReadonlyMap<string, Category>,
  name: (c: Category) => string,
): string {
  const names: string[] = [];
  let current: Category | undefined = category;
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    names.unshift(name(current));
    seen.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' / ');
}

/** The sort order a new child gets: after its last sibling, leaving room to slot others between. */
export function nextSortOrder(siblings: readonly Category[]): number {
  return siblings.reduce((max, c) => Math.max(max, c.sortOrder), 0) + 10;
}

/**
 * Moving a category one place up or down among its siblings: the sort orders to send. Siblings are
 * renumbered 10, 20, 30… so equal orders (or gaps) cannot make the move a no-op; only categories
 * whose order changes are listed. Empty when the move is impossible (already first or last).
 */
export function moveWithinSiblings(
  siblings: readonly Category[],
  id: string,
  direction: 'up' | 'down',
): { id: string; sortOrder: number }[] {
  const ordered = [...siblings].sort(bySortOrder);
  const from = ordered.findIndex((c) => c.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ordered.length) return [];
  [ordered[from], ordered[to]] = [ordered[to]!, ordered[from]!];
  return ordered
    .map((c, i) => ({ id: c.id, sortOrder: (i + 1) * 10, before: c.sortOrder }))
    .filter((c) => c.sortOrder !== c.before)
    .map(({ id: changed, sortOrder }) => ({ id: changed, sortOrder }));
}
