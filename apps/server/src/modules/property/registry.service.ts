import type {
  Area,
  AreaListQuery,
  CreateAreaBody,
  CreateHouseBody,
  CreateUnitBody,
  House,
  HouseListQuery,
  HouseOccupant,
  PageOf,
  Unit,
  UpdateAreaBody,
  UpdateHouseBody,
  UpdateUnitBody,
} from '@steward/contracts';
import type { Executor } from '../../db/database.ts';
import type { AreasTable, HousesTable, UnitsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canAccessBuilding,
  canAccessProject,
  scopedBuildingIds,
  scopeLists,
} from '../../platform/auth/scope.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { naturalSortKey } from '../../platform/natural-sort.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { maskPhone } from '../../platform/phone.ts';
import { cleanName, cleanText, propertyError } from './property.errors.ts';
import { buildingInScope, unitDto, type PropertyDeps } from './property.service.ts';
import * as projects from './projects.repository.ts';
import * as repo from './registry.repository.ts';

/* ------------------------------------------------------------------ units */

export async function createUnit(
  deps: PropertyDeps,
  actor: Actor,
  buildingId: string,
  body: CreateUnitBody,
  idempotency?: IdempotencyContext,
): Promise<Unit> {
  const name = body.name === undefined ? `${body.code}单元` : cleanName(body.name);
  const taken = () => propertyError('UNIT_CODE_TAKEN', { field: 'code' }, { code: body.code });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const building = await buildingInScope(tx, actor, buildingId);
        if (await repo.unitCodeExists(tx, building.id, body.code)) throw taken();
        const row: UnitsTable = {
          id: newId(),
          org_id: actor.orgId,
          project_id: building.project_id,
          building_id: building.id,
          code: body.code,
          name,
          created_at: deps.clock.now().toISOString(),
        };
        await repo.insertUnit(tx, row);
        return unitDto(row, 0);
      }),
    taken,
  );
}

async function unitInScope(db: Executor, actor: Actor, id: string): Promise<repo.UnitRow> {
  const unit = await repo.findUnit(db, actor.orgId, id);
  if (!unit || !canAccessBuilding(actor.scope, unit.project_id, unit.building_id))
    throw platformError('NOT_FOUND');
  return unit;
}

export async function updateUnit(
  deps: PropertyDeps,
  actor: Actor,
  id: string,
  body: UpdateUnitBody,
): Promise<Unit> {
  return deps.db.transaction().execute(async (tx) => {
    const unit = await unitInScope(tx, actor, id);
    const name = cleanName(body.name);
    if (name !== unit.name) await repo.updateUnitName(tx, actor.orgId, id, name);
    return unitDto({ ...unit, name }, unit.house_count);
  });
}

/* ------------------------------------------------------------------ houses */

/** m² with two decimals ⇄ the integer hundredths stored (fees are charged on areas: no float drift). */
export function toHundredths(area: number | null): number | null {
  return area === null ? null : Math.round(area * 100);
}

function occupantDto(row: repo.OccupantRow): HouseOccupant {
  return {
    relationId: row.relation_id,
    customerId: row.customer_id,
    name: row.name,
    role: row.role,
    phone: row.phone === null ? null : maskPhone(row.phone),
  };
}

export function houseDto(row: repo.HouseRow, occupants: HouseOccupant[]): House {
  return {
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    buildingId: row.building_id,
    buildingName: row.building_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    roomNo: row.room_no,
    roomLabel: row.room_label,
    floor: row.floor,
    area: row.area_hundredths === null ? null : row.area_hundredths / 100,
    use: row.use,
    state: row.state,
    occupants,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The calendar date now in a time zone, as YYYY-MM-DD. */
export function dateIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Current occupants of each house, in one query for the whole list. */
async function occupantsOf(
  deps: PropertyDeps,
  db: Executor,
  orgId: string,
  houseIds: string[],
): Promise<Map<string, HouseOccupant[]>> {
  const byHouse = new Map<string, HouseOccupant[]>();
  if (houseIds.length === 0) return byHouse;
  const today = dateIn(await repo.orgTimeZone(db, orgId), deps.clock.now());
  for (const row of await repo.listOccupants(db, orgId, houseIds, today)) {
    const list = byHouse.get(row.house_id) ?? [];
    list.push(occupantDto(row));
    byHouse.set(row.house_id, list);
  }
  return byHouse;
}

export async function listHouses(
  deps: PropertyDeps,
  actor: Actor,
  query: HouseListQuery,
): Promise<PageOf<House>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2);
  if (after && after.some((v) => typeof v !== 'string')) throw platformError('INVALID_CURSOR');
  const rows = await repo.listHouses(deps.db, actor.orgId, {
    scope: scopeLists(actor.scope),
    projectId: query.projectId,
    buildingId: query.buildingId,
    unitId: query.unitId,
    use: query.use,
    state: query.state,
    q: query.q,
    after: (after as repo.HouseSortKey | null) ?? undefined,
    limit,
  });
  const page = rows.slice(0, limit);
  const occupants = await occupantsOf(
    deps,
    deps.db,
    actor.orgId,
    page.map((r) => r.id),
  );
  return pageOf(rows, limit, (r) => houseDto(r, occupants.get(r.id) ?? []), repo.houseSortKey);
}

