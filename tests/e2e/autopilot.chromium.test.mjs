// Guided setup and autopilot (issue #14) in Chromium with the shipped dist/chrome, unchanged, against
// sp-sandbox --tls answering for the real Amazon host names (10× Amazon's rate).
//
// Time: the extension plans by Amazon's clock, which it reads from the `Date` of Amazon's answers
// (extension/background.js learnTime): the test moves sp-sandbox's clock (POST /_sandbox/clock) and
// the extension sees the days pass, with no test hook in the shipped build. Why not the browser's
// clock: Playwright's clock and CDP's virtual time reach pages, not an extension's service worker,
// and alarms fire on real time; and a planner on the local clock would be wrong on a seller's machine
// whose clock is off. "Check now" on the dashboard (a feature: the seller's own button) runs a pass at
// once instead of waiting for the 5-minute alarm.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './sandbox.mjs';
import { launchChromium, openOptions } from './browser.mjs';
import { autopilotWorld, US, UK, DE, CA } from './autopilot-world.mjs';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const DAY = 86400000;
const { world, app, file, dir } = autopilotWorld();
let sb, context, profile, extensionId;

before(async () => {
  sb = await startSandbox(['--rate-scale', '10'], { scenarioFile: file });
  profile = mkdtempSync(join(tmpdir(), 'spo-autopilot-profile-'));
  ({ context, extensionId } = await launchChromium(profile, sb.port));
});

after(async () => {
  await context?.close();
  sb?.stop();
  rmSync(profile, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const status = (page) => page.getByRole('status').first();

test('setup from nothing through the guide: shapes checked as pasted, a wrong secret, a missing role, a region without a token', async () => {
  const page = await openOptions(context, extensionId);
  // The guide: a Develop Apps link per region, the three roles and what each is for.
  const links = await page.locator('#guide a').evaluateAll((as) => as.map((a) => a.href));
  assert.deepEqual(links.map((h) => new URL(h).host), ['sellercentral.amazon.com', 'sellercentral-europe.amazon.com', 'sellercentral.amazon.co.jp']);
  for (const role of ['Buyer Solicitation', 'Buyer Communication', 'Inventory and Order Tracking']) await page.locator('#guide').getByText(role, { exact: true }).waitFor();

  // Pasted in the wrong field, or with the label: a plain error, from the core's shape rules.
  await page.getByLabel('LWA client ID').fill(app.refreshTokens.na);
  await page.locator('#clientId-problem').filter({ hasText: 'refresh token' }).waitFor();
  await page.getByLabel('LWA client ID').fill(`Client identifier ${app.clientId}`);
  await page.locator('#clientId-problem').filter({ hasText: 'space or a line break' }).waitFor();
  await page.getByLabel('LWA client ID').fill(app.clientId);
  await page.locator('#clientId-problem:empty').waitFor({ state: 'attached' });
  await page.getByLabel('Refresh token').fill('Atza|an-access-token-not-a-refresh-one');
  await page.locator('#refreshToken-problem').filter({ hasText: 'access token' }).waitFor();
  // Saved anyway: refused, nothing stored.
  await page.getByLabel('LWA client secret').fill('wrong-secret-value');
  await page.getByRole('button', { name: 'Save' }).click();
  await status(page).filter({ hasText: /access token/ }).waitFor();

  // A wrong secret: Amazon refuses the client; said in plain words.
  await page.getByLabel('Refresh token').fill(app.refreshTokens.na);
  await page.getByRole('button', { name: 'Save' }).click();
  await status(page).filter({ hasText: 'Saved.' }).waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await status(page).filter({ hasText: 'Connection failed' }).waitFor();
  assert.match(await status(page).textContent(), /client secret|client id/i);

  // The right secret: North America works, with the marketplaces Amazon lists.
  await page.getByLabel('LWA client secret').fill(app.clientSecret);
  await page.getByRole('button', { name: 'Save' }).click();
  await status(page).filter({ hasText: 'Saved.' }).waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await status(page).filter({ hasText: 'Connection works in North America' }).waitFor();
  await page.locator('#report li').first().waitFor();
  assert.equal(await page.locator('#report li').first().textContent(), 'You sell in: Amazon.ca, Amazon.com', await page.locator('#report').textContent());

  // Europe has no token yet: off, and said so; its Test connection says what to do.
  await page.locator('#tokens li[data-region=eu]').filter({ hasText: 'no token' }).waitFor();
  await page.getByLabel('Region').selectOption('eu');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await status(page).filter({ hasText: 'this region is off' }).waitFor();
  // A European Seller Central page says so instead of failing.
  const uk = world.orders.find((o) => o.marketplaceId === UK && o.status === 'Shipped');
  const sc = await context.newPage();
  await sc.goto(`https://sellercentral.amazon.co.uk/orders-v3/order/${uk.amazonOrderId}`);
  await sc.getByText(/No refresh token for Europe: this region is off/).waitFor();
  await sc.close();

  // A missing role: the token works, the report names the role and what it is for.
  const limited = { ...world, applications: [{ ...app, roles: ['buyerCommunication', 'inventoryAndOrderTracking'] }] };
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify(limited) });
  await page.getByLabel('Refresh token').fill(app.refreshTokens.eu);
  await page.getByRole('button', { name: 'Save' }).click();
  await status(page).filter({ hasText: 'Saved.' }).waitFor();
  await page.locator('#tokens li[data-region=eu]').filter({ hasText: 'token saved' }).waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await status(page).filter({ hasText: 'roles are missing: Buyer Solicitation' }).waitFor();
  await page.locator('#report li.missing').filter({ hasText: 'Buyer Solicitation' }).waitFor();
  // Back to the whole scenario (the clock and the orders as they were loaded).
  await sb.admin('scenario', { method: 'PUT', body: JSON.stringify(world) });
  await page.getByRole('button', { name: 'Test connection' }).click();
  await status(page).filter({ hasText: 'Connection works in Europe' }).waitFor();
  await page.close();
});

/** The autopilot's status as the dashboard asks for it. */
const apStatus = (page) => page.evaluate(() => chrome.runtime.sendMessage({ type: 'autopilotStatus' }).then((a) => a.result));

/** Clicks "Check now" and waits until the queue has nothing left to send now (an order Amazon
 * does not offer yet waits there for its recheck: scheduled, not in flight). */
async function checkNow(page) {
  await page.getByRole('button', { name: 'Check now' }).click();
  await page.getByRole('button', { name: 'Check now' }).and(page.locator(':enabled')).waitFor({ timeout: 60000 });
  for (let i = 0; i < 300; i++) {
    const bulk = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'bulkStatus' }).then((a) => a.result));
    if (!bulk.orders.some((o) => ['queued', 'sending', 'resolving'].includes(o.stage))) return;
    await page.waitForTimeout(200);
  }
  throw new Error('the queue did not settle');
}

