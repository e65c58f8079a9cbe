// The scenario of the autopilot browser tests (issue #14), for Chromium and Firefox alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const UK = 'A1F83G8C2ARO7P';
export const DE = 'A1PA6795UKMFR9';

/**
 * A seller in North America and Europe: one app, a refresh token per region. Orders appear over the
 * coming weeks (an order does not exist before its purchase date); US and UK get autopilot, DE and
 * CA do not. Some are canceled, one is not shipped, one was already requested in Seller Central,
 * one was delivered so long ago that its window closed (updated recently, so a search finds it).
 */
function scenario() {
  let n = 0;
  const id = (mp) => `${mp === UK || mp === DE ? '203' : '113'}-${String(4000000 + ++n)}-${String(5000000 + n)}`;
  const d = (days) => `now${days < 0 ? '-' : '+'}${Math.abs(days)}d`;
  const order = (mp, purchase, extra = {}) => ({
    amazonOrderId: id(mp), marketplaceId: mp, status: 'Shipped', purchaseDate: d(purchase), earliestDeliveryDate: d(purchase + 2), latestDeliveryDate: d(purchase + 3),
    buyerLocale: mp === DE ? 'de-DE' : 'en-US', fulfilledBy: 'MERCHANT', ...extra,
  });
  const orders = [];
  for (const p of [-12, -8, -4, -1, 2, 5, 9, 13]) orders.push(order(US, p));
  for (const p of [-10, -3, 3, 8, 12]) orders.push(order(UK, p));
  orders.push(order(US, -5, { status: 'Canceled', earliestDeliveryDate: undefined, latestDeliveryDate: undefined }));
  orders.push(order(US, 4, { status: 'Canceled', earliestDeliveryDate: undefined, latestDeliveryDate: undefined }));
  orders.push(order(UK, 1, { status: 'Canceled', earliestDeliveryDate: undefined, latestDeliveryDate: undefined }));
  orders.push(order(US, -2, { status: 'Unshipped', earliestDeliveryDate: d(30), latestDeliveryDate: d(33) }));
  orders.push(order(US, -9, { solicitedAt: d(-1) }));
  orders.push(order(US, -70, { lastUpdatedDate: d(-10) }));
  for (const p of [-6, 3]) orders.push(order(DE, p));
  orders.push(order(CA, -6));
  const app = {
    clientId: 'amzn1.application-oa2-client.autopilot0000000000000000000', clientSecret: 'autopilot-client-secret',
    refreshTokens: { na: 'Atzr|autopilot-refresh-token-na', eu: 'Atzr|autopilot-refresh-token-eu' },
    roles: ['buyerCommunication', 'buyerSolicitation', 'inventoryAndOrderTracking'], marketplaces: [US, CA, UK, DE], storeName: 'Autopilot Goods',
  };
  return { applications: [app], tokenLifetimeSeconds: 3600, orders };
}

/** The scenario, written to a temporary file for startSandbox (the caller removes `dir`). */
export function autopilotWorld() {
  const world = scenario();
  const dir = mkdtempSync(join(tmpdir(), 'spo-autopilot-'));
  const file = join(dir, 'autopilot.json');
  writeFileSync(file, JSON.stringify(world));
  return { world, app: world.applications[0], file, dir };
}
