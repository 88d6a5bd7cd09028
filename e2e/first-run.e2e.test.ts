import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, newPage, shot, startServer, type RunningServer } from './support.ts';

describeBrowser('console: first run on an empty installation', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the organisation and its administrator, then opens the console signed in', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.getByTestId('setup-form').waitFor();
    await shot(page, 'first-run-zh');
    await page.getByTestId('setup-org').fill('滨江物业管理有限公司');
    await page.getByTestId('setup-username').fill('chief');
    await page.getByTestId('setup-display-name').fill('孙总');
    await page.getByTestId('setup-password').fill('FirstStart2026');
    await page.getByTestId('setup-password-confirm').fill('FirstStart2026');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('dashboard-welcome').waitFor();
    await expect(page.getByTestId('org-name').textContent()).resolves.toContain('滨江物业管理有限公司');
    // A second visit finds setup done: the setup page is gone for good.
    await page.goto(`${server.url}/setup`);
    await page.getByTestId('dashboard-welcome').waitFor();
  });
});
