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
import { contentScriptAttack, draftAttack, assertDrafts } from './attacks.mjs';

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
  const posts = (await sb.admin('log')).slice(before).filter((e) => e.method !== 'GET');
  assert.deepEqual(posts.map((e) => e.operation), [], 'nothing was sent or uploaded');
  await page.close();
});

