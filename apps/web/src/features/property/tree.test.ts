import { describe, expect, it } from 'vitest';
import type { Project, ProjectTree, TreeBuilding, Unit } from '@steward/contracts';
import { buildPropertyTree, findNode, locate, nodeFilter } from './tree.ts';

const project = (id: string, name: string, buildingCount: number): Project => ({
  id,
  code: id.toUpperCase(),
  name,
  type: 'residential',
  address: null,
  buildingCount,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const unit = (id: string, code: string, houseCount: number): Unit => ({
  id,
  projectId: 'p1',
  buildingId: 'b3',
  code,
  name: `${code}单元`,
  houseCount,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const building = (id: string, code: string, houseCount: number, units: Unit[] = []): TreeBuilding => ({
  id,
  code,
  name: `${code}栋`,
  houseCount,
  customerCount: houseCount * 2,
  areaCount: 1,
  units,
  housesWithoutUnit: 0,
});

const tree: ProjectTree = {
  projectId: 'p1',
  houseCount: 300,
  customerCount: 520,
  areaCount: 4,
  buildings: [
    building('b10', '10', 40),
    building('b3', '3', 248, [unit('u2', '2', 120), unit('u1', '1', 128)]),
    building('b2', '2', 12),
  ],
};

describe('buildPropertyTree', () => {
  it('lists projects before their trees load, expandable when they have buildings', () => {
    const nodes = buildPropertyTree([project('p1', '翠湖花园', 3), project('p2', '空项目', 0)], new Map());
    expect(nodes.map((n) => [n.key, n.name, n.houseCount, n.buildingCount, n.isLeaf])).toEqual([
      ['project:p1', '翠湖花园', null, 3, false],
      ['project:p2', '空项目', null, 0, true],
    ]);
  });

  it('puts buildings and units under a loaded project in natural code order, with counts', () => {
    const [root] = buildPropertyTree([project('p1', '翠湖花园', 3)], new Map([['p1', tree]]));
    expect(root!.houseCount).toBe(300);
    expect(root!.customerCount).toBe(520);
    expect(root!.children!.map((b) => [b.name, b.houseCount, b.isLeaf])).toEqual([
      ['2栋', 12, true],
      ['3栋', 248, false],
      ['10栋', 40, true],
    ]);
    const b3 = findNode([root!], 'building:b3')!;
    expect(b3.children!.map((u) => [u.key, u.name, u.houseCount])).toEqual([
      ['unit:u1', '1单元', 128],
      ['unit:u2', '2单元', 120],
    ]);
    expect(findNode([root!], 'unit:u2')!.ref).toEqual({
      kind: 'unit',
      projectId: 'p1',
      buildingId: 'b3',
      unitId: 'u2',
    });
  });
});

describe('nodeFilter and locate', () => {
  it('filters by the narrowest id and finds the records behind a node', () => {
    expect(nodeFilter({ kind: 'project', projectId: 'p1' })).toEqual({ projectId: 'p1' });
    expect(nodeFilter({ kind: 'building', projectId: 'p1', buildingId: 'b3' })).toEqual({ buildingId: 'b3' });
    const ref = { kind: 'unit', projectId: 'p1', buildingId: 'b3', unitId: 'u2' } as const;
    expect(nodeFilter(ref)).toEqual({ unitId: 'u2' });
    const found = locate(tree, ref);
    expect(found.building?.id).toBe('b3');
    expect(found.unit?.id).toBe('u2');
    expect(locate(undefined, ref)).toEqual({});
  });
});
