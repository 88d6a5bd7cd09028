import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Category, PageOf, StaffProfile, Ticket, TimelineEntry } from '@steward/contracts';
import { apiAs, DEMO_PASSWORD, png, SHOTS, describeBrowser, serverAndBrowser } from './support.ts';

const pageErrors: string[] = [];

/** A phone: 375×812 CSS pixels, touch, mobile viewport rules. */
async function phone(browser: Browser, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  // A script error on the phone fails the flow at its end, not as a mysterious timeout.
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** Waits for antd-mobile's toasts to fade, so they do not cover a screenshot. */
async function settle(page: Page) {
  await page.locator('.adm-toast-main').waitFor({ state: 'detached' });
}

/**
 * What the person holding the phone sees: the screen, not the whole page (a full-page capture
 * would draw the fixed action bar in the middle). From the top, or with `part` scrolled into view.
 */
async function phoneShot(page: Page, name: string, part?: string) {
  await settle(page);
  if (part) await page.getByTestId(part).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else await page.evaluate('window.scrollTo(0, 0)');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const strokes: [number, number][][] = [
    [
      [0.15, 0.7],
      [0.25, 0.3],
      [0.35, 0.7],
      [0.45, 0.3],
    ],
    [
      [0.55, 0.5],
      [0.7, 0.45],
      [0.85, 0.6],
    ],
  ];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(box.x + first![0] * box.width, box.y + first![1] * box.height);
    await page.mouse.down();
    for (const [x, y] of rest)
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
    await page.mouse.up();
  }
}

async function setScene(url: string) {
  const admin = await apiAs(url, 'admin');
  const agent = await apiAs(url, 'agent');
  const techApi = await apiAs(url, 'tech');
  const categories = (await admin<{ items: Category[] }>('GET', '/api/v1/categories')).items;
  const category = (code: string) => categories.find((c) => c.code === code)!;
  const eng = category('WATER').departmentId!;
  const staff = (await admin<{ items: StaffProfile[] }>('GET', '/api/v1/staff')).items;
  const tech = staff.find((s) => s.username === 'tech')!;
  await admin('PUT', `/api/v1/staff/${tech.userId}`, { departmentId: eng, skills: ['plumbing'], duties: [] });
  const house = (await techApi<PageOf<{ id: string }>>('GET', '/api/v1/houses?limit=1')).items[0]!;

  /** A phone repair in the technician's estate, dispatched to them or offered to their department. */
  const register = (code: string, urgency: string, description: string, toTech: boolean) =>
    agent<Ticket>('POST', '/api/v1/tickets', {
      type: 'repair',
      channel: 'phone',
      urgency,
      categoryId: category(code).id,
      description,
      houseId: house.id,
      reporterName: '王先生',
      reporterPhone: '13812345678',
      dispatch: { departmentId: eng, assigneeId: toTech ? tech.userId : null },
    });
  return { agent, techApi, register };
}

