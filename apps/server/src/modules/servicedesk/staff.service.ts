import { SKILLS, type Skill } from '@steward/contracts/catalogues';
import type {
  CreateDutyShiftBody,
  DutyShift,
  DutyShiftQuery,
  OkResponse,
  StaffListQuery,
  StaffProfile,
  UpdateStaffBody,
} from '@steward/contracts';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { canAccessBuilding, FULL_SCOPE, scopeFromRows } from '../../platform/auth/scope.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { naturalCompare } from '../../platform/natural-sort.ts';
import { dutyChanges, type DutyKey } from './duties.ts';
import { MAX_SHIFT_HOURS, MAX_WINDOW_DAYS, shiftProblem, windowIsValid, zonedLabel } from './roster.ts';
import { servicedeskError } from './servicedesk.errors.ts';
import * as config from './servicedesk.repository.ts';
import {
  activeDepartment,
  auditConfigured,
  changesBetween,
  type ServicedeskDeps,
} from './servicedesk.service.ts';
import * as repo from './staff.repository.ts';

/** The roster speaks the organisation's wall-clock time in its messages. */
export type StaffDeps = ServicedeskDeps & { config: Pick<Config, 'timeZone'> };

/* ------------------------------------------------------------------ staff profiles */

/** Stored skills, kept to known codes in catalogue order (a stray value never reaches a client). */
export function parseSkills(json: string | null): Skill[] {
  if (!json) return [];
  const stored = new Set<unknown>(JSON.parse(json) as unknown[]);
  return SKILLS.filter((s) => stored.has(s));
}

/** Profiles for these people: department, skills, buildings looked after, open load, on duty now. */
async function profilesOf(db: Executor, orgId: string, rows: repo.StaffRow[], now: string) {
  const ids = rows.map((r) => r.user_id);
  const duties = await repo.dutiesOf(db, orgId, ids);
  const loads = await repo.openLoads(db, orgId, ids);
  const onDuty = await repo.onDutyAt(db, orgId, ids, now);
  duties.sort(
    (a, b) =>
      a.project_id.localeCompare(b.project_id) ||
      naturalCompare(a.building_code, b.building_code) ||
      a.duty.localeCompare(b.duty),
  );
  return rows.map((r): StaffProfile => ({
    userId: r.user_id,
    name: r.display_name,
    username: r.username,
    departmentId: r.department_id,
    skills: parseSkills(r.skills),
    duties: duties
      .filter((d) => d.user_id === r.user_id)
      .map((d) => ({
        buildingId: d.building_id,
        buildingName: d.building_name,
        projectId: d.project_id,
        duty: d.duty,
      })),
    openLoad: loads.get(r.user_id) ?? 0,
    onDutyNow: onDuty.has(r.user_id),
  }));
}

/**
 * The organisation's people as dispatch sees them. Without a department: every active user, so a
 * manager can place someone who has no profile yet; with one: its members.
 */
export async function listStaff(
  deps: Pick<ServicedeskDeps, 'db' | 'clock'>,
  actor: Actor,
  query: StaffListQuery,
): Promise<StaffProfile[]> {
  if (query.departmentId && !(await config.findDepartment(deps.db, actor.orgId, query.departmentId)))
    throw platformError('NOT_FOUND', { field: 'query.departmentId' });
  const rows = await repo.listStaff(deps.db, actor.orgId, { departmentId: query.departmentId });
  return profilesOf(deps.db, actor.orgId, rows, deps.clock.now().toISOString());
}

/**
 * Sets a person's department, skills and building duties (the whole list). A duty is a claim on
 * a building, so adding or removing one needs the building in the editor's scope; duties on
 * other buildings may come back unchanged. A new duty must also lie within the person's own
 * scope, or they would be sent records they cannot open.
 */
