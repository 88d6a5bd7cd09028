import { describe, expect, it } from 'vitest';
import { chooseAssignee, type Candidate } from './dispatch-rules.ts';

const person = (userId: string, extra: Partial<Candidate> = {}): Candidate => ({
  userId,
  name: userId,
  skills: ['plumbing'],
  onDuty: true,
  buildingDuty: null,
  openLoad: 0,
  ...extra,
});

describe('dispatch rules', () => {
  it('prefer the building’s technician when on duty and skilled, whatever their load', () => {
    const pick = chooseAssignee(
      [person('a'), person('keeper', { buildingDuty: 'technician', openLoad: 9 })],
      'plumbing',
    );
    expect(pick).toEqual({ assigneeId: 'keeper', basis: 'building' });
  });

  it('skip the building’s technician who is off duty or lacks the trade', () => {
    expect(
      chooseAssignee([person('a'), person('k', { buildingDuty: 'technician', onDuty: false })], 'plumbing')
        .assigneeId,
    ).toBe('a');
    expect(
      chooseAssignee(
        [person('a', { skills: ['elevator'] }), person('k', { buildingDuty: 'technician' })],
        'elevator',
      ).assigneeId,
    ).toBe('a');
  });

  it('fall back to the butler of the building, then to skill with the lowest open load', () => {
    expect(chooseAssignee([person('a'), person('b', { buildingDuty: 'butler' })], null)).toEqual({
      assigneeId: 'b',
      basis: 'building',
    });
    const bySkill = chooseAssignee(
      [
        person('busy', { openLoad: 5 }),
        person('free', { openLoad: 1 }),
        person('novice', { skills: [], openLoad: 0 }),
      ],
      'plumbing',
    );
    expect(bySkill).toEqual({ assigneeId: 'free', basis: 'skill' });
  });

  it('give the job to the least loaded on duty when nobody has the trade, and to the department when nobody is on duty', () => {
    expect(
      chooseAssignee(
        [person('x', { skills: [], openLoad: 3 }), person('y', { skills: [], openLoad: 1 })],
        'hvac',
      ),
    ).toEqual({ assigneeId: 'y', basis: 'load' });
    expect(chooseAssignee([person('x', { onDuty: false })], 'plumbing')).toEqual({
      assigneeId: null,
      basis: 'department',
    });
    expect(chooseAssignee([], null)).toEqual({ assigneeId: null, basis: 'department' });
  });

  it('break ties the same way every time', () => {
    const people = [person('b', { name: '王' }), person('a', { name: '王' }), person('c', { name: '李' })];
    const first = chooseAssignee(people, 'plumbing');
    expect(chooseAssignee([...people].reverse(), 'plumbing')).toEqual(first);
  });
});
