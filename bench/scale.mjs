// `make bench`, scale (issue #16 item 4): what one order's progress through the bulk queue costs
// in storage — bytes written and milliseconds — when the queue holds 100, 1,000 or 10,000 orders.
// It runs the extension's own queue (extension/bulk.js) over its own storage module
// (extension/store.js) in Node; below store.js, IndexedDB is fake-indexeddb, and every value put
// is counted by its JSON size. The queue holds N
// orders: 20 due now and the rest scheduled for later (an autopilot's queue), and the history
// holds N orders already requested; the 20 due orders are then sent — the core's client is a stub
// that stores its state before the create, as the real one does, and answers "sent" — and the
// bytes and time of that part, divided by 20, are the cost per order. Goal: flat (an order's
// change writes that order, not the whole queue). Prints a table; asserts nothing.
//
// The history's read-change-write is background.js's `record`, copied here (background.js cannot
// be imported outside a browser): keep the two alike.
import { readFileSync } from 'node:fs';
import { initSync, queueReview } from '../build/pkg/sp_outreach.js';
import { record } from './results.mjs';

initSync({ module: readFileSync(new URL('../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

// --- The browser's storage, as store.js reaches it: IndexedDB (fake-indexeddb, pinned), every value
// put counted by its JSON size (the structured clone the browser writes is about that size).
import 'fake-indexeddb/auto';

const counted = { bytes: 0, writes: 0, on: false, /** @type {Record<string, number>} */ byKey: {} };
const size = (v) => (JSON.stringify(v) ?? 'null').length;
for (const method of ['put', 'add']) {
  const original = IDBObjectStore.prototype[method];
  IDBObjectStore.prototype[method] = function (value, key) {
    if (counted.on) {
      // Queue records are keyed by their order id; key-value entries by their key.
      const name = this.name === 'queue' ? 'bulk' : String(key);
      const bytes = size(value) + (key === undefined ? 0 : String(key).length);
      counted.bytes += bytes;
      counted.writes++;
      counted.byKey[name] = (counted.byKey[name] ?? 0) + bytes;
    }
    return original.call(this, value, key);
  };
}
// store.js moves earlier versions' storage.local data into IndexedDB at first open: there is none.
globalThis.chrome = { storage: { local: { get: async () => ({}), remove: async () => {} } } };
const store = await import('../extension/store.js');
const { bulkQueue } = await import('../extension/bulk.js');

const DUE = 20;
const DAY = 86400000;
const US = 'ATVPDKIKX0DER';
const id = (n) => `115-${String(1000000 + n).padStart(7, '0')}-${String(5000000 + n).padStart(7, '0')}`;

async function measure(n) {
  await store.remove(['bulk', 'history']);
  const now = Date.now();
  // The history: n orders requested before (background.js's shape of an entry).
  const past = Object.fromEntries(Array.from({ length: n }, (_, i) => [id(100000 + i), { review: 'requested', marketplaceId: US, at: new Date(now - DAY).toISOString(), requestId: `req-${i}` }]));
  await store.set({ history: past });
  const history = async () => (await store.get('history')) ?? {};
  let historyWrites = Promise.resolve();
  const record = (orderId, entry) => {
    const write = historyWrites.then(async () => {
      const h = await history();
      const old = h[orderId] ?? {};
      h[orderId] = typeof entry === 'function' ? entry(old) : { ...old, ...entry };
      await store.set({ history: h });
      return h[orderId];
    });
    historyWrites = write.then(() => {}, () => {});
    return write;
  };
  // The last DUE orders were delivered ten days ago (due now); the rest are on their way.
  const due = (orderId) => Number(orderId.slice(4, 11)) - 1000000 >= n - DUE;
  const book = {
    resolve: async (region, named) => named.map((o) => {
      const [earliest, latest] = due(o.orderId) ? [now - 10 * DAY, now - 9 * DAY] : [now + 2 * DAY, now + 3 * DAY];
      return { orderId: o.orderId, marketplaceId: US, source: 'api', status: 'SHIPPED', window: { state: 'open' }, deliverBy: { earliest, latest } };
    }),
    regionOf: () => 'na',
  };
  let open;
  const gate = new Promise((r) => (open = r));
  let sent = 0;
  const client = {
    // What the core's client does around a create: its state stored first, then the answer.
    async runQueuedReview(flow, onSave) {
      await gate;
      await onSave(flow);
      sent++;
      return { state: flow, orderId: '', stage: 'sent', reason: null, due: null, requestId: `amzn-${sent}`, verified: false, explanation: null, attempts: 1 };
    },
  };
  const bulk = bulkQueue({
    store, ready: Promise.resolve(), clientFor: async () => /** @type {any} */ (client), book: /** @type {any} */ (book), history, record,
    userError: (kind, message) => Object.assign(new Error(message), { kind }), schedule: async () => ({ enabled: true, day: 0 }), queueReview,
    authFailed: () => {},
  });
  // The page names at most 2,000 orders a start: n orders in batches, the due ones last. Every
  // order is resolved and queued (the due ones wait at the gate) before anything is counted; the
  // kicks are the bar's (each bulkStatus kicks the runner).
  for (let from = 0; from < n; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, n - from) }, (_, i) => ({ orderId: id(from + i), hints: [] }));
    await bulk.start(batch, 'na');
  }
  for (;;) {
    const s = await bulk.status();
    if (!s.orders.some((o) => o.stage === 'resolving')) break;
    bulk.kick();
    await new Promise((r) => setTimeout(r, 10));
  }
  const saved = await store.queue.load();
  const entry = saved ? size(saved.meta) + saved.orders.reduce((n, o) => n + size(o), 0) : 0;
  counted.bytes = 0;
  counted.writes = 0;
  counted.byKey = {};
  counted.on = true;
  const t = performance.now();
  open();
  // The runner holding the due orders, to its end.
  await bulk.kick();
  if (sent !== DUE) throw new Error(`${sent} of ${DUE} orders sent`);
  const ms = performance.now() - t;
  counted.on = false;
  return { n, bytes: counted.bytes / DUE, writes: counted.writes / DUE, ms: ms / DUE, queue: entry, byKey: Object.fromEntries(Object.entries(counted.byKey).map(([k, b]) => [k, b / DUE])) };
}

console.log(`scale: the bulk queue's storage cost per order (extension/bulk.js over extension/store.js and IndexedDB; ${DUE} orders sent from a queue of N, history of N)`);
console.log('| orders (N) | queue stored KB | writes per order | KB written per order (queue + history + other) | ms per order |');
console.log('|------------|-----------------|------------------|------------------------------------------------|--------------|');
const rows = [];
for (const n of [100, 1000, 10000]) {
  const r = await measure(n);
  rows.push(r);
  const kb = (b) => ((b ?? 0) / 1024).toFixed(1);
  const other = r.bytes - (r.byKey.bulk ?? 0) - (r.byKey.history ?? 0);
  const split = `${kb(r.bytes)} (${kb(r.byKey.bulk)} + ${kb(r.byKey.history)} + ${kb(other)})`;
  console.log(`| ${String(n).padStart(10)} | ${(r.queue / 1024).toFixed(0).padStart(15)} | ${r.writes.toFixed(1).padStart(16)} | ${split.padStart(46)} | ${r.ms.toFixed(2).padStart(12)} |`);
}
const growth = rows.at(-1).bytes / rows[0].bytes;
console.log(`goal: flat — one order's change does not rewrite the whole queue; bytes per order at 10,000 ÷ at 100: ${growth.toFixed(1)}× ${growth <= 2 ? '(met)' : '(NOT met)'}`);
record('scale', [
  { what: 'Scale: storage written per order sent, queue and history of 100 / 1,000 / 10,000 orders', figure: rows.map((r) => `${(r.bytes / 1024).toFixed(0)} KB`).join(' / '), goal: 'flat (≤ 2× from 100 to 10,000)', met: growth <= 2 },
  { what: 'Scale: time per order sent (Node, fake-indexeddb)', figure: rows.map((r) => `${r.ms.toFixed(1)} ms`).join(' / '), goal: 'flat', met: rows.at(-1).ms <= 2 * rows[0].ms },
]);
console.log();
process.exit(0); // store.js's BroadcastChannel would keep Node running