export async function updateStaff(
  deps: StaffDeps,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
  body: UpdateStaffBody,
): Promise<StaffProfile> {
  return deps.db.transaction().execute(async (tx) => {
    // Locked, then read: the last of several writers at once replaces the whole profile.
    await repo.lockPerson(tx, actor.orgId, userId);
    const person = await repo.findStaff(tx, actor.orgId, userId);
    if (!person) throw platformError('NOT_FOUND');
    // A department that was deactivated after the person joined may stay while other things change.
    if (body.departmentId !== null && body.departmentId !== person.department_id)
      await activeDepartment(tx, actor.orgId, body.departmentId, 'body.departmentId');

    const current = await repo.dutiesOf(tx, actor.orgId, [userId]);
    const { next, added, removed } = dutyChanges(current.map(toKey), body.duties);
    const buildings = new Map(
      (
        await repo.findBuildings(
          tx,
          actor.orgId,
          next.map((d) => d.buildingId),
        )
      ).map((b) => [b.id, b]),
    );
    const fieldOf = (d: DutyKey) =>
      `body.duties.${body.duties.findIndex((r) => r.buildingId === d.buildingId && r.duty === d.duty)}`;
    for (const d of next)
      if (!buildings.has(d.buildingId))
        throw platformError('NOT_FOUND', { field: `${fieldOf(d)}.buildingId` });

    const personScope = person.scope_all
      ? FULL_SCOPE
      : scopeFromRows(false, await repo.scopeRowsOf(tx, actor.orgId, userId));
    for (const d of added) {
      const b = buildings.get(d.buildingId)!;
      if (!canAccessBuilding(actor.scope, b.project_id, b.id))
        throw servicedeskError('DUTY_OUTSIDE_SCOPE', { field: fieldOf(d) }, { building: b.name });
      if (!canAccessBuilding(personScope, b.project_id, b.id))
        throw servicedeskError('DUTY_OUTSIDE_USER_SCOPE', { field: fieldOf(d) }, { building: b.name });
    }
    for (const d of removed) {
      const b = current.find((c) => c.building_id === d.buildingId)!;
      if (!canAccessBuilding(actor.scope, b.project_id, b.building_id))
        throw servicedeskError('DUTY_OUTSIDE_SCOPE', { field: 'body.duties' }, { building: b.building_name });
    }

    const skills = SKILLS.filter((s) => body.skills.includes(s));
    const before = { departmentId: person.department_id, skills: parseSkills(person.skills) };
    const changes = changesBetween(before, { departmentId: body.departmentId, skills });
    const now = deps.clock.now().toISOString();
    if (Object.keys(changes).length || person.skills === null)
      await repo.upsertProfile(tx, {
        user_id: userId,
        org_id: actor.orgId,
        department_id: body.departmentId,
        skills: JSON.stringify(skills),
        updated_at: now,
      });
    if (added.length || removed.length) {
      await repo.replaceDuties(
        tx,
        actor.orgId,
        userId,
        next.map((d) => ({
          id: newId(),
          org_id: actor.orgId,
          project_id: buildings.get(d.buildingId)!.project_id,
          building_id: d.buildingId,
          user_id: userId,
          duty: d.duty,
        })),
      );
      const named = (list: DutyKey[], name: (id: string) => string) =>
        list.map((d) => ({ buildingId: d.buildingId, building: name(d.buildingId), duty: d.duty }));
      changes.dutiesAdded = named(added, (id) => buildings.get(id)!.name);
      changes.dutiesRemoved = named(
        removed,
        (id) => current.find((c) => c.building_id === id)!.building_name,
      );
    }
    if (Object.keys(changes).length)
      await auditConfigured(tx, deps, actor, meta, {
        entity: 'staff',
        change: 'updated',
        target: { type: 'user', id: userId },
        details: { username: person.username, name: person.display_name, changes },
      });
    const [profile] = await profilesOf(
      tx,
      actor.orgId,
      [(await repo.findStaff(tx, actor.orgId, userId))!],
      now,
    );
    return profile!;
  });
}

