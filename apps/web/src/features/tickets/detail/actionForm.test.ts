import { describe, expect, it } from 'vitest';
import type { Ticket } from '@steward/contracts';
import { actionBody, isFormAction } from './actionForm.ts';

/** Only the fields actionBody reads; the rest of a record does not matter here. */
const ticket = {
  type: 'repair',
  categoryId: 'cat-leak',
  urgency: 'general',
  attachments: [
    { id: 'a1', stage: 'signature' },
    { id: 'a2', stage: 'before' },
    { id: 'a3', stage: 'signature' },
  ],
} as unknown as Ticket;

describe('action bodies', () => {
  it('always carry the version the agent decided on', () => {
    expect(actionBody('cancel', ticket, 7, { reason: '  业主已自行修好  ' })).toEqual({
      version: 7,
      reason: '业主已自行修好',
    });
  });

  it('dispatch by the rules names no department; by hand names one and perhaps a person', () => {
    expect(actionBody('dispatch', ticket, 3, { byRules: true, departmentId: 'd1', note: ' ' })).toEqual({
      version: 3,
    });
    expect(
      actionBody('dispatch', ticket, 3, { byRules: false, departmentId: 'd1', assigneeId: 'u1' }),
    ).toEqual({
      version: 3,
      departmentId: 'd1',
      assigneeId: 'u1',
    });
    expect(actionBody('dispatch', ticket, 3, { byRules: false, departmentId: 'd1' })).toEqual({
      version: 3,
      departmentId: 'd1',
      assigneeId: null,
    });
  });

  it('reclassify sends only what changed', () => {
    expect(
      actionBody('reclassify', ticket, 2, { type: 'repair', categoryId: 'cat-burst', urgency: 'emergency' }),
    ).toEqual({ version: 2, categoryId: 'cat-burst', urgency: 'emergency' });
    expect(actionBody('reclassify', ticket, 2, { type: 'repair', categoryId: 'cat-leak' })).toEqual({
      version: 2,
    });
  });

  it('a confirmation by signature points at the latest signature on the record', () => {
    expect(actionBody('confirm', ticket, 5, { method: 'signature', rating: 5 })).toEqual({
      version: 5,
      method: 'signature',
      rating: 5,
      signatureAttachmentId: 'a3',
    });
    expect(actionBody('confirm', ticket, 5, { method: 'phone', note: '电话确认已修好' })).toEqual({
      version: 5,
      method: 'phone',
      comment: '电话确认已修好',
    });
  });

  it('one-click actions need no form', () => {
    expect(isFormAction('accept')).toBe(false);
    expect(isFormAction('archive')).toBe(false);
    expect(isFormAction('hold')).toBe(true);
  });
});
