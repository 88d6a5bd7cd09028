import { describe, expect, it } from 'vitest';
import type { Category } from '@steward/contracts';
import {
  buildCategoryTree,
  categoryPath,
  effectiveDepartmentId,
  moveWithinSiblings,
  nextSortOrder,
  parentKeys,
} from './categoryTree.ts';

const category = (id: string, parentId: string | null, sortOrder: number, more: Partial<Category> = {}) =>
  ({
    id,
    parentId,
    code: id.toUpperCase(),
    name: id,
    nameEn: null,
    departmentId: null,
    skill: null,
    defaultUrgency: 'general',
    active: true,
    sortOrder,
    ...more,
  }) satisfies Category;

const water = category('water', null, 10, { departmentId: 'eng', name: '水电' });
const leak = category('leak', 'water', 20, { name: '漏水渗水' });
const burst = category('burst', 'water', 10, { departmentId: 'sec' });
const noise = category('noise', null, 5);
const orphan = category('orphan', 'gone', 1);
const all = [water, leak, burst, noise, orphan];
const byId = new Map(all.map((c) => [c.id, c]));

describe('buildCategoryTree', () => {
  it('nests children under parents in sort order; orphans stand at the top', () => {
    const tree = buildCategoryTree(all);
    expect(tree.map((n) => n.id)).toEqual(['orphan', 'noise', 'water']);
    expect(tree[2]!.children?.map((n) => [n.id, n.depth])).toEqual([
      ['burst', 1],
      ['leak', 1],
    ]);
    expect(tree[1]!.children).toBeUndefined();
    expect(parentKeys(tree)).toEqual(['water']);
  });

  it('survives a cycle in bad data', () => {
    const a = category('a', 'b', 1);
    const b = category('b', 'a', 2);
    expect(() => buildCategoryTree([a, b])).not.toThrow();
  });
});

describe('departments and paths', () => {
  it('inherit the department from the nearest ancestor that has one', () => {
    expect(effectiveDepartmentId(leak, byId)).toBe('eng');
    expect(effectiveDepartmentId(burst, byId)).toBe('sec');
    expect(effectiveDepartmentId(noise, byId)).toBeNull();
  });

  it('name the path from the top', () => {
    expect(categoryPath(leak, byId, (c) => c.name)).toBe('水电 / 漏水渗水');
  });
});

describe('sort order', () => {
  it('puts a new child after the last sibling', () => {
    expect(nextSortOrder([leak, burst])).toBe(30);
    expect(nextSortOrder([])).toBe(10);
  });

  it('moves by renumbering the siblings, sending only what changed', () => {
    expect(moveWithinSiblings([leak, burst], 'leak', 'up')).toEqual([
      { id: 'leak', sortOrder: 10 },
      { id: 'burst', sortOrder: 20 },
    ]);
    expect(moveWithinSiblings([leak, burst], 'burst', 'up')).toEqual([]);
    expect(moveWithinSiblings([leak, burst], 'leak', 'down')).toEqual([]);
  });

  it('can move between siblings that share an order', () => {
    const x = category('x', null, 0);
    const y = category('y', null, 0);
    const z = category('z', null, 0);
    expect(moveWithinSiblings([x, y, z], 'z', 'up')).toEqual([
      { id: 'x', sortOrder: 10 },
      { id: 'z', sortOrder: 20 },
      { id: 'y', sortOrder: 30 },
    ]);
  });
});
