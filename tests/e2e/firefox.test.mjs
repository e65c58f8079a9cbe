// The shipped dist/firefox, unchanged, in real Firefox ESR via geckodriver, against sp-sandbox
// --proxy. Firefox has no --host-resolver-rules: its proxy prefs send every request to the
// emulator, which answers CONNECT for the Amazon host names and S3 and terminates their TLS
// (acceptInsecureCerts), so it runs on any free port. The pages list a North American seller's
// orders (tests/e2e/scenarios.mjs), some of whose pages show no marketplace at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, ordersIn } from './sandbox.mjs';
import { startFirefox, proxyPrefs } from './webdriver.mjs';
import { northAmerica, CA, US } from './scenarios.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ID = 'sp-outreach@sp-outreach.dev';
const UUID = '5b0f4c1e-9a1e-4b7c-8a38-2f6c5d1e0a11';
const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const { scenario, file, hidden, linksOnly } = northAmerica();
let sb, ff;
/** Orders a test sent for: later tests take others. */
const used = new Set();

before(async () => {
  sb = await startSandbox([], { proxy: true, scenarioFile: file });
  ff = await startFirefox({
    prefs: {
      ...proxyPrefs(sb.port),
      // A fixed internal UUID, so the test knows the options page's moz-extension:// URL.
      'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }),
    },
  });
  await ff.installAddon(`${root}dist/firefox`);
});

after(async () => {
  await ff?.quit();
  sb?.stop();
});

const creates = async (id) => (await sb.admin(`log?operation=${CREATE}`)).filter((e) => e.path.includes(id));

/** The shadow root of the extension's control `feature` (for an order, when given). */
async function control(feature, orderId) {
  const css = orderId ? `[data-sp-outreach="${feature}"][data-order-id="${orderId}"]` : `[data-sp-outreach="${feature}"]`;
  return ff.shadow(await ff.until(() => ff.find(css)));
}

/** The status text of a control once it matches `done`. */
async function statusOf(shadow, done) {
  return ff.until(async () => {
    const t = await ff.text(await ff.findInShadow(shadow, '.status'));
    return done.test(t) && t;
  });
}

/** Request review → Send, in a control's shadow root. */
async function requestIn(shadow) {
  const button = await ff.until(async () => {
    const b = await ff.findInShadow(shadow, 'button');
    return (await ff.text(b)) === 'Request review' && b;
  });
  await ff.click(button);
  // Send in the extension's confirm frame.
  await ff.confirmIn(shadow);
}

test('Firefox: credentials, then Request review on an order page sends exactly once', async () => {
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  const app = scenario.applications[0];
  await ff.until(() => ff.find('html[data-ready=true] #clientId'));
  await ff.type(await ff.find('#clientId'), app.clientId);
  await ff.type(await ff.find('#clientSecret'), app.clientSecret);
  await ff.type(await ff.find('#refreshToken'), app.refreshToken);
  await ff.click(await ff.find('button[type=submit]'));
  await ff.until(async () => (await ff.text(await ff.find('#status'))) === 'Saved.');
  await ff.click(await ff.find('#test'));
  const result = await ff.until(async () => {
    const t = await ff.text(await ff.find('#status'));
    return /Connection (works|failed)/.test(t) && t;
  });
  assert.match(result, /Connection works/);

  const [order] = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === US && !o.refunded && !o.returned);
  used.add(order.amazonOrderId);
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const shadow = await control('request-review');
  await requestIn(shadow);
  assert.match(await statusOf(shadow, /Review requested|Not sent/), /Review requested/);
  assert.equal((await creates(order.amazonOrderId)).length, 1);
});

