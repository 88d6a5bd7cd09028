import { CLOCK_OUTCOMES, CLOCKS, type ClockKind, type ClockOutcome } from '@steward/contracts/catalogues';
import type { TicketListQuery } from '@steward/contracts';

/**
 * A dashboard number's records on the queue page: the period it counted (received in [from, to)),
 * and optionally a project, a department, only open records, a clock and its outcome. Carried in the
 * queue page's URL, so a drill-down can be bookmarked and the back button returns to the dashboard.
 */
export interface DrillDown {
  receivedFrom: string;
  receivedTo: string;
  projectId?: string;
  departmentId?: string;
  open?: boolean;
  clock?: ClockKind;
  clockOutcome?: ClockOutcome;
  /** Only records whose work was completed. */
  completed?: boolean;
  /** Only records no department has (the dashboard's 未派工 row). */
  undispatched?: boolean;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  (list as readonly (string | null)[]).includes(value) ? (value as T) : undefined;

/** The queue page's address for a drill-down: every record within scope (queue=all) that matches. */
export function drillDownPath(d: DrillDown): string {
  const params = new URLSearchParams({
    queue: 'all',
    receivedFrom: d.receivedFrom,
    receivedTo: d.receivedTo,
  });
  if (d.projectId) params.set('projectId', d.projectId);
  if (d.departmentId) params.set('departmentId', d.departmentId);
  if (d.open) params.set('open', 'true');
  if (d.clock) params.set('clock', d.clock);
  if (d.clock && d.clockOutcome) params.set('clockOutcome', d.clockOutcome);
  if (d.completed) params.set('completed', 'true');
  if (d.undispatched) params.set('undispatched', 'true');
  return `/desk/tickets?${params}`;
}

/** The drill-down a queue page URL carries, or null when it carries none (a period is required). */
export function drillDownFrom(params: URLSearchParams): DrillDown | null {
  const receivedFrom = params.get('receivedFrom');
  const receivedTo = params.get('receivedTo');
  if (
    !receivedFrom ||
    !receivedTo ||
    Number.isNaN(Date.parse(receivedFrom)) ||
    Number.isNaN(Date.parse(receivedTo))
  )
    return null;
  const clock = oneOf(CLOCKS, params.get('clock'));
  const clockOutcome = clock ? oneOf(CLOCK_OUTCOMES, params.get('clockOutcome')) : undefined;
  return {
    receivedFrom,
    receivedTo,
    ...(params.get('projectId') ? { projectId: params.get('projectId')! } : {}),
    ...(params.get('departmentId') ? { departmentId: params.get('departmentId')! } : {}),
    ...(params.get('open') === 'true' ? { open: true } : {}),
    ...(clock ? { clock } : {}),
    ...(clockOutcome ? { clockOutcome } : {}),
    ...(params.get('completed') === 'true' ? { completed: true } : {}),
    ...(params.get('undispatched') === 'true' ? { undispatched: true } : {}),
  };
}

/**
 * The list query's part that a drill-down sets. `open` is left to the queue page's own "open only"
 * box, which starts as the drill-down says.
 */
export function drillDownQuery(d: DrillDown): Partial<TicketListQuery> {
  return {
    receivedFrom: d.receivedFrom,
    receivedTo: d.receivedTo,
    ...(d.projectId ? { projectId: d.projectId } : {}),
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    ...(d.clock ? { clock: d.clock } : {}),
    ...(d.clockOutcome ? { clockOutcome: d.clockOutcome } : {}),
    ...(d.completed ? { completed: true } : {}),
    ...(d.undispatched ? { undispatched: true } : {}),
  };
}
