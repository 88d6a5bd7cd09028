import type {
  Building,
  CreateBuildingBody,
  CreateProjectBody,
  PageOf,
  Project,
  ProjectListQuery,
  ProjectTree,
  TreeBuilding,
  Unit,
  UpdateBuildingBody,
  UpdateProjectBody,
} from '@steward/contracts';
import type { Db, Executor } from '../../db/database.ts';
import type { BuildingsTable, UnitsTable } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { naturalCompare } from '../../platform/natural-sort.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canAccessBuilding,
  canAccessProject,
  FULL_SCOPE,
  scopedBuildingIds,
  scopedProjectIds,
  type Scope,
} from '../../platform/auth/scope.ts';
import { addProjectToScope } from '../../platform/auth/scopes.repository.ts';
import { cleanName, cleanText, propertyError } from './property.errors.ts';
import * as repo from './projects.repository.ts';
import * as registry from './registry.repository.ts';

export { propertyError };

export type PropertyDeps = { db: Db; clock: Clock };

/** A project as the caller sees it: someone limited to some buildings counts only those. */
export function projectDto(row: repo.ProjectRow, scope: Scope): Project {
  const buildings = scopedBuildingIds(scope, row.id);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    address: row.address,
    buildingCount: buildings === 'all' ? row.building_count : buildings.length,
    createdAt: row.created_at,
  };
}

export function buildingDto(row: BuildingsTable): Building {
  return { id: row.id, projectId: row.project_id, code: row.code, name: row.name, createdAt: row.created_at };
}

export async function listProjects(
  deps: PropertyDeps,
  actor: Actor,
  query: ProjectListQuery,
): Promise<PageOf<Project>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await repo.listProjects(deps.db, actor.orgId, {
    projectIds: scopedProjectIds(actor.scope),
    q: query.q,
    after: after ?? undefined,
    limit,
  });
  return pageOf(
    rows,
    limit,
    (r) => projectDto(r, actor.scope),
    (r) => [r.code, r.id],
  );
}

/** A project the caller may see, or 404 (existence outside the scope does not leak). */
export async function getProject(deps: Pick<PropertyDeps, 'db'>, actor: Actor, id: string): Promise<Project> {
  const row = canAccessProject(actor.scope, id)
    ? await repo.findProject(deps.db, actor.orgId, id)
    : undefined;
  if (!row) throw platformError('NOT_FOUND');
  return projectDto(row, actor.scope);
}

export async function createProject(
  deps: PropertyDeps,
  actor: Actor,
  body: CreateProjectBody,
  idempotency?: IdempotencyContext,
): Promise<Project> {
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        if (await repo.projectCodeExists(tx, actor.orgId, body.code))
          throw propertyError('PROJECT_CODE_TAKEN', { field: 'code' }, { code: body.code });
        const now = deps.clock.now().toISOString();
        const id = newId();
        await repo.insertProject(tx, {
          id,
          org_id: actor.orgId,
          code: body.code,
          name: cleanName(body.name),
          type: body.type,
          address: cleanText(body.address),
          created_at: now,
          updated_at: now,
        });
        // A scoped creator keeps seeing what they created.
        if (!actor.scope.all) await addProjectToScope(tx, actor.orgId, actor.userId, id);
        // The creator now holds the whole new project (added to their scope above).
        return projectDto((await repo.findProject(tx, actor.orgId, id))!, FULL_SCOPE);
      }),
    () => propertyError('PROJECT_CODE_TAKEN', { field: 'code' }, { code: body.code }),
  );
}

export async function listBuildings(
  deps: Pick<PropertyDeps, 'db'>,
  actor: Actor,
  projectId: string,
): Promise<Building[]> {
  await getProject(deps, actor, projectId);
  const rows = await repo.listBuildings(
    deps.db,
    actor.orgId,
    projectId,
    scopedBuildingIds(actor.scope, projectId),
  );
  return rows.sort((a, b) => naturalCompare(a.code, b.code)).map(buildingDto);
}

export async function createBuilding(
  deps: PropertyDeps,
  actor: Actor,
  projectId: string,
  body: CreateBuildingBody,
  idempotency?: IdempotencyContext,
): Promise<Building> {
  await getProject(deps, actor, projectId);
  if (scopedBuildingIds(actor.scope, projectId) !== 'all') throw propertyError('PROJECT_SCOPE_REQUIRED');
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        if (await repo.buildingCodeExists(tx, projectId, body.code))
          throw propertyError('BUILDING_CODE_TAKEN', { field: 'code' }, { code: body.code });
        const row: BuildingsTable = {
          id: newId(),
          org_id: actor.orgId,
          project_id: projectId,
          code: body.code,
          name: cleanName(body.name),
          created_at: deps.clock.now().toISOString(),
        };
        await repo.insertBuilding(tx, row);
        return buildingDto(row);
      }),
    () => propertyError('BUILDING_CODE_TAKEN', { field: 'code' }, { code: body.code }),
  );
}

