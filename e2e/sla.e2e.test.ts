import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AlertPage, BusinessCalendar, House, PageOf, Ticket, TimePolicy } from '@steward/contracts';
import {
  apiAs,
  describeBrowser,
  newPage,
  serverAndBrowser,
  shot as fullShot,
  signIn,
  SHOTS,
} from './support.ts';

/** A full-page screenshot from the top, once dialogs, drawers and drop-downs have finished opening. */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

/** The viewport only: a drawer is drawn over what is on screen, not over the whole page. */
async function screenShot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Dismisses the live notices in the corner (they would hide the cards a screenshot is for). */
async function closeNotices(page: Page) {
  const close = page.locator('.ant-notification-notice-close');
  for (let i = 0; i < 10 && (await close.count()) > 0; i++) {
    await close.first().click();
    await page.waitForTimeout(300);
  }
}

type Api = Awaited<ReturnType<typeof apiAs>>;

/** The server and the browser share two cores with other work: allow a few seconds. */
const POLL = { timeout: 10_000 };

/** A phone repair in the agent's estate, registered through the API. */
async function register(api: Api, categoryCode: string, description: string, key: string): Promise<Ticket> {
  const [house] = (await api<PageOf<House>>('GET', '/api/v1/houses?limit=1')).items;
  const categories = await api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/categories');
  const category = categories.items.find((c) => c.code === categoryCode)!;
  return api<Ticket>(
    'POST',
    '/api/v1/tickets',
    {
      type: 'repair',
      channel: 'phone',
      urgency: 'general',
      categoryId: category.id,
      description,
      houseId: house!.id,
      reporterName: '来电业主',
      reporterPhone: '13300005555',
    },
    { 'Idempotency-Key': key },
  );
}

