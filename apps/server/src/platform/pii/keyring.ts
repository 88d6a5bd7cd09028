import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import { parseKey, PiiCipher } from './cipher.ts';
import { claimKeyCheck, findKeyCheck } from './key-checks.repository.ts';

/** Raised when the server must not start: it would store unreadable data or serve garbage. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'pii.key');
}

/**
 * Finds the personal-data key and proves it is the one the database was written with.
 *
 * The key comes from STEWARD_PII_KEY, else from `<data dir>/keys/pii.key`. A database that has
 * never held personal data gets a new key file on first start (so the two-command demo works);
 * a database that has refuses to start without its key, or with another one, instead of writing
 * rows nobody can read later.
 */
export async function openKeyring(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'piiKey' | 'dataDir'>;
}): Promise<PiiCipher> {
  const file = keyFilePath(deps.config.dataDir);
  let key = deps.config.piiKey ?? readKeyFile(file);
  const stored = await findKeyCheck(deps.db, 'pii');
  if (!key) {
    if (stored)
      throw new KeyError(
        `The personal-data key is missing: set STEWARD_PII_KEY or restore ${file}. This database holds ` +
          'personal data encrypted with a key that is not here; the server will not start without it.',
      );
    key = writeKeyFile(file, PiiCipher.generateKey());
  }
  const cipher = new PiiCipher(key);
  const fingerprint =
    stored ?? (await claimKeyCheck(deps.db, 'pii', cipher.fingerprint(), deps.clock.now().toISOString()));
  if (fingerprint !== cipher.fingerprint())
    throw new KeyError(
      `The personal-data key (${deps.config.piiKey ? 'STEWARD_PII_KEY' : file}) is not the key this database ` +
        'was encrypted with; the server will not start with a wrong key.',
    );
  return cipher;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyError(`Cannot read the personal-data key file ${file}: ${(error as Error).message}`);
  }
  const key = parseKey(text.trim());
  if (!key) throw new KeyError(`${file} does not hold a 32-byte key (base64 or 64 hex digits)`);
  return key;
}

/** Writes a new key file; if another process wrote one meanwhile, that one wins. */
function writeKeyFile(file: string, key: Buffer): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': never overwrite a key that appeared meanwhile (another process starting at once).
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(file)!;
  }
}
