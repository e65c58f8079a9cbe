// Issue #12 in real Chromium with the shipped dist/chrome: the background's state (credentials,
// history, the bulk queue) is out of a content script's reach, and earlier versions' storage.local
// data moves to the background's store once. A content script's own context is reached through
// CDP: its isolated world is an execution context of the page (Runtime.executionContextCreated,
// auxData.isDefault false, the extension's origin), evaluated in with Runtime.evaluate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, scenario, ordersIn } from './sandbox.mjs';
import { launchChromium, openOptions } from './browser.mjs';
import { contentScriptAttack, draftAttack, assertDrafts, pageAttackScript } from './attacks.mjs';

let sb, context, profile, extensionId;

before(async () => {
  sb = await startSandbox();
  profile = mkdtempSync(join(tmpdir(), 'spo-security-'));
  ({ context, extensionId } = await launchChromium(profile, sb.port));
});

after(async () => {
  await context?.close();
  sb?.stop();
  rmSync(profile, { recursive: true, force: true });
});

const app = scenario.applications[0];
const ORDER = '111-1234567-7654321';
/** What an earlier version kept in storage.local: credentials, a history entry and a bulk run. */
const OLD = {
  settings: { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: app.refreshToken, region: 'na', sandbox: false, schedule: { day: 0 } },
  history: { [ORDER]: { review: 'requested', at: '2026-11-01T10:00:00.000Z', marketplaceId: 'ATVPDKIKX0DER' } },
  bulk: {
    state: 'done', createdAt: '2026-11-01T09:00:00.000Z', startedAt: 1, run: '2026-11-01T09:00:00.000Z',
    orders: [
      { run: '2026-11-01T09:00:00.000Z', orderId: ORDER, region: 'na', marketplaceId: 'ATVPDKIKX0DER', stage: 'sent', reason: null, at: '2026-11-01T10:00:00.000Z', due: null, flow: null },
      { run: '2026-11-01T09:00:00.000Z', orderId: '111-7654321-1234567', region: 'na', marketplaceId: 'ATVPDKIKX0DER', stage: 'skipped', reason: 'refunded', at: '2026-11-01T10:00:00.000Z', due: null, flow: null },
    ],
  },
  'limiter-na': '{"old":true}',
};

/** Opens `orderId`'s page and runs `fn(arg)` (self-contained, async) in the content script's
 * isolated world, found through CDP. @returns {Promise<{ page: import('playwright-core').Page, seen: any }>} */
async function inContentScript(orderId, fn, arg) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${orderId}`);
  await page.locator('[data-sp-outreach="request-review"]').waitFor({ state: 'attached' });
  const isolated = contexts.filter((c) => c.auxData?.isDefault === false && c.origin === `chrome-extension://${extensionId}`);
  const world = isolated[isolated.length - 1];
  assert.ok(world, `the content script's isolated world (contexts: ${JSON.stringify(contexts.map((c) => [c.name, c.origin]))})`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `(${fn})(${JSON.stringify(arg)})`, contextId: world.id, awaitPromise: true, returnByValue: true });
  assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
  return { page, seen: result.value };
}

/** The background's store as an extension page of its origin reads it. */
async function stored(page) {
  return page.evaluate(async () => {
    const store = await import('/store.js');
    return { settings: await store.get('settings'), history: await store.get('history'), queue: await store.queue.load(), local: await chrome.storage.local.get(null) };
  });
}

test('an earlier version\'s storage.local data moves to the background\'s store once, and leaves storage.local', async () => {
  const options = await openOptions(context, extensionId);
  // An existing user's profile: the data in storage.local, the new store not made yet (deleting it
  // closes the background's connection; its next read opens it again and migrates).
  await options.evaluate(async (old) => {
    await chrome.storage.local.set(old);
    await new Promise((resolve, reject) => {
      const r = indexedDB.deleteDatabase('sp-outreach');
      r.onsuccess = resolve;
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error('blocked'));
    });
  }, OLD);
  const status = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  assert.equal(status.ok, true);
  assert.equal(status.result.configured, true, 'the credentials came along');
  assert.deepEqual(status.result.recent.map((r) => r.orderId), [ORDER], 'and the history');
  const s = await stored(options);
  assert.deepEqual(s.local, {}, 'nothing left in storage.local');
  assert.equal(s.settings.clientSecret, app.clientSecret);
  assert.deepEqual(s.history, OLD.history);
  assert.deepEqual(s.queue.meta, { state: 'done', createdAt: OLD.bulk.createdAt, startedAt: 1, run: OLD.bulk.run });
  assert.deepEqual(s.queue.orders, OLD.bulk.orders, 'the queue, one record per order, in its order');
  // Once: data written to storage.local afterwards is not imported (and is cleared at the next open).
  await options.evaluate(() => chrome.storage.local.set({ settings: { clientId: 'planted', clientSecret: 'planted', refreshToken: 'planted' } }));
  const again = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'getSettings' }));
  assert.equal(again.result.clientId, app.clientId);
  await options.close();
});

test('a content script cannot read or change the credentials, the history or the queue', async () => {
  const options = await openOptions(context, extensionId);
  const before = await stored(options);
  const [order] = await ordersIn(sb, 'eligible');
  const { page, seen } = await inContentScript(order.amazonOrderId, contentScriptAttack, { secret: app.clientSecret, order: ORDER });
  console.log('content script in Chromium:', JSON.stringify(seen));
  assert.equal(seen.isContentScript, true, 'evaluated where the content scripts run');
  assert.equal(seen.read.ok, false, 'storage.local is closed to content scripts');
  assert.match(seen.read.error, /not allowed/);
  assert.equal(seen.write.ok, false, 'and cannot be written');
  assert.deepEqual(seen.idb, { ok: true, value: [] }, 'its indexedDB is the page\'s: no store of ours in it');
  assert.deepEqual(seen.leaks, [], 'no secret anywhere it can look');
  for (const m of ['getSettings', 'saveSettings', 'historyAll']) assert.equal(seen.messages[m].error?.kind, 'forbidden', `${m} refused to a content script`);
  const after = await stored(options);
  assert.deepEqual(after, before, 'the background\'s data is unchanged');
  await page.close();
  await options.close();
});

