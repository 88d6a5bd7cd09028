import { describe, expect, it } from 'vitest';
import { demandPattern } from './demand-pattern.ts';

describe('demandPattern', () => {
  it('says nothing on too little history', () => {
    expect(demandPattern({ service: 2, opinion: 0, fee: 0 })).toBeNull();
    expect(demandPattern({ service: 0, opinion: 0, fee: 0 })).toBeNull();
  });

  it('names the kind that makes up at least half of the records', () => {
    expect(demandPattern({ service: 3, opinion: 0, fee: 0 })).toBe('service');
    expect(demandPattern({ service: 1, opinion: 2, fee: 1 })).toBe('opinion');
    expect(demandPattern({ service: 1, opinion: 1, fee: 4 })).toBe('fee');
  });

  it('has no pattern when demands are spread', () => {
    expect(demandPattern({ service: 2, opinion: 2, fee: 2 })).toBeNull();
    expect(demandPattern({ service: 4, opinion: 3, fee: 2 })).toBeNull();
  });

  it('breaks ties towards opinion, then fee', () => {
    expect(demandPattern({ service: 2, opinion: 2, fee: 0 })).toBe('opinion');
    expect(demandPattern({ service: 2, opinion: 0, fee: 2 })).toBe('fee');
  });
});
