import type { BuildingDuty, DispatchBasis, Skill } from '@steward/contracts/catalogues';

/** A person who could take a record, as the dispatch rules see them. */
export interface Candidate {
  userId: string;
  name: string;
  skills: readonly Skill[];
  onDuty: boolean;
  buildingDuty: BuildingDuty | null;
  openLoad: number;
}

export interface RuleDecision {
  assigneeId: string | null;
  basis: DispatchBasis;
}

/**
 * Chooses the person for a record inside its department, in this order:
 * 1. the person who looks after the record's building (its technician, else its butler), when on
 *    duty and — if the category needs a trade — skilled in it;
 * 2. otherwise, among the on-duty staff with the trade (everyone on duty when nobody has it), the
 *    one with the fewest open records; ties go to the earlier name, then id, so the choice is stable.
 * Nobody on duty: the record goes to the department without a person, for whoever accepts it.
 */
export function chooseAssignee(candidates: readonly Candidate[], skill: Skill | null): RuleDecision {
  const onDuty = candidates.filter((c) => c.onDuty);
  const skilled = (c: Candidate) => skill === null || c.skills.includes(skill);
  for (const duty of ['technician', 'butler'] as const) {
    const keeper = lowestLoad(onDuty.filter((c) => c.buildingDuty === duty && skilled(c)));
    if (keeper) return { assigneeId: keeper.userId, basis: 'building' };
  }
  const withSkill = onDuty.filter(skilled);
  if (skill !== null && withSkill.length > 0)
    return { assigneeId: lowestLoad(withSkill)!.userId, basis: 'skill' };
  const anyone = lowestLoad(onDuty);
  return anyone ? { assigneeId: anyone.userId, basis: 'load' } : { assigneeId: null, basis: 'department' };
}

function lowestLoad(candidates: readonly Candidate[]): Candidate | undefined {
  return [...candidates].sort(
    (a, b) =>
      a.openLoad - b.openLoad ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  )[0];
}
