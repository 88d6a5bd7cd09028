import { describe, expect, it } from 'vitest';
import { TICKET_ACTIONS, TICKET_STATUSES, type TicketStatus } from '@steward/contracts/catalogues';
import { ACTION_RULES, allowedActions, nextStatus, refusal, routePermission } from './lifecycle.ts';

const ALL = new Set(['tickets.read', 'tickets.create', 'tickets.dispatch', 'tickets.work', 'tickets.manage']);
const tech = (userId = 'u1', departmentId: string | null = 'd1') => ({
  userId,
  permissions: new Set(['tickets.read', 'tickets.work']),
  departmentId,
});
const agent = {
  userId: 'a1',
  permissions: new Set(['tickets.read', 'tickets.create', 'tickets.dispatch', 'tickets.manage']),
  departmentId: null,
};
const at = (status: TicketStatus, assigneeId: string | null = 'u1', departmentId: string | null = 'd1') => ({
  status,
  assigneeId,
  departmentId,
});

describe('the record lifecycle', () => {
  it('walks the happy path from received to archived', () => {
    const path: [string, TicketStatus][] = [
      ['dispatch', 'dispatched'],
      ['accept', 'accepted'],
      ['arrive', 'arrived'],
      ['start', 'in_progress'],
      ['complete', 'completed'],
      ['confirm', 'confirmed'],
      ['visit', 'visited'],
      ['archive', 'archived'],
    ];
    let status: TicketStatus = 'received';
    for (const [action, next] of path) {
      const actor = ['accept', 'arrive', 'start', 'complete'].includes(action) ? tech() : agent;
      expect(refusal(action as never, at(status), { ...actor, permissions: ALL }), action).toBeNull();
      status = nextStatus(action as never, { status, heldFrom: null, departmentId: 'd1' });
      expect(status).toBe(next);
    }
  });

  it('refuses every action from every status the table does not list', () => {
    for (const action of TICKET_ACTIONS)
      for (const status of TICKET_STATUSES) {
        const allowed = ACTION_RULES[action].from.includes(status);
        const why = refusal(action, at(status), { userId: 'u1', permissions: ALL, departmentId: 'd1' });
        expect(why === 'status', `${action} from ${status}`).toBe(!allowed);
      }
  });

  it('closed records take no lifecycle action', () => {
    expect(allowedActions(at('archived'), { userId: 'u1', permissions: ALL, departmentId: 'd1' })).toEqual(
      [],
    );
  });

  it('field actions are the assignee’s; a dispatcher may record them on their behalf but never accept for them', () => {
    expect(refusal('accept', at('dispatched', 'u1'), tech('u2'))).toBe('not_assignee');
    expect(refusal('accept', at('dispatched', 'u1'), { ...agent, permissions: ALL })).toBe('not_assignee');
    expect(refusal('arrive', at('accepted', 'u1'), agent)).toBeNull();
    expect(refusal('decline', at('dispatched', 'u1'), tech('u1'))).toBeNull();
  });

  it('an unassigned department job may be accepted by its department’s staff only', () => {
    expect(refusal('accept', at('dispatched', null, 'd1'), tech('u9', 'd1'))).toBeNull();
    expect(refusal('accept', at('dispatched', null, 'd1'), tech('u9', 'd2'))).toBe('not_assignee');
    expect(refusal('accept', at('dispatched', null, 'd1'), tech('u9', null))).toBe('not_assignee');
  });

  it('checks the role before anything else', () => {
    const cashier = { userId: 'c', permissions: new Set(['tickets.read']), departmentId: null };
    expect(refusal('cancel', at('received'), cashier)).toBe('permission');
    expect(refusal('complete', at('archived'), cashier)).toBe('permission');
  });

  it('resume returns to the status held from; reopen to dispatch when a department is known', () => {
    expect(nextStatus('resume', { status: 'on_hold', heldFrom: 'arrived', departmentId: 'd' })).toBe(
      'arrived',
    );
    expect(nextStatus('reopen', { status: 'confirmed', heldFrom: null, departmentId: 'd' })).toBe(
      'dispatched',
    );
    expect(nextStatus('reopen', { status: 'confirmed', heldFrom: null, departmentId: null })).toBe(
      'received',
    );
  });

  it('routes demand the single permission, or the weakest when several could pass', () => {
    expect(routePermission('dispatch')).toBe('tickets.dispatch');
    expect(routePermission('confirm')).toBe('tickets.read');
  });
});
