import type { SystemRole } from '@steward/contracts';
import { SYSTEM_META } from '../../platform/auth/actor.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../../platform/auth/principal.repository.ts';
import { createUser } from '../access/index.ts';
import { listBuildings, listProjects } from '../property/index.ts';
import { importRows } from '../archive/index.ts';
import { demoArchive } from './demo-archive.ts';
import { isInstalled } from './organizations.repository.ts';
import { createOrganization, type SetupDeps } from './setup.service.ts';
import type { PiiCipher } from '../../platform/pii/cipher.ts';

export interface DemoLogin {
  username: string;
  role: SystemRole;
  displayName: string;
}

/** Staff of every role. The butler looks after three buildings; everyone else sees the first estate. */
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

/** Houses in the demo archive unless asked otherwise: three estates, enough to feel real, quick to load. */
export const DEMO_HOUSES = 3000;

/**
 * Loads the demo organisation into an empty database: a user for every role (all with the given
 * password) and a generated archive of projects, houses and customers, fed through the same import
 * pipeline as an Excel file. Does nothing if the database is in use.
 */
export async function loadDemo(
  deps: SetupDeps & { cipher: PiiCipher },
  password: string,
  options: { houses?: number } = {},
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

  const houses = options.houses ?? DEMO_HOUSES;
  const archive = demoArchive({ houses, projects: Math.max(1, Math.min(3, Math.ceil(houses / 1000))) });
  for (const [kind, rows] of [
    ['houses', archive.houses],
    ['customers', archive.customers],
  ] as const) {
    const sheetRows = [...rows].map((values, i) => ({ row: i + 2, values }));
    const outcome = await importRows(deps, actor, SYSTEM_META, kind, sheetRows);
    if (!outcome.ok)
      throw new Error(`demo ${kind} did not import: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  }

  // Staff work in the first estate; the butler looks after three of its buildings.
  const [project] = (await listProjects(deps, actor, { limit: 1 })).items;
  const buildings = new Map((await listBuildings(deps, actor, project!.id)).map((b) => [b.code, b.id]));
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
              {
                projectId: project!.id,
                // A tiny demo (--houses 10) may not have three buildings: take those that exist.
                buildingIds: (staff.buildings ?? []).flatMap((b) => buildings.get(b) ?? []),
              },
            ],
          },
    });
  }
  return { created: true, logins };
}
