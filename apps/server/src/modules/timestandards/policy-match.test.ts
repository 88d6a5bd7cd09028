import { describe, expect, it } from 'vitest';
import { choosePolicy, type PolicyCandidate } from './policy-match.ts';

const p = (id: string, m: Partial<PolicyCandidate> = {}): PolicyCandidate => ({
  id,
  type: null,
  categoryId: null,
  urgency: null,
  projectId: null,
  ...m,
});

const policies = [
  p('default'),
  p('emergency', { urgency: 'emergency' }),
  p('lift-trapped', { urgency: 'emergency', categoryId: 'trapped' }),
  p('repair', { type: 'repair', urgency: 'general' }),
  p('water', { categoryId: 'water' }),
  p('burst', { categoryId: 'burst' }),
  p('vip-repair', { type: 'repair', projectId: 'vip' }),
  p('complaint', { type: 'complaint' }),
];
const chain = { water: ['water'], burst: ['burst', 'water'], trapped: ['trapped', 'lift'], lift: ['lift'] };

describe('choosePolicy', () => {
  it('falls back to the catch-all', () => {
    expect(
      choosePolicy(policies, {
        type: 'praise',
        categoryChain: chain.lift,
        urgency: 'general',
        projectId: 'x',
      })?.id,
    ).toBe('default');
  });
  it('puts urgency first: an emergency in a category with its own ordinary policy is still an emergency', () => {
    expect(
      choosePolicy(policies, {
        type: 'repair',
        categoryChain: chain.burst,
        urgency: 'emergency',
        projectId: 'vip',
      })?.id,
    ).toBe('emergency');
  });
  it('prefers the nearer category', () => {
    expect(
      choosePolicy(policies, {
        type: 'inquiry',
        categoryChain: chain.burst,
        urgency: 'general',
        projectId: 'x',
      })?.id,
    ).toBe('burst');
    expect(
      choosePolicy(policies, {
        type: 'inquiry',
        categoryChain: ['leak', 'water'],
        urgency: 'general',
        projectId: 'x',
      })?.id,
    ).toBe('water');
  });
  it('puts a category before a type, and a type before a project', () => {
    expect(
      choosePolicy(policies, {
        type: 'repair',
        categoryChain: chain.water,
        urgency: 'general',
        projectId: 'x',
      })?.id,
    ).toBe('repair');
    expect(
      choosePolicy(policies, {
        type: 'repair',
        categoryChain: chain.water,
        urgency: 'special',
        projectId: 'x',
      })?.id,
    ).toBe('water');
    expect(
      choosePolicy(policies, {
        type: 'repair',
        categoryChain: chain.lift,
        urgency: 'special',
        projectId: 'vip',
      })?.id,
    ).toBe('vip-repair');
  });
  it('matches an emergency in a named category over the plain emergency policy', () => {
    expect(
      choosePolicy(policies, {
        type: 'help',
        categoryChain: chain.trapped,
        urgency: 'emergency',
        projectId: 'x',
      })?.id,
    ).toBe('lift-trapped');
  });
  it('never picks a policy one of whose traits differs', () => {
    expect(
      choosePolicy([p('c', { type: 'complaint' })], {
        type: 'repair',
        categoryChain: [],
        urgency: 'general',
        projectId: 'x',
      }),
    ).toBeNull();
  });
});
