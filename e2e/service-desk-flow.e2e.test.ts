import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type {
  Category,
  Customer,
  Department,
  PageOf,
  StaffProfile,
  Ticket,
  TicketSummary,
  TimelineEntry,
} from '@steward/contracts';
import {
  apiAs,
  DEMO_PASSWORD,
  describeBrowser,
  newPage,
  png,
  serverAndBrowser,
  shot,
  signIn,
} from './support.ts';

/**
 * The whole story in one flow: the front desk registers a phone repair in the console, the
 * rules dispatch it to the building's technician, who works it on the phone — accept, arrive,
 * photos, a paid line, completion — and the owner signs; the console's timeline shows it all.
 */
describeBrowser('service desk: from a phone call to the owner’s signature', () => {
  const env = serverAndBrowser({ demo: true });

  it('registers, dispatches by rule, works on the phone, confirms, and the timeline tells it', async () => {
    const url = env.server.url;
    const admin = await apiAs(url, 'admin');
    const agentApi = await apiAs(url, 'agent');

    // A department of one keeps no roster, so its technician is on duty whatever the hour the
    // test runs; he looks after the building of the caller's house.
    const house = (
      await agentApi<PageOf<{ id: string; buildingId: string }>>('GET', '/api/v1/houses?limit=1')
    ).items[0]!;
    const team = await admin<Department>('POST', '/api/v1/departments', {
      code: 'E2E',
      name: '维修二组',
      kind: 'engineering',
    });
    const water = (await admin<{ items: Category[] }>('GET', '/api/v1/categories')).items.find(
      (c) => c.code === 'WATER',
    )!;
    await admin('POST', '/api/v1/categories', {
      parentId: water.id,
      code: 'E2E-BASIN',
      name: '台盆渗水',
      departmentId: team.id,
      skill: 'plumbing',
    });
    const tech = (await admin<{ items: StaffProfile[] }>('GET', '/api/v1/staff')).items.find(
      (s) => s.username === 'tech',
    )!;
    await admin('PUT', `/api/v1/staff/${tech.userId}`, {
      departmentId: team.id,
      skills: ['plumbing'],
      duties: [{ buildingId: house.buildingId, duty: 'technician' }],
    });
    const customer = await agentApi<Customer>('POST', '/api/v1/customers', {
      kind: 'person',
      name: '司马光明',
      phones: [{ phone: '139 5555 0101', label: 'mobile' }],
      houses: [{ houseId: house.id, role: 'owner' }],
    });

    // The call: number, the caller's record, category, description, read back, saved.
    const desk = await newPage(env.browser);
    await signIn(desk, url, 'agent');
    await desk.getByTestId('menu-desk-intake').click();
    await desk.getByTestId('intake-search').waitFor();
    await desk.keyboard.type('13955550101');
    await desk.getByTestId('intake-customer-0').waitFor();
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('台盆渗水');
    await desk.locator('.ant-select-tree-treenode:visible').first().waitFor();
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('卫生间台盆下方一直渗水');
    await desk.getByTestId('intake-dispatch-preview').getByText('维修二组', { exact: false }).waitFor();
    await desk.keyboard.press('Enter');
    await desk.getByTestId('intake-read-back').waitFor();
    await desk.keyboard.press('Enter');
    const number = ((await desk.getByTestId('intake-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^BX-\d{8}-\d{4}$/);
    const [listed] = (
      await agentApi<PageOf<TicketSummary>>('GET', `/api/v1/tickets?customerId=${customer.id}`)
    ).items;
    expect(listed).toMatchObject({ number, status: 'dispatched', assignee: { id: tech.userId } });

    // The technician's phone.
    const context = await env.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    await phone.goto(`${url}/login`);
    await phone.getByTestId('login-username').fill('tech');
    await phone.getByTestId('login-password').fill(DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL(/\/m\/jobs$/);
    await phone.getByTestId(`job-card-${number}`).click();
    const status = phone.getByTestId('job-page').getByTestId('job-status').first();
    for (const [action, label] of [
      ['accept', '已接单'],
      ['arrive', '已到场'],
      ['start', '处理中'],
    ] as const) {
      await phone.getByTestId(`action-${action}`).click();
      await status.filter({ hasText: label }).waitFor();
    }
    await phone
      .getByTestId('photo-input-before-album')
      .setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: png(320, 240, [170, 70, 50]) });
    await phone.getByTestId('photos-before').getByTestId('photo-thumb').waitFor();
    await phone
      .getByTestId('photo-input-after-album')
      .setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: png(320, 240, [50, 160, 90]) });
    await phone.getByTestId('photos-after').getByTestId('photo-thumb').waitFor();
    await phone.getByTestId('line-add-charge').click();
    await phone.getByTestId('sheet-charge').locator('.fld-price-item').first().click();
    await phone.getByTestId('sheet-charge').getByTestId('sheet-submit').click();
    await phone.getByTestId('job-line').waitFor();
    await phone.getByTestId('action-complete').click();
    await phone.getByTestId('sheet-complete').locator('textarea').fill('更换台盆下水软管，试水无渗漏');
    await phone.getByTestId('sheet-complete').getByTestId('sheet-submit').click();
    await status.filter({ hasText: '已完成' }).waitFor();
    await drawSignature(phone);
    await phone.getByTestId('rating-5').click();
    await phone.getByTestId('confirm-submit').click();
    await phone.getByTestId('job-confirmed').waitFor();
    await context.close();

    // Back at the desk, the record's history tells the whole story.
    await desk.getByTestId('intake-open-record').click();
    await desk.reload();
    await desk.getByTestId('timeline-confirmed').waitFor();
    for (const kind of ['created', 'dispatched', 'accepted', 'arrived', 'started', 'line_added', 'completed'])
      await expect(desk.getByTestId(`timeline-${kind}`).count(), kind).resolves.toBeGreaterThan(0);
    await shot(desk, 'flow-ticket-confirmed-zh');
    const done = await agentApi<Ticket>('GET', `/api/v1/tickets/${listed!.id}`);
    expect(done.status).toBe('confirmed');
    expect(done.confirmation).toMatchObject({ method: 'signature', rating: 5 });
    expect(done.attachments.map((a) => a.stage).sort()).toEqual(['after', 'before', 'signature']);
    expect(done.chargeTotalFen).toBeGreaterThan(0);
    const timeline = await agentApi<PageOf<TimelineEntry>>('GET', `/api/v1/tickets/${done.id}/timeline`);
    expect(timeline.items.find((e) => e.kind === 'dispatched')!.data).toMatchObject({ basis: 'building' });
  });
});

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6, { steps: 8 });
  await page.mouse.up();
}
