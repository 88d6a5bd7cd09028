import type { BuildingDuty, Skill } from '@steward/contracts/catalogues';
import type { Executor } from '../../db/database.ts';
import { resolveChain, type ResolvedCategory } from './category-tree.ts';
import { preferredDuty } from './duties.ts';
import { ROSTER_LOOKAROUND_MS } from './roster.ts';
import * as config from './servicedesk.repository.ts';
import { parseSkills } from './staff.service.ts';
import * as staff from './staff.repository.ts';

/**
 * What the tickets module asks of the configuration when it registers and dispatches records.
 * Each lookup takes the caller's executor, so it reads inside the ticket's transaction.
 */
export type { ResolvedCategory };

/** The category with department and skill inherited from the nearest ancestor that has them. */
export async function resolveCategory(
  db: Executor,
  orgId: string,
  categoryId: string,
): Promise<ResolvedCategory | null> {
  const chain = await config.categoryChain(db, orgId, categoryId);
  if (!chain.length) return null;
  return resolveChain(
    chain.map((c) => ({
      id: c.id,
      parentId: c.parent_id,
      name: c.name,
      departmentId: c.department_id,
      skill: c.skill,
      defaultUrgency: c.default_urgency,
      active: c.active === 1,
    })),
  );
}

export interface DispatchPerson {
  userId: string;
  name: string;
  departmentId: string;
  skills: Skill[];
  onDuty: boolean;
  buildingDuty: BuildingDuty | null;
  openLoad: number;
}

/**
 * Active members of a department whose data scope reaches the place (project, and building when
 * given). rosterKept: the department's members have any duty shift in the 7 days before `at` or
 * after it; when false, everyone counts as on duty (a department that keeps no roster is not
 * left without anyone).
 */
export async function dispatchPool(
  db: Executor,
  input: { orgId: string; departmentId: string; projectId: string; buildingId: string | null; at: string },
): Promise<{ people: DispatchPerson[]; rosterKept: boolean }> {
  const { orgId, departmentId, buildingId } = input;
  const at = new Date(input.at);
  const members = await staff.poolMembers(db, input);
  const ids = members.map((m) => m.user_id);
  const duties = buildingId === null ? [] : await staff.dutiesOf(db, orgId, ids, buildingId);
  const loads = await staff.openLoads(db, orgId, ids);
  const onDuty = await staff.onDutyAt(db, orgId, ids, at.toISOString());
  const rosterKept = await staff.departmentHasShifts(
    db,
    orgId,
    departmentId,
    new Date(at.getTime() - ROSTER_LOOKAROUND_MS).toISOString(),
    new Date(at.getTime() + ROSTER_LOOKAROUND_MS).toISOString(),
  );
  const people = members.map((m) => ({
    userId: m.user_id,
    name: m.display_name,
    departmentId,
    skills: parseSkills(m.skills),
    onDuty: rosterKept ? onDuty.has(m.user_id) : true,
    buildingDuty: preferredDuty(duties.filter((d) => d.user_id === m.user_id).map((d) => d.duty)),
    openLoad: loads.get(m.user_id) ?? 0,
  }));
  return { people, rosterKept };
}

export async function findDepartment(
  db: Executor,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string; active: boolean } | null> {
  const row = await config.findDepartment(db, orgId, id);
  return row ? { id: row.id, name: row.name, active: row.active === 1 } : null;
}

/** The department a person belongs to, or null (no profile, no department, or not of this organisation). */
export async function departmentOf(db: Executor, orgId: string, userId: string): Promise<string | null> {
  return staff.departmentOf(db, orgId, userId);
}

export async function findPriceItem(
  db: Executor,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string; unit: string; priceFen: number; active: boolean } | null> {
  const row = await config.findPriceItem(db, orgId, id);
  return row
    ? { id: row.id, name: row.name, unit: row.unit, priceFen: row.price_fen, active: row.active === 1 }
    : null;
}
