// Bulk review requests from the orders list, in Chromium with the shipped dist/chrome, against
// sp-sandbox --tls at 10× Amazon's rate with 30% of creates dropped mid-answer after processing:
// every eligible order is requested exactly once, none is lost, and a service worker stopped mid-run
// (DevTools protocol) picks the queue up again. The fixture pages list a North American seller's
// orders (tests/e2e/scenarios.mjs): two pages of 25 on sellercentral.amazon.com.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './sandbox.mjs';
import { launchChromium, openOptions, enterCredentials } from './browser.mjs';
import { northAmerica, listRows, rowsReady } from './scenarios.mjs';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const { scenario, file } = northAmerica();
let sb, context, profile, extensionId;

before(async () => {
  sb = await startSandbox(['--rate-scale', '10', '--fault', `${CREATE}:drop=midResponse,p=0.3`], { scenarioFile: file });
  profile = mkdtempSync(join(tmpdir(), 'spo-bulk-'));
  await launch();
  await (await enterCredentials(context, extensionId, scenario.applications[0])).close();
});

/** Chromium with the extension, on the test's profile (kept across a browser restart). */
async function launch() {
  ({ context, extensionId } = await launchChromium(profile, sb.port));
}

/** A fresh start: the emulator forgets what was sent and gets these faults; the extension forgets
 * its history and queue. */
async function freshStart(faults) {
  await sb.admin('reset', { method: 'POST' });
  await sb.admin('faults', { method: 'PUT', body: JSON.stringify(faults) });
  const options = await openOptions(context, extensionId);
  // The background's store (extension/store.js), opened by an extension page of the same origin.
  await options.evaluate(async () => (await import('/store.js')).remove(['history', 'bulk']));
  await options.close();
}

after(async () => {
  await context?.close();
  sb?.stop();
  rmSync(profile, { recursive: true, force: true });
});

/** The Amazon orders on the list page now (rows read by the test itself, not by the extension), and
 * which of them the emulator says are eligible. */
async function pageOrders(page) {
  const ids = (await rowsReady(page)).filter((r) => r.amazon).map((r) => r.id);
  const { orders } = await sb.admin('orders');
  return { ids, eligible: orders.filter((o) => ids.includes(o.amazonOrderId) && o.reviewRequest === 'eligible' && !o.refunded && !o.returned).map((o) => o.amazonOrderId) };
}

/** Waits for the end of a run other than `previous` (the bar names its run by start time and shows
 * its state): done, or waiting for scheduled days. */
async function ended(page, previous, total) {
  const bar = page.locator(`[data-sp-outreach="bulk-bar"]:not([data-run="${previous}"])`).and(page.locator('[data-state=done], [data-state=scheduled]'));
  await bar.getByText(new RegExp(`/${total} done`)).waitFor({ timeout: 90000 });
  return bar;
}

/** done, total, sent, scheduled from the bar's line. */
function parse(line) {
  const [, done, total, sent] = line.match(/(\d+)\/(\d+) done · (\d+) sent/).map(Number);
  const scheduled = Number(line.match(/(\d+) scheduled/)?.[1] ?? 0);
  return { done, total, sent, scheduled };
}

async function runBulk(page, total, { stopWorkerAfterMs } = {}) {
  await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const previous = await page.locator('[data-sp-outreach="bulk-bar"]').getAttribute('data-run');
  await page.getByRole('button', { name: 'Request reviews (this page)' }).click();
  // The run starts from the extension's confirm frame in the bar.
  await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  const bar = page.locator('[data-sp-outreach="bulk-bar"]');
  if (stopWorkerAfterMs) {
    await page.waitForTimeout(stopWorkerAfterMs);
    const midway = await bar.getByRole('status').textContent();
    assert.doesNotMatch(midway, /finished/, 'stopped while the run was still going');
    // Mark the running worker, then stop it through the DevTools protocol (closing its target
    // terminates it; the page's next status request starts a fresh one).
    await context.serviceWorkers()[0].evaluate(() => { globalThis.spoTestMark = 'before'; });
    const cdp = await context.newCDPSession(page);
    const sw = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
    await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    console.log(`worker stopped at "${midway}"`);
  }
  await ended(page, previous, total);
  if (stopWorkerAfterMs) {
    const mark = await context.serviceWorkers()[0].evaluate(() => globalThis.spoTestMark ?? 'fresh');
    assert.equal(mark, 'fresh', 'the run finished in a new worker');
  }
  return bar.getByRole('status').textContent();
}

