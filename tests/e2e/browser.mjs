// Chromium with the shipped dist/chrome, sending the real Amazon host names to sp-sandbox
// (toolchain.md "Testing the shipped extension against real host names"), and the options-page
// steps every browser test, the demo and the bench begin with.
import { chromium } from 'playwright-core';

const root = new URL('../..', import.meta.url).pathname;
export const AMAZON_HOSTS = ['sellercentral.amazon.com', 'sellercentral.amazon.co.uk', 'sellercentral.amazon.de', 'sellercentral.amazon.co.jp',
  'sellingpartnerapi-na.amazon.com', 'sellingpartnerapi-eu.amazon.com', 'sellingpartnerapi-fe.amazon.com', 'api.amazon.com',
  // Upload destinations point at S3 (facts.md "Real upload destinations").
  's3.amazonaws.com'];

/** A persistent context on `profile` with the extension loaded, and the extension's id. */
export async function launchChromium(profile, port, { headless = true, viewport } = {}) {
  const dir = `${root}dist/chrome`;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless,
    ...(viewport ? { viewport } : {}),
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--host-resolver-rules=${AMAZON_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  return { context, extensionId: new URL(worker.url()).host };
}

/** The options page, ready (its stored settings filled in). */
export async function openOptions(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options/options.html`);
  await page.locator('html[data-ready=true]').waitFor();
  return page;
}

/** Enters and saves LWA credentials on the options page; returns the page, still open. */
export async function enterCredentials(context, extensionId, app) {
  const page = await openOptions(context, extensionId);
  await page.getByLabel('LWA client ID').fill(app.clientId);
  await page.getByLabel('LWA client secret').fill(app.clientSecret);
  await page.getByLabel('Refresh token').fill(app.refreshToken);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  return page;
}
