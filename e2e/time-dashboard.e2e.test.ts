import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type {
  Category,
  House,
  PageOf,
  Ticket,
  TicketSummary,
  TimeStandardsDashboard,
} from '@steward/contracts';
import {
  apiAs,
  describeBrowser,
  launchBrowser,
  shot as fullShot,
  signIn,
  startServer,
  ShiftedClock,
} from './support.ts';

/** A full-page screenshot from the top, once tables and drop-downs have settled. */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

/** A page as staff in China see the console: in Shanghai time, like the organisation's periods. */
async function pageIn(browser: Browser, locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 800 },
  });
  const page = await context.newPage();
  await page.addInitScript(`window.localStorage.setItem('steward.locale', '${locale}')`);
  return page;
}

describeBrowser('console: the on-time dashboard (服务时效看板) and its drill-down', () => {
  const clock = new ShiftedClock(14);
  let url: string;
  let browser: Browser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const server = await startServer({ demo: true, clock });
    url = server.url;
    browser = await launchBrowser();
    close = async () => {
      await browser.close();
      await server.close();
    };
  });
  afterAll(() => close?.());

  it('a manager sees today’s numbers, clicks a breached count and gets exactly those records', async () => {
    // Three emergencies nobody dispatches: their two-minute forwarding clock (24×7) runs out.
    const agent = await apiAs(url, 'agent');
    const [house] = (await agent<PageOf<House>>('GET', '/api/v1/houses?limit=1')).items;
    const categories = (await agent<{ items: Category[] }>('GET', '/api/v1/categories')).items;
    const mine: Ticket[] = [];
    for (const n of [1, 2, 3])
      mine.push(
        await agent<Ticket>('POST', '/api/v1/tickets', {
          type: 'repair',
          channel: 'phone',
          urgency: 'emergency',
          categoryId: categories.find((c) => c.code === 'WATER-LEAK')!.id,
          description: `楼上漏水严重，天花板往下淌水（看板 ${n}）`,
          houseId: house!.id,
          reporterName: '赵女士',
          reporterPhone: `1390000000${n}`,
          dispatch: 'none',
        }),
      );
    clock.advance(5 * 60_000);
    const manager = await apiAs(url, 'manager');
    const today = await manager<TimeStandardsDashboard>(
      'GET',
      '/api/v1/dashboard/time-standards?period=today',
    );
    const breached = today.total.clocks.dispatch.breached;
    expect(breached).toBeGreaterThanOrEqual(3);

    const page = await pageIn(browser, 'zh-CN');
    await signIn(page, url, 'manager');
    await page.getByTestId('menu-kpi-time').click();
    const link = page.getByTestId('kpi-dispatch-breached');
    await link.waitFor();
    await expect(link.textContent()).resolves.toBe(String(breached));
    await expect(page.getByTestId('kpi-received').textContent()).resolves.toBe(String(today.total.received));
    await page.getByTestId('kpi-by-project').waitFor();
    await shot(page, 'kpi-time-dashboard-zh');

    await link.click();
    await page.waitForURL(/\/desk\/tickets\?/);
    await page.getByTestId('tickets-drill-filter').waitFor();
    await expect(page.getByTestId('tickets-drill-filter').textContent()).resolves.toMatch(
      /时效看板：.*派工超时/,
    );
    for (const t of mine) await page.getByTestId(`ticket-open-${t.number}`).waitFor();
    // All of them on one page ("all loaded"), and no other.
    await expect(page.getByTestId('load-more').count()).resolves.toBe(0);
    const shown = await page
      .locator('[data-testid^="ticket-open-"]')
      .evaluateAll((links) => links.map((a) => a.textContent));
    const behind = await manager<PageOf<TicketSummary>>(
      'GET',
      `/api/v1/tickets?queue=all&limit=100&clock=dispatch&clockOutcome=breached&receivedFrom=${encodeURIComponent(today.from)}&receivedTo=${encodeURIComponent(today.to)}`,
    );
    expect(shown.length).toBe(breached);
    expect([...shown].sort()).toEqual(behind.items.map((t) => t.number).sort());
    await page.mouse.move(0, 0);
    await shot(page, 'kpi-drilldown-queue-zh');

    // Clearing the drill-down returns the queue to its usual view.
    await page.getByTestId('tickets-drill-filter').locator('.ant-tag-close-icon').click();
    await page.getByTestId('tickets-drill-filter').waitFor({ state: 'detached' });
    await page.close();
  });

  it('in English: the month, by project and by department', async () => {
    const page = await pageIn(browser, 'en-US');
    await signIn(page, url, 'manager');
    await page.goto(`${url}/dashboard/time-standards?period=month`);
    await page.getByTestId('kpi-dispatch-breached').waitFor();
    await page.getByRole('heading', { name: 'Service levels' }).waitFor();
    await page.getByTestId('kpi-by-department').waitFor();
    await shot(page, 'kpi-time-dashboard-en');
    // A project row's late count opens that project's late records.
    const late = page.locator('[data-testid^="kpi-by-project-"][data-testid$="-dispatch-breached"]').first();
    await late.click();
    await page.waitForURL(/projectId=/);
    await page.getByTestId('tickets-drill-filter').waitFor();
    await expect(page.getByTestId('tickets-drill-filter').textContent()).resolves.toMatch(
      /Service levels: .*breached/,
    );
    await shot(page, 'kpi-drilldown-queue-en');
    await page.close();
  });
});
