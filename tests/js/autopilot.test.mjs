// The background's autopilot (extension/autopilot.js) with the shipped core (build/pkg) and stand-ins
// for the client's reads, the bulk queue and storage, over a simulated month on Amazon's clock: the
// first look reaches 35 days back and later ones start at the previous look; canceled orders are
// skipped with the reason; each shipped order goes to the queue once, on its day, under the daily
// cap; a worker that restarts (a new instance over the same storage) hands nothing twice; failing
// credentials stop it with the reason; records past the retention go while the totals stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, lookSince, planAutopilot, marketplaces } from '../../build/pkg/sp_outreach.js';
import { autopilot } from '../../extension/autopilot.js';

initSync({ module: readFileSync(new URL('../../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const core = { lookSince, planAutopilot, marketplaces };
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';
const DAY = 86400000;
const START = Date.UTC(2026, 9, 1);
const id = (i) => `112-${String(1000000 + i)}-${String(3000000 + i)}`;

/** A world on Amazon's clock: orders appear when they are updated (shipped `at` days after START,
 * delivered two days later); searchOrders answers by lastUpdatedAfter, 100 a page. */
function world(orders) {
  const w = { now: START, calls: [], enqueued: [], fail: null };
  const visible = () => orders.filter((o) => o.lastUpdatedAt <= w.now);
  w.client = {
    async read(call) {
      w.calls.push(call);
      if (w.fail) throw Object.assign(new Error(w.fail.message), { kind: w.fail.kind });
      if (w.failPage && call.paginationToken === w.failPage) {
        w.failPage = null;
        throw Object.assign(new Error('The worker stopped here.'), { kind: 'serverError' });
      }
      if (call.operation === 'getMarketplaceParticipations') return { type: 'participations', participations: [] };
      assert.equal(call.operation, 'searchOrders');
      const after = Date.parse(call.lastUpdatedAfter);
      const hits = visible().filter((o) => o.lastUpdatedAt >= after && call.marketplaceIds.includes(o.marketplaceId) && call.fulfillmentStatuses.includes(o.fulfillmentStatus));
      const start = call.paginationToken ? Number(call.paginationToken) : 0;
      return { type: 'orders', orders: hits.slice(start, start + 100), nextToken: start + 100 < hits.length ? String(start + 100) : null };
    },
  };
  w.bulk = {
    queue: new Map(),
    async enqueue(region, list) {
      assert.ok(list.length <= 2000, 'one start takes at most 2,000 orders (bulk.js)');
      for (const o of list) {
        w.enqueued.push({ ...o, region, at: w.now });
        if (!w.bulk.queue.has(o.orderId)) w.bulk.queue.set(o.orderId, { orderId: o.orderId, stage: 'sent', reason: null, due: null });
      }
    },
    async status() {
      return { state: 'done', total: 0, done: 0, orders: [...w.bulk.queue.values()] };
    },
  };
  return w;
}

function order(i, { marketplaceId = US, shippedDay = 0, status = 'SHIPPED' } = {}) {
  const shipped = START + shippedDay * DAY;
  return {
    orderId: id(i), salesChannel: 'AMAZON', marketplaceId, marketplaceName: null, purchasedAt: shipped - DAY, lastUpdatedAt: shipped,
    fulfillmentStatus: status, fulfilledBy: 'MERCHANT', deliverBy: status === 'SHIPPED' ? { earliest: shipped + DAY, latest: shipped + 2 * DAY } : null, packages: null,
  };
}

function pilot(w, stored, settingsValue) {
  const store = {
    writes: 0,
    get: async (k) => structuredClone(stored[k]),
    set: async (v) => { store.writes++; Object.assign(stored, structuredClone(v)); },
    remove: async (keys) => { for (const k of [keys].flat()) delete stored[k]; },
  };
  const stops = [];
  const p = autopilot({
    store, clientFor: async () => w.client, core, bulk: w.bulk, history: async () => ({}),
    settings: async () => settingsValue, now: () => w.now, onStop: (s) => stops.push(s),
  });
  return { p, store, stops };
}

const on = (extra = {}) => ({ enabled: true, day: 0, cap: null, ...extra });

test('a month of orders: each shipped one handed to the queue once, on its day; canceled ones skipped with the reason', async () => {
  const orders = [];
  for (let i = 0; i < 60; i++) orders.push(order(i, { marketplaceId: i % 2 ? US : CA, shippedDay: i % 20 }));
  orders.push(order(100, { status: 'CANCELLED', shippedDay: 3 }));
  orders.push(order(101, { marketplaceId: DE, shippedDay: 3 })); // autopilot is off there
  const w = world(orders);
  const stored = {};
  const settings = { refreshTokens: { na: 'Atzr|x', eu: 'Atzr|y' }, autopilot: { markets: { [US]: on(), [CA]: on() }, retentionDays: 90 } };
  let { p } = pilot(w, stored, settings);
  for (let hour = 0; hour < 40 * 24; hour += 6) {
    w.now = START + hour * 3600000;
    // The worker is stopped now and then: a new instance over the same storage goes on.
    if (hour % 120 === 0) ({ p } = pilot(w, stored, settings));
    await p.run({ force: hour % 24 === 0 });
  }
  const searches = w.calls.filter((c) => c.operation === 'searchOrders' && !c.paginationToken);
  assert.equal(Date.parse(searches[0].lastUpdatedAfter), START - 35 * DAY, 'the first look reaches 35 days back');
  assert.ok(Date.parse(searches[1].lastUpdatedAfter) >= START - 10 * 60000, 'the next starts at the previous look');
  assert.ok(searches.every((c) => !c.marketplaceIds.includes(DE)));
  const ids = w.enqueued.map((e) => e.orderId);
  assert.equal(ids.length, 60, 'every shipped order, once');
  assert.equal(new Set(ids).size, 60, 'none twice');
  for (const e of w.enqueued) {
    const o = orders.find((x) => x.orderId === e.orderId);
    const opens = o.deliverBy.earliest + 5 * DAY;
    assert.ok(e.at >= opens && e.at < opens + DAY, `${e.orderId} handed on the first eligible day`);
  }
  const st = await p.status();
  const us = st.markets.find((m) => m.marketplaceId === US);
  assert.equal(us.sent + st.markets.find((m) => m.marketplaceId === CA).sent, 60);
  assert.deepEqual(us.skippedWhy, { canceled: 1 });
  assert.equal(st.markets.some((m) => m.marketplaceId === DE), false);
});

test('the daily cap moves orders to the next day; a chosen day within the window is kept', async () => {
  const orders = Array.from({ length: 12 }, (_, i) => order(i, { shippedDay: 0 }));
  const w = world(orders);
  const stored = {};
  const { p } = pilot(w, stored, { refreshTokens: { na: 'Atzr|x' }, autopilot: { markets: { [US]: on({ cap: 5, day: 2 }) }, retentionDays: 90 } });
  for (let hour = 0; hour < 20 * 24; hour += 3) {
    w.now = START + hour * 3600000;
    await p.run({ force: true });
  }
  const byDay = {};
  for (const e of w.enqueued) byDay[Math.floor(e.at / DAY)] = (byDay[Math.floor(e.at / DAY)] ?? 0) + 1;
  assert.deepEqual(Object.values(byDay), [5, 5, 2]);
  const first = Math.min(...w.enqueued.map((e) => e.at));
  assert.ok(first >= START + DAY + 7 * DAY, 'day 2 of the window: 5 + 2 days after delivery');
});

test('credentials that stop working stop the autopilot with the reason; resuming goes on', async () => {
  const w = world([order(1, { shippedDay: 0 })]);
  const stored = {};
  const { p, stops } = pilot(w, stored, { refreshTokens: { na: 'Atzr|x' }, autopilot: { markets: { [US]: on() }, retentionDays: 90 } });
  w.fail = { kind: 'lwaInvalidGrant', message: 'The refresh token was revoked.' };
  await p.run({ force: true });
  assert.equal(stops.length, 1);
  assert.match((await p.status()).stopped.message, /revoked/);
  const before = w.calls.length;
  await p.run({ force: true });
  assert.equal(w.calls.length, before, 'stopped: Amazon is not asked again');
  w.fail = null;
  await p.resume();
  w.now = START + 10 * DAY;
  await p.run({ force: true });
  assert.equal(w.enqueued.length, 1);
});

test('a region without a refresh token is off: nothing is looked for there, and it says so', async () => {
  const w = world([order(1, { marketplaceId: DE, shippedDay: 0 })]);
  const { p } = pilot(w, {}, { refreshTokens: { na: 'Atzr|x' }, autopilot: { markets: { [DE]: on() }, retentionDays: 90 } });
  await p.run({ force: true });
  assert.equal(w.calls.length, 0);
  assert.equal((await p.status()).markets[0].regionOff, true);
});

test('records past the retention go; the totals stay; each order is its own record', async () => {
  const orders = Array.from({ length: 30 }, (_, i) => order(i, { shippedDay: 0 }));
  orders.push(order(99, { status: 'CANCELLED' }));
  const w = world(orders);
  const stored = {};
  const { p } = pilot(w, stored, { refreshTokens: { na: 'Atzr|x' }, autopilot: { markets: { [US]: on() }, retentionDays: 7 } });
  for (let day = 0; day < 30; day++) {
    w.now = START + day * DAY;
    await p.run({ force: true });
  }
  assert.equal(Object.keys(stored).filter((k) => k.startsWith('ap-')).length, 0, 'all over for more than 7 days: dropped');
  const st = await p.status();
  assert.equal(st.kept, 0);
  assert.equal(st.markets[0].sent, 30);
  assert.deepEqual(st.markets[0].skippedWhy, { canceled: 1 });
});

test('a look stopped mid-way goes on from its stored page; what each page decided goes to the queue at once', async () => {
  const orders = Array.from({ length: 250 }, (_, i) => order(i, { shippedDay: -10 }));
  const w = world(orders);
  w.now = START;
  w.failPage = '200';
  const stored = {};
  const settings = { refreshTokens: { na: 'Atzr|x' }, autopilot: { markets: { [US]: on() }, retentionDays: 90 } };
  let { p } = pilot(w, stored, settings);
  await p.run({ force: true });
  assert.equal(w.enqueued.length, 200, 'the two pages read went to the queue');
  assert.ok((await p.status()).lastError);
  // A new worker: the look goes on from page 3, not from the first.
  ({ p } = pilot(w, stored, settings));
  const before = w.calls.length;
  await p.run();
  const calls = w.calls.slice(before).filter((c) => c.operation === 'searchOrders');
  assert.equal(calls[0].paginationToken, '200');
  assert.equal(w.enqueued.length, 250);
  assert.equal(new Set(w.enqueued.map((e) => e.orderId)).size, 250);
  assert.equal((await p.status()).lastLook.na, START);
});
