// `make bench`, the autopilot part (issue #14): the background's own modules — extension/autopilot.js
// and the bulk queue it hands orders to (extension/bulk.js), with the shipped core (build/pkg) and its
// Client — run in Node against sp-sandbox at --rate-scale S (a ceiling of S creates/s), over 100,
// 1,000 and 10,000 orders written by www/demo/make-orders.py --autopilot. One pass looks for every
// order (searchOrders, 35 days back, 100 a page), plans each for the last day of its window; a pass 25
// days on (the autopilot's clock) hands them all to the queue, which checks and sends each. Printed per size: orders sent, rate ÷ ceiling while sending (goal ≥
// 0.98), 429s (goal 0), duplicates (0), lost (0), and the cost per order in this process's CPU
// (the extension's side; goal: flat). Storage is an in-memory map that serializes every write, as
// browser storage does. Not a timed test. BENCH_AUTOPILOT_SIZES=100,1000 to run fewer.
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync, mkdirSync } from 'node:fs';
import { initSync, Client, lookSince, planAutopilot, marketplaces, queueReview } from '../build/pkg/sp_outreach.js';
import { autopilot } from '../extension/autopilot.js';
import { bulkQueue } from '../extension/bulk.js';

const root = new URL('..', import.meta.url).pathname;
initSync({ module: readFileSync(`${root}build/pkg/sp_outreach_bg.wasm`) });
// 50× Amazon's rates: the first look over 10,000 orders is 100 searchOrders pages, 80 of them past
// the burst of 20 at 0.0056/s × 50 (about 5 minutes; at Amazon's own rate, 4 hours).
const SCALE = Number(process.env.BENCH_RATE_SCALE) || 50;
const SIZES = (process.env.BENCH_AUTOPILOT_SIZES ?? '100,1000,10000').split(',').map(Number);
const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

