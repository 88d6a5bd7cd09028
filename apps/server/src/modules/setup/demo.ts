import type { SystemRole } from '@steward/contracts';
import { SYSTEM_META } from '../../platform/auth/actor.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../../platform/auth/principal.repository.ts';
import { createUser } from '../access/index.ts';
import { createBuilding, createProject } from '../property/index.ts';
import { isInstalled } from './organizations.repository.ts';
import { createOrganization, type SetupDeps } from './setup.service.ts';

export interface DemoLogin {
  username: string;
  role: SystemRole;
  displayName: string;
}

/** Staff of every role. The butler looks after three buildings; everyone else sees the project. */
export const DEMO_STAFF: readonly (DemoLogin & {
  phone: string;
  buildings?: readonly string[];
  orgWide?: boolean;
})[] = [
  {
    username: 'admin',
    role: 'admin',
    displayName: '周立（系统管理员）',
    phone: '13800000001',
    orgWide: true,
  },
  {
    username: 'manager',
    role: 'manager',
    displayName: '王建国（项目经理）',
    phone: '13800000002',
    orgWide: true,
  },
  { username: 'supervisor', role: 'supervisor', displayName: '李秀英（客服主管）', phone: '13800000003' },
  { username: 'agent', role: 'agent', displayName: '陈静（客服前台）', phone: '13800000004' },
  {
    username: 'butler',
    role: 'butler',
    displayName: '刘洋（客服管家）',
    phone: '13800000005',
    buildings: ['1', '2', '3'],
  },
  { username: 'tech', role: 'technician', displayName: '张强（维修技师）', phone: '13800000006' },
  { username: 'cashier', role: 'cashier', displayName: '赵敏（收费员）', phone: '13800000007' },
];

/**
 * Loads the demo organisation into an empty database: one residential project with six buildings
 * and a user for every role, all with the given password. Does nothing if the database is in use.
 */
export async function loadDemo(
  deps: SetupDeps,
  password: string,
): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const logins = DEMO_STAFF.map(({ username, role, displayName }) => ({ username, role, displayName }));
  if (await isInstalled(deps.db)) return { created: false, logins };

  const admin = DEMO_STAFF[0]!;
  const { adminId } = await deps.db.transaction().execute((tx) =>
    createOrganization(
      tx,
      deps.clock,
      {
        name: '翠湖物业服务有限公司（演示）',
        timeZone: deps.config.timeZone,
        admin: { username: admin.username, displayName: admin.displayName, password },
      },
      { claimInstallation: true },
    ),
  );
  const actor = toActor((await loadPrincipalUser(deps.db, { id: adminId }))!, 'user', {});

  const project = await createProject(deps, actor, {
    code: 'CH01',
    name: '翠湖花园',
    type: 'residential',
    address: '杭州市西湖区翠湖路 88 号',
  });
  const buildings = new Map<string, string>();
  for (const n of ['1', '2', '3', '4', '5', '6']) {
    const building = await createBuilding(deps, actor, project.id, { code: n, name: `${n} 栋` });
    buildings.set(n, building.id);
  }

  for (const staff of DEMO_STAFF.slice(1)) {
    await createUser(deps, actor, SYSTEM_META, {
      username: staff.username,
      displayName: staff.displayName,
      password,
      phone: staff.phone,
      roles: [staff.role],
      mustChangePassword: false,
      scope: staff.orgWide
        ? { all: true, projects: [] }
        : {
            all: false,
            projects: [
              { projectId: project.id, buildingIds: (staff.buildings ?? []).map((b) => buildings.get(b)!) },
            ],
          },
    });
  }
  return { created: true, logins };
}