test('the live check uses the schema the background read, never the page\'s; caps come before the core', async () => {
  const [order] = await ordersIn(sb, 'eligible');
  const before = (await sb.admin('log')).length;
  const { page, seen } = await inContentScript(order.amazonOrderId, draftAttack, { order: order.amazonOrderId });
  console.log('drafts in Chromium:', JSON.stringify(seen, (k, v) => (k === 'violations' || k === 'findings' ? v.length : v)));
  assertDrafts(seen);
  const posts = (await sb.admin('log')).slice(before).filter((e) => e.method !== 'GET' && e.operation !== 'lwaToken');
  assert.deepEqual(posts.map((e) => e.operation), [], 'nothing was sent or uploaded');
  await page.close();
});


test('a page script cannot send: it clicks, types, ticks and dispatches on every control and frame, and nothing is sent; a real click still sends', async () => {
  const order = (await ordersIn(sb, 'eligible')).find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && !o.refunded && !o.returned);
  const before = (await sb.admin('log')).length;
  const page = await context.newPage();
  const pages = [
    [`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`, () => page.getByRole('button', { name: 'Request review', exact: true }).waitFor()],
    ['https://sellercentral.amazon.com/orders-v3', () => page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor()],
    // The seller has opened the confirm frame and the Message buyer composer (real clicks), and
    // the page's script goes at them.
    [`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`, async () => {
      await page.getByRole('button', { name: 'Request review', exact: true }).click();
      await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).waitFor();
      await page.getByRole('button', { name: 'Message buyer' }).click();
      const kinds = page.getByRole('dialog').getByLabel('Kind of message');
      await kinds.waitFor();
      const offered = await kinds.locator('option').evaluateAll((os) => os.map((o) => o.value));
      const withText = ['unexpectedProblem', 'confirmDeliveryDetails', 'confirmOrderDetails', 'legalDisclosure'].find((k) => offered.includes(k));
      assert.ok(withText, offered.join());
      await kinds.selectOption(withText);
      await page.getByRole('dialog').getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    }],
  ];
  for (const [url, ready] of pages) {
    await page.goto(url);
    await ready();
    await page.waitForTimeout(500);
    // A script of the page's own (its main world), as Seller Central's or an injected one would run.
    await page.evaluate((src) => document.documentElement.append(Object.assign(document.createElement('script'), { textContent: src })), pageAttackScript);
    const attack = JSON.parse(await (await page.waitForFunction(() => document.documentElement.dataset.attack, null, { timeout: 30000 })).jsonValue());
    console.log(`page script on ${url}:`, JSON.stringify(attack));
    assert.ok(attack.hosts > 0, 'the extension\'s controls were there');
    assert.ok(attack.frameAccess.every((a) => a !== 'clicked'), 'no frame of the extension could be scripted');
    await page.evaluate(() => delete document.documentElement.dataset.attack);
  }
  await page.waitForTimeout(1500);
  // (Reads and the access tokens they need are not sends.)
  const sent = (await sb.admin('log')).slice(before).filter((e) => e.method !== 'GET' && e.operation !== 'lwaToken');
  assert.deepEqual(sent.map((e) => [e.method, e.operation]), [], 'the sandbox log shows nothing sent');
  // The seller's own clicks (real input through the browser) still send.
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  await page.getByRole('button', { name: 'Request review', exact: true }).click();
  await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.getByText(/Review requested/).waitFor();
  const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.path.includes(order.amazonOrderId));
  assert.equal(creates.length, 1);
  await page.close();
});

test('the background refuses sends asked by a content script, and confirmations from anywhere but their frame', async () => {
  const [order] = await ordersIn(sb, 'eligible');
  const { page, seen } = await inContentScript(order.amazonOrderId, async (id) => {
    const ext = globalThis.browser ?? globalThis.chrome;
    const ask = (m) => ext.runtime.sendMessage(m);
    const out = {};
    for (const m of [{ type: 'requestReview', orderId: id }, { type: 'sendMessage', orderId: id, kind: 'unexpectedProblem', body: { text: 'Hi' } }, { type: 'bulkStart', orders: [{ orderId: id }] }]) out[m.type] = await ask(m);
    // It may prepare a send, but not confirm it: that is the extension frame's.
    const prepared = await ask({ type: 'prepareReview', orderId: id });
    out.prepared = prepared.ok;
    out.token = prepared.result?.token;
    out.confirmAction = await ask({ type: 'confirmAction', token: prepared.result?.token });
    return out;
  }, order.amazonOrderId);
  console.log('sends asked by a content script:', JSON.stringify(seen));
  for (const k of ['requestReview', 'sendMessage', 'bulkStart', 'confirmAction']) assert.equal(seen[k].error?.kind, 'forbidden', k);
  assert.equal(seen.prepared, true);
  // An extension page in another tab (not the frame the content script showed) cannot confirm it either.
  const options = await openOptions(context, extensionId);
  const elsewhere = await options.evaluate((token) => chrome.runtime.sendMessage({ type: 'confirmAction', token }), seen.token);
  assert.equal(elsewhere.error?.kind, 'forbidden', JSON.stringify(elsewhere));
  await options.close();
  const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.path.includes(order.amazonOrderId));
  assert.equal(creates.length, 0);
  await page.close();
});
