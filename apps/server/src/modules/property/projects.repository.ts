import type { Executor } from '../../db/database.ts';
import { containsText, inScope } from '../../db/filters.ts';
import type { BuildingsTable, ProjectsTable } from '../../db/schema.ts';

export type ProjectRow = ProjectsTable & { building_count: number };

export async function listProjects(
  db: Executor,
  orgId: string,
  filter: { projectIds: 'all' | string[]; q?: string; after?: [string, string]; limit: number },
): Promise<ProjectRow[]> {
  let query = db
    .selectFrom('projects')
    .selectAll('projects')
    .select((eb) =>
      eb
        .selectFrom('buildings')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('buildings.project_id', '=', 'projects.id')
        .as('building_count'),
    )
    .where('projects.org_id', '=', orgId)
    .where(inScope('projects.id', filter.projectIds));
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText('projects.name', q), containsText('projects.code', q)]));
  }
  if (filter.after) {
    const [code, id] = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('projects.code', '>', code),
        eb.and([eb('projects.code', '=', code), eb('projects.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('projects.code')
    .orderBy('projects.id')
    .limit(filter.limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, building_count: Number(r.building_count ?? 0) }));
}

export async function findProject(db: Executor, orgId: string, id: string): Promise<ProjectRow | undefined> {
  const row = await db
    .selectFrom('projects')
    .selectAll('projects')
    .select((eb) =>
      eb
        .selectFrom('buildings')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('buildings.project_id', '=', 'projects.id')
        .as('building_count'),
    )
    .where('projects.org_id', '=', orgId)
    .where('projects.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, building_count: Number(row.building_count ?? 0) } : undefined;
}

export async function projectCodeExists(db: Executor, orgId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('projects')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertProject(db: Executor, row: ProjectsTable): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function listBuildings(
  db: Executor,
  orgId: string,
  projectId: string,
  buildingIds: 'all' | string[],
): Promise<BuildingsTable[]> {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('project_id', '=', projectId)
    .where(inScope('id', buildingIds))
    .orderBy('code')
    .execute();
}

export async function buildingCodeExists(db: Executor, projectId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('buildings')
    .select('id')
    .where('project_id', '=', projectId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBuilding(db: Executor, row: BuildingsTable): Promise<void> {
  await db.insertInto('buildings').values(row).execute();
}

/** Which of these project and building ids exist in the organisation (for validating scopes). */
export async function existingPlaces(
  db: Executor,
  orgId: string,
  projectIds: readonly string[],
  buildingIds: readonly string[],
): Promise<{ projects: Set<string>; buildings: Map<string, string> }> {
  const [projects, buildings] = await Promise.all([
    projectIds.length
      ? db
          .selectFrom('projects')
          .select('id')
          .where('org_id', '=', orgId)
          .where('id', 'in', projectIds)
          .execute()
      : [],
    buildingIds.length
      ? db
          .selectFrom('buildings')
          .select(['id', 'project_id'])
          .where('org_id', '=', orgId)
          .where('id', 'in', buildingIds)
          .execute()
      : [],
  ]);
  return {
    projects: new Set(projects.map((p) => p.id)),
    buildings: new Map(buildings.map((b) => [b.id, b.project_id])),
  };
}

export async function updateProject(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<Pick<ProjectsTable, 'name' | 'type' | 'address' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('projects').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
}
