import type { Executor } from '../../db/database.ts';
import { newId } from '../ids.ts';

export async function setUserScopes(
  db: Executor,
  orgId: string,
  userId: string,
  scopes: readonly { projectId: string; buildingId: string | null }[],
): Promise<void> {
  await db.deleteFrom('user_scopes').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (scopes.length === 0) return;
  await db
    .insertInto('user_scopes')
    .values(
      scopes.map((s) => ({
        id: newId(),
        org_id: orgId,
        user_id: userId,
        project_id: s.projectId,
        building_id: s.buildingId,
      })),
    )
    .execute();
}

/** Widens a user's scope by a whole project (e.g. one they just created). */
export async function addProjectToScope(
  db: Executor,
  orgId: string,
  userId: string,
  projectId: string,
): Promise<void> {
  await db
    .insertInto('user_scopes')
    .values({ id: newId(), org_id: orgId, user_id: userId, project_id: projectId, building_id: null })
    .execute();
}
