// The shipped dist/chrome, unchanged, in real Chromium (playwright-core), against sp-sandbox --tls
// answering for sellercentral.amazon.com, sellingpartnerapi-na.amazon.com and api.amazon.com
// (toolchain.md "Testing the shipped extension against real host names"), on the fixture pages
// built like Seller Central's (www/), with a North American seller's orders (US, CA, MX).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, scenario, ordersIn } from './sandbox.mjs';
import { launchChromium, openOptions, enterCredentials } from './browser.mjs';
import { northAmerica, rowsReady, US, CA } from './scenarios.mjs';

let sb, context, profile, extensionId;

before(async () => {
  sb = await startSandbox([], { scenarioFile: northAmerica().file });
  profile = mkdtempSync(join(tmpdir(), 'spo-chromium-'));
  ({ context, extensionId } = await launchChromium(profile, sb.port));
});

after(async () => {
  await context?.close();
  sb?.stop();
  rmSync(profile, { recursive: true, force: true });
});

async function configure() {
  const page = await enterCredentials(context, extensionId, scenario.applications[0]);
  assert.equal(await page.getByLabel('LWA client secret').inputValue(), '', 'the secret is never shown back');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('Connection works').waitFor();
  await page.close();
}

test('a wrong secret is reported in plain words on the options page', async () => {
  const page = await openOptions(context, extensionId);
  await page.getByLabel('LWA client ID').fill(scenario.applications[0].clientId);
  await page.getByLabel('LWA client secret').fill('wrong-secret');
  await page.getByLabel('Refresh token').fill(scenario.applications[0].refreshToken);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Connection failed' }).waitFor();
  assert.match(await status.textContent(), /client secret|client id/i);
  await page.close();
});

test('Request review on an order page sends exactly once', async () => {
  await configure();
  const [order] = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === 'ATVPDKIKX0DER');
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const button = page.getByRole('button', { name: 'Request review', exact: true });
  await button.waitFor();
  assert.equal(await page.locator('[data-sp-outreach="request-review"]').count(), 1, 'injected once');
  await button.click();
  // Send in the extension's confirm frame, as a seller clicks it.
  await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.getByText(/Review requested/).waitFor();

  const log = await sb.admin(`log?operation=createProductReviewAndSellerFeedbackSolicitation`);
  assert.equal(log.filter((e) => e.path.includes(order.amazonOrderId)).length, 1, 'one create in the emulator log');
  assert.ok(!JSON.stringify(await page.evaluate(() => document.documentElement.outerHTML)).includes('Atza|'), 'no token in the page');

  // Back on the page later: the history says it was requested; no button to press again.
  await page.reload();
  await page.getByText(/Review requested/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Request review', exact: true }).count(), 0);
  const after = await sb.admin(`log?operation=createProductReviewAndSellerFeedbackSolicitation`);
  assert.equal(after.filter((e) => e.path.includes(order.amazonOrderId)).length, 1, 'the second visit sent no create');
  await page.close();
});

