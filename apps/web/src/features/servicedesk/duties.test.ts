import { describe, expect, it } from 'vitest';
import { flattenDuties, groupDuties } from './duties.ts';

describe('building duties', () => {
  it('group by project and flatten back without repeats', () => {
    const refs = [
      { projectId: 'p1', buildingId: 'b1', duty: 'technician' as const },
      { projectId: 'p2', buildingId: 'b9', duty: 'butler' as const },
      { projectId: 'p1', buildingId: 'b2', duty: 'technician' as const },
      { projectId: 'p1', buildingId: 'b1', duty: 'butler' as const },
      { projectId: 'p1', buildingId: 'b1', duty: 'technician' as const },
    ];
    const grouped = groupDuties(refs);
    expect(grouped).toEqual([
      { projectId: 'p1', butler: ['b1'], technician: ['b1', 'b2'] },
      { projectId: 'p2', butler: ['b9'], technician: [] },
    ]);
    expect(flattenDuties([...grouped, { projectId: 'p1', butler: ['b1'], technician: [] }])).toEqual([
      { buildingId: 'b1', duty: 'butler' },
      { buildingId: 'b1', duty: 'technician' },
      { buildingId: 'b2', duty: 'technician' },
      { buildingId: 'b9', duty: 'butler' },
    ]);
  });
});
