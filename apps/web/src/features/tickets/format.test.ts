import { describe, expect, it } from 'vitest';
import { durationParts, formatFen, formatQuantity, minutesUntil } from './format.ts';
import { parseTicketEvent } from './useLiveEvents.ts';

describe('money in fen', () => {
  it('reads as yuan with two decimals', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-300)).toBe('-¥3.00');
  });

  it('quantities drop trailing zeros', () => {
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(1.5)).toBe('1.5');
    expect(formatQuantity(0.25)).toBe('0.25');
  });
});

describe('deadlines', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  it('counts whole minutes, negative once passed', () => {
    expect(minutesUntil('2026-11-24T10:25:30Z', now)).toBe(25);
    expect(minutesUntil('2026-11-24T09:59:30Z', now)).toBe(-1);
    expect(minutesUntil('2026-11-24T09:50:00Z', now)).toBe(-10);
  });

  it('are said in minutes, hours and minutes, or days', () => {
    expect(durationParts(25)).toEqual({ unit: 'minutes', value: 25, rest: 0 });
    expect(durationParts(-135)).toEqual({ unit: 'hours', value: 2, rest: 15 });
    expect(durationParts(3 * 24 * 60 + 5)).toEqual({ unit: 'days', value: 3, rest: 0 });
  });
});

describe('live events', () => {
  const data = {
    ticketId: '0195f3a0-0000-7000-8000-000000000001',
    number: 'BX-20261124-0001',
    status: 'received',
    projectId: 'p',
    buildingId: null,
    departmentId: null,
    assigneeId: null,
    version: 1,
  };

  it('reads named events and their fields', () => {
    expect(parseTicketEvent('ticket.created', JSON.stringify({ ...data, type: 'ticket.created' }))).toEqual({
      ...data,
      type: 'ticket.created',
    });
  });

  it('reads an unnamed message that says its type, and ignores anything else', () => {
    expect(parseTicketEvent('message', JSON.stringify({ type: 'ticket.updated', data }))?.type).toBe(
      'ticket.updated',
    );
    expect(parseTicketEvent('message', JSON.stringify({ type: 'call.incoming' }))).toBeNull();
    expect(parseTicketEvent('ticket.created', 'not json')).toBeNull();
    expect(parseTicketEvent('ticket.created', JSON.stringify({ number: 'x' }))).toBeNull();
  });
});