test('an order outside the window says why, and SPA navigation re-injects without duplicates', async () => {
  const [late] = (await ordersIn(sb, 'outsideWindow')).filter((o) => o.marketplaceId === 'ATVPDKIKX0DER');
  // The newest eligible order: on the list's first page.
  const [other] = (await ordersIn(sb, 'eligible')).sort((a, b) => b.purchaseDate.localeCompare(a.purchaseDate));
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${late.amazonOrderId}`);
  const delivered = Date.parse(late.latestDeliveryDate);
  await page.getByText(Date.now() < delivered ? /the review window opens around/ : /Not eligible: the review window closed on|Not yet: the review window opens/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Request review', exact: true }).count(), 0);
  // Click through the look-alike's own pushState links: list, then another order.
  await page.getByRole('link', { name: /^‹ / }).click();
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  await page.getByRole('link', { name: other.amazonOrderId }).click();
  await page.waitForURL(`**/orders-v3/order/${other.amazonOrderId}`);
  await page.getByRole('button', { name: 'Request review', exact: true }).waitFor();
  assert.equal(await page.locator('[data-sp-outreach="request-review"]').count(), 1);
  await page.close();
});

test('the orders list gets a button or a badge on every order, paging included', async () => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  const rows = page.locator('#orders-table > tbody > tr');
  let shown = await rowsReady(page);
  assert.ok(shown.some((r) => r.id === 'S01-1234567-1234567' && r.hosts === 0), 'the non-Amazon order gets nothing');
  assert.ok(shown.some((r) => !r.id && r.hosts === 0), 'a continuation row of a multi-item order gets nothing');
  // The order shown only through a Katal link (inside its shadow root) got its control too.
  const katRow = rows.filter({ has: page.locator('kat-link') }).first();
  assert.equal(await katRow.locator('[data-sp-outreach="row-review"]').count(), 1, 'the shadow-root row included');
  assert.equal(await page.locator('td.myo-table-action-column [data-sp-outreach="row-review"]').count(), shown.filter((r) => r.amazon).length, 'in the action column');
  // Unshipped orders cannot be asked for a review yet: no button, a reason.
  const unshipped = rows.filter({ has: page.locator('.main-status.unshipped-status') });
  assert.ok(await unshipped.count() > 0);
  for (const row of await unshipped.all()) {
    await row.getByText('Not shipped yet · no request').waitFor();
    assert.equal(await row.getByRole('button', { name: 'Request review', exact: true }).count(), 0);
  }
  // An eligible row: request from the list.
  const eligible = (await ordersIn(sb, 'eligible')).filter((o) => !o.refunded);
  let target = null;
  for (const o of eligible) {
    const row = rows.filter({ has: page.getByRole('link', { name: o.amazonOrderId }) });
    if (await row.count()) {
      target = { o, row };
      break;
    }
  }
  assert.ok(target, 'an eligible order on the first page');
  await target.row.getByRole('button', { name: 'Request review', exact: true }).click();
  // Send in the extension's confirm frame, as a seller clicks it.
  await target.row.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await target.row.getByText(/Review requested/).waitFor();
  const log = await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation');
  assert.equal(log.filter((e) => e.path.includes(target.o.amazonOrderId)).length, 1);
  let refunded = await rows.filter({ has: page.locator('.refund-is-applied') }).count();
  // Paging re-renders the rows (pushState, a moment later); each new order gets one control.
  await page.locator('div.pagination-controls li.a-last > a').click();
  await page.waitForURL('**/orders-v3?page=2');
  await page.locator('div.pagination-controls li.a-last.a-disabled').waitFor();
  shown = await rowsReady(page);
  assert.ok(shown.every((r) => r.hosts === (r.amazon ? 1 : 0)), JSON.stringify(shown));
  // Refunded rows are skipped and say so.
  const refundedRows = page.locator('#orders-table > tbody > tr').filter({ has: page.locator('.refund-is-applied') });
  refunded += await refundedRows.count();
  assert.ok(refunded > 0, 'the scenario has refunded orders');
  for (const row of await refundedRows.all()) {
    await row.getByText(/Refunded · no request|Review requested/).waitFor();
    assert.equal(await row.getByRole('button', { name: 'Request review', exact: true }).count(), 0);
  }
  await page.close();
});

test('an Amazon.ca order goes with its own marketplace, from its details page and from the list', async () => {
  const cas = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === CA && !o.refunded && !o.returned);
  assert.ok(cas.length >= 2, `eligible Amazon.ca orders: ${cas.length}`);
  const creates = async (id) => (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.path.includes(id));
  // Its details page: the seller's default marketplace is Amazon.com; the page names Amazon.ca.
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${cas[0].amazonOrderId}`);
  await page.locator('[data-test-id="order-details-header-action-buttons"] [data-sp-outreach="request-review"]').waitFor();
  await page.getByRole('button', { name: 'Request review', exact: true }).click();
  // Send in the extension's confirm frame, as a seller clicks it.
  await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.getByText(/Review requested/).waitFor();
  const [fromDetails] = await creates(cas[0].amazonOrderId);
  assert.match(fromDetails.query, new RegExp(`marketplaceIds=${CA}`), fromDetails.query);
  // The list: its row's button.
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await rowsReady(page);
  let row = page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('link', { name: cas[1].amazonOrderId }) });
  if (!(await row.count())) {
    await page.locator('div.pagination-controls li.a-last > a').click();
    await page.waitForURL('**/orders-v3?page=2');
    await page.locator('div.pagination-controls li.a-last.a-disabled').waitFor();
    await rowsReady(page);
    row = page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('link', { name: cas[1].amazonOrderId }) });
  }
  await row.getByRole('button', { name: 'Request review', exact: true }).click();
  // Send in the extension's confirm frame, as a seller clicks it.
  await row.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await row.getByText(/Review requested/).waitFor();
  const [fromList] = await creates(cas[1].amazonOrderId);
  assert.match(fromList.query, new RegExp(`marketplaceIds=${CA}`), fromList.query);
  await page.close();
});