async function houseInScope(db: Executor, actor: Actor, id: string): Promise<repo.HouseRow> {
  const house = await repo.findHouse(db, actor.orgId, id);
  if (!house || !canAccessBuilding(actor.scope, house.project_id, house.building_id))
    throw platformError('NOT_FOUND');
  return house;
}

export async function getHouse(deps: PropertyDeps, actor: Actor, id: string): Promise<House> {
  const house = await houseInScope(deps.db, actor, id);
  const occupants = await occupantsOf(deps, deps.db, actor.orgId, [id]);
  return houseDto(house, occupants.get(id) ?? []);
}

/**
 * Adds a house to a building the caller may see. Its label is `building-unit-room` (3-2-1502), or
 * `building-room` without a unit, and is unique in the project.
 */
export async function createHouse(
  deps: PropertyDeps,
  actor: Actor,
  body: CreateHouseBody,
  idempotency?: IdempotencyContext,
): Promise<House> {
  let label = body.roomNo;
  const taken = () => propertyError('HOUSE_LABEL_TAKEN', { field: 'roomNo' }, { label });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const building = await buildingInScope(tx, actor, body.buildingId);
        let unit: repo.UnitRow | undefined;
        if (body.unitId) {
          unit = await repo.findUnit(tx, actor.orgId, body.unitId);
          if (!unit || unit.building_id !== building.id)
            throw propertyError('UNIT_NOT_IN_BUILDING', { field: 'unitId' });
        }
        label = unit ? `${building.code}-${unit.code}-${body.roomNo}` : `${building.code}-${body.roomNo}`;
        if (await repo.houseLabelExists(tx, building.project_id, label)) throw taken();
        const now = deps.clock.now().toISOString();
        const row: HousesTable = {
          id: newId(),
          org_id: actor.orgId,
          project_id: building.project_id,
          building_id: building.id,
          unit_id: unit?.id ?? null,
          room_no: body.roomNo,
          room_label: label,
          sort_key: naturalSortKey(label),
          floor: body.floor ?? null,
          area_hundredths: toHundredths(body.area ?? null),
          use: body.use,
          state: body.state,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await repo.insertHouse(tx, row);
        return houseDto((await repo.findHouse(tx, actor.orgId, row.id))!, []);
      }),
    taken,
  );
}

/** Changes what the body names; a body that changes nothing leaves the version where it was. */
export async function updateHouse(
  deps: PropertyDeps,
  actor: Actor,
  id: string,
  body: UpdateHouseBody,
): Promise<House> {
  const house = await deps.db.transaction().execute(async (tx) => {
    const current = await houseInScope(tx, actor, id);
    if (current.version !== body.version)
      throw platformError('VERSION_CONFLICT', { currentVersion: current.version });
    const changes: Partial<Pick<HousesTable, 'floor' | 'area_hundredths' | 'use' | 'state'>> = {};
    if (body.floor !== undefined && body.floor !== current.floor) changes.floor = body.floor;
    const area = body.area === undefined ? undefined : toHundredths(body.area);
    if (area !== undefined && area !== current.area_hundredths) changes.area_hundredths = area;
    if (body.use !== undefined && body.use !== current.use) changes.use = body.use;
    if (body.state !== undefined && body.state !== current.state) changes.state = body.state;
    if (Object.keys(changes).length === 0) return current;
    const ok = await repo.updateHouseVersioned(tx, actor.orgId, id, body.version, {
      ...changes,
      updated_at: deps.clock.now().toISOString(),
    });
    if (!ok) throw platformError('VERSION_CONFLICT');
    return (await repo.findHouse(tx, actor.orgId, id))!;
  });
  const occupants = await occupantsOf(deps, deps.db, actor.orgId, [id]);
  return houseDto(house, occupants.get(id) ?? []);
}

