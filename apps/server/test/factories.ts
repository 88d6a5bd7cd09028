import { randomBytes } from 'node:crypto';
import type {
  Area,
  CreateAreaBody,
  CreateHouseBody,
  DataScope,
  House,
  Project,
  SystemRole,
  Unit,
} from '@steward/contracts';
import type { Db } from '../src/db/database.ts';
import type { Clock } from '../src/platform/clock.ts';
import { SYSTEM_META, type Actor } from '../src/platform/auth/actor.ts';
import { toActor } from '../src/platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../src/platform/auth/principal.repository.ts';
import { createUser } from '../src/modules/access/index.ts';
import {
  createArea,
  createBuilding,
  createHouse,
  createProject,
  createUnit,
} from '../src/modules/property/index.ts';
import { createOrganization } from '../src/modules/setup/index.ts';

export const PASSWORD = 'Passw0rd-test';

type Deps = { db: Db; clock: Clock };

/** Usernames are unique across the installation, so every factory user gets a fresh one. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function actorFor(deps: Deps, userId: string): Promise<Actor> {
  return toActor((await loadPrincipalUser(deps.db, { id: userId }))!, 'user', {});
}

export interface TestOrg {
  orgId: string;
  admin: Actor;
  adminUsername: string;
}

export async function newOrg(deps: Deps, name = 'Test Org'): Promise<TestOrg> {
  const adminUsername = uniqueName('admin');
  const { orgId, adminId } = await deps.db.transaction().execute((tx) =>
    createOrganization(
      tx,
      deps.clock,
      {
        name,
        timeZone: 'Asia/Shanghai',
        admin: { username: adminUsername, displayName: `${name} 管理员`, password: PASSWORD },
      },
      { claimInstallation: false },
    ),
  );
  return { orgId, admin: await actorFor(deps, adminId), adminUsername };
}

export async function newProject(
  deps: Deps,
  org: TestOrg,
  input: { code?: string; buildings?: string[] } = {},
): Promise<Project & { buildingIds: string[] }> {
  const project = await createProject(deps, org.admin, {
    code: input.code ?? uniqueName('P'),
    name: `项目 ${input.code ?? ''}`.trim(),
    type: 'residential',
  });
  const buildingIds: string[] = [];
  for (const code of input.buildings ?? ['1', '2']) {
    buildingIds.push((await createBuilding(deps, org.admin, project.id, { code, name: `${code} 栋` })).id);
  }
  return { ...project, buildingCount: buildingIds.length, buildingIds };
}

export async function newUser(
  deps: Deps,
  org: TestOrg,
  input: { roles?: (SystemRole | string)[]; scope?: DataScope; username?: string } = {},
): Promise<{ id: string; username: string; actor: Actor }> {
  const username = input.username ?? uniqueName(input.roles?.[0] ?? 'user');
  const user = await createUser(deps, org.admin, SYSTEM_META, {
    username,
    displayName: `用户 ${username}`,
    password: PASSWORD,
    roles: input.roles ?? ['agent'],
    scope: input.scope ?? { all: true, projects: [] },
    mustChangePassword: false,
  });
  return { id: user.id, username, actor: await actorFor(deps, user.id) };
}

export async function newUnit(deps: Deps, org: TestOrg, buildingId: string, code: string): Promise<Unit> {
  return createUnit(deps, org.admin, buildingId, { code });
}

export async function newHouse(
  deps: Deps,
  org: TestOrg,
  input: Partial<CreateHouseBody> & { buildingId: string; roomNo: string },
): Promise<House> {
  return createHouse(deps, org.admin, { use: 'residence', state: 'delivered', ...input });
}

export async function newArea(
  deps: Deps,
  org: TestOrg,
  input: Partial<CreateAreaBody> & { projectId: string; code: string },
): Promise<Area> {
  return createArea(deps, org.admin, {
    kind: 'area',
    category: 'lobby',
    name: `区域 ${input.code}`,
    ...input,
  });
}
