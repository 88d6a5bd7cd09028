import { describe, expect, it } from 'vitest';
import {
  canAccessBuilding,
  canAccessProject,
  scopeFromRows,
  scopedBuildingIds,
  scopedProjectIds,
  scopeToDto,
} from './scope.ts';

describe('data scope', () => {
  const butler = scopeFromRows(false, [
    { project_id: 'p1', building_id: 'b1' },
    { project_id: 'p1', building_id: 'b2' },
    { project_id: 'p2', building_id: null },
  ]);

  it('a butler reaches only the listed buildings of a partly covered project', () => {
    expect(canAccessProject(butler, 'p1')).toBe(true);
    expect(canAccessBuilding(butler, 'p1', 'b1')).toBe(true);
    expect(canAccessBuilding(butler, 'p1', 'b3')).toBe(false);
    expect(scopedBuildingIds(butler, 'p1')).toEqual(['b1', 'b2']);
  });

  it('a whole project covers all its buildings; other projects nothing', () => {
    expect(canAccessBuilding(butler, 'p2', 'anything')).toBe(true);
    expect(scopedBuildingIds(butler, 'p2')).toBe('all');
    expect(canAccessProject(butler, 'p3')).toBe(false);
    expect(scopedBuildingIds(butler, 'p3')).toEqual([]);
    expect(scopedProjectIds(butler)).toEqual(['p1', 'p2']);
  });

  it('a whole-project row wins over building rows of the same project', () => {
    const scope = scopeFromRows(false, [
      { project_id: 'p1', building_id: 'b1' },
      { project_id: 'p1', building_id: null },
      { project_id: 'p1', building_id: 'b2' },
    ]);
    expect(scopedBuildingIds(scope, 'p1')).toBe('all');
  });

  it('organisation-wide scope reaches everything', () => {
    const all = scopeFromRows(true, []);
    expect(scopedProjectIds(all)).toBe('all');
    expect(canAccessBuilding(all, 'x', 'y')).toBe(true);
  });

  it('converts to the API shape', () => {
    expect(scopeToDto(butler)).toEqual({
      all: false,
      projects: [
        { projectId: 'p1', buildingIds: ['b1', 'b2'] },
        { projectId: 'p2', buildingIds: [] },
      ],
    });
  });
});
