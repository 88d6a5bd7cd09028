import type { ImportResult } from '@steward/contracts';
import type { Tx } from '../../db/database.ts';
import type { BuildingsTable, HousesTable, ProjectsTable, UnitsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canAccessBuilding, canAccessProject, scopedBuildingIds } from '../../platform/auth/scope.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { naturalSortKey } from '../../platform/natural-sort.ts';
import * as repo from './archive.repository.ts';
import type { ParsedHouse, RowProblem } from './row-rules.ts';

/**
 * Applies a checked houses file: projects, buildings and units are found by code or created;
 * houses by project + room label, updated only where the file says something different, so
 * importing the same file twice changes nothing. Returns problems instead when the file names
 * something the caller may not touch or a new project without its name; then nothing is written.
 */
export async function applyHouses(
  tx: Tx,
  actor: Actor,
  now: string,
  houses: readonly ParsedHouse[],
  check: (problems: RowProblem[]) => void,
): Promise<ImportResult> {
  const orgId = actor.orgId;
  const [projects, buildings, units, existing] = await Promise.all([
    repo.projectsOf(tx, orgId),
    repo.buildingsOf(tx, orgId),
    repo.unitsOf(tx, orgId),
    repo.housesOf(tx, orgId),
  ]);
  const projectByCode = new Map(projects.map((p) => [p.code, p]));
  const buildingByKey = new Map(buildings.map((b) => [`${b.project_id}\u0000${b.code}`, b]));
  const unitByKey = new Map(units.map((u) => [`${u.building_id}\u0000${u.code}`, u]));
  const houseByKey = new Map(existing.map((h) => [`${h.project_id}\u0000${h.room_label}`, h]));

  const problems: RowProblem[] = [];
  const created = {
    projects: [] as ProjectsTable[],
    buildings: [] as BuildingsTable[],
    units: [] as UnitsTable[],
    houses: [] as HousesTable[],
  };
  const projectChanges = new Map<string, Partial<ProjectsTable>>();
  const buildingChanges = new Map<string, Partial<BuildingsTable>>();
  let updated = 0;
  let unchanged = 0;

  for (const h of houses) {
    let project = projectByCode.get(h.projectCode);
    if (!project) {
      if (!actor.scope.all) {
        problems.push({
          row: h.row,
          column: 'projectCode',
          reason: 'outside_scope',
          params: { what: h.projectCode },
        });
        continue;
      }
      if (!h.projectName) {
        problems.push({ row: h.row, column: 'projectName', reason: 'required' });
        continue;
      }
      project = {
        id: newId(),
        org_id: orgId,
        code: h.projectCode,
        name: h.projectName,
        type: h.projectType ?? 'residential',
        address: null,
        created_at: now,
        updated_at: now,
      };
      projectByCode.set(project.code, project);
      created.projects.push(project);
    } else if (!canAccessProject(actor.scope, project.id)) {
      problems.push({
        row: h.row,
        column: 'projectCode',
        reason: 'outside_scope',
        params: { what: h.projectCode },
      });
      continue;
    } else if (!created.projects.includes(project)) {
      const changes: Partial<ProjectsTable> = { ...projectChanges.get(project.id) };
      if (h.projectName && h.projectName !== project.name) changes.name = h.projectName;
      if (h.projectType && h.projectType !== project.type) changes.type = h.projectType;
      if (Object.keys(changes).length) {
        // Renaming a project takes the whole project, as in the console (PATCH /projects/{id}).
        if (scopedBuildingIds(actor.scope, project.id) !== 'all') {
          problems.push({
            row: h.row,
            column: 'projectName',
            reason: 'outside_scope',
            params: { what: h.projectCode },
          });
          continue;
        }
        projectChanges.set(project.id, changes);
      }
    }

    const buildingKey = `${project.id}\u0000${h.buildingCode}`;
    let building = buildingByKey.get(buildingKey);
    if (!building) {
      if (scopedBuildingIds(actor.scope, project.id) !== 'all') {
        problems.push({
          row: h.row,
          column: 'buildingCode',
          reason: 'outside_scope',
          params: { what: `${h.projectCode}/${h.buildingCode}` },
        });
        continue;
      }
      building = {
        id: newId(),
        org_id: orgId,
        project_id: project.id,
        code: h.buildingCode,
        name: h.buildingName ?? `${h.buildingCode}栋`,
        created_at: now,
      };
      buildingByKey.set(buildingKey, building);
      created.buildings.push(building);
    } else if (!canAccessBuilding(actor.scope, project.id, building.id)) {
      problems.push({
        row: h.row,
        column: 'buildingCode',
        reason: 'outside_scope',
        params: { what: `${h.projectCode}/${h.buildingCode}` },
      });
      continue;
    } else if (h.buildingName && h.buildingName !== building.name && !created.buildings.includes(building)) {
      buildingChanges.set(building.id, { name: h.buildingName });
    }

    const unitKey = h.unitCode ? `${building.id}\u0000${h.unitCode}` : null;
    let unit = unitKey ? unitByKey.get(unitKey) : undefined;
    const house = houseByKey.get(`${project.id}\u0000${h.roomLabel}`);
    if (!house) {
      if (unitKey && !unit) {
        unit = {
          id: newId(),
          org_id: orgId,
          project_id: project.id,
          building_id: building.id,
          code: h.unitCode!,
          name: `${h.unitCode}单元`,
          created_at: now,
        };
        unitByKey.set(unitKey, unit);
        created.units.push(unit);
      }
      created.houses.push({
        id: newId(),
        org_id: orgId,
        project_id: project.id,
        building_id: building.id,
        unit_id: unit?.id ?? null,
        room_no: h.roomNo,
        room_label: h.roomLabel,
        sort_key: naturalSortKey(h.roomLabel),
        floor: h.floor ?? null,
        area_hundredths: h.areaHundredths ?? null,
        use: h.use ?? 'residence',
        state: h.state ?? 'vacant',
        created_at: now,
        updated_at: now,
        version: 1,
      });
      continue;
    }
    // Codes may hold "-", so building 3 / unit 1 / room 101 and building 3-1 / room 101 share the
    // label 3-1-101: the row must name the building and unit the stored house is in.
    if (house.building_id !== building.id || house.unit_id !== (unit?.id ?? null)) {
      problems.push({ row: h.row, column: 'roomNo', reason: 'label_taken', params: { label: h.roomLabel } });
      continue;
    }
    const changes: Partial<HousesTable> = {};
    if (h.floor !== undefined && h.floor !== house.floor) changes.floor = h.floor;
    if (h.areaHundredths !== undefined && h.areaHundredths !== house.area_hundredths)
      changes.area_hundredths = h.areaHundredths;
    if (h.use && h.use !== house.use) changes.use = h.use;
    if (h.state && h.state !== house.state) changes.state = h.state;
    if (Object.keys(changes).length) {
      if (!(await repo.updateHouse(tx, house.id, house.version, { ...changes, updated_at: now })))
        throw platformError('VERSION_CONFLICT');
      updated += 1;
    } else unchanged += 1;
  }
  check(problems);

  await repo.insertMany(tx, 'projects', created.projects);
  await repo.insertMany(tx, 'buildings', created.buildings);
  await repo.insertMany(tx, 'units', created.units);
  await repo.insertMany(tx, 'houses', created.houses);
  for (const [id, changes] of projectChanges)
    await repo.updateProject(tx, id, { ...changes, updated_at: now });
  for (const [id, changes] of buildingChanges) await repo.updateBuilding(tx, id, changes);
  return { imported: houses.length, created: created.houses.length, updated, unchanged };
}
