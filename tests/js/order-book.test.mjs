// The background's order book (extension/orders.js) with the shipped core (build/pkg) and a stand-in
// for the client's reads: a list page is resolved with one search over its purchase days, not a
// getOrder per row; a single order with one getOrder; what was read is kept with its time and read
// again only when a decision depends on a status that may have changed; when the Orders API can't
// say, the page's hints decide in their order (the review link, then the sales channel as the core
// maps it), only the region's marketplaces count, and without either the seller is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, reviewWindow, marketplaces, marketplaceForChannel } from '../../build/pkg/sp_outreach.js';
import { orderBook, MAX_KEPT } from '../../extension/orders.js';

initSync({ module: readFileSync(new URL('../../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const core = { reviewWindow, marketplaces, marketplaceForChannel };
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';
const DAY = 86400000;
const NOW = Date.UTC(2026, 10, 20, 12);
const id = (i) => `111-${String(1000000 + i)}-${String(2000000 + i)}`;

/** An order as the core's parser gives it. */
function order(i, { marketplaceId = i % 3 ? US : CA, status = 'SHIPPED', delivered = -10 } = {}) {
  const deliverBy = status === 'SHIPPED' ? { earliest: NOW + (delivered - 1) * DAY, latest: NOW + delivered * DAY } : null;
  return { orderId: id(i), salesChannel: 'AMAZON', marketplaceId, marketplaceName: null, purchasedAt: NOW - (i + 12) * DAY, lastUpdatedAt: NOW, fulfillmentStatus: status, fulfilledBy: 'MERCHANT', deliverBy, packages: null };
}

/** A stand-in for the client's reads over `orders`, counting calls; `fail` makes every read throw. */
function amazon(orders, { fail = null, page = 100 } = {}) {
  const calls = [];
  return {
    calls,
    client: {
      async read(call) {
        calls.push(call);
        if (fail) throw Object.assign(new Error(fail.message), { kind: fail.kind });
        if (call.operation === 'getOrder') {
          const o = orders.find((x) => x.orderId === call.orderId);
          if (!o) throw Object.assign(new Error('Amazon can\'t find this order for this seller in this region.'), { kind: 'notFound' });
          return { type: 'order', order: o };
        }
        const after = Date.parse(call.createdAfter);
        const before = call.createdBefore ? Date.parse(call.createdBefore) : Infinity;
        const hits = orders.filter((o) => o.purchasedAt >= after && o.purchasedAt <= before);
        const start = call.paginationToken ? Number(call.paginationToken) : 0;
        const next = start + page < hits.length ? String(start + page) : null;
        return { type: 'orders', orders: hits.slice(start, start + page), nextToken: next };
      },
    },
  };
}

function book(a, { now = () => NOW, stored = {} } = {}) {
  const store = { writes: 0, get: async (k) => stored[k], set: async (v) => { store.writes++; Object.assign(stored, structuredClone(v)); } };
  const clientFor = async (region) => {
    assert.equal(region, 'na');
    return a.client;
  };
  return { b: orderBook({ store, clientFor, core, now }), store, stored };
}

const named = (orders) => orders.map((o) => ({ orderId: o.orderId, hints: [], purchasedAt: Date.UTC(new Date(o.purchasedAt).getUTCFullYear(), new Date(o.purchasedAt).getUTCMonth(), new Date(o.purchasedAt).getUTCDate()) }));

test('a list page is one search over its purchase days; read orders are kept with their time', async () => {
  const all = Array.from({ length: 60 }, (_, i) => order(i));
  const a = amazon(all);
  const { b, stored } = book(a);
  const page = all.slice(0, 25);
  const views = await b.resolve('na', named(page));
  assert.equal(a.calls.length, 1, JSON.stringify(a.calls));
  const [search] = a.calls;
  assert.equal(search.operation, 'searchOrders');
  assert.deepEqual(search.includedData, ['FULFILLMENT']);
  assert.equal(search.maxResultsPerPage, 100);
  assert.match(search.createdAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Date.parse(search.createdAfter) <= Math.min(...page.map((o) => o.purchasedAt)) - DAY, 'the range reaches before the oldest row');
  assert.ok(Date.parse(search.createdBefore) >= Math.max(...page.map((o) => o.purchasedAt)) + DAY, 'and after the newest');
  for (const [i, v] of views.entries()) {
    assert.equal(v.orderId, page[i].orderId);
    assert.equal(v.marketplaceId, page[i].marketplaceId, 'the marketplace Amazon gives');
    assert.equal(v.source, 'api');
    assert.equal(v.status, 'SHIPPED');
    assert.equal(v.readAt, NOW);
    assert.deepEqual(v.window, reviewWindow('SHIPPED', page[i].deliverBy.earliest, page[i].deliverBy.latest, NOW), 'the core\'s window');
    assert.equal(v.window.state, 'open');
  }
  assert.ok(Object.keys(stored.orders).length >= 25, 'kept in storage');
  // The same page again, and the orders the search found beyond it: nothing more is read.
  await b.resolve('na', named(page));
  await b.resolve('na', named(all.slice(25, 27)));
  assert.equal(a.calls.length, 1);
  // A new book on the same storage (a restarted worker) knows them too.
  const again = book(a, { stored });
  assert.equal((await again.b.resolve('na', named(page)))[3].source, 'api');
  assert.equal(a.calls.length, 1);
});

test('a single order is one getOrder; a search that misses some is followed by getOrder for them', async () => {
  const all = Array.from({ length: 10 }, (_, i) => order(i));
  const a = amazon(all);
  const { b } = book(a);
  const [one] = await b.resolve('na', [{ orderId: all[0].orderId, hints: [] }]);
  assert.deepEqual(a.calls.map((c) => c.operation), ['getOrder']);
  assert.deepEqual(a.calls[0].includedData, ['FULFILLMENT']);
  assert.equal(one.marketplaceId, all[0].marketplaceId);
  // Five orders whose page shows wrong purchase days: the search misses them, getOrder finds them.
  const wrongDays = all.slice(1, 6).map((o) => ({ orderId: o.orderId, purchasedAt: NOW - 400 * DAY }));
  const views = await b.resolve('na', wrongDays);
  assert.deepEqual(a.calls.slice(1).map((c) => c.operation), ['searchOrders', 'getOrder', 'getOrder', 'getOrder', 'getOrder', 'getOrder']);
  assert.ok(views.every((v) => v.source === 'api'));
  // Many pages of search answers are followed with their token, the other parameters repeated.
  const many = Array.from({ length: 250 }, (_, i) => order(i + 100));
  const paged = amazon(many, { page: 20 });
  const pb = book(paged).b;
  const got = await pb.resolve('na', named(many.slice(200)));
  assert.deepEqual(paged.calls.map((c) => c.paginationToken ?? null), [null, '20', '40'], 'every page until all are found');
  assert.ok(paged.calls.every((c) => c.createdAfter === paged.calls[0].createdAfter));
  assert.ok(got.every((v) => v.source === 'api'));
});

test('a status that may change is read again when stale; a shipped one only after a day', async () => {
  const all = [order(0, { status: 'UNSHIPPED' }), order(1)];
  const a = amazon(all);
  let now = NOW;
  const { b } = book(a, { now: () => now });
  const [unshipped, shipped] = (await b.resolve('na', named(all))).map((v) => v);
  assert.equal(unshipped.window.state, 'notShipped');
  assert.equal(shipped.window.state, 'open');
  const reads = () => a.calls.length;
  const before = reads();
  now += 10 * 60000;
  await b.resolve('na', named(all));
  assert.equal(reads(), before, 'fresh after 10 minutes');
  now += 10 * 60000;
  all[0].fulfillmentStatus = 'SHIPPED';
  all[0].deliverBy = { earliest: NOW - 11 * DAY, latest: NOW - 10 * DAY };
  const [again] = await b.resolve('na', named(all));
  assert.equal(reads(), before + 1, 'the unshipped order read again after 20 minutes, alone');
  assert.equal(a.calls.at(-1).operation, 'getOrder');
  assert.equal(again.status, 'SHIPPED');
  now += 2 * DAY;
  await b.resolve('na', [named(all)[1]]);
  assert.equal(reads(), before + 2, 'a shipped order read again after a day');
  await b.resolve('na', [named(all)[1]], { force: true });
  assert.equal(reads(), before + 3, 'or when asked to');
});

test('when the Orders API can\'t say: the review link, then the sales channel, of the region only; else the seller picks', async () => {
  const a = amazon([], { fail: { kind: 'accessDenied', message: 'Amazon denied access: the app needs the Inventory and Order Tracking role' } });
  const { b } = book(a);
  const [link, channel, foreignLink, foreignChannel, nothing, junk] = await b.resolve('na', [
    { orderId: id(1), hints: [{ marketplaceId: CA, source: 'reviewLink' }, { channel: 'Amazon.com', source: 'salesChannel' }] },
    { orderId: id(2), hints: [{ channel: 'Amazon.ca', source: 'salesChannel' }] },
    { orderId: id(3), hints: [{ marketplaceId: DE, source: 'reviewLink' }, { channel: 'Amazon.com', source: 'salesChannel' }] },
    { orderId: id(4), hints: [{ channel: 'Amazon.de', source: 'salesChannel' }] },
    { orderId: id(5), hints: [] },
    { orderId: id(6), hints: [{ source: 'reviewLink', marketplaceId: 7 }, { source: 'other', channel: 'Amazon.com' }, null] },
  ]);
  assert.deepEqual([link.marketplaceId, link.source], [CA, 'reviewLink'], 'the review link first');
  assert.deepEqual([channel.marketplaceId, channel.source], [CA, 'salesChannel'], 'the channel as the core maps it');
  assert.deepEqual([foreignLink.marketplaceId, foreignLink.source], [US, 'salesChannel'], 'another region\'s link does not count');
  for (const v of [foreignChannel, nothing, junk]) {
    assert.equal(v.marketplaceId, null, 'no guess, no default');
    assert.deepEqual(v.choices.map((m) => m.id).sort(), marketplaces().filter((m) => m.region === 'na').map((m) => m.id).sort(), 'the region\'s marketplaces to pick from');
  }
  assert.equal(nothing.apiError.kind, 'accessDenied');
  assert.match(nothing.apiError.message, /Inventory and Order Tracking/);
  assert.equal(nothing.window, null, 'no window without the API');
  const asked = a.calls.length;
  await b.resolve('na', [{ orderId: id(7) }]);
  assert.equal(a.calls.length, asked, 'the API is not asked again for a while after an access denial');
  // The seller's pick: one of the region's, kept.
  await assert.rejects(b.choose('na', id(5), DE), (e) => e.kind === 'invalidMarketplace');
  await assert.rejects(b.choose('na', 'S01-1234567-1234567', US), (e) => e.kind === 'invalidMarketplace');
  const chosen = await b.choose('na', id(5), CA);
  assert.deepEqual([chosen.marketplaceId, chosen.source], [CA, 'chosen']);
  const [later] = await b.resolve('na', [{ orderId: id(5) }]);
  assert.deepEqual([later.marketplaceId, later.source], [CA, 'chosen']);
  // Another region's page does not see it.
  const other = orderBook({ store: { get: async () => undefined, set: async () => {} }, clientFor: async () => a.client, core });
  assert.equal((await other.resolve('eu', [{ orderId: id(5) }]))[0].marketplaceId, null);
});

test('an order Amazon does not find, or an error, leaves the page\'s hints to decide and is not asked for again at once', async () => {
  const a = amazon([order(0)]);
  const { b } = book(a);
  const [missing] = await b.resolve('na', [{ orderId: id(9), hints: [{ channel: 'Amazon.com', source: 'salesChannel' }] }]);
  assert.deepEqual([missing.marketplaceId, missing.source, missing.apiError.kind], [US, 'salesChannel', 'notFound']);
  const calls = a.calls.length;
  await b.resolve('na', [{ orderId: id(9) }]);
  assert.equal(a.calls.length, calls);
});

test('the popup\'s counts: resolved by Amazon, resolving, from the page, unknown; nothing is read for them', async () => {
  const all = [order(0), order(1)];
  const a = amazon(all);
  const { b } = book(a);
  await b.resolve('na', named(all));
  const before = a.calls.length;
  const counts = await b.counts('na', [...named(all), { orderId: id(5), hints: [{ channel: 'Amazon.ca', source: 'salesChannel' }] }, { orderId: id(6) }, { orderId: 'S01-1234567-1234567' }]);
  assert.deepEqual(counts, { region: 'na', named: 4, resolved: 2, resolving: 0, fromPage: 1, unknown: 1 });
  assert.equal(a.calls.length, before);
  assert.equal((await b.counts(null, named(all))).unknown, 2, 'a page of no known region resolves nothing');
});

test('bounded: at most 2000 orders a question, 30 getOrders a resolution, 5000 kept', async () => {
  const a = amazon([]);
  const { b, stored } = book(a);
  await assert.rejects(b.resolve('na', Array.from({ length: 2001 }, (_, i) => ({ orderId: id(i) }))), (e) => e.kind === 'badMessage');
  await assert.rejects(b.resolve('na', 'x'), (e) => e.kind === 'badMessage');
  // 40 orders without purchase days: 30 read one by one, the rest on the next visit.
  const views = await b.resolve('na', Array.from({ length: 40 }, (_, i) => ({ orderId: id(i) })));
  assert.equal(a.calls.filter((c) => c.operation === 'getOrder').length, 30);
  assert.equal(views.filter((v) => v.apiError?.kind === 'notResolved').length, 10);
  // A full store keeps the latest reads.
  const many = Array.from({ length: MAX_KEPT + 50 }, (_, i) => order(i, { delivered: -10 }));
  const big = amazon(many, { page: 100 });
  const full = book(big);
  let now = NOW;
  const bb = orderBook({ store: full.store, clientFor: async () => big.client, core, now: () => now });
  for (let i = 0; i < many.length; i += 1000) {
    now += 1000;
    await bb.resolve('na', named(many.slice(i, i + 1000)));
  }
  assert.ok(Object.keys(full.stored.orders).length <= MAX_KEPT, String(Object.keys(full.stored.orders).length));
  assert.ok(stored.orders === undefined || Object.keys(stored.orders).length <= MAX_KEPT);
});