test('autopilot on for two marketplaces over five weeks: each eligible order once, on its day; exclusions with reasons; a worker kill; a revoked token stops it with a warning', async () => {
  const options = await openOptions(context, extensionId);
  // Turned on per marketplace, on the first eligible day; UK with a daily cap of 2.
  await options.getByLabel('Autopilot in Amazon.com', { exact: true }).check();
  await options.getByLabel('Autopilot in Amazon.co.uk', { exact: true }).check();
  await options.getByLabel('Daily cap in Amazon.co.uk', { exact: true }).fill('2');
  await options.getByRole('button', { name: 'Save' }).click();
  await status(options).filter({ hasText: 'Saved.' }).waitFor();
  await options.locator('#exclusions').getByText(/Not skipped: refunded and returned/).waitFor();
  await options.close();

  await sb.admin('log', { method: 'DELETE' });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard/dashboard.html`);
  await page.locator('html[data-ready=true]').waitFor();
  /** When each create was answered, on Amazon's clock, by order. */
  const sentAt = new Map();
  const clockNow = async () => Date.parse((await sb.admin('clock')).now);
  const start = await clockNow();
  // A pass every third day over five weeks: 13 looks per region, within searchOrders' burst of 20
  // (the core's limiter keeps Amazon's rate, whatever the emulator's scale).
  const STEP = 3;
  for (let day = 0; day <= 36; day += STEP) {
    if (day) await sb.admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: STEP * 86400 }) });
    if (day === 15) {
      // Stop the service worker in the middle of a pass (DevTools protocol: closing its target ends
      // it; the dashboard's next message starts a fresh one, which goes on from storage).
      await page.getByRole('button', { name: 'Check now' }).click();
      await page.waitForTimeout(150);
      const cdp = await context.newCDPSession(page);
      const sw = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
      await cdp.send('Target.closeTarget', { targetId: sw.targetId });
      await page.waitForTimeout(500);
    }
    await checkNow(page);
    const now = await clockNow();
    for (const e of (await sb.admin('log')).filter((x) => x.operation === CREATE && x.status === 201)) {
      const orderId = e.path.split('/')[4];
      if (!sentAt.has(orderId)) sentAt.set(orderId, now);
    }
  }
  const creates = (await sb.admin('log')).filter((e) => e.operation === CREATE);
  const per = new Map();
  for (const e of creates) per.set(e.path.split('/')[4], (per.get(e.path.split('/')[4]) ?? 0) + 1);
  const twice = [...per].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], 'no order gets two creates');

  const seen = await apStatus(page);
  console.log(`autopilot: ${JSON.stringify({ lastError: seen.lastError, lastLook: seen.lastLook, markets: seen.markets.map(({ name, sent, planned, queued, waiting, skippedWhy, regionOff }) => ({ name, sent, planned, queued, waiting, skippedWhy, regionOff })) })}`);
  const byId = new Map(world.orders.map((o) => [o.amazonOrderId, o]));
  const eligible = world.orders.filter((o) => [US, UK].includes(o.marketplaceId) && o.status === 'Shipped' && !o.solicitedAt && !o.lastUpdatedDate).map((o) => o.amazonOrderId);
  assert.deepEqual([...per.keys()].sort(), eligible.sort(), 'exactly the eligible orders of the two marketplaces, each once');
  // On its day: the window opens 5 days after the earliest delivery date (the first eligible day);
  // the passes are STEP days apart, so each went at the first pass on or after it.
  for (const [orderId, at] of sentAt) {
    const o = byId.get(orderId);
    const opens = start + (Number(o.earliestDeliveryDate.replace('now', '').replace('d', '')) + 5) * DAY;
    assert.ok(at >= opens - 60000, `${orderId} not before its window opened`);
    assert.ok(at < Math.max(opens, start) + STEP * DAY + 60000, `${orderId} at the first pass after its window opened`);
  }

  // What the dashboard says, per marketplace: sent, skipped and why.
  const st = await apStatus(page);
  const us = st.markets.find((m) => m.marketplaceId === US);
  const uk = st.markets.find((m) => m.marketplaceId === UK);
  assert.equal(us.sent, 8);
  assert.equal(uk.sent, 5);
  // Requested already in Seller Central: Amazon offers no request, and the queue says so.
  assert.deepEqual(us.skippedWhy, { canceled: 2, windowClosed: 1, notOffered: 1 }, JSON.stringify(us));
  assert.deepEqual(uk.skippedWhy, { canceled: 1 });
  assert.equal(us.queued + uk.queued + us.planned + uk.planned, 0, 'nothing left');
  assert.equal(st.markets.some((m) => m.marketplaceId === DE || m.marketplaceId === CA), false, 'off: nothing there');
  await page.locator(`.market[data-marketplace=${US}] .ap-skipped`).getByText(/canceled \(2\)/).waitFor();

  // The seller revokes the app in Seller Central: the next pass stops and warns everywhere.
  await sb.admin('tokens/revoke', { method: 'POST', body: JSON.stringify({ refreshToken: app.refreshTokens.na }) });
  await sb.admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 86400 }) });
  await page.getByRole('button', { name: 'Check now' }).click();
  await page.locator('#apStopped').filter({ hasText: 'Autopilot stopped' }).waitFor();
  await page.getByRole('button', { name: 'Resume autopilot' }).waitFor();
  const badge = await context.serviceWorkers()[0].evaluate(() => chrome.action.getBadgeText({}));
  assert.equal(badge, '!');
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await page.locator('#autopilot').filter({ hasText: 'Autopilot stopped' }).waitFor();
  await page.close();
});
