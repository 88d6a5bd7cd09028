import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, serverAndBrowser, newPage, shot, signIn } from './support.ts';

const ADMIN_MENU = [
  'dashboard',
  'property',
  'customers',
  'import-export',
  'users',
  'roles',
  'tokens',
  'audit',
];

describeBrowser('console: sign-in, role menus, user administration', () => {
  const env = serverAndBrowser({ demo: true });

  const visibleMenu = async (page: Page) => {
    const keys: string[] = [];
    for (const key of ADMIN_MENU) if (await page.getByTestId(`menu-${key}`).isVisible()) keys.push(key);
    return keys;
  };

  it('the admin signs in, sees every menu, and creates a front-desk user scoped to the demo project', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    expect(await visibleMenu(page)).toEqual(ADMIN_MENU);
    await expect(page.getByTestId('org-name').textContent()).resolves.toContain('翠湖物业');
    await shot(page, 'admin-dashboard-zh');

    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId('user-create').click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.waitFor();
    await page.getByTestId('user-username').fill('e2e-agent');
    await page.getByTestId('user-display-name').fill('吴晓（前台）');
    await page.getByTestId('user-password').fill('Welcome2026');
    await page.getByTestId('user-roles').click();
    await page.locator('.ant-select-dropdown:visible').getByText('客服前台', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('scope-add-project').click();
    // The demo's first project (its archive is generated, so the test does not name it).
    await page.keyboard.press('Enter');
    await page.getByTestId('scope-project-row').waitFor();
    await shot(page, 'admin-user-create-zh');
    await page.getByTestId('user-save').click();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.getByTestId('user-table').locator('tr', { hasText: 'e2e-agent' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('客服前台');
    await shot(page, 'admin-users-zh');
  });

  it('the new user must change the initial password first, then gets the front-desk menu', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/login`);
    await page.getByTestId('login-username').fill('e2e-agent');
    await page.getByTestId('login-password').fill('Welcome2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-current').waitFor();
    await page.getByTestId('password-current').fill('Welcome2026');
    await page.getByTestId('password-new').fill('MyOwnPass2026');
    await page.getByTestId('password-confirm').fill('MyOwnPass2026');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('menu-dashboard').waitFor();
    expect(await visibleMenu(page)).toEqual(['dashboard', 'property', 'customers']);
  });

  it('a front-desk agent sees only their menu and is refused an admin page without calling its API', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    expect(await visibleMenu(page)).toEqual(['dashboard', 'property', 'customers']);
    const calls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/users')) calls.push(request.url());
    });
    await page.goto(`${env.server.url}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
    expect(calls).toEqual([]);
    await shot(page, 'agent-forbidden-zh');
    // The server refuses it too, whatever the browser does.
    const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
    expect(status).toBe(403);
    await page.getByTestId('forbidden-home').click();
    await page.getByTestId('dashboard-welcome').waitFor();
  });

  it('a butler sees the project and only their three buildings', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'butler');
    await page.getByTestId('menu-property').click();
    // Their one project opens by itself in the property tree, with just their buildings.
    const tree = page.getByTestId('property-tree');
    await tree.getByTestId('tree-building').first().waitFor();
    expect(await tree.getByTestId('tree-project').count()).toBe(1);
    expect(await tree.getByTestId('tree-building').count()).toBe(3);
    await page.getByTestId('house-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByTestId('building-create').count()).resolves.toBe(0);
    await expect(page.getByTestId('house-create').count()).resolves.toBe(0);
    await shot(page, 'butler-buildings-zh');
  });

  it('switches the whole console to English and keeps the choice', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/login`);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(page, 'login-en');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain(
      'Wrong username or password',
    );
    await signIn(page, env.server.url, 'manager');
    await expect(page.getByTestId('menu-property').textContent()).resolves.toBe('Property');
    await shot(page, 'manager-dashboard-en');
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-table').getByText('Sign-in failed').first().waitFor();
    await shot(page, 'manager-audit-en');
    await page.reload();
    await expect(page.getByTestId('menu-audit').textContent()).resolves.toBe('Audit log');
  });
});
