import { describe, expect, it } from 'vitest';
import { drillDownFrom, drillDownPath, drillDownQuery } from './drillDown.ts';

const period = { receivedFrom: '2026-11-21T16:00:00.000Z', receivedTo: '2026-11-22T16:00:00.000Z' };
const paramsOf = (path: string) => new URLSearchParams(path.slice(path.indexOf('?') + 1));

describe('dashboard drill-downs', () => {
  it('survive the round trip through the queue page URL', () => {
    const d = {
      ...period,
      projectId: '01900000-0000-7000-8000-000000000001',
      departmentId: '01900000-0000-7000-8000-000000000002',
      clock: 'accept' as const,
      clockOutcome: 'breached' as const,
    };
    const path = drillDownPath(d);
    expect(path.startsWith('/desk/tickets?queue=all&')).toBe(true);
    expect(drillDownFrom(paramsOf(path))).toEqual(d);
    expect(drillDownQuery(d)).toEqual(d);
    const open = { ...period, open: true };
    expect(drillDownFrom(paramsOf(drillDownPath(open)))).toEqual(open);
    // The queue page's own "open only" box carries that part.
    expect(drillDownQuery(open)).toEqual(period);
  });

  it('need a period; ignore an unknown clock, and an outcome without its clock', () => {
    expect(drillDownFrom(new URLSearchParams('queue=all&clock=accept'))).toBeNull();
    expect(drillDownFrom(new URLSearchParams({ ...period, receivedTo: 'tomorrow' }))).toBeNull();
    expect(drillDownFrom(new URLSearchParams({ ...period, clock: 'lunch', clockOutcome: 'met' }))).toEqual(
      period,
    );
    expect(drillDownPath({ ...period, clockOutcome: 'met' })).not.toContain('clockOutcome');
  });
});
