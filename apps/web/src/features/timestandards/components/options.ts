import type { Category } from '@steward/contracts';
import type { CategoryNode } from '../../servicedesk/categoryTree.ts';

export interface CategoryOption {
  value: string;
  title: string;
  children?: CategoryOption[];
}

/** The category tree as tree-select options, in the UI language; a policy may name any level. */
export function categoryOptions(
  nodes: readonly CategoryNode[],
  name: (c: Category) => string,
): CategoryOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: name(n),
    children: n.children ? categoryOptions(n.children, name) : undefined,
  }));
}
