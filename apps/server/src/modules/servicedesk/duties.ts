import type { BuildingDuty } from '@steward/contracts/catalogues';

export interface DutyKey {
  buildingId: string;
  duty: BuildingDuty;
}

const keyOf = (d: DutyKey) => `${d.buildingId}:${d.duty}`;

/**
 * A person's building duties before and after an edit: what is added, what is removed, and the
 * new list without repeats. Only the buildings in `added` and `removed` are changed by the edit,
 * so only those need to be within the editor's scope.
 */
export function dutyChanges(
  current: readonly DutyKey[],
  requested: readonly DutyKey[],
): { next: DutyKey[]; added: DutyKey[]; removed: DutyKey[] } {
  const next = [...new Map(requested.map((d) => [keyOf(d), d])).values()];
  const before = new Set(current.map(keyOf));
  const after = new Set(next.map(keyOf));
  return {
    next,
    added: next.filter((d) => !before.has(keyOf(d))),
    removed: current.filter((d) => !after.has(keyOf(d))),
  };
}

/**
 * The duty a person has on a building, when they have one. Someone who is both its technician and
 * its butler counts as its technician: building-first dispatch tries technicians first.
 */
export function preferredDuty(duties: readonly BuildingDuty[]): BuildingDuty | null {
  if (duties.includes('technician')) return 'technician';
  return duties.includes('butler') ? 'butler' : null;
}
