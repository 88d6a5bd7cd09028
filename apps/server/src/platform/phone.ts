/**
 * Mainland phone numbers in one canonical form, so every way people write a number finds the same
 * customer: "+86 138-1234-5678", "0086 13812345678" and "138 1234 5678" all become "13812345678";
 * "(025) 8456-1234", "+86 25 84561234" and "025-84561234" become "02584561234".
 */
export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface NormalisedPhone {
  phone: string;
  kind: PhoneKind;
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes are 010, 02x (3 digits) or 0xxx (4 digits); local numbers have 7 or 8 digits.
const LANDLINE = /^0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;
const SERVICE = /^(?:400|800)\d{7}$|^95\d{3,6}$/;

export function normalisePhone(raw: string): NormalisedPhone | null {
  let text = raw.trim();
  // An extension ("转 801", "ext. 801", "#801") names a desk, not the line: drop it.
  text = text.replace(/\s*(?:转|ext\.?|x|#)\s*\d{1,6}$/i, '');
  if (!/^[+\d\s\-()（）.]+$/.test(text)) return null;
  let digits = text.replace(/[^\d+]/g, '');
  if (digits.indexOf('+') > 0) return null;
  digits = digits.replace(/^\+/, '00');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  if (MOBILE.test(digits)) return { phone: digits, kind: 'mobile' };
  if (SERVICE.test(digits)) return { phone: digits, kind: 'service' };
  // After a country code, landlines drop their trunk zero: "+86 25 84561234".
  const withTrunk = digits.startsWith('0') ? digits : `0${digits}`;
  if (digits.length >= 9 && LANDLINE.test(withTrunk)) return { phone: withTrunk, kind: 'landline' };
  return null;
}

/** The digits someone may have typed into a search box, normalised where they form a whole number. */
export function phoneSearchKey(raw: string): string | null {
  const whole = normalisePhone(raw);
  if (whole) return whole.phone;
  const digits = raw.replace(/[\s\-()（）+]/g, '');
  return /^\d{4,11}$/.test(digits) ? digits : null;
}

/** 13812345678 → 138****5678; 02584561234 → 025****1234; short numbers keep only their last digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 7) return `${phone.slice(0, 2)}****${phone.slice(-3)}`;
  return '*'.repeat(Math.max(phone.length - 2, 0)) + phone.slice(-2);
}
