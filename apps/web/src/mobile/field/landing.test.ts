import { describe, expect, it } from 'vitest';
import { homePath } from './landing.ts';

describe('homePath', () => {
  const technician = ['dashboard.view', 'tickets.read', 'tickets.work'];
  const butler = ['dashboard.view', 'tickets.read', 'tickets.create', 'tickets.work'];

  it('sends a technician on a phone to their jobs', () => {
    expect(homePath(technician, true)).toBe('/m/jobs');
  });

  it('keeps the console for a technician at a desk, and for staff who also register requests', () => {
    expect(homePath(technician, false)).toBe('/');
    expect(homePath(butler, true)).toBe('/');
    expect(homePath(['dashboard.view'], true)).toBe('/');
  });
});
