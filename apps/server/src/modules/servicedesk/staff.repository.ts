import { OPEN_STATUSES, type BuildingDuty } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import { lockRows } from '../../db/locks.ts';
import type { BuildingDutiesTable, DutyShiftsTable, StaffProfilesTable } from '../../db/schema.ts';

/* ------------------------------------------------------------------ people */

export interface StaffRow {
  user_id: string;
  display_name: string;
  username: string;
  status: 'active' | 'disabled';
  scope_all: number;
  department_id: string | null;
  /** JSON array of skill codes; null when the person has no profile yet. */
  skills: string | null;
}

function staffQuery(db: Executor, orgId: string) {
  return db
    .selectFrom('users')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .select([
      'users.id as user_id',
      'users.display_name',
      'users.username',
      'users.status',
      'users.scope_all',
      'staff_profiles.department_id',
      'staff_profiles.skills',
    ])
    .where('users.org_id', '=', orgId);
}

/** Active people of the organisation, by name; with a department, only its members. */
export async function listStaff(
  db: Executor,
  orgId: string,
  filter: { departmentId?: string },
): Promise<StaffRow[]> {
  let query = staffQuery(db, orgId).where('users.status', '=', 'active');
  if (filter.departmentId !== undefined)
    query = query.where('staff_profiles.department_id', '=', filter.departmentId);
  return query.orderBy('users.display_name').orderBy('users.id').execute();
}

/** One person of the organisation, active or not. */
export async function findStaff(db: Executor, orgId: string, userId: string): Promise<StaffRow | undefined> {
  return staffQuery(db, orgId).where('users.id', '=', userId).executeTakeFirst();
}

