import type { SystemRole, UpdateStaffBody } from '@steward/contracts';
import type { BuildingDuty, Skill } from '@steward/contracts/catalogues';
import { SYSTEM_META, type Actor } from '../../platform/auth/actor.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../../platform/auth/principal.repository.ts';
import { createUser } from '../access/index.ts';
import { listBuildings, listProjects } from '../property/index.ts';
import {
  addDays,
  createShift,
  listDepartments,
  localDay,
  updateStaff,
  zonedTime,
} from '../servicedesk/index.ts';
import { importRows } from '../archive/index.ts';
import { demoArchive } from './demo-archive.ts';
import { loadDemoTickets } from './demo-tickets.ts';
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

/**
 * Two more technicians so dispatch has a choice and the roster a night shift. They can sign in
 * with the demo password but are not among the printed logins (API.md fixes those).
 */
const DEMO_EXTRA_TECHNICIANS = [
  { username: 'tech2', displayName: '孙伟（维修技师）', phone: '13800000008' },
  { username: 'tech3', displayName: '吴磊（维修技师）', phone: '13800000009' },
] as const;

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
  const userIds = new Map<string, string>([[admin.username, adminId]]);
  const staffList: (typeof DEMO_STAFF)[number][] = [
    ...DEMO_STAFF.slice(1),
    ...DEMO_EXTRA_TECHNICIANS.map((t) => ({ ...t, role: 'technician' as const, orgWide: false })),
  ];
  for (const staff of staffList) {
    const user = await createUser(deps, actor, SYSTEM_META, {
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
    userIds.set(staff.username, user.id);
  }
  const butlerBuildings = (DEMO_STAFF.find((s) => s.username === 'butler')?.buildings ?? []).flatMap(
    (b) => buildings.get(b) ?? [],
  );
  await loadServiceDesk(deps, actor, userIds, butlerBuildings);
  await loadDemoTickets(deps);
  return { created: true, logins };
}

/**
 * The service desk's people: the front desk, the butler and the supervisor in 客服部, three
 * technicians in 工程部 (`tech` looks after the butler's buildings), and a roster from last night
 * through the coming 7 days in the organisation's time zone: day shifts 08:00–20:00 for tech and
 * tech2, nights 20:00–08:00 for tech3. Everything follows from the clock, so the demo is the same
 * every time it is loaded at the same moment.
 */
async function loadServiceDesk(
  deps: SetupDeps,
  actor: Actor,
  userIds: ReadonlyMap<string, string>,
  butlerBuildings: readonly string[],
): Promise<void> {
  const departments = new Map((await listDepartments(deps, actor)).map((d) => [d.code, d.id]));
  const profile = (department: string, skills: Skill[], duty?: BuildingDuty) => ({
    departmentId: departments.get(department) ?? null,
    skills,
    duties: duty ? butlerBuildings.map((buildingId) => ({ buildingId, duty })) : [],
  });
  const profiles: Record<string, UpdateStaffBody> = {
    supervisor: profile('CS', ['customer_service']),
    agent: profile('CS', ['customer_service']),
    butler: profile('CS', ['customer_service'], 'butler'),
    tech: profile('ENG', ['plumbing', 'electrical', 'locks'], 'technician'),
    tech2: profile('ENG', ['plumbing', 'carpentry', 'civil']),
    tech3: profile('ENG', ['electrical', 'elevator', 'plumbing']),
  };
  for (const [username, body] of Object.entries(profiles))
    await updateStaff(deps, actor, SYSTEM_META, userIds.get(username)!, body);

  const zone = deps.config.timeZone;
  const today = localDay(deps.clock.now(), zone);
  for (let offset = -1; offset < 7; offset++) {
    const day = addDays(today, offset);
    const shifts: [string, Date, Date][] = [
      ['tech3', zonedTime(day, 20, 0, zone), zonedTime(addDays(day, 1), 8, 0, zone)],
    ];
    if (offset >= 0)
      for (const username of ['tech', 'tech2'])
        shifts.push([username, zonedTime(day, 8, 0, zone), zonedTime(day, 20, 0, zone)]);
    for (const [username, startsAt, endsAt] of shifts)
      await createShift(deps, actor, SYSTEM_META, {
        userId: userIds.get(username)!,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      });
  }
}
