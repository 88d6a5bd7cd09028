import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone, phoneSearchKey } from './phone.ts';

describe('normalisePhone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138-1234-5678',
    '+8613812345678',
    '0086 13812345678',
    '86 13812345678',
    ' (138)1234.5678 ',
  ])('reads the mobile %s as 13812345678', (raw) => {
    expect(normalisePhone(raw)).toEqual({ phone: '13812345678', kind: 'mobile' });
  });

  it.each([
    '025-84561234',
    '(025) 8456 1234',
    '（025）84561234',
    '+86 25 84561234',
    '0086-25-84561234',
    '025-84561234 转 801',
  ])('reads the landline %s as 02584561234', (raw) => {
    expect(normalisePhone(raw)).toEqual({ phone: '02584561234', kind: 'landline' });
  });

  it('knows Beijing and four-digit area codes', () => {
    expect(normalisePhone('010-62345678')?.phone).toBe('01062345678');
    expect(normalisePhone('0512-6234567')?.phone).toBe('05126234567');
  });

  it('reads service numbers', () => {
    expect(normalisePhone('400-820-8820')).toEqual({ phone: '4008208820', kind: 'service' });
    expect(normalisePhone('95588')).toEqual({ phone: '95588', kind: 'service' });
  });

  it.each([
    '',
    'abc',
    '1381234567',
    '23812345678',
    '138123456789',
    '12345',
    "13812345678' or 1=1",
    '+1 415 555 0100',
    '13+812345678',
  ])('refuses %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('phoneSearchKey', () => {
  it('normalises whole numbers and keeps partial digits', () => {
    expect(phoneSearchKey('+86 138 1234 5678')).toBe('13812345678');
    expect(phoneSearchKey('5678')).toBe('5678');
    expect(phoneSearchKey('138-1234')).toBe('1381234');
    expect(phoneSearchKey('王')).toBeNull();
    expect(phoneSearchKey('12')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('hides the middle digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('02584561234')).toBe('025****1234');
    expect(maskPhone('95588')).toBe('***88');
  });
});
