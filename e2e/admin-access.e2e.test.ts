import { expect, it } from 'vitest';
import { describeBrowser, serverAndBrowser, newPage, shot, signIn } from './support.ts';

describeBrowser('console: roles and API tokens', () => {
  const env = serverAndBrowser({ demo: true });

  it('creates a custom role with chosen permissions; its holder sees it by name', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-roles').click();
    await page.getByTestId('role-table').waitFor();
    await page.getByTestId('role-create').click();
    await page.getByTestId('role-code').fill('desk_lead');
    await page.getByTestId('role-name').fill('前台组长');
    for (const code of ['dashboard.view', 'projects.read', 'users.read', 'audit.read']) {
      await page.locator('.ant-modal').getByTestId(`perm-${code}`).check();
    }
    await shot(page, 'admin-role-create-zh');
    await page.getByTestId('role-create-submit').click();
    await page.getByTestId('role-table').getByText('前台组长').waitFor();

    // Give the role to the supervisor through the user drawer, then sign in as them.
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-edit-supervisor').click();
    await page.getByTestId('user-roles').click();
    await page.locator('.ant-select-dropdown:visible').getByText('前台组长', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-drawer').waitFor({ state: 'hidden' });

    const supervisor = await newPage(env.browser);
    await signIn(supervisor, env.server.url, 'supervisor');
    await expect(supervisor.getByTestId('dashboard-welcome').textContent()).resolves.toContain('前台组长');
    await expect(supervisor.getByTestId('menu-audit').isVisible()).resolves.toBe(true);
  });

  it('issues a token to a user found by search, shows the secret once, and revokes it', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-tokens').click();
    await page.getByTestId('token-table').waitFor();
    await page.getByTestId('token-create').click();
    await page.getByTestId('token-name').fill('呼叫中心对接');
    await page.getByTestId('token-user').click();
    await page.keyboard.type('cashier');
    await page.locator('.ant-select-dropdown:visible').getByText('赵敏（收费员） (cashier)').click();
    await page.getByTestId('token-create-submit').click();
    const secret = (await page.getByTestId('token-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^stw_[\w-]{40,}$/);
    await page.getByTestId('token-create-submit').waitFor({ state: 'hidden' });
    await shot(page, 'admin-token-secret-zh');
    await page.getByTestId('token-secret-done').click();
    await page.getByTestId('token-secret').waitFor({ state: 'detached' });

    // The secret works as a bearer token, and is not shown anywhere again.
    const status = await page.evaluate(
      async (s) => (await fetch('/api/v1/projects', { headers: { authorization: `Bearer ${s}` } })).status,
      secret,
    );
    expect(status).toBe(200);
    expect(await page.content()).not.toContain(secret);

    const prefix = secret.slice(0, 10);
    await page.getByTestId(`token-revoke-${prefix}`).click();
    await page.locator('.ant-popconfirm').getByRole('button').last().click();
    await page.getByTestId('token-table').getByText('已吊销').waitFor();
    const after = await page.evaluate(
      async (s) => (await fetch('/api/v1/projects', { headers: { authorization: `Bearer ${s}` } })).status,
      secret,
    );
    expect(after).toBe(401);
  });

  it('adds a project and its buildings; a duplicate code is explained on the field', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-property').click();
    await page.getByTestId('property-tree').waitFor();
    const createProject = async (code: string) => {
      await page.getByTestId('project-create').click();
      await page.getByTestId('project-code').fill(code);
      await page.getByTestId('project-name').fill('翠湖花园二期');
      await page.getByTestId('project-create-submit').click();
    };
    await createProject('CH02');
    // The new project is chosen in the tree; its buildings are added from there.
    await page.getByTestId('property-node-title').getByText('翠湖花园二期').waitFor();
    for (const code of ['1', '2']) {
      await page.getByTestId('building-create').click();
      await page.getByTestId('building-code').fill(code);
      await page.getByTestId('building-name').fill(`${code} 号楼`);
      await page.getByTestId('building-submit').click();
      await page.getByTestId('property-tree').getByText(`${code} 号楼`).waitFor();
    }
    await shot(page, 'admin-buildings-zh');

    await createProject('CH02');
    await page.locator('.ant-modal').getByText('CH02', { exact: false }).first().waitFor();
    await expect(
      page.locator('.ant-modal .ant-form-item-explain-error').first().textContent(),
    ).resolves.toContain('CH02');
  });

  it('resets a password: the user must choose a new one at their next sign-in', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-more-cashier').click();
    await page.getByTestId('user-reset-cashier').click();
    await page.getByTestId('user-reset-password').fill('Temporary2026');
    await page.getByTestId('user-reset-password-confirm').fill('Temporary2026');
    await page.getByTestId('user-reset-password-submit').click();
    await page.getByTestId('user-reset-password-submit').waitFor({ state: 'hidden' });

    const cashier = await newPage(env.browser);
    await cashier.goto(`${env.server.url}/login`);
    await cashier.getByTestId('login-username').fill('cashier');
    await cashier.getByTestId('login-password').fill('Temporary2026');
    await cashier.getByTestId('login-submit').click();
    await cashier.getByTestId('password-current').waitFor();
  });
});
