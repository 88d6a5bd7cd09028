import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { scopeFromRows } from '../../platform/auth/scope.ts';
import { assertCanGrant, invalidScopeIds, scopeBeyond, scopeRows } from './grants.ts';

describe('assertCanGrant', () => {
  const actor = { permissions: new Set(['users.read', 'users.manage']) };
  it('allows granting what the actor holds', () => {
    expect(() => assertCanGrant(actor, ['users.read'])).not.toThrow();
  });
  it('refuses anything more, naming what is missing', () => {
    try {
      assertCanGrant(actor, ['users.read', 'tokens.manage', 'audit.read', 'tokens.manage']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('ESCALATION_FORBIDDEN');
      expect((error as AppError).details).toEqual({ permissions: ['audit.read', 'tokens.manage'] });
    }
  });
});

describe('scope rows and validation', () => {
  const known = {
    projects: new Set(['p1', 'p2']),
    buildings: new Map([
      ['b1', 'p1'],
      ['b2', 'p1'],
      ['b9', 'p2'],
    ]),
  };

  it('stores a whole project as one row and a butler patch as one row per building', () => {
    expect(
      scopeRows({
        all: false,
        projects: [
          { projectId: 'p1', buildingIds: ['b1', 'b2'] },
          { projectId: 'p2', buildingIds: [] },
        ],
      }),
    ).toEqual([
      { projectId: 'p1', buildingId: 'b1' },
      { projectId: 'p1', buildingId: 'b2' },
      { projectId: 'p2', buildingId: null },
    ]);
    expect(scopeRows({ all: true, projects: [{ projectId: 'p1', buildingIds: [] }] })).toEqual([]);
  });

  it('flags unknown projects, buildings of another project and repeated projects', () => {
    expect(
      invalidScopeIds(
        {
          all: false,
          projects: [
            { projectId: 'p1', buildingIds: ['b1', 'b9'] },
            { projectId: 'px', buildingIds: [] },
            { projectId: 'p1', buildingIds: [] },
          ],
        },
        known,
      ),
    ).toEqual(['b9', 'px', 'p1']);
  });
});

describe('scopeBeyond', () => {
  const butler = scopeFromRows(false, [
    { project_id: 'p1', building_id: 'b1' },
    { project_id: 'p2', building_id: null },
  ]);
  it('lets an organisation-wide actor grant anything', () => {
    expect(scopeBeyond(scopeFromRows(true, []), { all: true, projects: [] })).toEqual([]);
  });
  it('names what lies outside the actor: all, other projects, a whole project they hold only in part, other buildings', () => {
    expect(scopeBeyond(butler, { all: true, projects: [] })).toEqual(['all']);
    expect(
      scopeBeyond(butler, {
        all: false,
        projects: [
          { projectId: 'p3', buildingIds: [] },
          { projectId: 'p1', buildingIds: [] },
          { projectId: 'p1', buildingIds: ['b1', 'b2'] },
          { projectId: 'p2', buildingIds: ['any'] },
        ],
      }),
    ).toEqual(['p3', 'p1', 'b2']);
  });
});