describeBrowser('console: time standards at the desk (countdowns, clocks, promises, alerts)', () => {
  const env = serverAndBrowser({ demo: true, sweep: true });

  it('the queue counts down each record; the record shows its clocks and takes a promise', async () => {
    const api = await apiAs(env.server.url, 'agent');
    const ticket = await register(api, 'WATER-DRAIN', '厨房下水道堵塞，水排不下去', 'e2e-sla-queue-1');

    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    await page.goto(`${env.server.url}/desk/tickets?queue=all`);
    const countdown = page.getByTestId(`countdown-${ticket.number}`);
    await countdown.waitFor();
    // A running clock reads as time left or time over, coloured by where it stands.
    await expect(countdown.textContent()).resolves.toMatch(/^(剩 .+|剩不到1分钟|超时 .+)$/);
    await expect(countdown.getAttribute('data-tone')).resolves.toMatch(/^(normal|soon|overdue)$/);
    await shot(page, 'sla-queue-zh');

    // The record: its clocks with the standard that set them, and the promises card.
    await page.getByTestId(`ticket-open-${ticket.number}`).click();
    const clocks = page.getByTestId('ticket-clocks');
    await clocks.waitFor();
    await expect(clocks.getByTestId('clocks-policy').first().textContent()).resolves.toMatch(/.+ v\d+$/);
    await clocks.getByTestId('clock-dispatch').waitFor();
    const promises = page.getByTestId('ticket-promises');
    await promises.waitFor();

    // The agent promises to call back within two hours.
    await page.getByTestId('promise-add').click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText('回电', { exact: true }).click();
    await page.getByTestId('promise-quick-h2').click();
    await page.getByTestId('promise-note').fill('业主下午在家，约好两小时内回电');
    await page.getByTestId('promise-submit').click();
    const callback = promises.getByTestId('promise-callback');
    await callback.waitFor();
    await expect(callback.getByTestId('promise-status').textContent()).resolves.toBe('待兑现');
    await page.getByTestId('timeline-promise_made').first().waitFor();
    await shot(page, 'sla-record-zh');

    // Called back: kept, on the record and on its timeline.
    await callback.getByTestId('promise-keep').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(() => callback.getByTestId('promise-status').textContent(), POLL).toBe('已兑现');
    await page.getByTestId('timeline-promise_kept').waitFor();
    const after = await api<Ticket>('GET', `/api/v1/tickets/${ticket.id}`);
    expect(after.promises.find((p) => p.kind === 'callback')?.status).toBe('kept');

    // The bell opens the alerts drawer (nothing due yet on a fresh record's standard clocks).
    await page.getByTestId('alerts-bell').click();
    await page.getByTestId('alerts-drawer').waitFor();
    await page.context().close();
  });

  it('a clock about to run out reaches its handler live: a notice, the bell, the 即将超时 queue, the record', async () => {
    // A one-minute standard, round the clock, warning at 10 % (after 6 s), for one category only.
    const manager = await apiAs(env.server.url, 'manager');
    const calendars = await manager<{ items: BusinessCalendar[] }>('GET', '/api/v1/calendars');
    const always = calendars.items.find((c) => c.alwaysOpen && c.active)!;
    const categories = await manager<{ items: { id: string; code: string }[] }>('GET', '/api/v1/categories');
    const tap = categories.items.find((c) => c.code === 'WATER-TAP')!;
    const policy = await manager<TimePolicy>('POST', '/api/v1/time-policies', {
      name: '水龙头快修（演练）',
      type: 'repair',
      categoryId: tap.id,
      urgency: 'general',
      projectId: null,
      calendarId: always.id,
      clocks: { dispatch: 1, accept: 1, arrive: 1, complete: 2, feedback: 1 },
      promiseMinutes: null,
      warnPercent: 10,
      ladder: [{ afterMinutes: 0, notify: ['handler'] }],
      repeatMinutes: null,
    });

    // The agent watches the queue; the record is registered at another desk.
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    await page.goto(`${env.server.url}/desk/tickets?queue=all`);
    await page.getByTestId('ticket-table').waitFor();
    await page.waitForTimeout(1000);
    const api = await apiAs(env.server.url, 'agent');
    const ticket = await register(api, 'WATER-TAP', '厨房水龙头一直滴水', 'e2e-sla-live-1');
    expect(ticket.clocks[0]?.policyId).toBe(policy.id);

    // The sweeper (every STEWARD_SWEEP_MS, 15 s by default) sends the warning: a notice pops up.
    const notice = page.getByTestId('alert-notice').filter({ hasText: ticket.number });
    await notice.first().waitFor({ timeout: 90_000 });
    await expect(notice.first().textContent()).resolves.toMatch(/即将超时|已超时/);
    await expect
      .poll(async () => Number(await page.getByTestId('alerts-bell').getAttribute('data-unread')), POLL)
      .toBeGreaterThan(0);

    // The 即将超时 (or, a minute on, 已超时) view lists it, deadline first.
    await page.getByTestId('tickets-due').getByText('即将超时').click();
    const row = page.getByTestId(`countdown-${ticket.number}`);
    await row.waitFor();
    await expect(row.getAttribute('data-tone')).resolves.toMatch(/^(soon|overdue)$/);
    await shot(page, 'sla-queue-due-soon-zh');

    // The bell's drawer lists the alert; opening it goes to the record and marks it read.
    await page.getByTestId('alerts-bell').click();
    const drawer = page.getByTestId('alerts-drawer');
    const item = drawer
      .locator('[data-testid^="alert-"][data-unread="true"]')
      .filter({ hasText: ticket.number });
    await item.first().waitFor();
    await screenShot(page, 'sla-alerts-zh');
    await item.first().click();
    await expect(page.getByTestId('ticket-number').textContent()).resolves.toContain(ticket.number);
    await expect
      .poll(async () => {
        const mine = await api<AlertPage>('GET', '/api/v1/alerts?limit=100');
        return mine.items.some((a) => a.ticketId === ticket.id && a.readAt !== null);
      }, POLL)
      .toBe(true);
    await page.getByTestId('ticket-clocks').waitFor();
    await expect(page.getByTestId('clocks-policy').first().textContent()).resolves.toBe(
      `水龙头快修（演练） v${policy.version}`,
    );

    // A minute after registration the feedback clock is overdue: the breach arrives as well, the
    // clock turns red and the history says so.
    await page
      .getByTestId('alert-notice')
      .filter({ hasText: `${ticket.number} 已超时` })
      .first()
      .waitFor({ timeout: 90_000 });
    await page.getByTestId('timeline-breached').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('clock-status-feedback').getAttribute('data-tone'), POLL)
      .toBe('overdue');
    await closeNotices(page);
    await shot(page, 'sla-record-breached-zh');
    await page.context().close();

    // The same in English: the queue, the record and the drawer.
    const en = await newPage(env.browser, 'en-US');
    await en.addInitScript("window.localStorage.setItem('steward.locale', 'en-US')");
    await signIn(en, env.server.url, 'agent');
    await en.goto(`${env.server.url}/desk/tickets?queue=all&due=overdue`);
    await en.getByTestId(`countdown-${ticket.number}`).waitFor();
    await expect(en.getByTestId(`countdown-${ticket.number}`).textContent()).resolves.toMatch(/overdue$/);
    await shot(en, 'sla-queue-en');
    await en.goto(`${env.server.url}/desk/tickets/${ticket.id}`);
    await en.getByTestId('ticket-clocks').waitFor();
    await en.getByTestId('ticket-promises').waitFor();
    await shot(en, 'sla-record-en');
    await en.getByTestId('alerts-bell').click();
    await en.getByTestId('alerts-drawer').getByText(ticket.number).first().waitFor();
    await screenShot(en, 'sla-alerts-en');
    // Everything read: the count goes to nought.
    await en.getByTestId('alerts-read-all').click();
    await expect
      .poll(async () => Number(await en.getByTestId('alerts-bell').getAttribute('data-unread')), POLL)
      .toBe(0);
    await en.context().close();
  }, 240_000);
});
