// Scenarios the browser tests derive from the demo's (www/demo/orders.json) for the fixture pages,
// which list the orders of the Seller Central host's region only, like the real ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenario } from './sandbox.mjs';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const MX = 'A1AM78C64UM0Y8';
const NA = new Set([US, CA, MX, 'A2Q3Y263D00KWC']);

/**
 * A seller of North America with every demo order: the orders of other regions move to Amazon.ca
 * and Amazon.com.mx (alternately), so sellercentral.amazon.com lists them all — two pages of 25,
 * US, CA and MX rows — and one shipped US order gets a second item (continuation rows). Every
 * other shipped Amazon.ca order's page shows no marketplace at all (`hidden`: no sales channel, no
 * Amazon review link; only the Orders API can place them), and two shipped US orders answer their
 * messaging actions without `_embedded` (`linksOnly`) or with schema links only (`schemaLinks`).
 * Written to a temporary file for startSandbox's `scenarioFile` (removed when the test process exits).
 * @returns {{ scenario: any, file: string, hidden: string[], linksOnly: string, schemaLinks: string }}
 */
export function northAmerica() {
  let moved = 0;
  const orders = scenario.orders.map((o) => (NA.has(o.marketplaceId) ? { ...o, details: { ...o.details } } : { ...o, details: { ...o.details }, marketplaceId: moved++ % 2 ? MX : CA }));
  const multi = orders.find((o) => o.marketplaceId === US && o.status === 'Shipped' && !o.refunded);
  const [item] = multi.details.items;
  multi.details = { ...multi.details, items: [item, { ...item, title: 'Gift wrap', asin: 'B0GIFTWRAP', sku: 'SKU-WRAP', quantity: 1 }] };
  const plain = (o) => o.status === 'Shipped' && !o.refunded && !o.returned;
  const hidden = orders.filter((o) => o.marketplaceId === CA && plain(o)).filter((_, i) => i % 2 === 0);
  for (const o of hidden) o.details.marketplaceHidden = true;
  const us = orders.filter((o) => o.marketplaceId === US && plain(o) && o !== multi);
  const [linksOnly, schemaLinks] = [us[us.length - 1], us[us.length - 2]];
  linksOnly.actionsDocument = 'linksOnly';
  schemaLinks.actionsDocument = 'schemaLinks';
  const derived = { ...scenario, orders };
  const dir = mkdtempSync(join(tmpdir(), 'spo-scenario-'));
  const file = join(dir, 'north-america.json');
  writeFileSync(file, JSON.stringify(derived));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { scenario: derived, file, hidden: hidden.map((o) => o.amazonOrderId), linksOnly: linksOnly.amazonOrderId, schemaLinks: schemaLinks.amazonOrderId };
}

/** What the list page shows, row by row, read independently of the extension's selectors: the
 * order id a row links to (light DOM or a Katal link's shadow root), and the extension's row hosts in it. */
export function listRows(page) {
  return page.locator('#orders-table > tbody > tr').evaluateAll((trs) => trs.map((tr) => {
    const hrefs = [];
    const walk = (n) => {
      for (const e of n.querySelectorAll('[href]')) hrefs.push(e.getAttribute('href'));
      for (const e of n.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(tr);
    const id = hrefs.map((h) => h.match(/^\/orders-v3\/order\/([^/?#]+)$/)?.[1]).find(Boolean) ?? null;
    return { id, amazon: !!id && /^\d{3}-\d{7}-\d{7}$/.test(id), hosts: tr.querySelectorAll('[data-sp-outreach="row-review"]').length };
  }));
}

/** Waits until every row of an Amazon order on the list has its control (and the rows are there). */
export async function rowsReady(page) {
  await page.locator('#orders-table > tbody > tr').first().waitFor();
  for (let i = 0; i < 200; i++) {
    const rows = await listRows(page);
    if (rows.some((r) => r.amazon) && rows.every((r) => r.hosts === (r.amazon ? 1 : 0))) return rows;
    await page.waitForTimeout(50);
  }
  throw new Error(`rows without their control: ${JSON.stringify(await listRows(page))}`);
}
