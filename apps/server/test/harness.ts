import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PiiCipher } from '../src/platform/pii/cipher.ts';
import type { AuthResponse } from '@steward/contracts';
import type { Engine } from '../src/config.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  /** What services and factories need: the database and the test clock. */
  deps: { db: TestDatabase['db']; clock: ManualClock; cipher: PiiCipher; config: Config };
  close(): Promise<void>;
}

/** Each test app gets its own data dir (uploads, keys) and its own personal-data key. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ STEWARD_WEB_DIR: '', STEWARD_LOG_LEVEL: 'silent', STEWARD_SWEEP_MS: '0' }),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'steward-test-')),
    piiKey: PiiCipher.generateKey(),
    ...overrides,
  };
}

/** The whole server on a fresh database with a hand-driven clock, exercised through app.inject(). */
export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const clock = new ManualClock();
  const config = testConfig({ ...overrides, engine });
  const app = await buildApp({ config, database, clock, logger: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    deps: { db: database.db, clock, cipher: new PiiCipher(config.piiKey!), config },
    close: async () => {
      await app.close();
      await database.destroy();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in browser: the session cookie plus the CSRF token, ready to put on requests. */
export interface Session {
  user: AuthResponse['user'];
  csrfToken: string;
  cookie: string;
  /** Headers for a request made as this session (cookie, and the CSRF header for writes). */
  headers: Record<string, string>;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'steward_sid');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `steward_sid=${cookie.value}`;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const body = response.json<AuthResponse>();
  const cookie = sessionCookie(response);
  return {
    user: body.user,
    csrfToken: body.csrfToken,
    cookie,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
  };
}

/** A multipart body with text fields first and one file, as browsers send it. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; data: Buffer; type?: string },
) {
  const boundary = `----steward${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
