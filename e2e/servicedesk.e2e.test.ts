import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { describeBrowser, newPage, serverAndBrowser, shot as fullShot, signIn, SHOTS } from './support.ts';

/** A full-page screenshot from the top (sticky header and menu drawn where they belong). */
async function shot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

/** A dialog as it is seen: the viewport only (a full-page shot of a long list leaves the dialog floating). */
async function dialogShot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The machine is shared with the server under test; give a refresh a few seconds, not one. */
const POLL = { timeout: 10_000 };

const OPEN_DROPDOWN = '.ant-select-dropdown:visible';

/** Closes any open select dropdown and waits until it has gone (its closing animation included). */
async function closeDropdowns(page: Page) {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator(OPEN_DROPDOWN).count(), POLL).toBe(0);
}

/** Picks an option of the open antd select (or tree select) dropdown by its text. */
async function pick(page: Page, text: string, options: { keepOpen?: boolean } = {}) {
  const option = page.locator(OPEN_DROPDOWN).getByText(text, { exact: true }).first();
  await option.click();
  if (options.keepOpen) return;
  // A single select closes on its own; wait for it so the next dropdown is the only one visible.
  // A click that lands while the dropdown is still sliding in is lost: give it one more.
  await page.waitForTimeout(300);
  // (It may be closing by now after all: then there is nothing left to click.)
  if ((await page.locator(OPEN_DROPDOWN).count()) > 0)
    await option.click({ timeout: 1_000 }).catch(() => undefined);
  await expect.poll(() => page.locator(OPEN_DROPDOWN).count(), POLL).toBe(0);
}

/** Picks the first option of the open dropdown and returns its text. */
async function pickFirst(page: Page, options: { keepOpen?: boolean } = {}): Promise<string> {
  const option = page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`).first();
  const text = ((await option.textContent()) ?? '').trim();
  await option.click();
  if (options.keepOpen) await closeDropdowns(page);
  else await expect.poll(() => page.locator(OPEN_DROPDOWN).count(), POLL).toBe(0);
  return text;
}

/** In an open multiple select, makes sure these options are chosen (clicking a chosen one would drop it). */
async function ensureChosen(page: Page, texts: string[]) {
  for (const text of texts) {
    const option = page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${text}"]`);
    const chosen =
      (await option.getAttribute('aria-selected')) === 'true' ||
      (await option.getAttribute('class'))?.includes('selected');
    if (!chosen) await option.click();
    await expect
      .poll(async () => (await option.getAttribute('class')) ?? '', POLL)
      .toContain('ant-select-item-option-selected');
  }
  await closeDropdowns(page);
}

/** Next week's Monday in Asia/Shanghai (the roster is planned ahead, so the shift has not ended). */
function nextMondayInShanghai(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const weekday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7 - weekday))
    .toISOString()
    .slice(0, 10);
}