/** Only someone holding the whole project may change the project itself (as for adding buildings). */
export async function updateProject(
  deps: PropertyDeps,
  actor: Actor,
  id: string,
  body: UpdateProjectBody,
): Promise<Project> {
  await getProject(deps, actor, id);
  if (scopedBuildingIds(actor.scope, id) !== 'all') throw propertyError('PROJECT_SCOPE_REQUIRED');
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findProject(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    const next = {
      name: body.name === undefined ? current.name : cleanName(body.name),
      type: body.type ?? current.type,
      address: body.address === undefined ? current.address : cleanText(body.address),
    };
    if (next.name !== current.name || next.type !== current.type || next.address !== current.address) {
      await repo.updateProject(tx, actor.orgId, id, { ...next, updated_at: deps.clock.now().toISOString() });
    }
    return projectDto((await repo.findProject(tx, actor.orgId, id))!, actor.scope);
  });
}

/** A building the caller may see, or 404. */
export async function buildingInScope(db: Executor, actor: Actor, id: string): Promise<BuildingsTable> {
  const building = await registry.findBuilding(db, actor.orgId, id);
  if (!building || !canAccessBuilding(actor.scope, building.project_id, building.id))
    throw platformError('NOT_FOUND');
  return building;
}

export async function updateBuilding(
  deps: PropertyDeps,
  actor: Actor,
  id: string,
  body: UpdateBuildingBody,
): Promise<Building> {
  return deps.db.transaction().execute(async (tx) => {
    const building = await buildingInScope(tx, actor, id);
    const name = cleanName(body.name);
    if (name === building.name) return buildingDto(building);
    await registry.updateBuildingName(tx, actor.orgId, id, name);
    return buildingDto({ ...building, name });
  });
}

export function unitDto(row: UnitsTable, houseCount: number): Unit {
  return {
    id: row.id,
    projectId: row.project_id,
    buildingId: row.building_id,
    code: row.code,
    name: row.name,
    houseCount,
    createdAt: row.created_at,
  };
}

/**
 * The project as a tree of the buildings and units the caller may see, with house, customer and
 * area counts beside each node. A handful of grouped queries, however many houses there are.
 */
export async function getProjectTree(
  deps: Pick<PropertyDeps, 'db'>,
  actor: Actor,
  projectId: string,
): Promise<ProjectTree> {
  await getProject(deps, actor, projectId);
  const buildingIds = scopedBuildingIds(actor.scope, projectId);
  const [buildings, units, counts] = await Promise.all([
    repo.listBuildings(deps.db, actor.orgId, projectId, buildingIds),
    registry.listUnits(deps.db, actor.orgId, projectId, buildingIds),
    registry.treeCounts(deps.db, actor.orgId, projectId, buildingIds),
  ]);

  const housesByUnit = new Map<string, number>();
  const housesByBuilding = new Map<string, number>();
  const housesWithoutUnit = new Map<string, number>();
  for (const { building_id, unit_id, n } of counts.houses) {
    housesByBuilding.set(building_id, (housesByBuilding.get(building_id) ?? 0) + n);
    if (unit_id === null) housesWithoutUnit.set(building_id, n);
    else housesByUnit.set(unit_id, n);
  }
  const customersByBuilding = new Map(counts.customers.map((c) => [c.building_id, c.n]));
  const areasByBuilding = new Map(counts.areas.map((a) => [a.building_id, a.n]));
  const unitsByBuilding = new Map<string, Unit[]>();
  for (const unit of units) {
    const list = unitsByBuilding.get(unit.building_id) ?? [];
    list.push(unitDto(unit, housesByUnit.get(unit.id) ?? 0));
    unitsByBuilding.set(unit.building_id, list);
  }

  const byCode = (a: { code: string }, b: { code: string }) => naturalCompare(a.code, b.code);
  for (const list of unitsByBuilding.values()) list.sort(byCode);
  const treeBuildings: TreeBuilding[] = [...buildings].sort(byCode).map((b) => ({
    id: b.id,
    code: b.code,
    name: b.name,
    houseCount: housesByBuilding.get(b.id) ?? 0,
    customerCount: customersByBuilding.get(b.id) ?? 0,
    areaCount: areasByBuilding.get(b.id) ?? 0,
    units: unitsByBuilding.get(b.id) ?? [],
    housesWithoutUnit: housesWithoutUnit.get(b.id) ?? 0,
  }));
  return {
    projectId,
    houseCount: treeBuildings.reduce((sum, b) => sum + b.houseCount, 0),
    customerCount: counts.customerTotal,
    areaCount: areasByBuilding.get(null) ?? 0,
    buildings: treeBuildings,
  };
}
