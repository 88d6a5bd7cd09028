import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const TEXT_PREFIX = 'v1.';
const FILE_MAGIC = Buffer.from('STW1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts personal data (ID numbers, ID-document copies) with AES-256-GCM under a key kept
 * outside the database, so a stolen dump or backup holds no readable ID numbers. Separate
 * sub-keys (HKDF) encrypt and index: the blind index lets the server find a customer by ID number
 * without decrypting every row, and reveals nothing about the encryption key.
 */
export class PiiCipher {
  readonly #encryptionKey: Buffer;
  readonly #indexKey: Buffer;
  readonly #checkKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the personal-data key must be 32 bytes');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
    this.#encryptionKey = derive('steward pii encryption');
    this.#indexKey = derive('steward pii blind index');
    this.#checkKey = derive('steward pii key check');
  }

  static generateKey(): Buffer {
    return randomBytes(32);
  }

  encryptText(plain: string): string {
    return TEXT_PREFIX + this.#seal(Buffer.from(plain, 'utf8')).toString('base64url');
  }

  decryptText(sealed: string): string {
    if (!sealed.startsWith(TEXT_PREFIX)) throw new Error('not a sealed value');
    return this.#open(Buffer.from(sealed.slice(TEXT_PREFIX.length), 'base64url')).toString('utf8');
  }

  encryptBytes(plain: Buffer): Buffer {
    return Buffer.concat([FILE_MAGIC, this.#seal(plain)]);
  }

  decryptBytes(sealed: Buffer): Buffer {
    if (!sealed.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) throw new Error('not a sealed file');
    return this.#open(sealed.subarray(FILE_MAGIC.length));
  }

  /** Deterministic keyed hash of a normalised value, for equality lookups. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.#indexKey).update(value, 'utf8').digest('base64url');
  }

  /** Identifies the key without revealing it: stored in the database to catch a wrong key at start. */
  fingerprint(): string {
    return createHmac('sha256', this.#checkKey).update('steward key check').digest('base64url');
  }

  #seal(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  #open(sealed: Buffer): Buffer {
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}

/** A 32-byte key written as base64 (44 characters) or hex (64 digits); null when it is neither. */
export function parseKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, 'base64');
  return null;
}
