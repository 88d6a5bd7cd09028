import type { DashboardQuery, KpiRow, OnTime, TimeStandardsDashboard } from '@steward/contracts';
import { CLOCKS, type ClockKind } from '@steward/contracts/catalogues';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { scopeLists } from '../../platform/auth/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { orgTimeZone } from '../property/index.ts';
import { addDays, localDay, zonedTime } from '../servicedesk/index.ts';
import * as repo from './dashboard.repository.ts';

export interface DashboardDeps {
  db: Db;
  clock: Clock;
}

export type Period = NonNullable<DashboardQuery['period']>;

/**
 * The period as instants: today = [local midnight, the next one), month = [the 1st 00:00, the next
 * month's 1st 00:00), both in the organisation's time zone.
 */
export function periodBounds(period: Period, now: Date, timeZone: string): { from: Date; to: Date } {
  const day = localDay(now, timeZone);
  if (period === 'today')
    return { from: zonedTime(day, 0, 0, timeZone), to: zonedTime(addDays(day, 1), 0, 0, timeZone) };
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = `${day.slice(0, 8)}01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: zonedTime(first, 0, 0, timeZone), to: zonedTime(next, 0, 0, timeZone) };
}

type Tally = Omit<OnTime, 'rate'>;
type Clocks = Record<ClockKind, Tally>;

interface Accumulator {
  id: string | null;
  received: number;
  completed: number;
  open: number;
  clocks: Clocks;
}

const newAccumulator = (id: string | null): Accumulator => ({
  id,
  received: 0,
  completed: 0,
  open: 0,
  clocks: Object.fromEntries(CLOCKS.map((c) => [c, { met: 0, breached: 0, running: 0 }])) as Clocks,
});

const rate = (kept: number, lost: number): number | null => (kept + lost === 0 ? null : kept / (kept + lost));

function kpiRow(a: Accumulator, name: string): KpiRow {
  const clocks = Object.fromEntries(
    CLOCKS.map((c) => [c, { ...a.clocks[c], rate: rate(a.clocks[c].met, a.clocks[c].breached) }]),
  ) as KpiRow['clocks'];
  return { id: a.id, name, received: a.received, completed: a.completed, open: a.open, clocks };
}

/**
 * 服务时效看板: volume and on-time rates of the records received in the period, in total, per
 * project and per department, plus the promises made on them. Three GROUP BY queries over
 * project × department; the rows are summed up here (a few dozen groups, not records).
 */
export async function timeStandardsDashboard(
  deps: DashboardDeps,
  actor: Actor,
  query: DashboardQuery,
): Promise<TimeStandardsDashboard> {
  const period = query.period ?? 'today';
  const now = deps.clock.now();
  const timeZone = await orgTimeZone(deps.db, actor.orgId);
  const { from, to } = periodBounds(period, now, timeZone);
  const filter: repo.DashboardFilter = {
    orgId: actor.orgId,
    scope: scopeLists(actor.scope),
    from: from.toISOString(),
    to: to.toISOString(),
    projectId: query.projectId,
    departmentId: query.departmentId,
  };
  const [volumes, clocks, promises] = await Promise.all([
    repo.volumeGroups(deps.db, filter),
    repo.clockGroups(deps.db, filter, now.toISOString()),
    repo.promiseCounts(deps.db, filter),
  ]);

  const total = newAccumulator(null);
  const byProject = new Map<string, Accumulator>();
  const byDepartment = new Map<string | null, Accumulator>();
  const rowsOf = (g: { projectId: string; departmentId: string | null }) => {
    if (!byProject.has(g.projectId)) byProject.set(g.projectId, newAccumulator(g.projectId));
    if (!byDepartment.has(g.departmentId)) byDepartment.set(g.departmentId, newAccumulator(g.departmentId));
    return [total, byProject.get(g.projectId)!, byDepartment.get(g.departmentId)!];
  };
  for (const g of volumes)
    for (const a of rowsOf(g)) {
      a.received += g.received;
      a.completed += g.completed;
      a.open += g.open;
    }
  for (const g of clocks)
    for (const a of rowsOf(g)) {
      const tally = a.clocks[g.clock];
      tally.met += g.met;
      tally.breached += g.breached;
      tally.running += g.running;
    }

  const departmentIds = [...byDepartment.keys()].filter((id): id is string => id !== null);
  const [projectNames, departmentNames] = await Promise.all([
    repo.namesOf(deps.db, 'projects', actor.orgId, [...byProject.keys()]),
    repo.namesOf(deps.db, 'departments', actor.orgId, departmentIds),
  ]);
  // Busiest first; records nobody was dispatched to yet last (the console names that row).
  const ordered = <K>(rows: Map<K, Accumulator>, name: (id: K) => string) =>
    [...rows.values()]
      .map((a) => kpiRow(a, name(a.id as K)))
      .sort(
        (a, b) =>
          Number(a.id === null) - Number(b.id === null) ||
          b.received - a.received ||
          a.name.localeCompare(b.name, 'zh-CN'),
      );

  const kept = promises.get('kept') ?? 0;
  const broken = promises.get('broken') ?? 0;
  return {
    period,
    from: filter.from,
    to: filter.to,
    total: kpiRow(total, ''),
    byProject: ordered(byProject, (id) => projectNames.get(id) ?? ''),
    byDepartment: ordered(byDepartment, (id) => (id === null ? '' : (departmentNames.get(id) ?? ''))),
    promises: { kept, broken, open: promises.get('open') ?? 0, rate: rate(kept, broken) },
  };
}
