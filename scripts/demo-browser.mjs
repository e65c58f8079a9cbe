// `make demo`, the browser part: sp-sandbox --tls with the demo scenario answers for Seller Central,
// SP-API and Login with Amazon; Chromium starts with the built extension (dist/chrome) and a fresh
// profile, the demo credentials are entered on the options page, and the demo orders page opens.
// With a display the browser stays open until you close it; without one it runs headless, requests
// a review on an eligible order, saves screenshots to target/demo/ and prints a summary.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, scenario, ordersIn } from '../tests/e2e/sandbox.mjs';
import { launchChromium, enterCredentials } from '../tests/e2e/browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const shots = `${root}target/demo`;
const headless = !process.env.DISPLAY;

const sb = await startSandbox();
const profile = mkdtempSync(join(tmpdir(), 'spo-demo-'));
const { context, extensionId: id } = await launchChromium(profile, sb.port, { headless, viewport: { width: 1280, height: 860 } });
const cleanup = async () => {
  await context.close().catch(() => {});
  sb.stop();
  rmSync(profile, { recursive: true, force: true });
};
try {
  mkdirSync(shots, { recursive: true });

  const options = await enterCredentials(context, id, scenario.applications[0]);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await options.getByText(/Connection works|Connection failed/).waitFor();
  const connection = await options.getByRole('status').textContent();
  await options.screenshot({ path: `${shots}/1-options.png` });
  if (headless) await options.close();

  // The orders list of the seller's region (sellercentral.amazon.com: US and CA orders), each
  // order with its control in the action column once the page's late rows are there.
  const list = await context.newPage();
  await list.goto('https://sellercentral.amazon.com/orders-v3');
  await list.locator('#orders-table > tbody > tr').first().waitFor();
  await list.locator('td.myo-table-action-column [data-sp-outreach="row-review"]').first().waitFor();
  await list.waitForTimeout(500);
  await list.screenshot({ path: `${shots}/2-orders.png` });
  const rows = await list.locator('td.myo-table-action-column [data-sp-outreach="row-review"]').count();

  if (!headless) {
    console.log(`Chromium is open on the demo orders page with SP Outreach loaded (${connection}). Close the browser to stop.`);
    await new Promise((resolve) => context.on('close', resolve));
  } else {
    const [order] = (await ordersIn(sb, 'eligible')).filter((o) => o.marketplaceId === 'ATVPDKIKX0DER');
    const page = await context.newPage();
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${order.amazonOrderId}`);
    await page.getByRole('button', { name: 'Request review', exact: true }).click();
    // The confirmation is the extension's own frame (issue #12): the seller's click there sends.
    await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).waitFor();
    await page.screenshot({ path: `${shots}/3-confirm.png` });
    await page.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
    await page.getByText(/Review requested|Not sent/).waitFor();
    const result = await page.locator('[data-sp-outreach="request-review"]').evaluate((h) => h.shadowRoot.textContent.trim().split('\n').pop().trim());
    await page.screenshot({ path: `${shots}/4-requested.png` });
    // Message buyer on an order in transit: a policy-breaking draft is blocked, a good one sent.
    const { orders } = await sb.admin('orders');
    const transit = orders.find((o) => o.marketplaceId === 'ATVPDKIKX0DER' && o.status === 'Shipped' && o.messageKinds.includes('confirmDeliveryDetails'));
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${transit.amazonOrderId}`);
    await page.getByRole('button', { name: 'Message buyer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind of message').selectOption('confirmDeliveryDetails');
    const text = dialog.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill('Your parcel arrives on Thursday. Please leave us a 5-star review!');
    await dialog.locator('.finding').first().waitFor();
    await page.screenshot({ path: `${shots}/5-message-blocked.png` });
    await text.fill('Your parcel arrives on Thursday between 9 and 12.');
    await page.waitForFunction(() => !document.querySelector('[data-sp-outreach="message-dialog"]').shadowRoot.querySelector('button.primary').disabled);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.frameLocator('iframe[data-sp-outreach="confirm"]').getByRole('button', { name: 'Send' }).click();
    await dialog.getByText(/Sent|Not sent/).waitFor();
    const messageResult = await dialog.getByRole('status').last().textContent();
    await page.screenshot({ path: `${shots}/6-message-sent.png` });
    await page.keyboard.press('Escape');
    const [late] = (await ordersIn(sb, 'outsideWindow')).filter((o) => o.marketplaceId === 'ATVPDKIKX0DER');
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${late.amazonOrderId}`);
    await page.getByText(/Not eligible|Not yet|Not sent/).waitFor();
    await page.screenshot({ path: `${shots}/7-not-eligible.png` });
    const lateResult = await page.locator('[data-sp-outreach="request-review"]').evaluate((h) => h.shadowRoot.querySelector('.status').textContent);
    // The same list with Seller Central's UI in German (the seller's language, not the marketplace's).
    await page.goto('https://sellercentral.amazon.com/orders-v3?mons_sel_locale=de_DE');
    await page.locator('td.myo-table-action-column [data-sp-outreach="row-review"]').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shots}/8-orders-de.png` });
    const creates = (await sb.admin('log?operation=createProductReviewAndSellerFeedbackSolicitation')).length;
    console.log(`\nBrowser demo (headless Chromium, SP Outreach from dist/chrome, sp-sandbox at ${sb.url} answering as Amazon)`);
    console.log(`  options page: ${connection}`);
    console.log(`  orders page: ${rows} orders with their control on https://sellercentral.amazon.com/orders-v3`);
    console.log(`  order ${order.amazonOrderId}: ${result}`);
    console.log(`  order ${transit.amazonOrderId}: "…leave us a 5-star review!" underlined and unsendable; then ${messageResult}`);
    console.log(`  order ${late.amazonOrderId}: ${lateResult}`);
    console.log(`  sp-sandbox received ${creates} review request(s)`);
    console.log(`  screenshots: ${shots}/1-options.png … 8-orders-de.png`);
  }
} finally {
  await cleanup();
}
