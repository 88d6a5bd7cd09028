import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Customer, House, PageOf, Ticket, TicketSummary } from '@steward/contracts';
import {
  apiAs,
  png,
  describeBrowser,
  newPage,
  serverAndBrowser,
  shot as fullShot,
  ShiftedClock,
  signIn,
} from './support.ts';

/** A full-page screenshot from the top (sticky header and menu drawn where they belong). */
async function shot(page: Page, name: string) {
  // Let dialogs and drop-downs finish their opening animation first.
  await page.waitForTimeout(400);
  await page.evaluate('window.scrollTo(0, 0)');
  await fullShot(page, name);
}

/** Counts what the agent does: each fill of a field and each key press is one input. */
function inputCounter(page: Page) {
  let count = 0;
  return {
    fill: async (testId: string, text: string) => {
      count += 1;
      await page.getByTestId(testId).fill(text);
    },
    type: async (text: string) => {
      count += 1;
      await page.keyboard.type(text);
    },
    press: async (key: string) => {
      count += 1;
      await page.keyboard.press(key);
    },
    get count() {
      return count;
    },
  };
}

describeBrowser('console: service desk intake and work orders', () => {
  // 10:00 in Shanghai: the read-back promises a reply within the working day (at 17:55 it would name tomorrow).
  const env = serverAndBrowser({ demo: true, clock: new ShiftedClock(10) });

  it('registers a phone repair from a known caller in under ten inputs, then opens it with its timeline', async () => {
    const api = await apiAs(env.server.url, 'agent');
    // The caller: a customer of the agent's estate with one house, and a number nobody else has.
    const [house] = (await api<PageOf<House>>('GET', '/api/v1/houses?limit=1')).items;
    const customer = await api<Customer>('POST', '/api/v1/customers', {
      kind: 'person',
      name: '欧阳建国',
      phones: [{ phone: '139 1234 0001', label: 'mobile' }],
      houses: [{ houseId: house!.id, role: 'owner' }],
    });

    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    await page.getByTestId('menu-desk-intake').click();
    await page.getByTestId('intake-search').waitFor();
    await shot(page, 'desk-intake-empty-zh');

    const input = inputCounter(page);
    // The search box has the focus as the page opens: the agent types the number they see.
    await input.type('13912340001');
    await page.getByTestId('intake-customer-0').waitFor();
    await shot(page, 'desk-intake-lookup-zh');
    await input.press('Enter');
    await expect(page.getByTestId('intake-caller-name').textContent()).resolves.toBe('欧阳建国');
    // One house: it is the location without asking.
    await expect(
      page.getByTestId('intake-house-choices').locator('.ant-radio-wrapper-checked').count(),
    ).resolves.toBe(1);

    // The category picker has the focus now: type, Enter picks the first match.
    await input.type('漏水');
    await page.locator('.ant-select-tree-treenode:visible').first().waitFor();
    await input.press('Enter');
    // … and the description has it after that.
    await input.type('卫生间漏水，楼下天花板有水渍');
    // Before saving, the agent already sees where the rules will send it.
    await page.getByTestId('intake-dispatch-preview').getByText('工程部', { exact: false }).waitFor();
    await shot(page, 'desk-intake-filled-zh');
    await input.press('Enter');

    const readBack = page.getByTestId('intake-read-back');
    await readBack.waitFor();
    const sentence = (await readBack.textContent()) ?? '';
    expect(sentence).toContain('欧阳建国');
    expect(sentence).toContain(house!.roomLabel);
    expect(sentence).toContain('卫生间漏水');
    expect(sentence).toContain('10分钟内回复您');
    await shot(page, 'desk-intake-read-back-zh');
    await input.press('Enter');

    const number = page.getByTestId('intake-number');
    await number.waitFor();
    const ticketNumber = (await number.textContent())?.trim() ?? '';
    expect(ticketNumber).toMatch(/^BX-\d{8}-\d{4}$/);
    expect(input.count).toBeLessThanOrEqual(10);
    await shot(page, 'desk-intake-done-zh');

    // Exactly one record for this caller, dispatched by the rules, with the promise the desk made.
    const mine = await api<PageOf<TicketSummary>>(
      'GET',
      `/api/v1/tickets?customerId=${customer.id}&queue=all`,
    );
    expect(mine.items.map((t) => t.number)).toEqual([ticketNumber]);
    expect(mine.items[0]!.department?.name).toBe('工程部');
    expect(mine.items[0]!.promisedReplyAt).not.toBeNull();

    // Open it: header, reporter linked to the 360 page, the intake on the timeline.
    await page.getByTestId('intake-open-record').click();
    await expect(page.getByTestId('ticket-number').textContent()).resolves.toContain(ticketNumber);
    await expect(page.getByTestId('ticket-reporter').locator('a').getAttribute('href')).resolves.toBe(
      `/customers/${customer.id}`,
    );
    await page.getByTestId('timeline-created').waitFor();
    await expect(page.getByTestId('ticket-handler').textContent()).resolves.toContain('工程部');

    // Notes are text, whatever is typed into them.
    await page.getByTestId('comment-body').fill('<img src=x onerror="window.__pwned=1">已电话告知业主稍候');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('timeline-comment').waitFor();
    await expect(page.getByTestId('timeline-comment').textContent()).resolves.toContain('<img src=x');
    await expect(page.getByTestId('timeline-internal').count()).resolves.toBeGreaterThan(0);
    await expect(page.evaluate('window.__pwned')).resolves.toBeUndefined();

    // A photo from the caller, filed under "before": its thumbnail shows, the history says so.
    await page.getByTestId('attachment-stage').click();
    await page.locator('.ant-select-item-option', { hasText: '维修前' }).click();
    await page
      .getByTestId('ticket-attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: png(640, 480, [70, 130, 180]) });
    await page.getByTestId('attachment').locator('img').waitFor();
    await page.getByTestId('timeline-attachment').waitFor();
    await shot(page, 'desk-ticket-detail-zh');

    // The workbench lists it in "all".
    await page.getByTestId('menu-desk-tickets').click();
    await page.getByTestId('queue-all').click();
    await page.getByTestId(`ticket-open-${ticketNumber}`).waitFor();
    await shot(page, 'desk-workbench-zh');

    // The customer's 360 page lists it among their service records.
    await page.goto(`${env.server.url}/customers/${customer.id}`);
    await page.getByTestId('customer-tickets').getByText(ticketNumber).waitFor();
    await page.context().close();
  });

  it('a double confirm registers one record; an emergency category turns the urgency red', async () => {
    const api = await apiAs(env.server.url, 'agent');
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'agent');
    await page.goto(`${env.server.url}/desk/intake`);
    await page.getByTestId('intake-search').waitFor();
    // An unregistered caller about the lift of the estate as a whole.
    await page.getByTestId('intake-reporter-name').fill('路过的访客');
    await page.getByTestId('intake-reporter-phone').fill('13700001111');
    await page.getByTestId('intake-location-mode').getByText('整个项目').click();
    await page.getByTestId('category-picker').click();
    await page.keyboard.type('电梯困人');
    await page.locator('.ant-select-tree-treenode:visible').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('intake-emergency-category').waitFor();
    // Checked as drawn (the wrapper's class): the e2e build shares one native radio name across groups.
    await page
      .locator('.ant-radio-button-wrapper-checked', { has: page.getByTestId('urgency-emergency') })
      .waitFor();
    await page.getByTestId('intake-description').fill('2号楼电梯停在8楼，里面有人');
    await page.getByTestId('intake-read-back-open').click();
    await page.getByTestId('intake-read-back').waitFor();
    await shot(page, 'desk-intake-emergency-zh');
    // Two quick clicks: one record (the second is refused while the first is under way, and the
    // idempotency key would fold a repeat into the first anyway).
    await page.getByTestId('intake-confirm').dblclick();
    await page.getByTestId('intake-number').waitFor();
    const list = await api<PageOf<TicketSummary>>('GET', '/api/v1/tickets?queue=all&q=13700001111');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.urgency).toBe('emergency');
    await page.context().close();
  });

  it('a dispatcher transfers a record by hand; a version changed meanwhile is explained, then the retry goes through', async () => {
    const agent = await apiAs(env.server.url, 'agent');
    const supervisor = await apiAs(env.server.url, 'supervisor');
    const [house] = (await agent<PageOf<House>>('GET', '/api/v1/houses?limit=1')).items;
    const categories = await agent<{ items: { id: string; code: string }[] }>('GET', '/api/v1/categories');
    const tap = categories.items.find((c) => c.code === 'WATER-TAP')!;
    const created = await agent<Ticket>(
      'POST',
      '/api/v1/tickets',
      {
        type: 'repair',
        channel: 'visit',
        urgency: 'general',
        categoryId: tap.id,
        description: '厨房水龙头关不紧',
        houseId: house!.id,
        reporterName: '来访业主',
        reporterPhone: '13300004444',
      },
      { 'Idempotency-Key': 'e2e-transfer-1' },
    );

    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'supervisor');
    await page.goto(`${env.server.url}/desk/tickets/${created.id}`);
    await page.getByTestId('action-dispatch').click();
    const candidates = page.getByTestId('dispatch-candidates');
    await candidates.getByText('孙伟', { exact: false }).waitFor();
    await candidates.getByText('孙伟', { exact: false }).click();
    await page.getByTestId('action-note').fill('张强今天在 3 号楼忙不过来');
    await shot(page, 'desk-ticket-transfer-zh');

    // Someone else escalates the record while the dialog is open.
    await supervisor('POST', `/api/v1/tickets/${created.id}/actions/escalate`, {
      version: created.version,
      note: '业主第二次来电催促',
    });
    await page.getByTestId('action-submit').click();
    await page.getByText('记录已被他人更新', { exact: false }).waitFor();
    // The fresh version is loaded; sending again works and the choice is kept.
    await page.getByTestId('action-submit').click();
    await page.getByTestId('ticket-handler').getByText('孙伟', { exact: false }).waitFor();
    await page.getByTestId('timeline-escalated').waitFor();
    const after = await agent<Ticket>('GET', `/api/v1/tickets/${created.id}`);
    expect(after.assignee?.name).toContain('孙伟');
    expect(after.escalationLevel).toBe(1);
    await page.context().close();
  });

  it('shows a new record to a dispatcher watching the queue (live events)', async () => {
    const page = await newPage(env.browser);
    await signIn(page, env.server.url, 'supervisor');
    await page.goto(`${env.server.url}/desk/tickets?queue=all`);
    await page.getByTestId('ticket-table').waitFor();
    // Give the event stream a moment to open before the record is made elsewhere.
    await page.waitForTimeout(1000);
    const api = await apiAs(env.server.url, 'agent');
    const [house] = (await api<PageOf<House>>('GET', '/api/v1/houses?limit=1')).items;
    const categories = await api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/categories');
    const drain = categories.items.find((c) => c.code === 'WATER-DRAIN')!;
    const created = await api<Ticket>(
      'POST',
      '/api/v1/tickets',
      {
        type: 'repair',
        channel: 'wechat',
        urgency: 'general',
        categoryId: drain.id,
        description: '厨房下水道堵塞',
        houseId: house!.id,
        reporterName: '微信用户',
        reporterPhone: '13600002222',
      },
      { 'Idempotency-Key': 'e2e-live-1' },
    );
    await page.getByText(`新记录 ${created.number}`).waitFor({ timeout: 10_000 });
    await page.getByTestId(`ticket-open-${created.number}`).waitFor({ timeout: 10_000 });
    await shot(page, 'desk-workbench-live-zh');
    await page.context().close();
  });

  it('reads well in English: an inquiry answered during the call is closed at once', async () => {
    const page = await newPage(env.browser, 'en-US');
    await page.addInitScript("window.localStorage.setItem('steward.locale', 'en-US')");
    await signIn(page, env.server.url, 'agent');
    await page.goto(`${env.server.url}/desk/intake`);
    await page.getByTestId('intake-search').waitFor();
    await page.getByTestId('intake-reporter-name').fill('Ms Li');
    await page.getByTestId('intake-reporter-phone').fill('13500003333');
    // Alt+3 switches the type to inquiry from anywhere.
    await page.keyboard.press('Alt+Digit3');
    await page.getByTestId('intake-location-mode').getByText('Whole project').click();
    await page.getByTestId('category-picker').click();
    await page.keyboard.type('Information');
    await page.locator('.ant-select-tree-treenode:visible').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('intake-description').fill('When is the water tank cleaned this month?');
    await page.getByTestId('intake-on-spot').click();
    await page.getByTestId('intake-reply').fill('On the 28th, 9:00 to 12:00; water is off in buildings 1-3.');
    await shot(page, 'desk-intake-inquiry-en');
    await page.getByTestId('intake-read-back-open').click();
    const sentence = (await page.getByTestId('intake-read-back').textContent()) ?? '';
    // The estate's name is data and stays Chinese; the words around it are English.
    expect(sentence).toMatch(
      /^Ms Li, you asked: When is the water tank cleaned this month \(.+\); we have answered/,
    );
    await shot(page, 'desk-intake-read-back-en');
    await page.keyboard.press('Enter');
    await page.getByTestId('intake-number').waitFor();
    await expect(page.getByTestId('intake-done').textContent()).resolves.toContain('Registered and closed');
    await page.getByTestId('intake-open-record').click();
    await page.getByTestId('ticket-number').waitFor();
    await shot(page, 'desk-ticket-detail-en');
    await page.goto(`${env.server.url}/desk/tickets?queue=all`);
    await page.getByTestId('ticket-table').waitFor();
    await shot(page, 'desk-workbench-en');
    await page.context().close();
  });
});