const toKey = (d: repo.DutyRow): DutyKey => ({ buildingId: d.building_id, duty: d.duty });

/* ------------------------------------------------------------------ duty roster */

function shiftDto(row: repo.ShiftRow): DutyShift {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.display_name,
    departmentId: row.department_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

/** Shifts overlapping the window, earliest first; a department narrows to its current members. */
export async function listShifts(
  deps: Pick<ServicedeskDeps, 'db'>,
  actor: Actor,
  query: DutyShiftQuery,
): Promise<DutyShift[]> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!windowIsValid(from, to))
    throw servicedeskError('SHIFT_WINDOW_INVALID', { field: 'query.to' }, { days: MAX_WINDOW_DAYS });
  if (query.departmentId && !(await config.findDepartment(deps.db, actor.orgId, query.departmentId)))
    throw platformError('NOT_FOUND', { field: 'query.departmentId' });
  const rows = await repo.listShifts(deps.db, actor.orgId, {
    from: from.toISOString(),
    to: to.toISOString(),
    departmentId: query.departmentId,
  });
  return rows.map(shiftDto);
}

/** A shift of at most 24 hours for an active person, not overlapping another of theirs. */
export async function createShift(
  deps: StaffDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateDutyShiftBody,
  idempotency?: IdempotencyContext,
): Promise<DutyShift> {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const problem = shiftProblem(startsAt, endsAt);
  if (problem) throw servicedeskError(problem, { field: 'body.endsAt' }, { hours: MAX_SHIFT_HOURS });
  const window = { starts: startsAt.toISOString(), ends: endsAt.toISOString() };
  return runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
    const person = await repo.findStaff(tx, actor.orgId, body.userId);
    if (!person || person.status !== 'active') throw platformError('NOT_FOUND', { field: 'body.userId' });
    await repo.lockPerson(tx, actor.orgId, body.userId);
    const clash = await repo.overlappingShift(tx, actor.orgId, body.userId, window.starts, window.ends);
    if (clash)
      throw servicedeskError(
        'SHIFT_OVERLAP',
        { field: 'body.startsAt', shiftId: clash.id },
        {
          startsAt: zonedLabel(new Date(clash.starts_at), deps.config.timeZone),
          endsAt: zonedLabel(new Date(clash.ends_at), deps.config.timeZone),
        },
      );
    const id = newId();
    await repo.insertShift(tx, {
      id,
      org_id: actor.orgId,
      user_id: body.userId,
      starts_at: window.starts,
      ends_at: window.ends,
      created_by: actor.userId,
      created_at: deps.clock.now().toISOString(),
    });
    await auditConfigured(tx, deps, actor, meta, {
      entity: 'duty_shift',
      change: 'created',
      target: { type: 'duty_shift', id },
      details: {
        username: person.username,
        name: person.display_name,
        startsAt: window.starts,
        endsAt: window.ends,
      },
    });
    return shiftDto((await repo.findShift(tx, actor.orgId, id))!);
  });
}

/** Removes a planned or running shift; one that has ended stays as the record of who was on duty. */
export async function deleteShift(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<OkResponse> {
  return deps.db.transaction().execute(async (tx) => {
    const shift = await repo.findShift(tx, actor.orgId, id);
    if (!shift) throw platformError('NOT_FOUND');
    if (new Date(shift.ends_at).getTime() <= deps.clock.now().getTime())
      throw servicedeskError('SHIFT_ENDED');
    await repo.deleteShift(tx, actor.orgId, id);
    await auditConfigured(tx, deps, actor, meta, {
      entity: 'duty_shift',
      change: 'deleted',
      target: { type: 'duty_shift', id },
      details: {
        userId: shift.user_id,
        name: shift.display_name,
        startsAt: shift.starts_at,
        endsAt: shift.ends_at,
      },
    });
    return { ok: true as const };
  });
}
