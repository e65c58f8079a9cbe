// Issue #12 in real Firefox ESR with the shipped dist/firefox: the background's state (credentials,
// history, the bulk queue) is out of a content script's reach, and earlier versions' storage.local
// data moves to the background's store once. Firefox lets content scripts read and write
// storage.local (no setAccessLevel there, bug 1724754): the store is IndexedDB on the extension's
// origin. A content script's own context is reached from the browser's chrome (geckodriver
// --allow-system-access): a frame script in the tab's content process finds the extension's
// content-script context (ExtensionContent.getContextByExtensionId) and evaluates in its sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, scenario, ordersIn } from './sandbox.mjs';
import { startFirefox, proxyPrefs } from './webdriver.mjs';
import { contentScriptAttack, draftAttack, assertDrafts, pageAttackScript } from './attacks.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ID = 'sp-outreach@sp-outreach.dev';
const UUID = '6c1e5d2f-0b2f-4c8d-9b49-3a7d6e2f1b22';
let sb, ff;

before(async () => {
  sb = await startSandbox([], { proxy: true });
  ff = await startFirefox({ prefs: { ...proxyPrefs(sb.port), 'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }) } });
  await ff.installAddon(`${root}dist/firefox`);
});

after(async () => {
  await ff?.quit();
  sb?.stop();
});

const app = scenario.applications[0];
const ORDER = '111-1234567-7654321';
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
};

/** Opens `orderId`'s page and runs `fn(arg)` (self-contained, async) in the content script's
 * sandbox, from a frame script loaded into the tab by the browser's chrome. */
async function inContentScript(orderId, fn, arg) {
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${orderId}`);
  await ff.until(() => ff.find('[data-sp-outreach="request-review"]'));
  const code = `(${fn})(${JSON.stringify(arg)}).then((v) => __spoDone(JSON.stringify(v)), (e) => __spoDone(JSON.stringify({ error: String(e) })))`;
  const frame = `
    const { ExtensionContent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
    try {
      const sandbox = ExtensionContent.getContextByExtensionId(${JSON.stringify(ID)}, content).cloneScope;
      Cu.exportFunction((s) => sendAsyncMessage('spo-test:result', s), sandbox, { defineAs: '__spoDone' });
      Cu.evalInSandbox(${JSON.stringify(code)}, sandbox);
    } catch (e) {
      sendAsyncMessage('spo-test:result', JSON.stringify({ error: 'frame script: ' + e }));
    }`;
  return JSON.parse(await ff.chrome(`
    const done = arguments[arguments.length - 1];
    const mm = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.selectedBrowser.messageManager;
    mm.addMessageListener('spo-test:result', function l(m) { mm.removeMessageListener('spo-test:result', l); done(m.data); });
    mm.loadFrameScript('data:,' + encodeURIComponent(arguments[0]), false);`, frame));
}

/** Runs `fn(arg)` (async, self-contained) in the current extension page and returns its result. */
async function inPage(fn, arg) {
  const r = await ff.runAsync(`const done = arguments[arguments.length - 1];
    (${fn})(arguments[0]).then((v) => done({ ok: true, v: JSON.stringify(v ?? null) }), (e) => done({ ok: false, e: String(e) }));`, arg ?? null);
  if (!r.ok) throw new Error(r.e);
  return JSON.parse(r.v);
}

/** The background's store as an extension page of its origin reads it (its database, directly). */
const readStore = async () => {
  const d = await new Promise((resolve, reject) => {
    const r = indexedDB.open('sp-outreach');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const req = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const tx = d.transaction(['kv', 'queue']);
  const out = {
    settings: await req(tx.objectStore('kv').get('settings')), history: await req(tx.objectStore('kv').get('history')),
    meta: await req(tx.objectStore('kv').get('bulk')), orders: await req(tx.objectStore('queue').getAll()),
    local: await browser.storage.local.get(null),
  };
  d.close();
  return out;
};

test('Firefox: an earlier version\'s storage.local data moves to the background\'s store once, and leaves storage.local', async () => {
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  await ff.until(() => ff.find('html[data-ready=true]'));
  await inPage(async (old) => {
    await browser.storage.local.set(old);
    await new Promise((resolve, reject) => {
      const r = indexedDB.deleteDatabase('sp-outreach');
      r.onsuccess = resolve;
      r.onerror = () => reject(r.error);
    });
  }, OLD);
  const status = await inPage(() => browser.runtime.sendMessage({ type: 'status' }));
  assert.equal(status.ok, true);
  assert.equal(status.result.configured, true, 'the credentials came along');
  assert.deepEqual(status.result.recent.map((r) => r.orderId), [ORDER], 'and the history');
  const s = await inPage(readStore);
  assert.deepEqual(s.local, {}, 'nothing left in storage.local');
  assert.equal(s.settings.clientSecret, app.clientSecret);
  assert.deepEqual(s.history, OLD.history);
  assert.deepEqual(s.meta, { state: 'done', createdAt: OLD.bulk.createdAt, startedAt: 1, run: OLD.bulk.run });
  assert.deepEqual(s.orders.sort((a, b) => a.seq - b.seq).map(({ seq, ...o }) => o), OLD.bulk.orders, 'the queue, one record per order');
});

test('Firefox: a content script cannot read or change the credentials, the history or the queue', async () => {
  const before = await inPage(readStore);
  const [order] = await ordersIn(sb, 'eligible');
  const seen = await inContentScript(order.amazonOrderId, contentScriptAttack, { secret: app.clientSecret, order: ORDER });
  console.log('content script in Firefox:', JSON.stringify(seen));
  assert.equal(seen.error, undefined);
  assert.equal(seen.isContentScript, true, 'evaluated where the content scripts run');
  // Firefox: storage.local is open to content scripts, and holds nothing of the background's.
  assert.deepEqual(seen.read, { ok: true, value: {} }, 'storage.local is empty: nothing is kept there');
  assert.deepEqual(seen.idb, { ok: true, value: [] }, 'its indexedDB is the page\'s: no store of ours in it');
  assert.equal(seen.session.ok, false, 'storage.session is not there for content scripts');
  assert.deepEqual(seen.leaks, [], 'no secret anywhere it can look');
  for (const m of ['getSettings', 'saveSettings', 'historyAll']) assert.equal(seen.messages[m].error?.kind, 'forbidden', `${m} refused to a content script`);
  // What it wrote to storage.local is ignored: the background's data is unchanged.
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  await ff.until(() => ff.find('html[data-ready=true]'));
  const after = await inPage(readStore);
  const { local, ...kept } = after;
  const { local: _, ...was } = before;
  assert.deepEqual(kept, was, 'the background\'s data is unchanged');
  const settings = await inPage(() => browser.runtime.sendMessage({ type: 'getSettings' }));
  assert.equal(settings.result.clientId, app.clientId);
  const status = await inPage(() => browser.runtime.sendMessage({ type: 'status' }));
  assert.deepEqual(status.result.recent.map((r) => r.orderId), [ORDER], 'the history as it was');
});

test('Firefox: the live check uses the schema the background read, never the page\'s; caps come before the core', async () => {
  const [order] = await ordersIn(sb, 'eligible');
  const before = (await sb.admin('log')).length;
  const seen = await inContentScript(order.amazonOrderId, draftAttack, { order: order.amazonOrderId });
  console.log('drafts in Firefox:', JSON.stringify(seen, (k, v) => (k === 'violations' || k === 'findings' ? v.length : v)));
  assertDrafts(seen);
  const posts = (await sb.admin('log')).slice(before).filter((e) => e.method !== 'GET' && e.operation !== 'lwaToken');
  assert.deepEqual(posts.map((e) => e.operation), [], 'nothing was sent or uploaded');
});

test('Firefox: a page script cannot send: it clicks, types, ticks and dispatches on every control and frame, and nothing is sent; a real click still sends', async () => {
  const order = (await ordersIn(sb, 'eligible')).find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && !o.refunded && !o.returned);
  const before = (await sb.admin('log')).length;
  const details = `https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`;
  const button = async (feature, label) => {
    const shadow = await ff.shadow(await ff.until(() => ff.find(`[data-sp-outreach="${feature}"]`)));
    return ff.until(async () => {
      const b = await ff.findInShadow(shadow, 'button');
      return (await ff.text(b)) === label && b;
    });
  };
  const pages = [
    [details, () => button('request-review', 'Request review')],
    ['https://sellercentral.amazon.com/orders-v3', () => ff.until(() => ff.find('[data-sp-outreach="bulk-bar"][data-polled]'))],
    // The seller has opened the confirm frame and the Message buyer composer (real clicks).
    [details, async () => {
      await ff.click(await button('request-review', 'Request review'));
      await ff.until(() => ff.find('[data-sp-outreach="request-review"]').then(ff.shadow).then((r) => ff.findInShadow(r, 'iframe')));
      await ff.click(await button('message-buyer', 'Message buyer'));
      const dialog = await ff.shadow(await ff.until(() => ff.find('[data-sp-outreach="message-dialog"]')));
      await ff.until(() => ff.findInShadow(dialog, 'select'));
    }],
  ];
  for (const [url, ready] of pages) {
    await ff.goto(url);
    await ready();
    await new Promise((r) => setTimeout(r, 500));
    // A script of the page's own: a <script> element, run in the page's main world.
    await ff.run('document.documentElement.append(Object.assign(document.createElement("script"), { textContent: arguments[0] }))', pageAttackScript);
    const attack = JSON.parse(await ff.until(() => ff.run('return document.documentElement.dataset.attack'), 30000));
    console.log(`Firefox page script on ${url}:`, JSON.stringify(attack));
    assert.equal(attack.error, undefined);
    assert.ok(attack.hosts > 0, 'the extension\'s controls were there');
    assert.ok(attack.frameAccess.every((a) => a !== 'clicked'), 'no frame of the extension could be scripted');
    await ff.run('delete document.documentElement.dataset.attack');
  }
  await new Promise((r) => setTimeout(r, 1500));
  const sent = (await sb.admin('log')).slice(before).filter((e) => e.method !== 'GET' && e.operation !== 'lwaToken');
  assert.deepEqual(sent.map((e) => [e.method, e.operation]), [], 'the sandbox log shows nothing sent');
  // The seller's own clicks (WebDriver input) still send.
  await ff.goto(details);
  await ff.click(await button('request-review', 'Request review'));
  const shadow = await ff.shadow(await ff.find('[data-sp-outreach="request-review"]'));
  await ff.confirmIn(shadow);
  await ff.until(async () => /Review requested/.test(await ff.text(await ff.findInShadow(shadow, '.status'))));
  const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.path.includes(order.amazonOrderId));
  assert.equal(creates.length, 1);
});

test('Firefox: the background refuses sends asked by a content script', async () => {
  const [order] = await ordersIn(sb, 'eligible');
  const seen = await inContentScript(order.amazonOrderId, async (id) => {
    const ext = globalThis.browser ?? globalThis.chrome;
    const out = {};
    for (const m of [{ type: 'requestReview', orderId: id }, { type: 'sendMessage', orderId: id, kind: 'unexpectedProblem', body: { text: 'Hi' } }, { type: 'bulkStart', orders: [{ orderId: id }] }]) out[m.type] = await ext.runtime.sendMessage(m);
    const prepared = await ext.runtime.sendMessage({ type: 'prepareReview', orderId: id });
    out.prepared = prepared.ok;
    out.confirmAction = await ext.runtime.sendMessage({ type: 'confirmAction', token: prepared.result?.token });
    return out;
  }, order.amazonOrderId);
  console.log('Firefox: sends asked by a content script:', JSON.stringify(seen));
  for (const k of ['requestReview', 'sendMessage', 'bulkStart', 'confirmAction']) assert.equal(seen[k].error?.kind, 'forbidden', k);
  assert.equal(seen.prepared, true);
  const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).filter((e) => e.path.includes(order.amazonOrderId));
  assert.equal(creates.length, 0);
});
