import type { Skill, Urgency } from '@steward/contracts/catalogues';

/** A category as the tree rules see it. */
export interface CategoryNode {
  id: string;
  parentId: string | null;
  name: string;
  departmentId: string | null;
  skill: Skill | null;
  defaultUrgency: Urgency;
  active: boolean;
}

export interface ResolvedCategory {
  id: string;
  /** Names from the top-level category down to this one: ['水电', '水管爆裂/跑水']. */
  path: string[];
  /** Ids from this category up to the top-level one (time standards match the nearest). */
  chainIds: string[];
  departmentId: string | null;
  skill: Skill | null;
  defaultUrgency: Urgency;
  /** False when the category or any category above it is deactivated: nobody picks it at intake. */
  active: boolean;
}

/**
 * Resolves a category from its chain (the category first, then its parent, up to the top): the
 * department and the trade come from the nearest category that names them, so a subcategory only
 * states what differs from its parent. The urgency is the category's own.
 */
export function resolveChain(chain: readonly CategoryNode[]): ResolvedCategory {
  const self = chain[0];
  if (!self) throw new Error('resolveChain needs at least the category itself');
  return {
    id: self.id,
    path: chain.map((c) => c.name).reverse(),
    chainIds: chain.map((c) => c.id),
    departmentId: chain.find((c) => c.departmentId !== null)?.departmentId ?? null,
    skill: chain.find((c) => c.skill !== null)?.skill ?? null,
    defaultUrgency: self.defaultUrgency,
    active: chain.every((c) => c.active),
  };
}

/**
 * Whether putting `categoryId` under the parent whose chain (the parent first, up to the top) is
 * given would make the category its own ancestor.
 */
export function createsCycle(categoryId: string, parentChain: readonly { id: string }[]): boolean {
  return parentChain.some((c) => c.id === categoryId);
}
