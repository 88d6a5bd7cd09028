import { expect, it } from 'vitest';
import { describeBrowser, serverAndBrowser, newPage, shot } from './support.ts';

describeBrowser('console: first run on an empty installation', () => {
  const env = serverAndBrowser({ demo: false });

  it('asks for the organisation and its administrator, then opens the console signed in', async () => {
    const page = await newPage(env.browser);
    await page.goto(env.server.url);
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
    await page.goto(`${env.server.url}/setup`);
    await page.getByTestId('dashboard-welcome').waitFor();
  });
});
