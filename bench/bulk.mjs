// `make bench`, the bulk part: 200 eligible orders requested from the orders list ("all pages") by
// the shipped dist/chrome in Chromium, against sp-sandbox --tls at --rate-scale 10 (a ceiling of 10
// creates/s): achieved rate ÷ ceiling, 429s received, duplicates, orders lost — clean, with the
// service worker stopped 3 times mid-run (DevTools protocol), and with 5% injected faults (503s and
// connections dropped after processing). Prints a table; not a timed test.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../tests/e2e/sandbox.mjs';
import { launchChromium, enterCredentials } from '../tests/e2e/browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const ORDERS = 200;
// 10× Amazon's rate: a pace the browser's CPU keeps up with on this 2-core machine, so the rate
// limit is what is measured. At 20× the clean run's ratio went from 0.68 to 0.95 with the machine's
// load (the browser's service worker, TLS and the stores before each send); at 10× it was 1.02 in
// each run (issue #16 item 5). BENCH_RATE_SCALE=20 to try another.
const SCALE = Number(process.env.BENCH_RATE_SCALE) || 10;
const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const app = { clientId: 'amzn1.application-oa2-client.bench', clientSecret: 'bench-secret', refreshToken: 'Atzr|bench-refresh' };
const orders = Array.from({ length: ORDERS }, (_, i) => ({
  amazonOrderId: `113-${String(1000000 + i)}-${String(2000000 + i)}`, marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped',
  purchaseDate: `now-${12 + (i % 7)}d`, earliestDeliveryDate: 'now-10d', latestDeliveryDate: 'now-9d', buyerLocale: 'en-US',
  details: { buyerName: `Buyer ${i}`, salesChannel: 'Amazon.com', items: [{ title: 'Bench item', quantity: 1 }] },
}));
mkdirSync(`${root}target`, { recursive: true });
const scenarioFile = `${root}target/bench-orders.json`;
writeFileSync(scenarioFile, JSON.stringify({ applications: [app], orders }));

const sb = await startSandbox(['--rate-scale', String(SCALE)], { scenarioFile });
const profile = mkdtempSync(join(tmpdir(), 'spo-bench-'));
const { context, extensionId: id } = await launchChromium(profile, sb.port);
const rows = [];
try {
  const options = await enterCredentials(context, id, app);

  for (const run of [
    { name: 'clean', faults: [] },
    { name: 'worker stopped 3×', faults: [], stops: 3 },
    { name: '5% faults (503, drop after)', faults: [{ operation: '*', status: 503, probability: 0.05 }, { operation: CREATE, drop: 'after', probability: 0.05 }, { operation: 'getSolicitationActionsForOrder', drop: 'after', probability: 0.05 }] },
  ]) {
    await sb.admin('reset', { method: 'POST' });
    await sb.admin('faults', { method: 'PUT', body: JSON.stringify(run.faults) });
    await options.evaluate(async () => (await import('/store.js')).remove(['history', 'bulk']));
    const page = await context.newPage();
    await page.goto('https://sellercentral.amazon.com/orders-v3');
    await page.locator('[data-sp-outreach="bulk-bar"][data-polled]').waitFor();
    // The list renders its rows after the page loads; "all pages" collects what the list shows.
    await page.locator('#orders-table > tbody > tr').first().waitFor();
    const previous = await page.locator('[data-sp-outreach="bulk-bar"]').getAttribute('data-run');
    await page.getByRole('button', { name: 'Request reviews (all pages)' }).click();
    // The run starts from the extension's confirm frame in the bar.
    await page.locator('[data-sp-outreach="bulk-bar"]').frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
    const bar = page.locator(`[data-sp-outreach="bulk-bar"]:not([data-run="${previous}"])`);
    // Stopped mid-run: after the run has started (collecting the pages takes seconds, and a worker
    // stopped while it answers the start loses the answer: the bar then says so and stops polling).
    if (run.stops) await bar.waitFor();
    for (let i = 0; i < (run.stops ?? 0); i++) {
      await page.waitForTimeout(2000);
      const cdp = await context.newCDPSession(page);
      const sw = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(id));
      if (sw) await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    }
    await bar.getByText(new RegExp(`^${ORDERS}/${ORDERS} done.*finished`)).waitFor({ timeout: 300000 });
    const line = await bar.getByRole('status').textContent();
    const log = await sb.admin('log');
    const creates = log.filter((e) => e.operation === CREATE);
    const processed = creates.filter((e) => e.status === 201);
    const perOrder = new Map();
    for (const e of processed) perOrder.set(e.path, (perOrder.get(e.path) ?? 0) + 1);
    const { orders: state } = await sb.admin('orders');
    const times = processed.map((e) => Date.parse(e.time)).sort((a, b) => a - b);
    const seconds = (times.at(-1) - times[0]) / 1000;
    rows.push({
      run: run.name, sent: processed.length, seconds: seconds.toFixed(1),
      ratio: ((processed.length - 1) / seconds / SCALE).toFixed(2),
      throttled: log.filter((e) => e.status === 429).length,
      throttledAt: log.filter((e) => e.status === 429).map((e) => `${e.operation}@${e.seq}`).join(' '),
      duplicates: [...perOrder.values()].filter((n) => n > 1).length,
      lost: state.filter((o) => o.reviewRequest !== 'alreadyRequested').length,
      line,
    });
    await page.close();
  }
} finally {
  await context.close();
  sb.stop();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`\nBulk review requests: ${ORDERS} eligible orders, all pages, ceiling ${SCALE} creates/s (sp-sandbox --rate-scale ${SCALE})`);
console.log('| run | sent | seconds | rate ÷ ceiling (goal ≥ 0.95) | 429s (goal 0) | duplicates (0) | lost (0) | the bar said |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.run} | ${r.sent} | ${r.seconds} | ${r.ratio} | ${r.throttled} | ${r.duplicates} | ${r.lost} | ${r.line} |`);
if (process.env.BENCH_DEBUG) for (const r of rows) console.log(r.run, r.throttledAt);