test('Firefox: an order whose page shows no marketplace goes with the one Amazon gives, from its details page and from the list', async () => {
  const [first, second] = (await ordersIn(sb, 'eligible')).filter((o) => hidden.includes(o.amazonOrderId));
  used.add(first.amazonOrderId).add(second.amazonOrderId);
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${first.amazonOrderId}`);
  const shadow = await control('request-review');
  assert.equal(await ff.run('return document.querySelector(\'[data-test-id="order-summary-sales-channel-value"]\').textContent'), '', 'the page names no channel');
  await requestIn(shadow);
  assert.match(await statusOf(shadow, /Review requested|Not sent/), /Review requested/);
  const [fromDetails] = await creates(first.amazonOrderId);
  assert.match(fromDetails.query, new RegExp(`marketplaceIds=${CA}`), fromDetails.query);

  await ff.goto('https://sellercentral.amazon.com/orders-v3');
  await ff.until(() => ff.find('#orders-table > tbody > tr [data-sp-outreach="row-review"]'));
  const onPage = await ff.run(`return !!document.querySelector('[data-sp-outreach="row-review"][data-order-id="${second.amazonOrderId}"]')`);
  if (!onPage) {
    await ff.click(await ff.find('div.pagination-controls li.a-last > a'));
    await ff.until(async () => /page=2$/.test(await ff.url()));
  }
  const row = await control('row-review', second.amazonOrderId);
  await requestIn(row);
  assert.match(await statusOf(row, /Review requested|Not sent/), /Review requested/);
  const [fromList] = await creates(second.amazonOrderId);
  assert.match(fromList.query, new RegExp(`marketplaceIds=${CA}`), fromList.query);
});

for (const [locale, lang] of [['de_DE', 'de'], ['ja_JP', 'ja']]) {
  test(`Firefox: a ${lang === 'de' ? 'German' : 'Japanese'} Seller Central UI gets every button`, async () => {
    const order = (await ordersIn(sb, 'eligible')).find((o) => o.marketplaceId === CA && !o.refunded && !o.returned && !used.has(o.amazonOrderId));
    await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}?mons_sel_locale=${locale}`);
    assert.equal(await ff.run('return document.documentElement.lang'), lang);
    const header = '[data-test-id="order-details-header-action-buttons"]';
    const review = await ff.shadow(await ff.until(() => ff.find(`${header} [data-sp-outreach="request-review"][data-anchor="preferred"]`)));
    await ff.until(async () => (await ff.text(await ff.findInShadow(review, 'button'))) === 'Request review');
    const message = await ff.shadow(await ff.until(() => ff.find(`${header} [data-sp-outreach="message-buyer"]`)));
    assert.equal(await ff.text(await ff.findInShadow(message, 'button')), 'Message buyer');

    // The list in the same language: the bar in the toolbar, a control on every Amazon order's row.
    await ff.goto('https://sellercentral.amazon.com/orders-v3');
    assert.equal(await ff.run('return document.documentElement.lang'), lang);
    await ff.until(() => ff.find('#myo-layout div.push-right [data-sp-outreach="bulk-bar"]'));
    const counts = await ff.until(async () => {
      const c = await ff.run(`
        const rows = [...document.querySelectorAll('#orders-table > tbody > tr')];
        const amazon = rows.filter((tr) => [...tr.querySelectorAll('a[href], kat-link')].some((a) => /^\\/orders-v3\\/order\\/\\d{3}-\\d{7}-\\d{7}$/.test(a.getAttribute('href'))));
        const hosts = document.querySelectorAll('[data-sp-outreach="row-review"]');
        const settled = [...hosts].every((h) => !/…/.test(h.shadowRoot.textContent));
        const buttons = [...hosts].filter((h) => h.shadowRoot.querySelector('button')).length;
        return { amazon: amazon.length, hosts: hosts.length, settled, buttons };`);
      return c.amazon > 0 && c.hosts === c.amazon && c.settled && c;
    });
    assert.ok(counts.amazon >= 20, JSON.stringify(counts));
    assert.ok(counts.buttons > 0, 'eligible rows have their Request review button');
    await ff.goto('https://sellercentral.amazon.com/orders-v3?mons_sel_locale=en_US');
  });
}

