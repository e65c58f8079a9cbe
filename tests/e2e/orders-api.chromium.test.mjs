// The page names orders, Amazon decides (issue #10), in Chromium with the shipped dist/chrome against
// sp-sandbox --tls: orders whose pages show no marketplace at all are sent with the marketplace the
// Orders API gives (the sandbox's log says which), a list page costs one or two searches and no
// getOrder per row, the popup's page check says how many Amazon resolved, a Messaging answer
// without `_embedded` (or with schema links only) still gives a form that sends, a 400 shows
// Amazon's reason, and without the Orders role the seller is asked for the marketplace and nothing
// is sent until they choose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './sandbox.mjs';
import { launchChromium, enterCredentials } from './browser.mjs';
import { northAmerica, rowsReady, CA } from './scenarios.mjs';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const { scenario, file, hidden, linksOnly, schemaLinks } = northAmerica();
let sb, context, profile, extensionId;

before(async () => {
  sb = await startSandbox([], { scenarioFile: file });
  profile = mkdtempSync(join(tmpdir(), 'spo-orders-'));
  ({ context, extensionId } = await launchChromium(profile, sb.port));
  await (await enterCredentials(context, extensionId, scenario.applications[0])).close();
});

after(async () => {
  await context?.close();
  sb?.stop();
  rmSync(profile, { recursive: true, force: true });
});

/** The hidden-marketplace orders Amazon would take a review request for now. */
async function eligibleHidden() {
  const { orders } = await sb.admin('orders');
  return orders.filter((o) => hidden.includes(o.amazonOrderId) && o.reviewRequest === 'eligible');
}

/** Orders sent for by an earlier test. */
const used = new Set();
const log = async (operation) => sb.admin(`log?operation=${operation}`);
const about = (entries, id) => entries.filter((e) => e.path.includes(id) || e.query.includes(id));

/** Request review → Send in `scope` (a page or a row), then its status. */
async function request(scope) {
  await scope.getByRole('button', { name: 'Request review', exact: true }).click();
  await scope.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
}

test('an order whose page shows no marketplace goes with the one Amazon gives, from its details page and from the list; a list page is one or two searches', async () => {
  const [first, second] = await eligibleHidden();
  used.add(first.amazonOrderId).add(second.amazonOrderId);
  assert.ok(first && second, 'two eligible orders whose pages hide their marketplace');
  assert.equal(first.marketplaceId, CA);
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${first.amazonOrderId}`);
  assert.equal(await page.locator('[data-test-id="order-summary-sales-channel-value"]').textContent(), '', 'the page names no channel');
  assert.equal(await page.locator('[data-test-id="plugin-button-requestAReview"]').count(), 0, 'and has no review link');
  await request(page);
  await page.getByText(/Review requested/).waitFor();
  const [create] = about(await log(CREATE), first.amazonOrderId);
  assert.match(create.query, new RegExp(`marketplaceIds=${CA}`), 'sent with the marketplace Amazon gave');
  assert.equal(about(await log('getOrder'), first.amazonOrderId).length, 1, 'one getOrder for the details page');

  // The list: the page's orders resolved together.
  const searchesBefore = (await log('searchOrders')).length;
  const getsBefore = (await log('getOrder')).length;
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  const rows = await rowsReady(page);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-sp-outreach="row-review"]')].every((h) => !/Checking/.test(h.shadowRoot.textContent)));
  const searches = (await log('searchOrders')).length - searchesBefore;
  const gets = (await log('getOrder')).length - getsBefore;
  console.log(`list page: ${rows.filter((r) => r.amazon).length} orders resolved with ${searches} searchOrders and ${gets} getOrder`);
  assert.ok(searches >= 1 && searches <= 2, `${searches} searches`);
  assert.ok(gets <= 2, `${gets} getOrder calls, not one per row`);
  let row = page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('link', { name: second.amazonOrderId }) });
  if (!(await row.count())) {
    await page.locator('div.pagination-controls li.a-last > a').click();
    await page.waitForURL('**/orders-v3?page=2');
    await rowsReady(page);
    row = page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('link', { name: second.amazonOrderId }) });
  }
  await request(row);
  await row.getByText(/Review requested/).waitFor();
  const [fromList] = about(await log(CREATE), second.amazonOrderId);
  assert.match(fromList.query, new RegExp(`marketplaceIds=${CA}`), fromList.query);

  // The popup's page check, for the list tab the seller was looking at.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.locator('html[data-ready=true]').waitFor();
  const shown = await rowsReady(page);
  const found = shown.filter((r) => r.amazon).length;
  const line = await popup.locator('#page').textContent();
  console.log(`popup: "${line}"`);
  assert.match(line, new RegExp(`^${found} orders found, ${found} resolved by Amazon, buttons placed`));
  await popup.close();
  await page.close();
});

test('Message buyer: an answer without _embedded gives the built-in form and sends; schema links are read from the same host', async () => {
  const { orders } = await sb.admin('orders');
  for (const [id, schemaReads] of [[linksOnly, 0], [schemaLinks, 1]]) {
    const order = orders.find((o) => o.amazonOrderId === id);
    assert.ok(order.messageKinds.includes('unexpectedProblem'), id);
    const page = await context.newPage();
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${id}`);
    const before = (await sb.admin('log')).length;
    await page.getByRole('button', { name: 'Message buyer' }).click();
    const dialog = page.getByRole('dialog');
    const kinds = dialog.getByLabel('Kind of message');
    await kinds.waitFor();
    // Titles from _locales, never the raw names.
    const labels = await kinds.locator('option').allTextContents();
    assert.ok(labels.includes('Unexpected problem') && !labels.some((l) => /^[a-z]+[A-Z]/.test(l)), labels.join(', '));
    await kinds.selectOption('unexpectedProblem');
    const text = dialog.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill('Please leave us a 5-star review!');
    await dialog.locator('.finding').first().waitFor();
    await text.fill('Sorry: the carrier lost a day; your parcel arrives on Friday.');
    await dialog.getByText('/ 2000').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-sp-outreach="message-dialog"]').shadowRoot.querySelector('button.primary').disabled);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
    await dialog.getByText(/Sent \(Unexpected problem\)/).waitFor();
    const during = (await sb.admin('log')).slice(before);
    // Each kind's link read once (a read the emulator's rate limit answered 429 is read again).
    const reads = new Set(during.filter((e) => e.method === 'GET' && e.path.endsWith('/schema') && e.status === 200).map((e) => e.path));
    assert.equal(reads.size, schemaReads * order.messageKinds.length, `${id}: one schema link read per kind offered`);
    const state = (await sb.admin('orders')).orders.find((o) => o.amazonOrderId === id);
    assert.deepEqual(state.sent.map((m) => [m.kind, m.body.text]), [['unexpectedProblem', 'Sorry: the carrier lost a day; your parcel arrives on Friday.']]);
    await page.close();
  }
});