/** Orders that got more than one create, with what each create met. */
function secondCreates(per) {
  return [...per].filter(([, es]) => es.length > 1).map(([id, es]) => `${id}: ${es.map((e) => `${e.status}/${e.outcome}`).join(',')}`);
}

function creates(log, ids) {
  const per = new Map(ids.map((id) => [id, []]));
  for (const e of log) {
    const id = e.path.match(/\d{3}-\d{7}-\d{7}/)?.[0];
    if (per.has(id)) per.get(id).push(e);
  }
  return per;
}

test('bulk: every eligible order on the page exactly once, despite dropped answers', async () => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  const { ids, eligible } = await pageOrders(page);
  // Enough eligible orders to meet several dropped answers (7 with the merged demo scenario, whose Amazon.ca orders moved some eligible ones to page 2).
  assert.ok(eligible.length >= 6, `eligible on page 1: ${eligible.length}`);
  const line = await runBulk(page, ids.length);
  const { orders } = await sb.admin('orders');
  const lost = eligible.filter((id) => orders.find((o) => o.amazonOrderId === id).reviewRequest !== 'alreadyRequested');
  assert.deepEqual(lost, [], 'none lost');
  const log = await sb.admin(`log?operation=${CREATE}`);
  const per = creates(log, ids);
  const twice = secondCreates(per);
  assert.deepEqual(twice, [], 'no order got a second create');
  const dropped = log.filter((e) => e.outcome === 'dropped-mid-response').length;
  const throttled = (await sb.admin('log')).filter((e) => e.status === 429).length;
  console.log(`bulk page 1: ${eligible.length} eligible of ${ids.length}; "${line}"; ${dropped} answers dropped and settled by re-reading; ${throttled} answered 429`);
  const p1 = parse(line);
  assert.equal(p1.sent, eligible.length);
  assert.equal(p1.done + p1.scheduled, ids.length, 'every order done or waiting for its window');
  // The rows' badges followed the run.
  for (const id of eligible) {
    const row = page.locator('#orders-table > tbody > tr').filter({ has: page.getByRole('link', { name: id }) });
    if (await row.count()) await row.getByText(/Review requested/).waitFor();
  }
  await page.close();
});

test('bulk: the service worker stopped mid-run resumes the queue, still exactly once', async () => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3?page=2');
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  const { ids, eligible } = await pageOrders(page);
  assert.ok(eligible.length >= 3, `eligible on page 2: ${eligible.length}`);
  const before = (await sb.admin(`log?operation=${CREATE}`)).length;
  const line = await runBulk(page, ids.length, { stopWorkerAfterMs: 400 });
  const { orders } = await sb.admin('orders');
  const lost = eligible.filter((id) => orders.find((o) => o.amazonOrderId === id).reviewRequest !== 'alreadyRequested');
  assert.deepEqual(lost, [], 'none lost');
  const per = creates((await sb.admin(`log?operation=${CREATE}`)).slice(before), ids);
  const twice = secondCreates(per);
  assert.deepEqual(twice, [], 'no order got a second create');
  console.log(`bulk page 2 with the worker stopped: ${eligible.length} eligible of ${ids.length}; "${line}"`);
  await page.close();
});

