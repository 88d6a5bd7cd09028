import type { DataScope } from '@steward/contracts';

/**
 * What part of the organisation a staff member may see. `all` covers every project; otherwise
 * each listed project maps to 'all' (the whole project) or the set of buildings (a butler's patch).
 */
export interface Scope {
  all: boolean;
  projects: ReadonlyMap<string, 'all' | ReadonlySet<string>>;
}

export const FULL_SCOPE: Scope = { all: true, projects: new Map() };

export function scopeFromRows(
  all: boolean,
  rows: readonly { project_id: string; building_id: string | null }[],
): Scope {
  const projects = new Map<string, 'all' | Set<string>>();
  for (const row of rows) {
    const current = projects.get(row.project_id);
    if (row.building_id === null || current === 'all') projects.set(row.project_id, 'all');
    else projects.set(row.project_id, (current ?? new Set<string>()).add(row.building_id));
  }
  return { all, projects };
}

export function scopeToDto(scope: Scope): DataScope {
  return {
    all: scope.all,
    projects: [...scope.projects.entries()].map(([projectId, buildings]) => ({
      projectId,
      buildingIds: buildings === 'all' ? [] : [...buildings].sort(),
    })),
  };
}

/** Project ids the scope reaches, or 'all'. */
export function scopedProjectIds(scope: Scope): 'all' | string[] {
  return scope.all ? 'all' : [...scope.projects.keys()];
}

export function canAccessProject(scope: Scope, projectId: string): boolean {
  return scope.all || scope.projects.has(projectId);
}

/** The whole project, not just some of its buildings: what records without a building need. */
export function canAccessWholeProject(scope: Scope, projectId: string): boolean {
  return scope.all || scope.projects.get(projectId) === 'all';
}

export function canAccessBuilding(scope: Scope, projectId: string, buildingId: string): boolean {
  if (scope.all) return true;
  const buildings = scope.projects.get(projectId);
  return buildings === 'all' || (buildings !== undefined && buildings.has(buildingId));
}

/**
 * Whether something placed in a project — in one of its buildings, or (building null) the project as
 * a whole — is within reach: a building for those who see it, the whole project for those who see all
 * of it. Records, their live events and the alerts about them all follow this one rule.
 */
export function canReachPlace(scope: Scope, projectId: string, buildingId: string | null): boolean {
  return buildingId === null
    ? canAccessWholeProject(scope, projectId)
    : canAccessBuilding(scope, projectId, buildingId);
}

/** Building ids the scope limits a project to, or 'all' when it reaches the whole project. */
export function scopedBuildingIds(scope: Scope, projectId: string): 'all' | string[] {
  if (scope.all) return 'all';
  const buildings = scope.projects.get(projectId);
  if (buildings === undefined) return [];
  return buildings === 'all' ? 'all' : [...buildings];
}

/** A scope as two id lists for SQL: whole projects, and single buildings of other projects. */
export type ScopeLists = { all: true } | { all: false; projectIds: string[]; buildingIds: string[] };

export function scopeLists(scope: Scope): ScopeLists {
  if (scope.all) return { all: true };
  const projectIds: string[] = [];
  const buildingIds: string[] = [];
  for (const [projectId, buildings] of scope.projects) {
    if (buildings === 'all') projectIds.push(projectId);
    else buildingIds.push(...buildings);
  }
  return { all: false, projectIds, buildingIds };
}