for (const [locale, lang] of [['de_DE', 'de'], ['ja_JP', 'ja']]) {
  test(`a ${lang === 'de' ? 'German' : 'Japanese'} Seller Central UI gets every button`, async () => {
    const { orders } = await sb.admin('orders');
    const order = orders.find((o) => o.marketplaceId === CA && o.status === 'Shipped' && o.reviewRequest === 'eligible' && !o.refunded && !o.returned)
      ?? orders.find((o) => o.status === 'Shipped' && o.reviewRequest === 'eligible');
    const page = await context.newPage();
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}?mons_sel_locale=${locale}`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    const header = page.locator('[data-test-id="order-details-header-action-buttons"]');
    await header.locator('[data-sp-outreach="request-review"][data-anchor="preferred"]').waitFor();
    await header.getByRole('button', { name: 'Request review', exact: true }).waitFor();
    await header.getByRole('button', { name: 'Message buyer' }).waitFor();
    // The Message buyer dialog reads the order's marketplace from the page too: its kinds load.
    await page.getByRole('button', { name: 'Message buyer' }).click();
    await page.getByRole('dialog').getByLabel('Kind of message').waitFor();
    await page.keyboard.press('Escape');

    // The list, in the same language (the cookie), by its own links: a bar, and a control for every order.
    await page.getByRole('link', { name: /^‹ / }).click();
    await page.waitForURL('**/orders-v3');
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    const rows = await rowsReady(page);
    assert.ok(rows.filter((r) => r.amazon).length >= 20, `${rows.filter((r) => r.amazon).length} orders`);
    await page.locator('#myo-layout div.push-right [data-sp-outreach="bulk-bar"]').getByRole('button', { name: 'Request reviews (this page)' }).waitFor();
    for (const row of await page.locator('#orders-table > tbody > tr').filter({ has: page.locator('.main-status.unshipped-status') }).all()) await row.getByText('Not shipped yet · no request').waitFor();
    for (const row of await page.locator('#orders-table > tbody > tr').filter({ has: page.locator('.main-status.cancelled-status') }).all()) await row.getByText(/Canceled · no request/).waitFor();
    const buttons = await page.locator('[data-sp-outreach="row-review"]').evaluateAll((hs) => hs.filter((h) => h.shadowRoot.querySelector('button')).length);
    assert.ok(buttons > 0, 'eligible rows have their Request review button');
    // Back to English for the other tests (the language is a cookie).
    await page.goto('https://sellercentral.amazon.com/orders-v3?mons_sel_locale=en_US');
    await page.close();
  });
}

test('controls are never silently absent: without their anchors they go to the fallback places', async () => {
  const [order] = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === US && !o.refunded);
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  await page.locator('[data-test-id="order-details-header-action-buttons"] [data-sp-outreach="message-buyer"]').waitFor();
  // Seller Central changes its markup: the header's buttons are gone.
  await page.evaluate(() => document.querySelector('[data-test-id="order-details-header-action-buttons"]').remove());
  const slot = page.locator('#MYO-app > [data-sp-outreach="slot"]');
  await slot.locator('[data-sp-outreach="request-review"][data-anchor="fallback"]').waitFor();
  await slot.getByRole('button', { name: 'Message buyer' }).waitFor();
  // The list without its toolbar and without an action column.
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await rowsReady(page);
  await page.evaluate(() => {
    document.querySelector('#myo-layout div.push-right').remove();
    for (const td of document.querySelectorAll('td.myo-table-action-column')) td.remove();
  });
  await page.locator('#myo-layout > [data-sp-outreach="slot"] [data-sp-outreach="bulk-bar"][data-anchor="fallback"]').getByRole('button', { name: 'Request reviews (this page)' }).waitFor();
  // Rows that lost their control with the action column get it again, in their last cell.
  for (let i = 0; i < 100 && (await page.locator('[data-sp-outreach="row-review"][data-anchor="fallback"]').count()) < 10; i++) await page.waitForTimeout(50);
  const rows = await rowsReady(page);
  assert.equal(await page.locator('#orders-table > tbody > tr > td:last-child [data-sp-outreach="row-review"][data-anchor="fallback"]').count(), rows.filter((r) => r.amazon).length);
  await page.close();
});

test('Message buyer: only offered kinds, live checks, Send disabled while invalid, attachments uploaded', async () => {
  const { orders } = await sb.admin('orders');
  const order = orders.find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && o.status === 'Shipped' && o.messageKinds.includes('confirmDeliveryDetails'));
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  await page.getByRole('button', { name: 'Message buyer' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind of message').waitFor();
  const offered = await dialog.getByLabel('Kind of message').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual([...offered].sort(), order.messageKinds.filter((k) => k !== 'attributes').sort(), 'exactly the kinds Amazon offers');
  await dialog.getByText(/buyer's language: en-US/).waitFor();

  await dialog.getByLabel('Kind of message').selectOption('confirmDeliveryDetails');
  const text = dialog.getByRole('textbox', { name: 'Message', exact: true });
  const send = dialog.getByRole('button', { name: 'Send' });
  await text.fill('Your parcel arrives Thursday. Please leave us a 5-star review!');
  await dialog.locator('.finding').first().waitFor();
  assert.ok(await send.isDisabled(), 'a policy-breaking text cannot be sent');
  await dialog.getByText('2000', { exact: false }).first().waitFor();
  await text.fill('Your parcel arrives on Thursday between 9 and 12.');
  await page.waitForFunction(() => !document.querySelector('[data-sp-outreach="message-dialog"]').shadowRoot.querySelector('button.primary').disabled);
  await send.click();
  // The confirm frame shows the message as the background holds it, to be sent.
  const confirmFrame = dialog.frameLocator('iframe[data-sp-outreach="confirm"]');
  const draft = confirmFrame.locator('#draft');
  // The frame fills #draft once the background answers: wait for the text, then compare it whole.
  await draft.filter({ hasText: 'Your parcel arrives on Thursday between 9 and 12.' }).waitFor();
  assert.equal(await draft.textContent(), 'Your parcel arrives on Thursday between 9 and 12.');
  await confirmFrame.getByRole('button', { name: 'Send' }).click();
  await dialog.getByText(/Sent \(Confirm delivery details\)/).waitFor();
  let state = (await sb.admin('orders')).orders.find((o) => o.amazonOrderId === order.amazonOrderId);
  assert.deepEqual(state.sent.map((m) => [m.kind, m.body.text]), [['confirmDeliveryDetails', 'Your parcel arrives on Thursday between 9 and 12.']]);

  // Esc closes and gives focus back to the button.
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);

  // An invoice: the file goes through the Uploads API, then the message names it.
  await page.getByRole('button', { name: 'Message buyer' }).click();
  await dialog.getByLabel('Kind of message').selectOption('invoice');
  assert.ok(await send.isDisabled(), 'an invoice needs its file');
  await dialog.locator('input[type=file]').setInputFiles({ name: 'invoice-0042.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% invoice 0042\n') });
  await page.waitForFunction(() => !document.querySelector('[data-sp-outreach="message-dialog"]').shadowRoot.querySelector('button.primary').disabled);
  await send.click();
  await dialog.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await dialog.getByText(/Uploading 1 file\(s\) \(invoice-0042.pdf\)|Sent \(Invoice\)/).waitFor();
  await dialog.getByText(/Sent \(Invoice\)/).waitFor();
  state = (await sb.admin('orders')).orders.find((o) => o.amazonOrderId === order.amazonOrderId);
  const invoice = state.sent.find((m) => m.kind === 'invoice');
  assert.equal(invoice.body.attachments[0].fileName, 'invoice-0042.pdf');
  const puts = await sb.admin('log?operation=uploadPut');
  assert.equal(puts.filter((e) => e.status === 200).length, 1, 'one upload PUT');
  await page.close();
});

test('blocked texts show the finding and send nothing; an expired token is refreshed', async () => {
  const { orders } = await sb.admin('orders');
  const order = orders.find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && o.messageKinds.includes('unexpectedProblem') && o.status === 'Shipped');
  await sb.admin('tokens/expire', { method: 'POST' });
  const before = (await sb.admin('log')).length;
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  await page.getByRole('button', { name: 'Message buyer' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind of message').selectOption('unexpectedProblem');
  const text = dialog.getByRole('textbox', { name: 'Message', exact: true });
  const send = dialog.getByRole('button', { name: 'Send' });
  for (const [bad, shown] of [['Sorry for the delay — <b>really</b> sorry.', '<b>'], ['Questions? Write to help@myshop.example', 'help@myshop.example']]) {
    await text.fill(bad);
    await dialog.locator('.finding', { hasText: shown }).first().waitFor();
    await dialog.locator('ul.problems li').first().waitFor();
    assert.ok(await send.isDisabled(), bad);
  }
  const creates = (await sb.admin('log')).slice(before).filter((e) => e.method === 'POST' && e.path.includes('/messages/'));
  assert.equal(creates.length, 0, 'no message request reached the emulator');
  // The access tokens were expired before this page opened: reading the actions worked anyway.
  const tokenCalls = (await sb.admin('log')).slice(before).filter((e) => e.operation === 'lwaToken' && e.status === 200);
  assert.ok(tokenCalls.length >= 1, 'a new access token was fetched');
  await page.close();
});

test('a burst of review requests over the rate limit completes without an error', async () => {
  const page = await context.newPage();
  const before = (await sb.admin('log')).length;
  const requestedBefore = (await ordersIn(sb, 'alreadyRequested')).length;
  await page.goto('https://sellercentral.amazon.com/orders-v3/mfn/shipped');
  await rowsReady(page);
  const buttons = page.getByRole('button', { name: 'Request review', exact: true });
  const n = await buttons.count();
  assert.ok(n >= 6, `enough rows to go over the burst of 5 (${n})`);
  // Click them all at once, then confirm them all.
  for (let i = 0; i < n; i++) await buttons.first().click();
  // Each in its row's confirm frame.
  // (Each frame goes once its row shows the outcome: the frames as they are now, one by one.)
  const confirms = () => page.frames().filter((f) => f.url().includes('/confirm/confirm.html'));
  for (let i = 0; confirms().length < n && i < 100; i++) await new Promise((r) => setTimeout(r, 100));
  const confirmFrames = confirms();
  assert.equal(confirmFrames.length, n);
  for (const f of confirmFrames) await f.getByRole('button', { name: 'Send' }).click();
  // Sending shows in the confirm frame, which the row's outcome replaces.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-sp-outreach="row-review"]')].every((h) => !h.shadowRoot.querySelector('iframe')), null, { timeout: 60000 });
  const texts = await page.locator('[data-sp-outreach="row-review"]').evaluateAll((hs) => hs.map((h) => h.shadowRoot.querySelector('.status')?.textContent ?? ''));
  assert.ok(texts.every((t) => !/Not sent|error/i.test(t)), texts.join(' | '));
  const nowRequested = (await ordersIn(sb, 'alreadyRequested')).length;
  assert.ok(nowRequested > requestedBefore, 'the eligible ones went out');
  assert.ok(texts.every((t) => /Review requested|Not eligible|no request/.test(t)), texts.join(' | '));
  const during = (await sb.admin('log')).slice(before);
  console.log(`burst: ${n} requests from the list, ${during.length} SP-API calls, ${during.filter((e) => e.status === 429).length} answered 429 and retried`);
  // The emulator's buckets outlive the extension's (a restarted worker starts full), so a 429 may
  // come; the core then waits and retries: the seller sees no error, and every order was sent once.
  const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.status === 201);
  const perOrder = new Map();
  for (const e of creates) perOrder.set(e.path, (perOrder.get(e.path) ?? 0) + 1);
  assert.ok([...perOrder.values()].every((c) => c === 1), 'no order requested twice');
  await page.close();
});

test('pages cannot reach the background or read secrets', async () => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  const seen = await page.evaluate(async (id) => {
    // No externally_connectable: the page has no channel to the extension.
    const runtime = !!(typeof chrome !== 'undefined' && chrome.runtime && typeof chrome.runtime.sendMessage === 'function');
    window.postMessage({ type: 'requestReview', orderId: '111-0000000-0000000', marketplaceId: 'ATVPDKIKX0DER' }, '*');
    window.postMessage({ type: 'getSettings' }, '*');
    await new Promise((r) => setTimeout(r, 500));
    const html = document.documentElement.outerHTML + [...document.querySelectorAll('[data-sp-outreach]')].map((h) => h.shadowRoot?.innerHTML ?? '').join('');
    return { runtime, leaks: ['Atza|', 'Atzr|', 'demo-client-secret'].filter((s) => html.includes(s)), storage: JSON.stringify({ ...localStorage, ...sessionStorage }) };
  }, extensionId);
  assert.equal(seen.runtime, false);
  assert.deepEqual(seen.leaks, []);
  assert.ok(!seen.storage.includes('Atz'), 'nothing in page storage');
  const posted = (await sb.admin('log')).filter((e) => e.path.includes('111-0000000-0000000'));
  assert.equal(posted.length, 0, 'a message posted from the page is ignored');
  await page.close();
});

test('a revoked refresh token is reported on the options page and in the popup', async () => {
  const page = await openOptions(context, extensionId);
  await page.getByLabel('Refresh token').fill('Atzr|revoked-by-the-seller');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Connection failed' }).waitFor();
  assert.match(await status.textContent(), /refresh token/i);
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await page.getByText(/Credentials stopped working/).waitFor();
  // Put the working credentials back for any later test.
  await page.goto(`chrome-extension://${extensionId}/options/options.html`);
  await page.locator('html[data-ready=true]').waitFor(); // the options page again, ready
  await page.getByLabel('Refresh token').fill(scenario.applications[0].refreshToken);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('Connection works').waitFor();
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await page.getByText(/Credentials work/).waitFor();
  await page.close();
});

test('a missing role is reported in plain words on the options page', async () => {
  // Last: it replaces the emulator's scenario with one whose application lacks Buyer Solicitation.
  const limited = { ...scenario, applications: [{ ...scenario.applications[0], roles: ['buyerCommunication'] }] };
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify(limited) });
  const page = await openOptions(context, extensionId);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const status = page.getByRole('status');
  // The token works: the report names what is missing, in plain words (issue #14).
  await status.filter({ hasText: 'roles are missing' }).waitFor();
  assert.match(await status.textContent(), /Buyer Solicitation/);
  await page.locator('#report li.missing').filter({ hasText: 'Buyer Solicitation' }).waitFor();
  await page.close();
});
