import type { CandidateQuery, DispatchSuggestion } from '@steward/contracts';
import type { DispatchBasis } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  dispatchPool,
  findDepartment,
  resolveCategory,
  type ResolvedCategory,
} from '../servicedesk/index.ts';
import { chooseAssignee } from './dispatch-rules.ts';
import { ticketsError } from './tickets.errors.ts';
import { resolvePlace, type TicketsDeps } from './tickets.service.ts';

export interface DispatchDecision {
  departmentId: string | null;
  assigneeId: string | null;
  basis: DispatchBasis;
  /** Names as they were at dispatch, for the timeline (people and departments get renamed). */
  departmentName?: string;
  assigneeName?: string | null;
}

interface DispatchInput {
  orgId: string;
  category: Pick<ResolvedCategory, 'departmentId' | 'skill'>;
  place: { projectId: string; buildingId: string | null };
  at: string;
  /** A department (and person) chosen by hand; null lets the rules decide. */
  manual: { departmentId: string; assigneeId?: string | null } | null;
}

/**
 * Where a record goes. By hand: the department must be active and the person one of its members
 * who works at the record's place. By rule: the category's department, then `chooseAssignee`.
 * No department configured for the category: the record waits for a dispatcher (待派工).
 */
export async function decideDispatch(
  db: Executor,
  _actor: Actor,
  input: DispatchInput,
): Promise<DispatchDecision> {
  const departmentId = input.manual?.departmentId ?? input.category.departmentId;
  if (departmentId === null) return { departmentId: null, assigneeId: null, basis: 'department' };
  const department = await findDepartment(db, input.orgId, departmentId);
  if (!department || !department.active) {
    if (input.manual) throw ticketsError('DEPARTMENT_UNAVAILABLE', { field: 'departmentId' });
    return { departmentId: null, assigneeId: null, basis: 'department' };
  }
  const pool = await dispatchPool(db, {
    orgId: input.orgId,
    departmentId,
    projectId: input.place.projectId,
    buildingId: input.place.buildingId,
    at: input.at,
  });
  if (input.manual) {
    const assigneeId = input.manual.assigneeId ?? null;
    if (assigneeId !== null && !pool.people.some((p) => p.userId === assigneeId))
      throw ticketsError('ASSIGNEE_UNAVAILABLE', { field: 'assigneeId' });
    return {
      departmentId,
      assigneeId,
      basis: 'manual',
      ...namesOf(department.name, pool.people, assigneeId),
    };
  }
  const people = onDuty(pool);
  const choice = chooseAssignee(people, input.category.skill);
  return { departmentId, ...choice, ...namesOf(department.name, people, choice.assigneeId) };
}

function namesOf(
  departmentName: string,
  people: readonly { userId: string; name: string }[],
  assigneeId: string | null,
) {
  return { departmentName, assigneeName: people.find((p) => p.userId === assigneeId)?.name ?? null };
}

/** The people who could take a record at a place, and what the rules would choose (intake and re-dispatch). */
export async function dispatchCandidates(
  deps: Pick<TicketsDeps, 'db' | 'clock'>,
  actor: Actor,
  query: CandidateQuery,
): Promise<DispatchSuggestion> {
  const db = deps.db;
  const place = await resolvePlace(deps, db, actor, query);
  const category = query.categoryId ? await resolveCategory(db, actor.orgId, query.categoryId) : null;
  if (query.categoryId && !category) throw ticketsError('CATEGORY_UNAVAILABLE', { field: 'categoryId' });
  const departmentId = query.departmentId ?? category?.departmentId ?? null;
  const empty = {
    departmentId: null,
    departmentName: null,
    assigneeId: null,
    basis: 'department' as const,
    candidates: [],
  };
  if (departmentId === null || place === null) return empty;
  const department = await findDepartment(db, actor.orgId, departmentId);
  if (!department) throw ticketsError('DEPARTMENT_UNAVAILABLE', { field: 'departmentId' });
  const at = deps.clock.now().toISOString();
  const pool = await dispatchPool(db, {
    orgId: actor.orgId,
    departmentId,
    projectId: place.projectId,
    buildingId: place.buildingId,
    at,
  });
  const people = onDuty(pool);
  const skill = category?.skill ?? null;
  const decision = chooseAssignee(people, skill);
  return {
    departmentId,
    departmentName: department.name,
    assigneeId: decision.assigneeId,
    basis: decision.basis,
    candidates: people
      .map((p) => ({
        userId: p.userId,
        name: p.name,
        departmentId: p.departmentId,
        openLoad: p.openLoad,
        onDuty: p.onDuty,
        hasSkill: skill === null || p.skills.includes(skill),
        buildingDuty: p.buildingDuty,
      }))
      .sort((a, b) => a.openLoad - b.openLoad || a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/** A department that keeps no roster has everyone on duty, rather than nobody. */
function onDuty(pool: Awaited<ReturnType<typeof dispatchPool>>) {
  return pool.rosterKept ? pool.people : pool.people.map((p) => ({ ...p, onDuty: true }));
}