/* ------------------------------------------------------------------ areas */

export function areaDto(row: AreasTable): Area {
  return {
    id: row.id,
    projectId: row.project_id,
    buildingId: row.building_id,
    kind: row.kind,
    category: row.category,
    code: row.code,
    name: row.name,
    location: row.location,
    updatedAt: row.updated_at,
  };
}

/** Projects the caller reaches only in part (some buildings): they see its project-level areas. */
function partialProjectIds(actor: Actor): string[] {
  if (actor.scope.all) return [];
  return [...actor.scope.projects.entries()].filter(([, b]) => b !== 'all').map(([id]) => id);
}

export async function listAreas(
  deps: PropertyDeps,
  actor: Actor,
  query: AreaListQuery,
): Promise<PageOf<Area>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2);
  if (after && after.some((v) => typeof v !== 'string')) throw platformError('INVALID_CURSOR');
  const rows = await repo.listAreas(deps.db, actor.orgId, {
    scope: scopeLists(actor.scope),
    partialProjectIds: partialProjectIds(actor),
    projectId: query.projectId,
    buildingId: query.buildingId,
    kind: query.kind,
    q: query.q,
    after: (after as [string, string] | null) ?? undefined,
    limit,
  });
  return pageOf(rows, limit, areaDto, (r) => [r.code, r.id]);
}

/**
 * An area of a building belongs to whoever holds the building; an area of the project itself is
 * seen by anyone in the project but changed only by someone holding the whole project.
 */
function assertMayChangeArea(actor: Actor, projectId: string, buildingId: string | null): void {
  if (buildingId === null) {
    if (!canAccessProject(actor.scope, projectId)) throw platformError('NOT_FOUND');
    if (scopedBuildingIds(actor.scope, projectId) !== 'all') throw propertyError('PROJECT_SCOPE_REQUIRED');
  } else if (!canAccessBuilding(actor.scope, projectId, buildingId)) {
    throw platformError('NOT_FOUND');
  }
}

export async function createArea(
  deps: PropertyDeps,
  actor: Actor,
  body: CreateAreaBody,
  idempotency?: IdempotencyContext,
): Promise<Area> {
  const name = cleanName(body.name);
  const taken = () => propertyError('AREA_CODE_TAKEN', { field: 'code' }, { code: body.code });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const project = canAccessProject(actor.scope, body.projectId)
          ? await projects.findProject(tx, actor.orgId, body.projectId)
          : undefined;
        if (!project) throw platformError('NOT_FOUND');
        const buildingId = body.buildingId ?? null;
        if (buildingId !== null) {
          const building = await repo.findBuilding(tx, actor.orgId, buildingId);
          if (!building || building.project_id !== project.id)
            throw propertyError('BUILDING_NOT_IN_PROJECT', { field: 'buildingId' });
        }
        assertMayChangeArea(actor, project.id, buildingId);
        if (await repo.areaCodeExists(tx, project.id, body.code)) throw taken();
        const now = deps.clock.now().toISOString();
        const row: AreasTable = {
          id: newId(),
          org_id: actor.orgId,
          project_id: project.id,
          building_id: buildingId,
          kind: body.kind,
          category: body.category,
          code: body.code,
          name,
          location: cleanText(body.location),
          created_at: now,
          updated_at: now,
        };
        await repo.insertArea(tx, row);
        return areaDto(row);
      }),
    taken,
  );
}

export async function updateArea(
  deps: PropertyDeps,
  actor: Actor,
  id: string,
  body: UpdateAreaBody,
): Promise<Area> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findArea(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    assertMayChangeArea(actor, current.project_id, current.building_id);
    const next = {
      category: body.category ?? current.category,
      name: body.name === undefined ? current.name : cleanName(body.name),
      location: body.location === undefined ? current.location : cleanText(body.location),
    };
    if (
      next.category === current.category &&
      next.name === current.name &&
      next.location === current.location
    )
      return areaDto(current);
    const updated = { ...next, updated_at: deps.clock.now().toISOString() };
    await repo.updateArea(tx, actor.orgId, id, updated);
    return areaDto({ ...current, ...updated });
  });
}
