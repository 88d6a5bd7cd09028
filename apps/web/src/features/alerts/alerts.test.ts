import { describe, expect, it } from 'vitest';
import type { Alert } from '@steward/contracts';
import { interpolateForTest } from '../tickets/testing.ts';
import { parseAlertEvent, parseTicketEvent } from '../tickets/useLiveEvents.ts';
import { alertClockLabel, alertKindLabel, alertNotice, isLate } from './alertText.ts';

const zh = interpolateForTest('zh-CN');
const en = interpolateForTest('en-US');

const alert: Alert = {
  id: '0195f3a0-0000-7000-8000-0000000000a1',
  kind: 'warning',
  clock: 'accept',
  level: 0,
  ticketId: '0195f3a0-0000-7000-8000-000000000001',
  ticketNumber: 'BX-20261123-0007',
  location: '1栋1单元101',
  dueAt: '2026-11-23T02:30:00.000Z',
  createdAt: '2026-11-23T02:22:00.000Z',
  readAt: null,
};

describe('alerts in words', () => {
  it('name the record, what is happening and to which clock', () => {
    expect(alertNotice(alert, zh)).toBe('BX-20261123-0007 即将超时（接单）');
    expect(alertNotice(alert, en)).toBe('BX-20261123-0007 Due soon (Response)');
    expect(alertNotice({ ...alert, kind: 'breach', clock: 'arrive', level: 1 }, zh)).toBe(
      'BX-20261123-0007 已超时（到场）',
    );
  });

  it('say the escalation level', () => {
    expect(alertKindLabel({ kind: 'escalation', level: 2 }, zh)).toBe('升级 L2');
    expect(alertKindLabel({ kind: 'escalation', level: 2 }, en)).toBe('Escalated L2');
  });

  it('word promises without a clock', () => {
    expect(alertClockLabel('promise', zh)).toBe('承诺');
    expect(alertNotice({ ...alert, kind: 'promise_broken', clock: 'promise' }, zh)).toBe(
      'BX-20261123-0007 承诺已失约',
    );
  });

  it('tell warnings from what is already late', () => {
    expect(isLate('warning')).toBe(false);
    expect(isLate('promise_warning')).toBe(false);
    expect(isLate('breach')).toBe(true);
    expect(isLate('escalation')).toBe(true);
  });
});

describe('live alert events', () => {
  it('read the alert the server sends (its fields beside the type)', () => {
    const data = JSON.stringify({ ...alert, type: 'alert.created' });
    expect(parseAlertEvent('alert.created', data)).toEqual(alert);
    expect(parseAlertEvent('message', data)).toEqual(alert);
  });

  it('are not taken for ticket events, nor ticket events for alerts', () => {
    const data = JSON.stringify({ ...alert, type: 'alert.created' });
    expect(parseTicketEvent('alert.created', data)).toBeNull();
    const ticket = JSON.stringify({ ticketId: alert.ticketId, version: 3, type: 'ticket.updated' });
    expect(parseAlertEvent('ticket.updated', ticket)).toBeNull();
  });

  it('refuse what is not an alert', () => {
    expect(parseAlertEvent('alert.created', '{"id":"x"}')).toBeNull();
    expect(parseAlertEvent('alert.created', JSON.stringify({ ...alert, kind: 'gossip' }))).toBeNull();
    expect(parseAlertEvent('alert.created', 'not json')).toBeNull();
  });
});
