import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import {
  buildApp,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  systemClock,
  type Clock,
} from '@steward/server';

export const DEMO_PASSWORD = 'E2eDemo2026';
export const WEB_DIR = path.resolve(import.meta.dirname, '../apps/web/dist');
export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  demo: boolean;
  /**
   * Run the time-standards sweeper (every 15 s, as in production). Off unless a suite is about
   * alerts: live notices arriving at random moments make other flows nondeterministic.
   */
  sweep?: boolean;
  /** The server's clock (default: real time). */
  clock?: Clock;
}

/** The real server on a free loopback port with its own SQLite data dir, optionally with the demo loaded. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
  const config = {
    ...loadConfig({
      STEWARD_DATA_DIR: dataDir,
      STEWARD_WEB_DIR: WEB_DIR,
      STEWARD_LOG_LEVEL: 'warn',
      STEWARD_PORT: '0',
      STEWARD_SWEEP_MS: options.sweep ? '15000' : '0',
    }),
  };
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.engine);
  const cipher = await openKeyring({ db: database.db, clock, config });
  if (options.demo) await loadDemo({ db: database.db, clock, config, cipher }, DEMO_PASSWORD);
  const app = await buildApp({ config, database, cipher, clock, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium, with nothing reaching out to the network. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: inject('chromium')!,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 800 } });
  return context.newPage();
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(
  page: Page,
  url: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard-welcome').waitFor();
}

/** A browser suite: skipped with the global notice where Chromium is missing (never in CI). */
export function describeBrowser(name: string, body: () => void): void {
  describe.skipIf(!inject('chromium'))(name, body);
}

/**
 * For a browser suite: starts a server (with or without the demo) and a browser before its
 * flows, closes both after, and returns them for the flows to use.
 */
/**
 * A server clock running at real speed from `hour`:00 of today in Shanghai, so a flow's deadlines fall
 * inside working hours and "today" cannot roll over whenever the suite happens to run; `advance`
 * pushes it on by hand to let clocks run out without waiting for them.
 */
export class ShiftedClock {
  private offset: number;
  constructor(hour: number) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    this.offset = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00.000+08:00`) - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export function serverAndBrowser(options: ServerOptions): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** The JSON API as a signed-in demo user, to set the scene and to check the result. */
export async function apiAs(url: string, username: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** A plain RGB PNG in one colour, standing in for a photo taken on site. */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