describeBrowser('field: a technician works a job on the phone', () => {
  const env = serverAndBrowser({ demo: true });

  /** The demo technician joins engineering (where water repairs go); the desk registers jobs for the flows. */
  let ready: ReturnType<typeof setScene> | undefined;
  const scene = () => (ready ??= setScene(env.server.url));

  it('accepts, arrives, starts, takes photos, adds a paid line, completes and gets the owner to sign', async () => {
    const url = env.server.url;
    const { agent, register } = await scene();
    const job = await register('WATER-LEAK', 'general', '卫生间漏水，楼下天花板在滴水', true);
    const offer = await register('WATER-BURST', 'emergency', '厨房水管爆裂，水漫到客厅', false);
    expect(job.status).toBe('dispatched');
    expect(offer.assignee).toBeNull();

    // Signing in on a phone, a technician lands on their jobs, not the console.
    const page = await phone(env.browser);
    await page.goto(`${url}/login`);
    await page.getByTestId('login-username').fill('tech');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m\/jobs$/);
    const card = page.getByTestId(`job-card-${job.number}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('138****5678');
    await phoneShot(page, 'field-jobs-zh');

    // A job dispatched while the list is open appears by itself (live updates, not the minute's poll).
    const late = await register('POWER-SOCKET', 'general', '客厅插座没电', true);
    await page.getByTestId(`job-card-${late.number}`).waitFor({ timeout: 10_000 });

    // The department's unclaimed emergency is offered with a big accept button.
    await page.getByTestId('tab-department').click();
    await page.getByTestId(`job-card-${offer.number}`).waitFor();
    await page.getByTestId(`accept-${offer.number}`).waitFor();
    await expect(
      page.getByTestId(`job-card-${offer.number}`).getByTestId('job-urgency').textContent(),
    ).resolves.toBe('紧急');
    await phoneShot(page, 'field-department-zh');
    await page.getByTestId('tab-mine').click();

    await card.click();
    await page.getByTestId('job-page').waitFor();
    const status = page.getByTestId('job-page').getByTestId('job-status').first();
    await expect(status.textContent()).resolves.toBe('已派工');
    await phoneShot(page, 'field-job-dispatched-zh');

    const step = async (action: string, label: string) => {
      await page.getByTestId(`action-${action}`).click();
      await page
        .getByTestId('job-page')
        .getByTestId('job-status')
        .first()
        .filter({ hasText: label })
        .waitFor();
    };
    await step('accept', '已接单');
    await step('arrive', '已到场');
    await step('start', '处理中');

    // Photos before and after, from the album and the camera inputs.
    await page
      .getByTestId('photo-input-before-album')
      .setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: png(640, 480, [180, 60, 40]) });
    await page.getByTestId('photos-before').getByTestId('photo-thumb').waitFor();
    await page
      .getByTestId('photo-input-after-camera')
      .setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: png(480, 640, [40, 150, 90]) });
    await page.getByTestId('photos-after').getByTestId('photo-thumb').waitFor();

    // A paid line from the price list, two of them.
    await page.getByTestId('line-add-charge').click();
    const sheet = page.getByTestId('sheet-charge');
    await sheet.locator('.fld-price-item').first().click();
    const amount = sheet.getByTestId('charge-amount');
    const single = await amount.textContent();
    await sheet.getByTestId('line-quantity').locator('.adm-stepper-plus').click();
    await expect.poll(() => amount.textContent()).not.toBe(single);
    const preview = await amount.textContent();
    await phoneShot(page, 'field-charge-zh');
    await sheet.getByTestId('sheet-submit').click();
    await page.getByTestId('job-line').waitFor();
    await expect(page.getByTestId('lines-total').textContent()).resolves.toBe(preview);
    await phoneShot(page, 'field-job-photos-zh', 'job-photos');

    // Material used costs the owner nothing; a line entered by mistake is voided with a reason.
    await page.getByTestId('line-add-material').click();
    const material = page.getByTestId('sheet-material');
    await material.getByTestId('material-name').locator('input').fill('角阀');
    await material.getByTestId('sheet-submit').click();
    await expect.poll(() => page.getByTestId('job-line').count()).toBe(2);
    await expect(page.getByTestId('lines-total').textContent()).resolves.toBe(preview);
    await page.getByTestId('job-line').filter({ hasText: '角阀' }).getByTestId('line-void').click();
    const voiding = page.getByTestId('sheet-void');
    await voiding.locator('textarea').fill('录错了，实际未更换');
    await voiding.getByTestId('sheet-submit').click();
    await expect.poll(() => page.getByTestId('job-line').count()).toBe(1);

    // Completing asks for a note.
    await page.getByTestId('action-complete').click();
    const complete = page.getByTestId('sheet-complete');
    await complete.getByTestId('sheet-submit').click();
    await complete.getByText('请填写完工说明').waitFor();
    await complete.locator('textarea').fill('更换角阀一个，试水半小时无渗漏');
    await complete.getByTestId('sheet-submit').click();
    await status.filter({ hasText: '已完成' }).waitFor();

    // The owner signs on the phone and gives five stars.
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('signature-missing').getByText('请先让业主签名').waitFor();
    await drawSignature(page);
    await page.getByTestId('rating-5').click();
    await phoneShot(page, 'field-sign-zh', 'job-confirm');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('job-confirmed').waitFor();
    await expect(status.textContent()).resolves.toBe('已验收');
    await phoneShot(page, 'field-job-confirmed-zh');
    await phoneShot(page, 'field-job-confirmed-end-zh', 'job-lines');

    // The record and its timeline tell the whole story.
    const done = await agent<Ticket>('GET', `/api/v1/tickets/${job.id}`);
    expect(done.status).toBe('confirmed');
    expect(done.completionNote).toBe('更换角阀一个，试水半小时无渗漏');
    expect(done.confirmation).toMatchObject({ method: 'signature', rating: 5 });
    expect(done.attachments.map((a) => a.stage).sort()).toEqual(['after', 'before', 'signature']);
    // Photos were re-encoded on the phone before upload.
    expect(done.attachments.filter((a) => a.stage !== 'signature').map((a) => a.contentType)).toEqual([
      'image/jpeg',
      'image/jpeg',
    ]);
    expect(done.attachments.find((a) => a.stage === 'signature')!.contentType).toBe('image/png');
    expect(done.lines).toHaveLength(1);
    expect(done.lines[0]).toMatchObject({ kind: 'charge', quantity: 2 });
    expect(done.chargeTotalFen).toBe(done.lines[0]!.unitPriceFen * 2);
    const kinds = (await agent<PageOf<TimelineEntry>>('GET', `/api/v1/tickets/${job.id}/timeline`)).items.map(
      (e) => e.kind,
    );
    const story = [
      'accepted',
      'arrived',
      'started',
      'attachment',
      'attachment',
      'line_added',
      'line_added',
      'line_voided',
      'completed',
    ];
    expect(kinds.filter((k) => [...story, 'confirmed'].includes(k))).toEqual([
      ...story,
      'attachment',
      'confirmed',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('says so and reloads when the job changed under the technician (English)', async () => {
    const url = env.server.url;
    const { agent, techApi, register } = await scene();
    const offer = await register('WATER-TAP', 'general', '水龙头关不紧，一直滴水', false);

    const page = await phone(env.browser, 'en-US');
    // No live updates on this phone (a weak connection): the page still holds the old version.
    await page.route('**/api/v1/events', (route) => route.abort());
    await page.goto(`${url}/login`);
    await page.getByTestId('login-username').fill('tech');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m\/jobs$/);
    // The language is switched from the phone pages' own menu (and kept for the next visit).
    await page.getByTestId('field-menu').click();
    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('tab-mine').getByText('My jobs').waitFor();
    await page.goto(`${url}/m/jobs/${offer.id}`);
    await page.getByTestId('action-accept').waitFor();
    await phoneShot(page, 'field-job-offer-en');

    // Meanwhile the desk moves the job on (here: the technician accepted it on another phone).
    await techApi('POST', `/api/v1/tickets/${offer.id}/actions/accept`, { version: offer.version });
    await page.getByTestId('action-accept').click();
    await page.getByText('Someone else just updated this job').waitFor();
    await page
      .getByTestId('job-page')
      .getByTestId('job-status')
      .first()
      .filter({ hasText: 'Accepted' })
      .waitFor();
    await expect(page.getByTestId('action-arrive').isVisible()).resolves.toBe(true);

    // Holding asks for a reason; it is one of the further actions beside "Arrived".
    await page.getByTestId('action-more').click();
    await page.getByTestId('action-hold').click();
    const hold = page.getByTestId('sheet-hold');
    await hold.getByText('Waiting for parts').click();
    await hold.locator('textarea').fill('Valve arrives on Friday');
    await phoneShot(page, 'field-hold-en');
    await hold.getByTestId('sheet-submit').click();
    await page
      .getByTestId('job-page')
      .getByTestId('job-status')
      .first()
      .filter({ hasText: 'On hold' })
      .waitFor();
    const held = await agent<Ticket>('GET', `/api/v1/tickets/${offer.id}`);
    expect(held).toMatchObject({ status: 'on_hold', holdReason: 'parts' });
    expect(pageErrors).toEqual([]);
  });
});
