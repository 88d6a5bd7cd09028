import type {
  Building,
  CreateBuildingBody,
  CreateProjectBody,
  PageOf,
  Project,
  ProjectListQuery,
} from '@steward/contracts';
import type { Db } from '../../db/database.ts';
import type { BuildingsTable } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { defineErrors, platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canAccessProject,
  FULL_SCOPE,
  scopedBuildingIds,
  scopedProjectIds,
  type Scope,
} from '../../platform/auth/scope.ts';
import { addProjectToScope } from '../../platform/auth/scopes.repository.ts';
import * as repo from './projects.repository.ts';

export const propertyError = defineErrors({
  PROJECT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '项目编码 {code} 已存在',
    'en-US': 'Project code {code} is already used',
  },
  BUILDING_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该项目下楼栋编码 {code} 已存在',
    'en-US': 'Building code {code} is already used in this project',
  },
});

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

function buildingDto(row: BuildingsTable): Building {
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
          name: body.name.trim(),
          type: body.type,
          address: body.address?.trim() || null,
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
  return rows.map(buildingDto);
}

export async function createBuilding(
  deps: PropertyDeps,
  actor: Actor,
  projectId: string,
  body: CreateBuildingBody,
  idempotency?: IdempotencyContext,
): Promise<Building> {
  await getProject(deps, actor, projectId);
  if (scopedBuildingIds(actor.scope, projectId) !== 'all') throw platformError('FORBIDDEN');
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
          name: body.name.trim(),
          created_at: deps.clock.now().toISOString(),
        };
        await repo.insertBuilding(tx, row);
        return buildingDto(row);
      }),
    () => propertyError('BUILDING_CODE_TAKEN', { field: 'code' }, { code: body.code }),
  );
}
