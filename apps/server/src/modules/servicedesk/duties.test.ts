import { describe, expect, it } from 'vitest';
import { dutyChanges, preferredDuty } from './duties.ts';

describe('building duty edits', () => {
  it('separates added and removed duties and drops repeats', () => {
    const result = dutyChanges(
      [
        { buildingId: 'b1', duty: 'technician' },
        { buildingId: 'b2', duty: 'technician' },
      ],
      [
        { buildingId: 'b1', duty: 'technician' },
        { buildingId: 'b3', duty: 'technician' },
        { buildingId: 'b3', duty: 'technician' },
        { buildingId: 'b1', duty: 'butler' },
      ],
    );
    expect(result.next).toHaveLength(3);
    expect(result.added).toEqual([
      { buildingId: 'b3', duty: 'technician' },
      { buildingId: 'b1', duty: 'butler' },
    ]);
    expect(result.removed).toEqual([{ buildingId: 'b2', duty: 'technician' }]);
  });

  it('changes nothing when the same list comes back', () => {
    const same = [{ buildingId: 'b1', duty: 'butler' as const }];
    expect(dutyChanges(same, same)).toMatchObject({ added: [], removed: [] });
  });
});

describe('the duty that counts on a building', () => {
  it('prefers technician, then butler, else none', () => {
    expect(preferredDuty(['butler', 'technician'])).toBe('technician');
    expect(preferredDuty(['butler'])).toBe('butler');
    expect(preferredDuty([])).toBeNull();
  });
});
