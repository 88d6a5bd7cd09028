import { describe, expect, it } from 'vitest';
import { createsCycle, resolveChain, type CategoryNode } from './category-tree.ts';

const node = (id: string, over: Partial<CategoryNode> = {}): CategoryNode => ({
  id,
  parentId: null,
  name: id,
  departmentId: null,
  skill: null,
  defaultUrgency: 'general',
  active: true,
  ...over,
});

describe('category inheritance', () => {
  it('takes department and skill from the nearest category that has them, each on its own', () => {
    const leaf = node('leaf', { parentId: 'mid', defaultUrgency: 'emergency' });
    const mid = node('mid', { parentId: 'top', skill: 'plumbing' });
    const top = node('top', { departmentId: 'ENG', skill: 'electrical' });
    expect(resolveChain([leaf, mid, top])).toEqual({
      id: 'leaf',
      path: ['top', 'mid', 'leaf'],
      chainIds: ['leaf', 'mid', 'top'],
      departmentId: 'ENG',
      skill: 'plumbing',
      defaultUrgency: 'emergency',
      active: true,
    });
  });

  it('keeps a category’s own department over its parent’s', () => {
    const r = resolveChain([node('a', { departmentId: 'CS' }), node('b', { departmentId: 'ENG' })]);
    expect(r.departmentId).toBe('CS');
  });

  it('leaves department and skill empty when nobody up the chain has them', () => {
    const r = resolveChain([node('a'), node('b')]);
    expect(r).toMatchObject({ departmentId: null, skill: null, path: ['b', 'a'] });
  });

  it('is inactive when any category above it is', () => {
    expect(resolveChain([node('a'), node('b', { active: false })]).active).toBe(false);
    expect(resolveChain([node('a', { active: false }), node('b')]).active).toBe(false);
  });

  it('does not take the urgency from a parent', () => {
    const r = resolveChain([node('a'), node('b', { defaultUrgency: 'emergency' })]);
    expect(r.defaultUrgency).toBe('general');
  });
});

describe('cycles', () => {
  it('refuses a move under itself or a descendant, allows anything else', () => {
    expect(createsCycle('a', [{ id: 'a' }])).toBe(true);
    expect(createsCycle('a', [{ id: 'c' }, { id: 'b' }, { id: 'a' }])).toBe(true);
    expect(createsCycle('a', [{ id: 'c' }, { id: 'b' }])).toBe(false);
    expect(createsCycle('a', [])).toBe(false);
  });
});