test('bulk: connections dropped after processing with no answer at all — the browser resends, nothing is sent twice or misreported', async () => {
  await freshStart([{ operation: CREATE, drop: 'after', probability: 0.3 }]);
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  const { ids, eligible } = await pageOrders(page);
  const line = await runBulk(page, ids.length);
  const { orders } = await sb.admin('orders');
  const lost = eligible.filter((id) => orders.find((o) => o.amazonOrderId === id).reviewRequest !== 'alreadyRequested');
  assert.deepEqual(lost, [], 'none lost');
  const log = await sb.admin(`log?operation=${CREATE}`);
  const dropped = log.filter((e) => e.outcome === 'dropped-after').length;
  const processed = log.filter((e) => e.status === 201).length;
  assert.equal(processed, eligible.length, 'each eligible order processed once by the emulator');
  console.log(`bulk with drop=after: ${eligible.length} eligible; "${line}"; ${dropped} connections closed without an answer; ${log.length - processed} creates refused (browser resends)`);
  assert.equal(parse(line).sent, eligible.length, 'the queue reports every sent order as sent');
  await page.close();
});

test('bulk across all pages of the current filter, started on page 2: the seller is left on page 2', async () => {
  const { orders: before } = await sb.admin('orders');
  const eligible = before.filter((o) => o.reviewRequest === 'eligible' && !o.refunded && !o.returned).map((o) => o.amazonOrderId);
  assert.ok(eligible.length > 0, 'page 1 still has eligible orders');
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3?page=2');
  const startRows = await rowsReady(page);
  await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const previous = await page.locator('[data-sp-outreach="bulk-bar"]').getAttribute('data-run');
  await page.getByRole('button', { name: 'Request reviews (all pages)' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await ended(page, previous, scenario.orders.length);
  // Pages 1 and 2 were walked with the list's own links, then page 2 shown again through its link.
  assert.match(page.url(), /\/orders-v3\?page=2$/, 'back on the page where the run started');
  assert.equal((await page.locator('div.pagination-controls li.a-selected').textContent()).trim(), '2');
  assert.deepEqual((await rowsReady(page)).map((r) => r.id), startRows.map((r) => r.id), 'showing its rows');
  const { orders } = await sb.admin('orders');
  const lost = eligible.filter((id) => orders.find((o) => o.amazonOrderId === id).reviewRequest !== 'alreadyRequested');
  assert.deepEqual(lost, [], 'every eligible order of every page requested');
  const processed = (await sb.admin(`log?operation=${CREATE}`)).filter((e) => e.status === 201);
  const ids = processed.map((e) => e.path.match(/\d{3}-\d{7}-\d{7}/)[0]);
  assert.equal(new Set(ids).size, ids.length, 'no order processed twice');
  await page.close();
});

test('the dashboard shows totals, a chart drawn locally and exports the history as CSV', async () => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard/dashboard.html`);
  await page.locator('html[data-ready=true]').waitFor();
  const reviews = Number(await page.locator('[data-total="totalReviews"] b').textContent());
  const { orders } = await sb.admin('orders');
  const requested = orders.filter((o) => o.reviewRequest === 'alreadyRequested' && o.sent.length > 0).length;
  if (reviews !== requested) {
    const shown = await page.locator('#rows tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent).join(' ')));
    const got = orders.filter((o) => o.reviewRequest === 'alreadyRequested' && o.sent.length > 0).map((o) => o.amazonOrderId);
    console.log('dashboard rows', shown.filter((r) => !got.some((id) => r.startsWith(id)) || !/requested|settled/.test(r)));
    const missing = got.filter((id) => !shown.some((r) => r.startsWith(id) && /requested|settled/.test(r)));
    console.log('emulator not in dashboard', missing);
    const queue = await page.evaluate(async () => {
      const store = await import('/store.js');
      return { bulk: await store.queue.load(), history: await store.get('history') };
    });
    console.log(JSON.stringify(queue.bulk?.orders.filter((o) => missing.includes(o.orderId))), JSON.stringify(missing.map((id) => queue.history[id])));
    console.log(JSON.stringify((await sb.admin('log')).filter((e) => missing.some((id) => e.path.includes(id))).map((e) => [e.method, e.operation, e.status, e.outcome])));
  }
  assert.equal(reviews, requested, 'the dashboard counts what the emulator received since the reset');
  assert.ok(await page.locator('#chart svg rect').count() > 0, 'bars for today');
  const waiting = (await sb.admin('orders')).orders.filter((o) => o.status === 'Shipped' && Date.parse(o.reviewWindow.from) > Date.now() && !o.refunded && !o.returned);
  // Upcoming: orders waiting for their window, and in-window orders Amazon listed no action for,
  // to be checked again (facts.md "Reported quirks").
  const upcoming = await page.locator('#upcoming li').allTextContents();
  const bulk = await page.evaluate(async () => (await import('/store.js')).queue.load());
  assert.equal(upcoming.length, bulk?.orders.filter((o) => o.stage === 'scheduled').length);
  for (const o of waiting) assert.ok(upcoming.some((u) => u.startsWith(o.amazonOrderId)), `${o.amazonOrderId} is upcoming`);
  assert.ok(upcoming.filter((u) => /checking again/.test(u)).length > 0, 'rechecks are listed too');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'order,sent,outcome,at,requestId');
  assert.equal(lines.filter((l) => l.includes('"review","requested"')).length, reviews);
  await page.close();
});

test('scheduled orders are sent when their window opens, by the background alone', async () => {
  const { orders } = await sb.admin('orders');
  const waiting = orders.filter((o) => o.status === 'Shipped' && Date.parse(o.reviewWindow.from) > Date.now() && !o.refunded && !o.returned).map((o) => o.amazonOrderId);
  assert.ok(waiting.length > 0, 'the demo has orders in transit');
  // Time passes for Amazon (the emulator's clock) and for the queue (its due dates moved to now);
  // then the worker restarts, as it would after days asleep, and nothing but the background runs.
  await sb.admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 9 * 86400 }) });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options/options.html`);
  await options.evaluate(async () => {
    // The queue as the background stores it (extension/store.js): one record per order.
    const store = await import('/store.js');
    const bulk = await store.queue.load();
    if (!bulk) throw new Error('no queue stored');
    // The due time is the core's, in the order's saved state (src/flow/queue.rs); the list shows it.
    for (const o of bulk.orders) {
      if (o.stage !== 'scheduled') continue;
      o.due = new Date(Date.now() - 1000).toISOString();
      o.flow = JSON.stringify({ ...JSON.parse(o.flow), due: Date.now() - 1000 });
    }
    await store.queue.save(bulk.meta, bulk.orders.map((o, seq) => ({ ...o, seq })), { all: true });
  });
  const cdp = await context.newCDPSession(options);
  const sw = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  // Wake it the way the alarm would: any event starts it, and a started worker resumes the queue.
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  const deadline = Date.now() + 60000;
  let state;
  for (;;) {
    state = (await sb.admin('orders')).orders.filter((o) => waiting.includes(o.amazonOrderId));
    if (state.every((o) => o.reviewRequest === 'alreadyRequested') || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.deepEqual(state.filter((o) => o.reviewRequest !== 'alreadyRequested').map((o) => o.amazonOrderId), [], 'every scheduled order sent');
  const processed = (await sb.admin(`log?operation=${CREATE}`)).filter((e) => e.status === 201 && waiting.some((id) => e.path.includes(id)));
  assert.equal(processed.length, waiting.length, 'each once');
  await options.close();
});

test('a run goes on with its tab closed and after the browser restarts', async () => {
  // Slow creates, so the browser quits with the run half done.
  await freshStart([{ operation: CREATE, latencyMs: 600 }]);
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const { eligible } = await pageOrders(page);
  await page.getByRole('button', { name: 'Request reviews (this page)' }).click();
  // The run starts from the extension's confirm frame in the bar.
  await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=running]').waitFor();
  await page.close(); // the tab goes; the queue stays in the background
  await context.close(); // and the browser quits mid-run
  const before = (await sb.admin('orders')).orders.filter((o) => eligible.includes(o.amazonOrderId) && o.reviewRequest === 'alreadyRequested').length;
  await launch(); // the same profile: the worker starts and resumes the queue by itself
  const deadline = Date.now() + 60000;
  let left;
  for (;;) {
    left = (await sb.admin('orders')).orders.filter((o) => eligible.includes(o.amazonOrderId) && o.reviewRequest !== 'alreadyRequested');
    if (!left.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.deepEqual(left.map((o) => o.amazonOrderId), [], 'every eligible order sent after the restart');
  const processed = (await sb.admin(`log?operation=${CREATE}`)).filter((e) => e.status === 201);
  const ids = processed.map((e) => e.path.match(/\d{3}-\d{7}-\d{7}/)[0]);
  assert.equal(new Set(ids).size, ids.length, 'none twice');
  console.log(`browser restart: ${before} of ${eligible.length} sent before the browser quit, the rest after it started again`);
  assert.ok(before < eligible.length, 'the browser quit mid-run');
});

test('pause, resume and cancel', async () => {
  await freshStart([{ operation: CREATE, latencyMs: 700 }]);
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  const bar = page.locator('[data-sp-outreach="bulk-bar"]');
  await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const { eligible } = await pageOrders(page);
  await page.getByRole('button', { name: 'Request reviews (this page)' }).click();
  // The run starts from the extension's confirm frame in the bar.
  await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=running]').waitFor();
  await bar.getByRole('button', { name: 'Pause' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=paused]').waitFor();
  await bar.getByText(/paused/).waitFor();
  // Paused: what was in flight finishes, nothing new starts.
  await page.waitForTimeout(2000);
  const atPause = (await sb.admin(`log?operation=${CREATE}`)).length;
  await page.waitForTimeout(1500);
  assert.equal((await sb.admin(`log?operation=${CREATE}`)).length, atPause, 'no create while paused');
  assert.ok(atPause < eligible.length, 'paused before the end');
  await bar.getByRole('button', { name: 'Resume' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=running]').waitFor();
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=cancelled]').waitFor();
  await page.waitForTimeout(2000);
  const sent = (await sb.admin(`log?operation=${CREATE}`)).length;
  await page.waitForTimeout(1500);
  assert.equal((await sb.admin(`log?operation=${CREATE}`)).length, sent, 'nothing sent after cancel');
  // Cancelled orders say so on their rows.
  await page.locator('#orders-table').getByText('Cancelled', { exact: true }).first().waitFor();
  await sb.admin('faults', { method: 'DELETE' });
  await page.close();
});

test('the bar follows its run through pushState paging and a re-rendered toolbar, to its end', async () => {
  await freshStart([{ operation: CREATE, latencyMs: 400 }]);
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  const { ids, eligible } = await pageOrders(page);
  const bar = page.locator('[data-sp-outreach="bulk-bar"]');
  await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const previous = await bar.getAttribute('data-run');
  await page.getByRole('button', { name: 'Request reviews (this page)' }).click();
  // The run starts from the extension's confirm frame in the bar.
  await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-sp-outreach="bulk-bar"][data-state=running]').waitFor();
  const done = async () => parse(await bar.getByRole('status').textContent()).done;
  const moves = async (from) => {
    for (let i = 0; i < 300 && (await done()) <= from; i++) await page.waitForTimeout(100);
    return done();
  };

  // Next page (pushState): the toolbar stays, the rows re-render; the bar keeps counting.
  await page.locator('div.pagination-controls li.a-last > a').click();
  await page.waitForURL('**/orders-v3?page=2');
  await rowsReady(page);
  const atPaging = await done();
  assert.ok(atPaging < ids.length, 'still running after paging');
  assert.ok((await moves(atPaging)) > atPaging, 'the bar moved on after paging');

  // A filter tab re-renders the whole list, toolbar included: the bar comes back and goes on.
  await page.locator('.myo-tabs a[href="/orders-v3/mfn/shipped"]').click();
  await page.waitForURL('**/orders-v3/mfn/shipped');
  await page.locator('#myo-layout div.push-right [data-sp-outreach="bulk-bar"][data-polled]').waitFor();
  const line = await (await ended(page, previous, ids.length)).getByRole('status').textContent();
  assert.equal(await bar.count(), 1, 'one bar');
  assert.equal(parse(line).sent, eligible.length, line);
  console.log(`bulk across paging and a toolbar re-render: "${line}"`);
  await sb.admin('faults', { method: 'DELETE' });
  await page.close();
});