describeBrowser('console: service desk setup', () => {
  const env = serverAndBrowser({ demo: true });

  it('adds a category under 水电, gives the technician a skill and a building, rosters a night shift and prices a service; shows them in English', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'admin');

    // 服务类别: a subcategory of 水电 that goes to 工程部, with a default urgency.
    await page.getByTestId('menu-sd-categories').click();
    await page.getByTestId('category-row-WATER').waitFor();
    await page.getByTestId('category-add-child-WATER').click();
    await page.locator('.ant-modal').getByText('在“水电”下新建子类别').waitFor();
    await page.getByTestId('category-code').fill('WATER-HEATER');
    await page.getByTestId('category-name').fill('热水器');
    await page.getByTestId('category-name-en').fill('Water heater');
    await page.getByTestId('category-department').click();
    await pick(page, '工程部');
    await page.getByTestId('category-urgency').click();
    await pick(page, '紧急');
    await dialogShot(page, 'servicedesk-category-add-zh');
    await page.getByTestId('category-submit').click();
    const row = page
      .getByTestId('category-table')
      .locator('tr', { has: page.getByTestId('category-row-WATER-HEATER') });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('工程部');
    await expect(row.textContent()).resolves.toContain('紧急');
    await expect(row.textContent()).resolves.toContain('Water heater');
    await shot(page, 'servicedesk-categories-zh');

    // 部门与人员: the technician gets 工程部, plumbing and electrical, and a building to look after.
    await page.getByTestId('menu-sd-departments').click();
    await page.getByTestId('department-row-ENG').waitFor();
    await page.getByTestId('department-unassigned').click();
    if ((await page.getByTestId('staff-edit-tech').count()) === 0)
      await page.getByTestId('department-row-ENG').click();
    await page.getByTestId('staff-edit-tech').click();
    await page.getByTestId('staff-department').click();
    await pick(page, '工程部');
    await page.getByTestId('staff-skills').click();
    await ensureChosen(page, ['水暖', '空调暖通']);
    // A building of the technician's own estate (their data scope): the first project's row.
    if ((await page.getByTestId('duty-project-row').count()) === 0) {
      await page.getByTestId('duty-add-project').click();
      await pickFirst(page);
    }
    await page.getByTestId('duty-technician-0').click();
    const free = page.locator(
      `${OPEN_DROPDOWN} .ant-select-item-option:not(.ant-select-item-option-selected)`,
    );
    const buildingName = ((await free.first().textContent()) ?? '').trim();
    await free.first().click();
    await closeDropdowns(page);
    expect(buildingName).not.toBe('');
    await dialogShot(page, 'servicedesk-staff-edit-zh');
    await page.getByTestId('staff-submit').click();
    await page.getByTestId('staff-submit').waitFor({ state: 'hidden' });
    await page.getByTestId('department-row-ENG').click();
    const tech = page.getByTestId('staff-table').locator('tr', { has: page.getByTestId('staff-row-tech') });
    await tech.waitFor();
    await expect.poll(() => tech.textContent(), POLL).toContain(`维修 · ${buildingName}`);
    await expect(tech.textContent()).resolves.toContain('水暖');
    await expect(tech.textContent()).resolves.toContain('空调暖通');
    await shot(page, 'servicedesk-departments-zh');

    // 值班排班: a night shift for the technician next Monday, shown as running into Tuesday.
    await page.getByTestId('menu-sd-roster').click();
    await page.getByTestId('roster-department').click();
    await pick(page, '工程部');
    await page.getByTestId('roster-next').click();
    const monday = nextMondayInShanghai();
    await expect.poll(() => page.getByTestId('roster-week').textContent(), POLL).toContain(monday);
    const techRow = page.getByTestId('roster-table').locator('tr', { hasText: '张强' });
    await techRow.locator(`[data-testid^="roster-add-"][data-testid$="-${monday}"]`).click();
    await page.getByTestId('shift-preset-night').click();
    await dialogShot(page, 'servicedesk-shift-add-zh');
    await page.getByTestId('shift-submit').click();
    await page.getByTestId('shift-submit').waitFor({ state: 'hidden' });
    const cell = techRow.locator(`[data-testid^="roster-cell-"][data-testid$="-${monday}"]`);
    await expect.poll(() => cell.textContent(), POLL).toContain('20:00–次日08:00');
    await shot(page, 'servicedesk-roster-zh');

    // 有偿服务收费标准: ¥88.50 typed in yuan, linked to the new category.
    await page.getByTestId('menu-sd-prices').click();
    await page.getByTestId('price-table').waitFor();
    await page.getByTestId('price-create').click();
    await page.getByTestId('price-code').fill('HEATER-CLEAN');
    await page.getByTestId('price-name').fill('热水器清洗');
    await page.getByTestId('price-yuan').fill('88.5');
    await page.getByTestId('price-category').click();
    await page.keyboard.type('热水器');
    await pick(page, '热水器');
    await page.getByTestId('price-submit').click();
    const price = page
      .getByTestId('price-table')
      .locator('tr', { has: page.getByTestId('price-row-HEATER-CLEAN') });
    await price.waitFor();
    await expect(price.textContent()).resolves.toContain('¥88.50');
    await expect(price.textContent()).resolves.toContain('水电 / 热水器');
    await shot(page, 'servicedesk-prices-zh');

    // The same pages in English: category names, skills, the roster's next-day mark, prices.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('menu-sd-categories').click();
    await page.getByTestId('category-row-WATER').waitFor();
    await page.getByTestId('category-table').getByText('People trapped in a lift').waitFor();
    await shot(page, 'servicedesk-categories-en');

    await page.getByTestId('menu-sd-departments').click();
    await page.getByTestId('department-row-ENG').click();
    const techEn = page.getByTestId('staff-table').locator('tr', { has: page.getByTestId('staff-row-tech') });
    await expect.poll(() => techEn.textContent(), POLL).toContain('HVAC');
    await shot(page, 'servicedesk-departments-en');

    await page.getByTestId('menu-sd-roster').click();
    await page.getByTestId('roster-department').click();
    await pick(page, '工程部');
    await page.getByTestId('roster-next').click();
    await expect
      .poll(() => page.getByTestId('roster-table').textContent(), POLL)
      .toContain('20:00–08:00 (+1)');
    await shot(page, 'servicedesk-roster-en');

    // A planned shift can be taken off the roster again.
    await page.getByTestId('roster-table').getByTestId('roster-shift-delete').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'OK' }).click();
    await expect
      .poll(() => page.getByTestId('roster-table').getByTestId('roster-shift').count(), POLL)
      .toBe(0);

    await page.getByTestId('menu-sd-prices').click();
    await page.getByTestId('price-row-HEATER-CLEAN').waitFor();
    await expect(page.getByTestId('price-table').textContent()).resolves.toContain(
      'Water and power / Water heater',
    );
    await shot(page, 'servicedesk-prices-en');
  });
});
