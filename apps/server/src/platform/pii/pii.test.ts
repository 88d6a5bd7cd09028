import { describe, expect, it } from 'vitest';
import { parseKey, PiiCipher } from './cipher.ts';
import { creditCodeCheckChar, maskIdNumber, normaliseIdNumber, residentIdCheckDigit } from './id-number.ts';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(PiiCipher.generateKey());

  it('round-trips text and bytes, with a fresh IV each time', () => {
    const a = cipher.encryptText('32010219900307123X');
    const b = cipher.encryptText('32010219900307123X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('3201');
    expect(cipher.decryptText(a)).toBe('32010219900307123X');
    const bytes = Buffer.from('图片数据');
    expect(cipher.decryptBytes(cipher.encryptBytes(bytes)).equals(bytes)).toBe(true);
  });

  it('refuses tampered values and other keys', () => {
    const sealed = cipher.encryptText('secret');
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(() => cipher.decryptText(flipped)).toThrow();
    expect(() => new PiiCipher(PiiCipher.generateKey()).decryptText(sealed)).toThrow();
    expect(() => cipher.decryptBytes(Buffer.from('junk'))).toThrow();
  });

  it('indexes and fingerprints deterministically per key', () => {
    const key = PiiCipher.generateKey();
    expect(new PiiCipher(key).blindIndex('x')).toBe(new PiiCipher(key).blindIndex('x'));
    expect(new PiiCipher(key).fingerprint()).toBe(new PiiCipher(key).fingerprint());
    expect(new PiiCipher(key).fingerprint()).not.toBe(cipher.fingerprint());
    expect(cipher.blindIndex('x')).not.toBe(cipher.blindIndex('y'));
  });

  it('parses keys as base64 or hex only', () => {
    const key = PiiCipher.generateKey();
    expect(parseKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseKey('short')).toBeNull();
    expect(parseKey(key.subarray(0, 16).toString('base64'))).toBeNull();
  });
});

describe('ID numbers', () => {
  it('computes the GB 11643 check digit', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('accepts valid resident IDs in any case and spacing, refuses bad check digits', () => {
    expect(normaliseIdNumber('resident_id', '110105 19491231 002x')).toEqual({ value: '11010519491231002X' });
    expect(normaliseIdNumber('resident_id', '110105194912310021')).toEqual({ problem: 'checksum' });
    expect(normaliseIdNumber('resident_id', '1101051949')).toEqual({ problem: 'format' });
    expect(normaliseIdNumber('resident_id', "1' OR 1=1 --")).toEqual({ problem: 'format' });
  });

  it('checks unified social credit codes', () => {
    const first17 = '91320100MA1MXXXX0';
    const code = first17 + creditCodeCheckChar(first17);
    expect(normaliseIdNumber('credit_code', code.toLowerCase())).toEqual({ value: code });
    const wrong = first17 + (code.endsWith('1') ? '2' : '1');
    expect(normaliseIdNumber('credit_code', wrong)).toEqual({ problem: 'checksum' });
  });

  it('knows the shape of permits and passports', () => {
    expect(normaliseIdNumber('hk_macao_permit', 'h12345678')).toEqual({ value: 'H12345678' });
    expect(normaliseIdNumber('passport', 'E1234567')).toEqual({ value: 'E1234567' });
    expect(normaliseIdNumber('passport', '<b>')).toEqual({ problem: 'format' });
  });

  it('masks all but the ends', () => {
    expect(maskIdNumber('32010219900307123X')).toBe('3201**********123X');
    expect(maskIdNumber('E1234567')).toBe('E*****67');
  });
});