/** The places a person's data scope names (whole projects have a null building). */
export async function scopeRowsOf(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<{ project_id: string; building_id: string | null }[]> {
  return db
    .selectFrom('user_scopes')
    .select(['project_id', 'building_id'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}

export async function upsertProfile(db: Executor, row: StaffProfilesTable): Promise<void> {
  await db
    .insertInto('staff_profiles')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        department_id: row.department_id,
        skills: row.skills,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function departmentOf(db: Executor, orgId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff_profiles')
    .select('department_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.department_id ?? null;
}

/* ------------------------------------------------------------------ building duties */

export interface DutyRow {
  user_id: string;
  building_id: string;
  building_code: string;
  building_name: string;
  project_id: string;
  duty: BuildingDuty;
}

/** Duties of these people (all of the organisation's when `userIds` is 'all'), with building names. */
export async function dutiesOf(
  db: Executor,
  orgId: string,
  userIds: 'all' | readonly string[],
  buildingId?: string,
): Promise<DutyRow[]> {
  if (userIds !== 'all' && userIds.length === 0) return [];
  let query = db
    .selectFrom('building_duties')
    .innerJoin('buildings', 'buildings.id', 'building_duties.building_id')
    .select([
      'building_duties.user_id',
      'building_duties.building_id',
      'buildings.code as building_code',
      'buildings.name as building_name',
      'building_duties.project_id',
      'building_duties.duty',
    ])
    .where('building_duties.org_id', '=', orgId);
  if (userIds !== 'all') query = query.where('building_duties.user_id', 'in', userIds);
  if (buildingId !== undefined) query = query.where('building_duties.building_id', '=', buildingId);
  return query.execute();
}

export async function replaceDuties(
  db: Executor,
  orgId: string,
  userId: string,
  rows: readonly BuildingDutiesTable[],
): Promise<void> {
  await db.deleteFrom('building_duties').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (rows.length) await db.insertInto('building_duties').values(rows).execute();
}

export async function findBuildings(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string; project_id: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('buildings')
    .select(['id', 'name', 'project_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

/* ------------------------------------------------------------------ load and duty */

/** Records assigned to each of these people that still owe work (OPEN_STATUSES). */
export async function openLoads(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', OPEN_STATUSES)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Which of these people have a shift that covers the instant `at`. */
export async function onDutyAt(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
  at: string,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('duty_shifts')
    .select('user_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('user_id', 'in', userIds)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/* ------------------------------------------------------------------ duty roster */

export interface ShiftRow {
  id: string;
  user_id: string;
  display_name: string;
  department_id: string | null;
  starts_at: string;
  ends_at: string;
}

function shiftQuery(db: Executor, orgId: string) {
  return db
    .selectFrom('duty_shifts')
    .innerJoin('users', 'users.id', 'duty_shifts.user_id')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'duty_shifts.user_id')
    .select([
      'duty_shifts.id',
      'duty_shifts.user_id',
      'users.display_name',
      'staff_profiles.department_id',
      'duty_shifts.starts_at',
      'duty_shifts.ends_at',
    ])
    .where('duty_shifts.org_id', '=', orgId);
}

/** Shifts that overlap [from, to), earliest first; with a department, only its current members'. */
export async function listShifts(
  db: Executor,
  orgId: string,
  filter: { from: string; to: string; departmentId?: string },
): Promise<ShiftRow[]> {
  let query = shiftQuery(db, orgId)
    .where('duty_shifts.ends_at', '>', filter.from)
    .where('duty_shifts.starts_at', '<', filter.to);
  if (filter.departmentId !== undefined)
    query = query.where('staff_profiles.department_id', '=', filter.departmentId);
  return query.orderBy('duty_shifts.starts_at').orderBy('duty_shifts.id').execute();
}

export async function findShift(db: Executor, orgId: string, id: string): Promise<ShiftRow | undefined> {
  return shiftQuery(db, orgId).where('duty_shifts.id', '=', id).executeTakeFirst();
}

/** A shift of this person that overlaps [startsAt, endsAt), if any. */
export async function overlappingShift(
  db: Executor,
  orgId: string,
  userId: string,
  startsAt: string,
  endsAt: string,
): Promise<ShiftRow | undefined> {
  return shiftQuery(db, orgId)
    .where('duty_shifts.user_id', '=', userId)
    .where('duty_shifts.ends_at', '>', startsAt)
    .where('duty_shifts.starts_at', '<', endsAt)
    .orderBy('duty_shifts.starts_at')
    .executeTakeFirst();
}

/**
 * Holds the person's row until the transaction ends (a write that changes nothing), so work on one
 * person queues on PostgreSQL too (SQLite runs write transactions one at a time anyway): two shifts
 * added at the same moment are checked for overlap one after the other, and two writers of a staff
 * profile (whose duties are deleted and re-inserted) do not collide on the unique duty or merge.
 */
export async function lockPerson(db: Executor, orgId: string, userId: string): Promise<void> {
  await lockRows(db, 'users', orgId, [userId]);
}

export async function insertShift(db: Executor, row: DutyShiftsTable): Promise<void> {
  await db.insertInto('duty_shifts').values(row).execute();
}

export async function deleteShift(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('duty_shifts').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/* ------------------------------------------------------------------ dispatch */

/**
 * Active members of a department whose data scope reaches the place: the whole organisation, the
 * whole project, or — when a building is given — that building.
 */
export async function poolMembers(
  db: Executor,
  input: { orgId: string; departmentId: string; projectId: string; buildingId: string | null },
): Promise<StaffRow[]> {
  const { orgId, departmentId, projectId, buildingId } = input;
  return (
    staffQuery(db, orgId)
      .where('users.status', '=', 'active')
      .where('staff_profiles.department_id', '=', departmentId)
      // Only people whose roles let them work a job: a front-desk agent in 客服部 would be handed
      // records they can neither accept nor decline.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles as ur')
            .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
            .select('ur.user_id')
            .whereRef('ur.user_id', '=', 'users.id')
            .where('rp.permission', '=', 'tickets.work'),
        ),
      )
      .where((eb) =>
        eb.or([
          eb('users.scope_all', '=', 1),
          eb.exists(
            eb
              .selectFrom('user_scopes')
              .select('user_scopes.id')
              .whereRef('user_scopes.user_id', '=', 'users.id')
              .where('user_scopes.project_id', '=', projectId)
              .where((inner) =>
                buildingId === null
                  ? inner('user_scopes.building_id', 'is', null)
                  : inner.or([
                      inner('user_scopes.building_id', 'is', null),
                      inner('user_scopes.building_id', '=', buildingId),
                    ]),
              ),
          ),
        ]),
      )
      .orderBy('users.display_name')
      .orderBy('users.id')
      .execute()
  );
}

/** Whether any current member of the department has a shift overlapping [from, to). */
export async function departmentHasShifts(
  db: Executor,
  orgId: string,
  departmentId: string,
  from: string,
  to: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('duty_shifts')
    .innerJoin('staff_profiles', 'staff_profiles.user_id', 'duty_shifts.user_id')
    .select('duty_shifts.id')
    .where('duty_shifts.org_id', '=', orgId)
    .where('staff_profiles.department_id', '=', departmentId)
    .where('duty_shifts.ends_at', '>', from)
    .where('duty_shifts.starts_at', '<', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
