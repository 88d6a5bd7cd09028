import path from 'node:path';
import { parseKey } from './platform/pii/cipher.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  engine: Engine;
  timeZone: string;
  demoPassword: string;
  /** Absolute lifetime of a staff session. */
  sessionTtlHours: number;
  /** A session unused for this long expires. */
  sessionIdleMinutes: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies and client IPs behind https). */
  /**
   * Which X-Forwarded-* to believe (for Secure cookies and client IPs behind https): false, a
   * number of proxy hops, or the proxies' addresses/CIDRs. Never "any": a client can forge the
   * leftmost X-Forwarded-For.
   */
  trustProxy: false | number | string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the built console lives; null serves the API only. */
  webDir: string | null;
  shutdownTimeoutMs: number;
  /** Key for personal data at rest (STEWARD_PII_KEY); null reads or creates `<data dir>/keys/pii.key`. */
  piiKey: Buffer | null;
  /** How often the time-standards sweeper looks for warnings, breaches and escalations; 0 turns it off. */
  sweepMs: number;
  /** Largest .xlsx accepted by an import, in bytes. */
  importLimit: number;
  /** Largest service-record attachment (photo, scan, PDF) accepted, in bytes. */
  attachmentLimit: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads STEWARD_* variables once, checks every value and reports all problems together. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const host = env.STEWARD_HOST || '127.0.0.1';
  const port = int('STEWARD_PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, env.STEWARD_DATA_DIR || './data');

  const databaseUrl = env.STEWARD_DATABASE_URL || null;
  let engine: Engine = 'sqlite';
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) engine = 'postgres';
    else
      problems.push(
        'STEWARD_DATABASE_URL must be a postgres:// or postgresql:// URL (leave it empty for SQLite in the data dir)',
      );
  }

  const timeZone = env.STEWARD_TZ || 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone))
    problems.push(`STEWARD_TZ="${timeZone}" is not an IANA time zone such as Asia/Shanghai`);

  const demoPassword = env.STEWARD_DEMO_PASSWORD || 'Steward2026';
  if (demoPassword.length < 8 || !/[A-Za-z]/.test(demoPassword) || !/[0-9]/.test(demoPassword)) {
    problems.push('STEWARD_DEMO_PASSWORD must be at least 8 characters with a letter and a digit');
  }

  const logLevel = (env.STEWARD_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`STEWARD_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const webDirRaw = env.STEWARD_WEB_DIR;
  const webDir = webDirRaw === '' ? null : path.resolve(cwd, webDirRaw ?? defaultWebDir());

  const config: Config = {
    host,
    port,
    dataDir,
    databaseUrl,
    engine,
    timeZone,
    demoPassword,
    sessionTtlHours: int('STEWARD_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    sessionIdleMinutes: int('STEWARD_SESSION_IDLE_MINUTES', 120, 5, 24 * 60 * 30),
    bodyLimit: int('STEWARD_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    trustProxy: trustProxy(env.STEWARD_TRUST_PROXY, problems),
    logLevel,
    webDir,
    shutdownTimeoutMs: int('STEWARD_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    piiKey: piiKey(env.STEWARD_PII_KEY, problems),
    sweepMs: int('STEWARD_SWEEP_MS', 15_000, 0, 3_600_000),
    importLimit: int('STEWARD_IMPORT_LIMIT_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    attachmentLimit: int('STEWARD_ATTACHMENT_LIMIT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function piiKey(raw: string | undefined, problems: string[]): Buffer | null {
  if (!raw) return null;
  const key = parseKey(raw.trim());
  if (!key)
    problems.push(
      'STEWARD_PII_KEY must be a 32-byte key as base64 (44 characters) or 64 hex digits, e.g. from `openssl rand -base64 32`',
    );
  return key;
}

function trustProxy(raw: string | undefined, problems: string[]): Config['trustProxy'] {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) return 1; // one proxy in front, the usual set-up
  if (/^[1-9][0-9]?$/.test(value)) return Number(value);
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.every((a) => /^[0-9a-f.:]+(\/[0-9]{1,3})?$/.test(a))) return addresses;
  problems.push(
    `STEWARD_TRUST_PROXY="${raw}" must be false, a number of proxy hops (e.g. 1), or proxy addresses/CIDRs separated by commas`,
  );
  return false;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function defaultWebDir(): string {
  return path.resolve(import.meta.dirname, '../../web/dist');
}
