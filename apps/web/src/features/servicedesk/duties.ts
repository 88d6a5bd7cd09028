import type { BuildingDuty, UpdateStaffBody } from '@steward/contracts';

/** What the duty editor shows: per project, the buildings a person is butler of and technician of. */
export interface ProjectDuties {
  projectId: string;
  butler: string[];
  technician: string[];
}

interface DutyRef {
  buildingId: string;
  projectId: string;
  duty: BuildingDuty;
}

/** The profile's duty list grouped by project, projects in the order first met. */
export function groupDuties(duties: readonly DutyRef[]): ProjectDuties[] {
  const byProject = new Map<string, ProjectDuties>();
  for (const d of duties) {
    let entry = byProject.get(d.projectId);
    if (!entry) {
      entry = { projectId: d.projectId, butler: [], technician: [] };
      byProject.set(d.projectId, entry);
    }
    if (!entry[d.duty].includes(d.buildingId)) entry[d.duty].push(d.buildingId);
  }
  return [...byProject.values()];
}

/** The editor's rows as the body of PUT /staff/:id, each (building, duty) once. */
export function flattenDuties(projects: readonly ProjectDuties[]): UpdateStaffBody['duties'] {
  const seen = new Set<string>();
  const out: UpdateStaffBody['duties'] = [];
  for (const p of projects) {
    for (const duty of ['butler', 'technician'] as const) {
      for (const buildingId of p[duty]) {
        const key = `${buildingId}|${duty}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ buildingId, duty });
      }
    }
  }
  return out;
}