test('a 400 shows Amazon\'s reason in plain words', async () => {
  const { orders } = await sb.admin('orders');
  const order = orders.find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && o.reviewRequest === 'eligible' && !o.refunded && !o.returned);
  const reason = 'marketplaceIds: Missing or invalid request parameter: marketplaceId';
  await sb.admin('faults', { method: 'POST', body: JSON.stringify({ operation: CREATE, status: 400, message: reason, times: 1 }) });
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  await request(page);
  const shown = page.locator('[data-sp-outreach="request-review"]').getByRole('status');
  await shown.filter({ hasText: 'Not sent' }).waitFor();
  const text = await shown.textContent();
  assert.equal(text, `Not sent: Amazon refused the request: ${reason}.`);
  assert.doesNotMatch(text, /Invalid Input/);
  await page.close();
});

test('without the Orders role the seller is asked for the marketplace, and nothing is sent until they choose', async () => {
  // Last: the application loses the Inventory and Order Tracking role.
  const roles = ['buyerCommunication', 'buyerSolicitation'];
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify({ ...scenario, applications: [{ ...scenario.applications[0], roles }] }) });
  const fresh = (await eligibleHidden()).find((o) => !used.has(o.amazonOrderId));
  assert.ok(fresh, 'an eligible order whose page hides its marketplace');
  // The extension forgets what Amazon said of the orders earlier (its kept reads, and the worker
  // that held them in memory), as a browser that never saw them.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options/options.html`);
  await options.evaluate(async () => (await import('/store.js')).remove('orders'));
  const cdp = await context.newCDPSession(options);
  const sw = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  await options.close();
  const before = (await sb.admin('log')).length;
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${fresh.amazonOrderId}`);
  const host = page.locator('[data-sp-outreach="request-review"]');
  const choose = host.getByRole('combobox', { name: 'Marketplace' });
  await choose.waitFor();
  const why = await host.getByRole('status').textContent();
  assert.match(why, /Which marketplace is this order in\? .*Inventory and Order Tracking/, why);
  assert.equal(await host.getByRole('button', { name: 'Request review', exact: true }).count(), 0);
  // Only the region's marketplaces.
  assert.deepEqual((await choose.locator('option').allTextContents()).slice(1).sort(), ['Amazon.ca', 'Amazon.com', 'Amazon.com.br', 'Amazon.com.mx']);
  await page.waitForTimeout(1000);
  const asked = (await sb.admin('log')).slice(before).filter((e) => e.path.includes(fresh.amazonOrderId));
  // (The scenario's reload revoked the access token the extension held: its first getOrder is
  // refused for that, the token refreshed, and the second refused for the role.)
  assert.ok(asked.length > 0 && asked.every((e) => e.operation === 'getOrder' && e.status === 403), 'only the Orders API was asked, and refused: nothing was read or sent about the order');
  await choose.selectOption({ label: 'Amazon.ca' });
  await host.getByRole('button', { name: 'Use this marketplace' }).click();
  await request(page);
  await page.getByText(/Review requested/).waitFor();
  const [create] = about(await log(CREATE), fresh.amazonOrderId);
  assert.match(create.query, new RegExp(`marketplaceIds=${CA}`));
  // The choice is kept: the page again shows the order as requested, without asking.
  await page.reload();
  await page.getByText(/Review requested/).waitFor();

  // The list without the role: rows whose page names their channel go by it; only the rows of
  // orders whose page hides it ask, and nothing is sent for them.
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  const rows = (await rowsReady(page)).filter((r) => r.amazon);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-sp-outreach="row-review"]')].every((h) => !/Checking/.test(h.shadowRoot.textContent)));
  const asking = await page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('combobox', { name: 'Marketplace' }) }).evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-sp-outreach="row-review"]').dataset.orderId));
  const hiddenHere = rows.map((r) => r.id).filter((id) => hidden.includes(id) && !used.has(id) && id !== fresh.amazonOrderId);
  assert.deepEqual(asking.sort(), hiddenHere.sort(), 'exactly the rows whose page hides the marketplace ask');
  assert.ok(asking.length > 0);
  const buttons = await page.locator('[data-sp-outreach="row-review"]').evaluateAll((hs) => hs.filter((h) => h.shadowRoot.querySelector('button')?.textContent === 'Request review').length);
  assert.ok(buttons > 0, 'the others have their buttons');
  assert.equal((await log(CREATE)).filter((e) => asking.some((id) => e.path.includes(id))).length, 0);
  await page.close();
});