async function sandbox(file) {
  const child = spawn(`${root}target/debug/sp-sandbox`, ['--port', '0', '--scenario', file, '--seed', '1', '--rate-scale', String(SCALE)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = (await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sp-sandbox exited with ${code}`)));
  })).trim();
  const admin = async (path) => (await fetch(`${base}/_sandbox/${path}`)).json();
  return { base, admin, stop: () => child.kill('SIGTERM') };
}

/** Storage as the background has it: every write serialized (JSON), every read a copy. */
function memoryStore() {
  const data = new Map();
  const store = {
    bytes: 0,
    async get(k) { return data.has(k) ? JSON.parse(data.get(k)) : undefined; },
    async set(values) { for (const [k, v] of Object.entries(values)) { const text = JSON.stringify(v); this.bytes += text.length; data.set(k, text); } },
    async remove(keys) { for (const k of [keys].flat()) data.delete(k); },
    async keys(prefix) { return [...data.keys()].filter((k) => k.startsWith(prefix)); },
    onRemoved() {},
    // The bulk queue as store.js keeps it: the run's fields, and one record per order.
    queue: {
      meta: null,
      orders: new Map(),
      async load() { return this.meta ? { meta: JSON.parse(this.meta), orders: [...this.orders.values()].map((t) => JSON.parse(t)).sort((a, b) => a.seq - b.seq) } : null; },
      async save(meta, orders, { all = false } = {}) {
        if (all) this.orders.clear();
        this.meta = JSON.stringify(meta);
        store.bytes += this.meta.length;
        for (const o of orders) { const text = JSON.stringify(o); store.bytes += text.length; this.orders.set(o.orderId, text); }
      },
    },
  };
  return store;
}

async function run(n) {
  mkdirSync(`${root}target`, { recursive: true });
  const file = `${root}target/bench-autopilot-${n}.json`;
  execFileSync('python3', [`${root}www/demo/make-orders.py`, '--autopilot', String(n), file]);
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  const app = scenario.applications[0];
  const sb = await sandbox(file);
  const store = memoryStore();
  const history = {};
  /** @type {Promise<Client> | null} */
  let client = null;
  const clientFor = async () => (client ??= Promise.resolve(new Client({
    clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: app.refreshTokens.na, region: 'na', baseUrl: sb.base, lwaUrl: sb.base,
    saveState: (state) => store.set({ 'session-na': state }),
  })));
  const userError = (kind, message) => Object.assign(new Error(message), { kind });
  const bulk = bulkQueue({
    store, ready: Promise.resolve(), clientFor, userError, queueReview,
    book: { regionOf: () => 'na', resolve: async () => [] },
    history: async () => history,
    record: async (id, e) => { history[id] = { ...history[id], ...e }; },
    schedule: async () => ({ enabled: true, day: 0 }),
    authFailed: () => {},
  });
  // Sent on the last day of each order's window (day 24): the look plans every order and hands none;
  // 25 days on (Amazon's time as the autopilot sees it; sp-sandbox's windows are still open) they
  // are all due at once, and the queue sends them at its ceiling.
  const settings = { refreshTokens: { na: app.refreshTokens.na }, autopilot: { markets: { [US]: { enabled: true, day: 24, cap: null }, [CA]: { enabled: true, day: 24, cap: null } }, retentionDays: 90 } };
  let ahead = 0;
  const pilot = autopilot({ store, clientFor, core: { lookSince, planAutopilot, marketplaces }, bulk, history: async () => history, settings: async () => settings, now: () => Date.now() + ahead, onStop: (s) => console.log('stopped', s) });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await pilot.run({ force: true });
  const looked = performance.now();
  const lookEnd = Date.now();
  ahead = 25 * 86400000;
  await pilot.run();
  // The queue's runner: kicked as the alarm does, until nothing is left to send.
  for (;;) {
    await bulk.kick();
    const st = await bulk.status();
    if (!st.orders.some((o) => ['queued', 'sending', 'resolving'].includes(o.stage))) break;
  }
  await pilot.run({ force: true });
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const log = await sb.admin('log');
  const created = log.filter((e) => e.operation === CREATE && e.status === 201);
  const per = new Map();
  for (const e of created) per.set(e.path, (per.get(e.path) ?? 0) + 1);
  // The rate while the queue had a backlog: from the first create to the last (all after the look).
  const times = created.map((e) => Date.parse(e.time)).filter((t) => t >= lookEnd).sort((a, b) => a - b);
  const seconds = (times.at(-1) - times[0]) / 1000;
  const { orders: state } = await sb.admin('orders');
  const shipped = scenario.orders.filter((o) => o.status === 'Shipped').map((o) => o.amazonOrderId);
  const requested = new Set(state.filter((o) => o.reviewRequest === 'alreadyRequested').map((o) => o.amazonOrderId));
  const st = await pilot.status();
  sb.stop();
  return {
    n, sent: created.length, shipped: shipped.length, skipped: st.markets.reduce((s, m) => s + m.skipped, 0),
    lookSeconds: ((looked - t0) / 1000).toFixed(1), seconds: seconds.toFixed(1), wall: wall.toFixed(1),
    ratio: ((times.length - 1) / seconds / SCALE).toFixed(2),
    throttled: log.filter((e) => e.status === 429).length,
    duplicates: [...per.values()].filter((c) => c > 1).length,
    lost: shipped.filter((id) => !requested.has(id)).length,
    cpuPerOrder: ((cpu.user + cpu.system) / 1000 / n).toFixed(2),
    storedPerOrder: (store.bytes / n / 1024).toFixed(1),
  };
}

const rows = [];
for (const n of SIZES) {
  rows.push(await run(n));
  console.error(JSON.stringify(rows.at(-1)));
}
console.log(`\nAutopilot: one pass over N orders (searchOrders, plan, queue), ceiling ${SCALE} creates/s (sp-sandbox --rate-scale ${SCALE}); Node with the shipped core and the background's modules`);
console.log('| orders | sent (of shipped) | canceled skipped | look s | sending s | rate ÷ ceiling (goal ≥ 0.98) | 429s (0) | duplicates (0) | lost (0) | CPU ms per order (goal: flat) | KB written per order |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.n} | ${r.sent} (${r.shipped}) | ${r.skipped} | ${r.lookSeconds} | ${r.seconds} | ${r.ratio} | ${r.throttled} | ${r.duplicates} | ${r.lost} | ${r.cpuPerOrder} | ${r.storedPerOrder} |`);
