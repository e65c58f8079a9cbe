// Guided setup and autopilot (issue #14) in real Firefox ESR with the shipped dist/firefox, unchanged,
// against sp-sandbox --proxy (10× Amazon's rate), the same scenario as the Chromium test
// (autopilot-world.mjs). Time is Amazon's: the test moves sp-sandbox's clock, which the extension
// reads from the `Date` of Amazon's answers (autopilot.chromium.test.mjs says why); "Check now" on
// the dashboard runs a pass at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startSandbox } from './sandbox.mjs';
import { startFirefox, proxyPrefs } from './webdriver.mjs';
import { autopilotWorld, US, UK } from './autopilot-world.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ID = 'sp-outreach@sp-outreach.dev';
const UUID = '7c2e1a40-3b9d-4f5e-9c61-1d2e3f4a5b6c';
const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const { world, app, file, dir } = autopilotWorld();
let sb, ff;

before(async () => {
  sb = await startSandbox(['--rate-scale', '10'], { proxy: true, scenarioFile: file });
  ff = await startFirefox({ prefs: { ...proxyPrefs(sb.port), 'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }) } });
  await ff.installAddon(`${root}dist/firefox`);
});

after(async () => {
  await ff?.quit();
  sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const textOf = async (css) => ff.text(await ff.find(css));
/** Waits until the element's text matches `re`; returns it. */
const until = (css, re, ms) => ff.until(async () => {
  const t = await textOf(css);
  return re.test(t) && t;
}, ms);

const clear = () => ff.run('document.getElementById("status").textContent = ""');

async function save() {
  await clear();
  await ff.click(await ff.find('button[type=submit]'));
  return until('#status', /Saved\.|\S/);
}

async function testConnection() {
  await clear();
  await ff.click(await ff.find('#test'));
  return until('#status', /^(Connection|Connected)/);
}

test('Firefox: setup from nothing through the guide: shapes, a wrong secret, a missing role, a region without a token', async () => {
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  await ff.until(() => ff.find('html[data-ready=true] #clientId'));
  const hosts = await ff.run('return [...document.querySelectorAll("#guide a")].map((a) => new URL(a.href).host)');
  assert.deepEqual(hosts, ['sellercentral.amazon.com', 'sellercentral-europe.amazon.com', 'sellercentral.amazon.co.jp']);
  await ff.type(await ff.find('#clientId'), app.refreshTokens.na);
  await until('#clientId-problem', /refresh token/);
  await ff.type(await ff.find('#clientId'), app.clientId);
  await ff.until(async () => (await ff.run('return document.getElementById("clientId-problem").textContent')) === '');
  await ff.type(await ff.find('#clientSecret'), 'wrong-secret-value');
  await ff.type(await ff.find('#refreshToken'), app.refreshTokens.na);
  assert.equal(await save(), 'Saved.');
  assert.match(await testConnection(), /Connection failed.*(client secret|client id)/i);
  await ff.type(await ff.find('#clientSecret'), app.clientSecret);
  assert.equal(await save(), 'Saved.');
  assert.match(await testConnection(), /Connection works in North America/);
  await until('#report', /You sell in: Amazon\.ca, Amazon\.com/);
  await until('#tokens li[data-region=eu]', /no token/);
  await ff.run('const s = document.getElementById("region"); s.value = "eu"; s.dispatchEvent(new Event("change"));');
  assert.match(await testConnection(), /this region is off/);
  const limited = { ...world, applications: [{ ...app, roles: ['buyerCommunication', 'inventoryAndOrderTracking'] }] };
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify(limited) });
  await ff.type(await ff.find('#refreshToken'), app.refreshTokens.eu);
  assert.equal(await save(), 'Saved.');
  assert.match(await testConnection(), /roles are missing: Buyer Solicitation/);
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify(world) });
  assert.match(await testConnection(), /Connection works in Europe/);
});

test('Firefox: autopilot on for two marketplaces over five weeks sends each eligible order once, skips with reasons, stops on a revoked token', async () => {
  await ff.openPrivileged(`moz-extension://${UUID}/options/options.html`);
  await ff.until(() => ff.find('html[data-ready=true] #clientId'));
  await ff.click(await ff.find(`input[name=autopilot-${US}]`));
  await ff.click(await ff.find(`input[name=autopilot-${UK}]`));
  assert.equal(await save(), 'Saved.');
  await until('#exclusions', /Not skipped: refunded and returned/);
  await sb.admin('log', { method: 'DELETE' });

  await ff.openPrivileged(`moz-extension://${UUID}/dashboard/dashboard.html`);
  await ff.until(() => ff.find('html[data-ready=true] #apCheck'));
  const pass = async () => {
    await ff.click(await ff.find('#apCheck'));
    await ff.until(async () => !(await ff.run('return document.getElementById("apCheck").disabled')), 60000);
  };
  for (let day = 0; day <= 36; day += 3) {
    if (day) await sb.admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 3 * 86400 }) });
    await pass();
    // The queue sends what was handed to it (a few orders, at 10× the rate) before days move on.
    await new Promise((r) => setTimeout(r, 2500));
  }
  await pass();
  const creates = await sb.admin(`log?operation=${CREATE}`);
  const per = new Map();
  for (const e of creates) per.set(e.path.split('/')[4], (per.get(e.path.split('/')[4]) ?? 0) + 1);
  assert.deepEqual([...per].filter(([, n]) => n > 1), [], 'no order gets two creates');
  const eligible = world.orders.filter((o) => [US, UK].includes(o.marketplaceId) && o.status === 'Shipped' && !o.solicitedAt && !o.lastUpdatedDate).map((o) => o.amazonOrderId);
  assert.deepEqual([...per.keys()].sort(), eligible.sort(), 'exactly the eligible orders of the two marketplaces, each once');
  await until(`.market[data-marketplace=${US}] .ap-line`, /Amazon\.com: 8 sent/, 15000);
  await until(`.market[data-marketplace=${UK}] .ap-line`, /Amazon\.co\.uk: 5 sent/, 15000);
  const why = await textOf(`.market[data-marketplace=${US}] .ap-skipped`);
  assert.match(why, /canceled \(2\)/);
  assert.match(why, /More than 30 days after delivery · no request \(1\)/);

  await sb.admin('tokens/revoke', { method: 'POST', body: JSON.stringify({ refreshToken: app.refreshTokens.na }) });
  await sb.admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 86400 }) });
  await pass();
  await until('#apStopped', /Autopilot stopped/);
  await ff.openPrivileged(`moz-extension://${UUID}/popup/popup.html`);
  await until('#autopilot', /Autopilot stopped/);
});
