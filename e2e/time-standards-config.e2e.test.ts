import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BusinessCalendar, TimePolicy } from '@steward/contracts';
import {
  apiAs,
  describeBrowser,
  newPage,
  serverAndBrowser,
  shot as fullShot,
  signIn,
  SHOTS,
} from './support.ts';

/** A full-page screenshot from the top. */
async function shot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

/** A drawer from its top, on a screen tall enough to show the whole form. */
async function drawerShot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: 1300 });
  await page.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0));
  // Let the checkbox and switch animations settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

const POLL = { timeout: 10_000 };
const OPEN_DROPDOWN = '.ant-select-dropdown:visible';

async function pick(page: Page, text: string) {
  await page.locator(OPEN_DROPDOWN).getByText(text, { exact: true }).first().click();
  await expect.poll(() => page.locator(OPEN_DROPDOWN).count(), POLL).toBe(0);
}

/** Types a date into an antd date picker's input and confirms it. */
async function typeDate(page: Page, input: ReturnType<Page['locator']>, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describeBrowser('console: time standards and business calendars', () => {
  const env = serverAndBrowser({ demo: true });

  it('a manager shortens 一般报修’s response time for open records too, checks which standard applies, and adds holidays to a calendar', async () => {
    const api = await apiAs(env.server.url, 'manager');
    const before = (await api<{ items: TimePolicy[] }>('GET', '/api/v1/time-policies')).items.find(
      (p) => p.name === '一般报修',
    )!;
    expect(before.clocks.accept).toBe(10);

    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'manager');

    // 时限标准: one row per standard, the five limits side by side.
    await page.getByTestId('menu-ts-policies').click();
    await page.getByTestId('policy-row-一般报修').waitFor();
    await expect(page.getByTestId('policy-accept-一般报修').textContent()).resolves.toBe('10分');
    await expect(page.getByTestId('policy-complete-一般报修').textContent()).resolves.toBe('2个工作日');
    await expect(page.getByTestId('policy-feedback-一般报修').textContent()).resolves.toBe('当日');
    await expect(page.getByTestId('policy-open-一般报修').textContent()).resolves.toBe(
      String(before.openRecords),
    );

    // Response (接单) from 10 to 20 minutes, recomputing the open records it governs.
    await page.getByTestId('policy-edit-一般报修').click();
    const amount = page.getByTestId('clock-accept-amount');
    await amount.waitFor();
    await amount.fill('20');
    const apply = page.getByTestId('policy-apply-open');
    if (before.openRecords > 0) {
      await apply.check();
      await page.getByTestId('policy-drawer').locator('.ant-checkbox-checked').waitFor();
    }
    await expect(page.getByTestId('policy-drawer').textContent()).resolves.toContain(
      `同时重新计算进行中的工单（${before.openRecords} 单）`,
    );
    await drawerShot(page, 'timestandards-policy-edit-zh');
    await page.getByTestId('policy-submit').click();
    const notice =
      before.openRecords > 0 ? `已保存“一般报修”，已重算 ${before.openRecords} 单` : '已保存“一般报修”';
    await page.locator('.ant-message').getByText(notice).waitFor();
    await expect.poll(() => page.getByTestId('policy-accept-一般报修').textContent(), POLL).toBe('20分');
    const after = (await api<{ items: TimePolicy[] }>('GET', '/api/v1/time-policies')).items.find(
      (p) => p.name === '一般报修',
    )!;
    expect(after).toMatchObject({ version: before.version + 1, clocks: { ...before.clocks, accept: 20 } });

    // Which standard applies: a leak reported as an emergency is 紧急事件, as general 一般报修.
    await page.getByTestId('tester-type').click();
    await pick(page, '报修');
    await page.getByTestId('tester-category').click();
    await page.keyboard.type('漏水');
    await pick(page, '漏水渗水');
    await page.getByTestId('tester-project').click();
    await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`).first().click();
    await expect.poll(() => page.getByTestId('tester-result').textContent(), POLL).toContain('一般报修');
    await expect(page.getByTestId('tester-result').textContent()).resolves.toContain('接单 20分');
    await page.getByTestId('tester-urgency').click();
    await pick(page, '紧急');
    await expect.poll(() => page.getByTestId('tester-result').textContent(), POLL).toContain('紧急事件');
    await shot(page, 'timestandards-policies-zh');

    // 工作日历: a one-off holiday and a run of holiday dates for the service centre's calendar.
    await page.getByTestId('menu-ts-calendars').click();
    await page.getByTestId('calendar-row-服务中心工作时间').waitFor();
    const service = (await api<{ items: BusinessCalendar[] }>('GET', '/api/v1/calendars')).items.find(
      (c) => c.name === '服务中心工作时间',
    )!;
    const holidays = service.days.filter((d) => d.kind === 'holiday').length;
    await shot(page, 'timestandards-calendars-zh');
    await page.getByTestId('calendar-edit-服务中心工作时间').click();
    await page.getByTestId('week-grid').waitFor();
    await typeDate(page, page.getByTestId('days-add-date').locator('input'), '2026-12-25');
    await page.getByTestId('days-add-name').fill('公司年会');
    await page.getByTestId('days-add').click();
    await page.getByTestId('day-row-2026-12-25').waitFor();
    const range = page.getByTestId('days-range').locator('input');
    await typeDate(page, range.first(), '2027-02-06');
    await typeDate(page, range.nth(1), '2027-02-08');
    await page.getByTestId('days-range-name').fill('春节');
    await page.getByTestId('days-range-add').click();
    await page.getByTestId('day-row-2027-02-08').waitFor();
    await drawerShot(page, 'timestandards-calendar-edit-zh');
    await page.getByTestId('calendar-submit').click();
    await page.locator('.ant-message').getByText('已保存“服务中心工作时间”').waitFor();
    await expect
      .poll(() => page.getByTestId('calendar-days-服务中心工作时间').textContent(), POLL)
      .toContain(`节假日 ${holidays + 4} 天`);
    const saved = (await api<{ items: BusinessCalendar[] }>('GET', '/api/v1/calendars')).items.find(
      (c) => c.id === service.id,
    )!;
    expect(saved.days).toEqual(
      expect.arrayContaining([
        { date: '2026-12-25', kind: 'holiday', name: '公司年会' },
        { date: '2027-02-07', kind: 'holiday', name: '春节' },
      ]),
    );
    // New records of every standard counting in this calendar get the new dates: a new version each.
    const general = (await api<{ items: TimePolicy[] }>('GET', '/api/v1/time-policies')).items.find(
      (p) => p.name === '一般报修',
    )!;
    expect(general.version).toBe(after.version + 1);

    // The same pages in English.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('menu-ts-policies').click();
    await expect
      .poll(() => page.getByTestId('policy-complete-一般报修').textContent(), POLL)
      .toBe('2 working days');
    await shot(page, 'timestandards-policies-en');
    await page.getByTestId('menu-ts-calendars').click();
    await expect.poll(() => page.getByTestId('calendar-table').textContent(), POLL).toContain('Mon–Fri');
    await shot(page, 'timestandards-calendars-en');
  });

  it('shows desk staff the standards read-only and keeps calendars to configurers', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    await page.getByTestId('menu-ts-policies').click();
    await page.getByTestId('policy-row-默认标准').waitFor();
    expect(await page.getByTestId('policy-create').count()).toBe(0);
    expect(await page.getByTestId('policy-edit-默认标准').count()).toBe(0);
    expect(await page.getByTestId('menu-ts-calendars').count()).toBe(0);
    await shot(page, 'timestandards-policies-agent-zh');
  });
});