test('Firefox: Message buyer on an answer without _embedded sends a message', async () => {
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${linksOnly}`);
  const opener = await control('message-buyer');
  await ff.click(await ff.until(() => ff.findInShadow(opener, 'button')));
  const dialog = await control('message-dialog');
  const select = await ff.until(() => ff.findInShadow(dialog, 'select'));
  const titles = await ff.run('return [...arguments[0].options].map((o) => o.textContent)', ff.arg(select));
  assert.ok(titles.includes('Unexpected problem'), titles.join(', '));
  await ff.run('arguments[0].value = "unexpectedProblem"; arguments[0].dispatchEvent(new Event("change"));', ff.arg(select));
  const text = await ff.until(() => ff.findInShadow(dialog, 'textarea'));
  const send = await ff.findInShadow(dialog, 'button.primary');
  const before = (await sb.admin('log')).length;
  await ff.type(text, 'Sorry for the delay! Leave us a 5-star review and get a gift card.');
  await ff.until(() => ff.findInShadow(dialog, '.finding'));
  assert.equal(await ff.run('return arguments[0].disabled;', ff.arg(send)), true, 'Send is disabled');
  const posted = (await sb.admin('log')).slice(before).filter((e) => e.method === 'POST' && e.path.includes('/messages/'));
  assert.equal(posted.length, 0, 'the blocked text sent nothing');
  await ff.type(text, 'Sorry, your parcel was delayed by the carrier; it is now on its way.');
  await ff.until(() => ff.run('return !arguments[0].disabled;', ff.arg(send)));
  await ff.click(send);
  await ff.confirmIn(dialog);
  await ff.until(async () => /Sent \(Unexpected problem\)/.test(await ff.text(await ff.findInShadow(dialog, '.status'))));
  const state = (await sb.admin('orders')).orders.find((o) => o.amazonOrderId === linksOnly);
  assert.deepEqual(state.sent.filter((m) => m.kind === 'unexpectedProblem').map((m) => m.body.text), ['Sorry, your parcel was delayed by the carrier; it is now on its way.']);
});

test('Firefox: a 400 shows Amazon\'s reason', async () => {
  const order = (await ordersIn(sb, 'eligible')).find((o) => o.marketplaceId === US && !o.refunded && !o.returned && !used.has(o.amazonOrderId));
  used.add(order.amazonOrderId);
  const reason = 'marketplaceIds: Missing or invalid request parameter: marketplaceId';
  await sb.admin('faults', { method: 'POST', body: JSON.stringify({ operation: CREATE, status: 400, message: reason, times: 1 }) });
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const shadow = await control('request-review');
  await requestIn(shadow);
  assert.equal(await statusOf(shadow, /Not sent|Review requested/), `Not sent: Amazon refused the request: ${reason}.`);
});

test('Firefox: bulk across pushState paging finishes, and the bar says so', async () => {
  await sb.admin('faults', { method: 'PUT', body: JSON.stringify([{ operation: CREATE, latencyMs: 300 }]) });
  await ff.goto('https://sellercentral.amazon.com/orders-v3');
  const bar = await control('bulk-bar');
  await ff.until(() => ff.find('[data-sp-outreach="bulk-bar"][data-polled]'));
  const ids = await ff.until(async () => {
    const list = await ff.run('return [...document.querySelectorAll(\'[data-sp-outreach="row-review"]\')].map((h) => h.dataset.orderId)');
    return list.length >= 20 && list;
  });
  const { orders } = await sb.admin('orders');
  const eligible = orders.filter((o) => ids.includes(o.amazonOrderId) && o.reviewRequest === 'eligible' && !o.refunded && !o.returned).map((o) => o.amazonOrderId);
  assert.ok(eligible.length > 0);
  await ff.click(await ff.findInShadow(bar, 'button.primary'));
  // The run starts from the extension's confirm frame in the bar.
  await ff.confirmIn(bar);
  await ff.until(() => ff.find('[data-sp-outreach="bulk-bar"][data-state=running]'));
  await ff.click(await ff.find('div.pagination-controls li.a-last > a'));
  await ff.until(async () => /page=2$/.test(await ff.url()));
  // The run's end: every order done, or waiting for its window (scheduled).
  const ended = await ff.until(() => ff.find('[data-sp-outreach="bulk-bar"][data-state=done], [data-sp-outreach="bulk-bar"][data-state=scheduled]'), 120000);
  const line = await ff.text(await ff.findInShadow(await ff.shadow(ended), '.status'));
  const [, done, total, sent] = line.match(/^(\d+)\/(\d+) done · (\d+) sent/).map(Number);
  const scheduled = Number(line.match(/(\d+) scheduled/)?.[1] ?? 0);
  assert.equal(total, ids.length, line);
  assert.equal(done + scheduled, total, line);
  assert.equal(sent, eligible.length, line);
  if (!scheduled) assert.match(line, /finished$/);
  const after = (await sb.admin('orders')).orders;
  assert.deepEqual(eligible.filter((id) => after.find((o) => o.amazonOrderId === id).reviewRequest !== 'alreadyRequested'), [], 'every eligible order of the page requested');
  for (const id of eligible) assert.equal((await creates(id)).filter((e) => e.status === 201).length, 1, id);
  console.log(`Firefox bulk across paging: "${line}"`);
  await sb.admin('faults', { method: 'DELETE' });
});

test('Firefox: without the Orders role the seller is asked for the marketplace, and nothing is sent until they choose', async () => {
  // Last: the application loses the Inventory and Order Tracking role, and the extension forgets
  // what Amazon said of the orders (the seller cleared its data).
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify({ ...scenario, applications: [{ ...scenario.applications[0], roles: ['buyerCommunication', 'buyerSolicitation'] }] }) });
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  await ff.until(() => ff.find('html[data-ready=true]'));
  await ff.runAsync('import("/store.js").then((s) => s.remove("orders")).then(() => arguments[0](true), (e) => arguments[0](String(e)))');
  const order = (await ordersIn(sb, 'eligible')).find((o) => hidden.includes(o.amazonOrderId) && !used.has(o.amazonOrderId));
  const before = (await sb.admin('log')).length;
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const shadow = await control('request-review');
  const select = await ff.until(() => ff.findInShadow(shadow, 'select'));
  const why = await ff.text(await ff.findInShadow(shadow, '.status'));
  assert.match(why, /Which marketplace is this order in\? .*Inventory and Order Tracking/, why);
  await new Promise((r) => setTimeout(r, 1000));
  const asked = (await sb.admin('log')).slice(before).filter((e) => e.path.includes(order.amazonOrderId));
  assert.ok(asked.length > 0 && asked.every((e) => e.operation === 'getOrder' && e.status === 403), JSON.stringify(asked.map((e) => [e.operation, e.status])));
  await ff.run(`arguments[0].value = "${CA}"; arguments[0].dispatchEvent(new Event("change"));`, ff.arg(select));
  await ff.click(await ff.until(() => ff.findInShadow(shadow, 'button:not([disabled])')));
  await requestIn(shadow);
  assert.match(await statusOf(shadow, /Review requested|Not sent/), /Review requested/);
  const [create] = await creates(order.amazonOrderId);
  assert.match(create.query, new RegExp(`marketplaceIds=${CA}`));
});
