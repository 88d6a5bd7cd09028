import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import {
  buildApp,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  openKeyring,
  systemClock,
} from '@steward/server';

export const DEMO_PASSWORD = 'E2eDemo2026';
export const WEB_DIR = path.resolve(import.meta.dirname, '../apps/web/dist');
export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The real server on a free loopback port with its own SQLite data dir, optionally with the demo loaded. */
export async function startServer(options: { demo: boolean }): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
  const config = {
    ...loadConfig({
      STEWARD_DATA_DIR: dataDir,
      STEWARD_WEB_DIR: WEB_DIR,
      STEWARD_LOG_LEVEL: 'warn',
      STEWARD_PORT: '0',
    }),
  };
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.engine);
  const cipher = await openKeyring({ db: database.db, clock: systemClock, config });
  if (options.demo) await loadDemo({ db: database.db, clock: systemClock, config, cipher }, DEMO_PASSWORD);
  const app = await buildApp({ config, database, cipher, logger: false });
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
export function serverAndBrowser(options: { demo: boolean }): { server: RunningServer; browser: Browser } {
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
