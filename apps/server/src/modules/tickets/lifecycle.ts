import type { Permission } from '@steward/contracts';
import { OPEN_STATUSES, type TicketAction, type TicketStatus } from '@steward/contracts/catalogues';

/**
 * The record's lifecycle as data: which statuses each action may start from, who may take it, and
 * where it leads. The server checks every action against this table; the console only shows the
 * actions `allowedActions` lists.
 */
export interface ActionRule {
  from: readonly TicketStatus[];
  /** Any one of these permissions. */
  anyOf: readonly Permission[];
  /** Field actions belong to the assignee (or, for an unassigned record, its department's staff). */
  assigneeOnly?: boolean;
}

const OPEN = OPEN_STATUSES;
const WORKING: readonly TicketStatus[] = ['accepted', 'arrived', 'in_progress'];

export const ACTION_RULES: Record<TicketAction, ActionRule> = {
  dispatch: { from: OPEN, anyOf: ['tickets.dispatch'] },
  accept: { from: ['dispatched'], anyOf: ['tickets.work'], assigneeOnly: true },
  decline: { from: ['dispatched', 'accepted'], anyOf: ['tickets.work'], assigneeOnly: true },
  arrive: { from: ['accepted'], anyOf: ['tickets.work', 'tickets.dispatch'], assigneeOnly: true },
  start: { from: ['accepted', 'arrived'], anyOf: ['tickets.work', 'tickets.dispatch'], assigneeOnly: true },
  hold: { from: WORKING, anyOf: ['tickets.work', 'tickets.dispatch'], assigneeOnly: true },
  resume: { from: ['on_hold'], anyOf: ['tickets.work', 'tickets.dispatch'], assigneeOnly: true },
  complete: {
    from: WORKING,
    anyOf: ['tickets.work', 'tickets.manage'],
    assigneeOnly: true,
  },
  confirm: { from: ['completed'], anyOf: ['tickets.work', 'tickets.manage'] },
  visit: { from: ['completed', 'confirmed'], anyOf: ['tickets.manage'] },
  reopen: { from: ['completed', 'confirmed', 'visited'], anyOf: ['tickets.manage'] },
  cancel: { from: ['received', 'dispatched', 'accepted', 'on_hold'], anyOf: ['tickets.manage'] },
  archive: { from: ['confirmed', 'visited'], anyOf: ['tickets.manage'] },
  escalate: { from: OPEN, anyOf: ['tickets.manage', 'tickets.work'] },
  link: {
    from: [...OPEN, 'completed', 'confirmed', 'visited', 'cancelled'],
    anyOf: ['tickets.manage'],
  },
  reclassify: { from: [...OPEN, 'completed'], anyOf: ['tickets.dispatch'] },
};

/** The permission a route demands before the service looks closer (the weakest that could pass). */
export function routePermission(action: TicketAction): Permission {
  const { anyOf } = ACTION_RULES[action];
  return anyOf.length === 1 ? anyOf[0]! : 'tickets.read';
}

export interface ActingStaff {
  userId: string;
  permissions: ReadonlySet<string>;
  /** The caller's department (staff profile), for unassigned department jobs. */
  departmentId: string | null;
}

export interface TicketState {
  status: TicketStatus;
  assigneeId: string | null;
  departmentId: string | null;
}

export type Refusal = 'status' | 'permission' | 'not_assignee';

/** Why an actor may not take an action now, or null when they may. */
/** Whether the permissions allow the action at all, whatever the record (checked before it is read). */
export function mayTake(action: TicketAction, permissions: ReadonlySet<string>): boolean {
  return ACTION_RULES[action].anyOf.some((p) => permissions.has(p));
}

export function refusal(action: TicketAction, ticket: TicketState, actor: ActingStaff): Refusal | null {
  const rule = ACTION_RULES[action];
  if (!mayTake(action, actor.permissions)) return 'permission';
  if (!rule.from.includes(ticket.status)) return 'status';
  if (rule.assigneeOnly && !isOwnJob(action, ticket, actor)) return 'not_assignee';
  return null;
}

/**
 * Field actions are the assignee's. A dispatcher may record them on the assignee's behalf (a
 * technician who phones in "I'm there"), except accepting and declining, which only the person can
 * do. An unassigned department job may be accepted by any of the department's staff.
 */
function isOwnJob(action: TicketAction, ticket: TicketState, actor: ActingStaff): boolean {
  if (ticket.assigneeId === actor.userId) return true;
  if (action === 'accept' && ticket.assigneeId === null)
    return ticket.departmentId !== null && ticket.departmentId === actor.departmentId;
  if (action === 'accept' || action === 'decline') return false;
  return actor.permissions.has('tickets.dispatch') || actor.permissions.has('tickets.manage');
}

export function allowedActions(ticket: TicketState, actor: ActingStaff): TicketAction[] {
  return (Object.keys(ACTION_RULES) as TicketAction[]).filter((a) => refusal(a, ticket, actor) === null);
}

/** Statuses an action leads to; reopen and resume depend on the record. */
export function nextStatus(
  action: TicketAction,
  ticket: { status: TicketStatus; heldFrom: TicketStatus | null; departmentId: string | null },
): TicketStatus {
  switch (action) {
    case 'dispatch':
      return 'dispatched';
    case 'accept':
      return 'accepted';
    case 'decline':
      return 'received';
    case 'arrive':
      return 'arrived';
    case 'start':
      return 'in_progress';
    case 'hold':
      return 'on_hold';
    case 'resume':
      return ticket.heldFrom ?? 'in_progress';
    case 'complete':
      return 'completed';
    case 'confirm':
      return 'confirmed';
    case 'visit':
      return 'visited';
    case 'reopen':
      return ticket.departmentId === null ? 'received' : 'dispatched';
    case 'cancel':
      return 'cancelled';
    case 'archive':
      return 'archived';
    case 'escalate':
    case 'link':
    case 'reclassify':
      return ticket.status;
  }
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN.includes(status);
}

/**
 * Those who serve the customer — register, work or manage records — may reply to them, attach
 * files and make promises; anyone who reads a record may only note on it.
 */
export function servesCustomers(permissions: ReadonlySet<string>): boolean {
  return ['tickets.create', 'tickets.work', 'tickets.manage'].some((p) => permissions.has(p));
}
