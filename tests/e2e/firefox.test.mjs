// The shipped dist/firefox, unchanged, in real Firefox ESR via geckodriver, against sp-sandbox
// --tls. Firefox has no --host-resolver-rules: `network.dns.forceResolve` sends every host name to
// 127.0.0.1, so the emulator listens on 443, the port the real host names use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, scenario, ordersIn } from './sandbox.mjs';
import { startFirefox } from './webdriver.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ID = 'sp-outreach@sp-outreach.dev';
const UUID = '5b0f4c1e-9a1e-4b7c-8a38-2f6c5d1e0a11';
let sb, ff;

before(async () => {
  sb = await startSandbox(['--port', '443']);
  ff = await startFirefox({
    prefs: {
      'network.dns.forceResolve': '127.0.0.1',
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
