// The shipped dist/firefox, unchanged, in real Firefox ESR via geckodriver, against sp-sandbox
// --proxy. Firefox has no --host-resolver-rules: its proxy prefs send every request to the
// emulator, which answers CONNECT for the Amazon host names and S3 and terminates their TLS
// (acceptInsecureCerts), so it runs on any free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, scenario, ordersIn } from './sandbox.mjs';
import { startFirefox, proxyPrefs } from './webdriver.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ID = 'sp-outreach@sp-outreach.dev';
const UUID = '5b0f4c1e-9a1e-4b7c-8a38-2f6c5d1e0a11';
let sb, ff;

before(async () => {
  sb = await startSandbox([], { proxy: true });
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

  const [order] = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === 'ATVPDKIKX0DER');
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const host = await ff.until(() => ff.find('[data-sp-outreach="request-review"]'));
  const shadow = await ff.shadow(host);
  const button = await ff.until(() => ff.findInShadow(shadow, 'button.primary'));
  assert.equal(await ff.text(button), 'Request review');
  await ff.click(button);
  await ff.click(await ff.until(() => ff.findInShadow(shadow, 'button.primary')));
  const status = await ff.until(async () => {
    const t = await ff.text(await ff.findInShadow(shadow, '.status'));
    return /Review requested|Not sent/.test(t) && t;
  });
  assert.match(status, /Review requested/);
  const log = await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation');
  assert.equal(log.filter((e) => e.path.includes(order.amazonOrderId)).length, 1);
});

test('Firefox: a message with text; a policy-breaking text is blocked and sends nothing', async () => {
  const { orders } = await sb.admin('orders');
  const order = orders.find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && o.status === 'Shipped' && o.messageKinds.includes('unexpectedProblem'));
  await ff.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
  const opener = await ff.shadow(await ff.until(() => ff.find('[data-sp-outreach="message-buyer"]')));
  await ff.click(await ff.until(() => ff.findInShadow(opener, 'button')));
  const dialog = await ff.shadow(await ff.until(() => ff.find('[data-sp-outreach="message-dialog"]')));
  const select = await ff.until(() => ff.findInShadow(dialog, 'select'));
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
  await ff.until(async () => /Sent \(Unexpected problem\)/.test(await ff.text(await ff.findInShadow(dialog, '.status'))));
  const state = (await sb.admin('orders')).orders.find((o) => o.amazonOrderId === order.amazonOrderId);
  assert.deepEqual(state.sent.filter((m) => m.kind === 'unexpectedProblem').map((m) => m.body.text), ['Sorry, your parcel was delayed by the carrier; it is now on its way.']);
});
