import type { IdType } from '@steward/contracts/catalogues';

export type IdNumberProblem = 'format' | 'checksum';

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643-1999 check character of a resident ID: 11010519491231002 → "X". */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return '10X98765432'[sum % 11]!;
}

// GB 32100-2015 leaves out I, O, S, V and Z so they cannot be mistaken for digits.
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of a unified social credit code (统一社会信用代码). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`${JSON.stringify(first17[i])} is not a credit-code character`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

const SHAPES: Record<IdType, RegExp> = {
  resident_id: /^(?:\d{17}[\dX]|\d{15})$/,
  passport: /^[A-Z0-9]{5,20}$/,
  hk_macao_permit: /^[HM]\d{8}(?:\d{2})?$/,
  taiwan_permit: /^\d{8}(?:\d{2})?$/,
  credit_code: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
  other: /^[A-Z0-9\-()]{2,32}$/,
};

/**
 * The canonical form of an ID document number (upper case, no spaces), or why it cannot be one.
 * Check digits are verified where the standard defines them: a mistyped digit caught at the desk
 * costs nothing; found at title transfer, it costs a trip.
 */
export function normaliseIdNumber(
  type: IdType,
  raw: string,
): { value: string } | { problem: IdNumberProblem } {
  const value = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!SHAPES[type].test(value)) return { problem: 'format' };
  if (type === 'resident_id' && value.length === 18 && residentIdCheckDigit(value.slice(0, 17)) !== value[17])
    return { problem: 'checksum' };
  if (type === 'credit_code' && creditCodeCheckChar(value.slice(0, 17)) !== value[17])
    return { problem: 'checksum' };
  return { value };
}

/** 32010219900307123X → 3201**********123X; short numbers keep their first and last two. */
export function maskIdNumber(value: string): string {
  if (value.length >= 15) return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
  if (value.length <= 3) return '*'.repeat(value.length);
  return value.slice(0, 1) + '*'.repeat(value.length - 3) + value.slice(-2);
}
