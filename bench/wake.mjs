// `make bench`, cold wake (issue #16 item 1): the shipped dist/chrome in Chromium, its service
// worker stopped through the DevTools protocol (Target.closeTarget on the worker's target), then
// woken by the message a Seller Central order page's content script sends (reviewStatus for an
// order not read before: its first SP-API request is getOrder). Measured: from the moment the
// content script sends the message to the moment the first bytes of the SP-API request reach the
// wire — a TCP forwarder in this process stands between Chromium and sp-sandbox for
// sellingpartnerapi-na.amazon.com only, and notes when each chunk the browser writes arrives.
// Median and p90 of 20 wakes. The worker's own clock (performance.timeOrigin and Resource Timing,
// read after each wake) splits the time: the browser starting the worker, its scripts up to the
// wasm fetch, the wasm fetch, what runs before the core's fetch() (wasm compile + instantiate,
// storage reads, the state stored before each send), and fetch() to the wire. Wasm compile +
// instantiate is also timed on its own in each woken worker (compileStreaming + instantiate of the
// shipped bytes with one custom section added, so V8's module cache cannot answer it). Then 10
// wakes with a queue and history of 10,000 orders stored (5,000 when 10,000 exceed the
// quota of the storage, which is noted).
//
// Chromium is driven over --remote-debugging-pipe by hand, not through Playwright: Playwright
// attaches to every new worker and holds it at start until it has set it up, which would be
// measured as part of the wake. Prints a table; asserts nothing (no timed test in `make test`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startSandbox } from '../tests/e2e/sandbox.mjs';
import { AMAZON_HOSTS } from '../tests/e2e/browser.mjs';
import { record } from './results.mjs';

const root = new URL('..', import.meta.url).pathname;
const WAKES = Number(process.env.BENCH_WAKES) || 20;
const SPAPI = 'sellingpartnerapi-na.amazon.com';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const app = { clientId: 'amzn1.application-oa2-client.wake', clientSecret: 'wake-secret', refreshToken: 'Atzr|wake-refresh' };
// One order for the page, one per wake and five for the running worker: each message names an order
// not read before, so its first request is getOrder (burst 30: none waits for the rate limit).
const WARM = 5;
// BENCH_WAKE_LARGE=0 skips the wakes with 10,000 orders stored.
const LARGE = Number(process.env.BENCH_WAKE_LARGE ?? 10000);
const LARGE_WAKES = 10;
const orders = Array.from({ length: WAKES + 1 + WARM + (LARGE ? LARGE_WAKES : 0) }, (_, i) => ({
  amazonOrderId: `114-${String(3000000 + i)}-${String(4000000 + i)}`, marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped',
  purchaseDate: 'now-12d', earliestDeliveryDate: 'now-10d', latestDeliveryDate: 'now-9d', buyerLocale: 'en-US',
  details: { buyerName: `Buyer ${i}`, salesChannel: 'Amazon.com', items: [{ title: 'Wake item', quantity: 1 }] },
}));
mkdirSync(`${root}target`, { recursive: true });
const scenarioFile = `${root}target/bench-wake.json`;
writeFileSync(scenarioFile, JSON.stringify({ applications: [app], orders }));

/** The DevTools protocol over the pipe (fd 3 to Chromium, fd 4 from it; messages end with NUL). */
function cdpOver(child) {
  let id = 0;
  const pending = new Map();
  /** @type {((m: any) => void)[]} */
  const listeners = [];
  let buf = '';
  child.stdio[4].setEncoding('utf8');
  child.stdio[4].on('data', (chunk) => {
    buf += chunk;
    let end;
    while ((end = buf.indexOf('\0')) >= 0) {
      const m = JSON.parse(buf.slice(0, end));
      buf = buf.slice(end + 1);
      if (m.id !== undefined && pending.has(m.id)) {
        const { resolve, reject } = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) reject(new Error(`${m.error.message} (${m.error.code})`));
        else resolve(m.result);
      } else for (const l of [...listeners]) l(m);
    }
  });
  return {
    send(method, params = {}, sessionId = undefined) {
      const msg = { id: ++id, method, params, ...(sessionId ? { sessionId } : {}) };
      child.stdio[3].write(`${JSON.stringify(msg)}\0`);
      return new Promise((resolve, reject) => pending.set(msg.id, { resolve, reject }));
    },
    /** The first event for which `pred` is true (events seen from now on). */
    wait(pred, ms = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { listeners.splice(listeners.indexOf(l), 1); reject(new Error('timed out waiting for a DevTools event')); }, ms);
        const l = (m) => { if (pred(m)) { clearTimeout(timer); listeners.splice(listeners.indexOf(l), 1); resolve(m); } };
        listeners.push(l);
      });
    },
    on(l) { listeners.push(l); },
  };
}

/** A TCP forwarder to sp-sandbox that notes when each chunk from the browser arrives. */
async function forwarder(port) {
  /** @type {number[]} */
  const chunks = [];
  const server = net.createServer((c) => {
    const s = net.connect(port, '127.0.0.1');
    c.on('data', () => chunks.push(now()));
    c.pipe(s).pipe(c);
    c.on('error', () => s.destroy());
    s.on('error', () => c.destroy());
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, chunks, close: () => server.close() };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

// BENCH_WAKE_MARKS=1: a copy of dist/chrome with performance marks at the steps before the first
// send (where the time goes; the shipped extension has none), printed per mark.
const MARKS = [
  ['background.js', /^(const api = )/m, "performance.mark('background.js runs');\n$1"],
  ['background.js', /(const ready = init\(\{[^;]*\}\));/, "$1.then((x) => (performance.mark('wasm ready'), x));"],
  ['background.js', /(\n  const from = await who\(sender\);)/, "\n  performance.mark('message handled');$1\n  performance.mark('sender checked');"],
  ['background.js', /(\n    const made = \(async \(\) => \{)/, "\n    performance.mark('client made');$1"],
  ['store.js', /(export async function get\(\/\*\* @type \{string\} \*\/ key\) \{\n)([^]*?)\n  return (done\([^\n]*\));/,
    "$1  performance.mark(`get ${key}`);\n$2\n  const v = await $3;\n  performance.mark(`got ${key}`);\n  return v;"],
  ['core/sp_outreach.js', /(\n\s+module_or_path = fetch\(module_or_path\);)/, "\nperformance.mark('wasm fetch');$1"],
  ['core/sp_outreach.js', /(\n    const \{ instance, module \} = await __wbg_load\(await module_or_path, imports\);)/, "\nperformance.mark('wasm compile');$1\nperformance.mark('wasm instantiated');"],
  ['driver', /^/, "performance.mark('first module runs');\n"],
  ['driver', /(await tell\('saveState', step\.clientState\);)/, "performance.mark('state store');$1performance.mark('state stored');"],
  ['driver', /(const r = await fetch\()/, "performance.mark('fetch()');$1"],
];
let extensionDir = `${root}dist/chrome`;
if (process.env.BENCH_WAKE_MARKS) {
  const { cpSync, readFileSync, readdirSync } = await import('node:fs');
  extensionDir = `${root}target/wake-marks`;
  rmSync(extensionDir, { recursive: true, force: true });
  cpSync(`${root}dist/chrome`, extensionDir, { recursive: true });
  const snippets = `${extensionDir}/core/snippets`;
  const driver = `${snippets}/${readdirSync(snippets)[0]}/src/wasm/driver.js`;
  for (const [file, re, to] of MARKS) {
    const path = file === 'driver' ? driver : `${extensionDir}/${file}`;
    const text = readFileSync(path, 'utf8');
    if (!re.test(text)) console.warn(`marks: ${re} not found in ${file}`);
    writeFileSync(path, text.replace(re, to));
  }
}

const sb = await startSandbox([], { scenarioFile });
const fwd = await forwarder(sb.port);
const profile = mkdtempSync(join(tmpdir(), 'spo-wake-'));
const dir = extensionDir;
const rules = AMAZON_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${h === SPAPI ? fwd.port : sb.port}`).join(', ');
const chrome = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
  '--remote-debugging-pipe', '--headless', `--user-data-dir=${profile}`, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--ignore-certificate-errors', `--host-resolver-rules=${rules}`, 'about:blank',
], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const cdp = cdpOver(chrome);

/** The extension's service worker target, when one runs. */
async function workerTarget() {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://') && t.url.endsWith('/background.js'));
}
/** Evaluates `expression` in the running worker (attached for it, then detached). */
async function inWorker(expression) {
  const sw = await workerTarget();
  if (!sw) throw new Error('no service worker');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: true });
  try {
    const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

const rows = [];
let stored = 0;
/** @type {string[]} */
const notStored = [];
try {
  let sw;
  for (let i = 0; i < 100 && !(sw = await workerTarget()); i++) await sleep(100);
  if (!sw) throw new Error('the extension did not start');
  const extensionId = new URL(sw.url).host;
  // A worker just installed may not have its extension APIs bound yet.
  for (let i = 0; i < 100 && !(await inWorker('typeof chrome === "object" && !!chrome.storage').catch(() => false)); i++) await sleep(100);
  // The background's store (extension/store.js), opened by an extension page of the same origin,
  // closed again: an extension page left open keeps the extension's process alive, and the browser
  // then starts the worker in 5 ms instead of 35–55 (a seller on Seller Central has none open).
  const inStore = async (expression) => {
    const { targetId } = await cdp.send('Target.createTarget', { url: `chrome-extension://${extensionId}/options/options.html` });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    try {
      for (let i = 0; ; i++) {
        const r = await cdp.send('Runtime.evaluate', { expression: `import('/store.js').then((store) => ${expression})`, awaitPromise: true, returnByValue: true }, sessionId);
        if (!r.exceptionDetails) return r.result.value;
        if (i > 50) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
        await sleep(100);
      }
    } finally {
      await cdp.send('Target.closeTarget', { targetId });
    }
  };
  // The seller's credentials, as the options page stores them (settings of background.js).
  await inStore(`store.set({ settings: ${JSON.stringify({ ...app, region: 'na', sandbox: false, schedule: { day: 0 } })} }).then(() => true)`);

  // An order's page, whose content script asks about its order (the first getOrder, the token,
  // the actions): the session the next wakes go on with.
  const { targetId } = await cdp.send('Target.createTarget', { url: `https://sellercentral.amazon.com/orders-v3/order/${orders[0].amazonOrderId}` });
  const { sessionId: page } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const contexts = new Map();
  cdp.on((m) => {
    if (m.sessionId === page && m.method === 'Runtime.executionContextCreated') contexts.set(m.params.context.origin, m.params.context.id);
  });
  await cdp.send('Runtime.enable', {}, page);
  const origin = `chrome-extension://${extensionId}`;
  for (let i = 0; i < 200 && !contexts.has(origin); i++) await sleep(50);
  if (!contexts.has(origin)) throw new Error('the content script did not run');
  const content = contexts.get(origin);
  for (let i = 0; i < 200; i++) {
    const log = await sb.admin('log');
    if (log.some((e) => e.operation === 'getSolicitationActionsForOrder')) break;
    await sleep(100);
  }
  const inContent = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: content, awaitPromise: true, returnByValue: true }, page);
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };

  /** Stops the worker, wakes it with a content script's message about `order`, and measures. */
  async function wake(order) {
    const running = await workerTarget();
    if (running) await cdp.send('Target.closeTarget', { targetId: running.targetId });
    for (let k = 0; k < 100 && await workerTarget(); k++) await sleep(20);
    if (await workerTarget()) throw new Error('the worker did not stop');
    // The forwarder quiet: nothing in flight from before the stop.
    await sleep(300);
    const seen = fwd.chunks.length;
    const sent = await inContent(`(() => {
      const t = performance.timeOrigin + performance.now();
      globalThis.__wake = chrome.runtime.sendMessage({ type: 'reviewStatus', orderId: ${JSON.stringify(order)}, hints: [] })
        .then((r) => ({ at: performance.timeOrigin + performance.now(), ok: r?.ok, state: r?.result?.state, error: r?.error?.message }));
      return t;
    })()`);
    for (let k = 0; k < 2000 && fwd.chunks.length === seen; k++) await sleep(5);
    const wire = fwd.chunks[seen];
    const answer = await inContent('globalThis.__wake');
    if (!answer.ok) throw new Error(`reviewStatus failed: ${answer.error}`);
    const w = await inWorker(`(() => {
      const res = performance.getEntriesByType('resource');
      const api = res.find((e) => e.name.startsWith('https://${SPAPI}/'));
      const marks = {};
      for (const m of performance.getEntriesByType('mark')) marks[m.name] ??= m.startTime;
      return { origin: performance.timeOrigin, apiStart: api?.startTime, api: api?.name.replace(/\\?.*/, ''), marks };
    })()`);
    // Compile + instantiate on their own, in this woken worker: the shipped bytes with a custom
    // section added (another module to V8's cache), every import a stub.
    const wasm = await inWorker(`(async () => {
      const bytes = new Uint8Array(await (await fetch(chrome.runtime.getURL('core/sp_outreach_bg.wasm'))).arrayBuffer());
      const tag = new TextEncoder().encode('bench' + Math.random());
      const b = new Uint8Array(bytes.length + 3 + tag.length);
      b.set(bytes);
      b.set([0, tag.length + 1, tag.length], bytes.length);
      b.set(tag, bytes.length + 3);
      const t0 = performance.now();
      const m = await WebAssembly.compileStreaming(new Response(b, { headers: { 'content-type': 'application/wasm' } }));
      const t1 = performance.now();
      const imports = {};
      for (const im of WebAssembly.Module.imports(m)) (imports[im.module] ??= {})[im.name] = im.kind === 'function' ? () => {} : undefined;
      await WebAssembly.instantiate(m, imports);
      return { compile: t1 - t0, instantiate: performance.now() - t1 };
    })()`);
    const apiAt = w.origin + w.apiStart;
    return {
      total: wire - sent, answer: answer.at - sent, start: w.origin - sent, inWorker: w.apiStart, toWire: wire - apiAt,
      compile: wasm.compile, instantiate: wasm.instantiate, api: w.api, marks: w.marks,
    };
  }
  for (let i = 1; i <= WAKES; i++) rows.push(await wake(orders[i].amazonOrderId));
  // For comparison: the same message to a running worker.
  for (let i = 0; i < WARM; i++) {
    const seen = fwd.chunks.length;
    const sent = await inContent(`(() => { const t = performance.timeOrigin + performance.now();
      globalThis.__warm = chrome.runtime.sendMessage({ type: 'reviewStatus', orderId: ${JSON.stringify(orders[WAKES + 1 + i].amazonOrderId)}, hints: [] }); return t; })()`);
    for (let k = 0; k < 1000 && fwd.chunks.length === seen; k++) await sleep(5);
    rows.push({ warm: fwd.chunks[seen] - sent });
    await inContent('globalThis.__warm.then(() => true)');
  }
  // At scale: the same wakes with a queue and a history of LARGE orders stored (what bulk.js and
  // background.js keep, and the order book's 5,000 reads): every wake reads them whole.
  // A store that does not fit (storage.local held 10 MB before issue #12's IndexedDB store) is
  // noted, and half as many orders tried.
  for (let n = LARGE; n >= 1000 && !stored; n = Math.floor(n / 2)) {
    stored = await inStore(`(() => {
      const id = (n) => '116-' + String(1000000 + n) + '-' + String(6000000 + n);
      const at = new Date().toISOString();
      const flow = JSON.stringify({ stage: 'sent', order: 'x'.repeat(560) });
      const orders = Array.from({ length: ${n} }, (_, i) => ({ run: at, orderId: id(i), region: 'na', marketplaceId: 'ATVPDKIKX0DER', hints: [], purchasedAt: null,
        flags: { refunded: false, returned: false, canceled: false, unshipped: false }, delivery: { earliest: 0, latest: 0 }, stage: 'sent', reason: null, at, due: null, flow, seq: i }));
      const history = Object.fromEntries(orders.map((o, i) => [o.orderId, { review: 'requested', marketplaceId: 'ATVPDKIKX0DER', at, requestId: 'req-' + i }]));
      const book = Object.fromEntries(orders.slice(0, 5000).map((o) => [o.orderId, { region: 'na', marketplaceId: 'ATVPDKIKX0DER', status: 'SHIPPED', earliest: 0, latest: 0, readAt: Date.now() }]));
      return store.queue.save({ state: 'done', createdAt: at, startedAt: Date.now(), run: at }, orders, { all: true })
        .then(() => store.set({ history, orders: book })).then(() => ${n}, (e) => String(e.message ?? e));
    })()`);
    if (typeof stored === 'string') {
      notStored.push(`${n.toLocaleString('en')} orders: ${stored}`);
      stored = 0;
    }
  }
  if (stored) for (let i = 0; i < LARGE_WAKES; i++) rows.push({ ...(await wake(orders[WAKES + 1 + WARM + i].amazonOrderId)), large: true });
} finally {
  chrome.kill('SIGTERM');
  fwd.close();
  sb.stop();
  await sleep(300);
  rmSync(profile, { recursive: true, force: true });
}

const cold = rows.filter((r) => r.total !== undefined && !r.large);
const large = rows.filter((r) => r.large);
if (process.env.BENCH_DEBUG) console.log(JSON.stringify(rows, null, 1));
const warm = rows.filter((r) => r.warm !== undefined).map((r) => r.warm);
const col = (k) => cold.map((r) => r[k]);
const fmt = (x) => x.toFixed(1).padStart(6);
const load = (await import('node:os')).loadavg()[0].toFixed(2);
console.log(`\ncold wake in Chromium: ${cold.length} wakes, worker stopped through the DevTools protocol, a content script's reviewStatus wakes it; first SP-API request ${cold[0]?.api ?? ''} (load average ${load} on ${(await import('node:os')).cpus().length} cores)`);
console.log('| part (ms)                                         | median |    p90 |');
console.log('|---------------------------------------------------|--------|--------|');
const line = (name, xs) => console.log(`| ${name.padEnd(49)} | ${fmt(quantile(xs, 0.5))} | ${fmt(quantile(xs, 0.9))} |`);
line('message sent → worker started (browser)', col('start'));
line('worker started → the core calls fetch()', col('inWorker'));
if (process.env.BENCH_WAKE_MARKS) {
  const names = [...new Set(cold.flatMap((r) => Object.keys(r.marks)))].filter((m) => cold.filter((r) => m in r.marks).length * 2 >= cold.length).sort((a, b) => quantile(cold.map((r) => r.marks[a] ?? Infinity), 0.5) - quantile(cold.map((r) => r.marks[b] ?? Infinity), 0.5));
  for (const n of names) line(`  worker started → mark "${n}"`, cold.map((r) => r.marks[n] ?? NaN));
}
line('fetch() → on the wire', col('toWire'));
line('**message sent → first SP-API request on the wire**', col('total'));
line('message sent → answer (the page has its state)', col('answer'));
line('wasm compile (compileStreaming), on its own', col('compile'));
line('wasm instantiate, on its own', col('instantiate'));
line('running worker: message sent → on the wire', warm);
for (const n of notStored) console.log(`could not store a queue and history of ${n}`);
if (large.length) {
  line(`${stored.toLocaleString('en')} orders stored: message → on the wire`, large.map((r) => r.total));
  line(`  … worker started → the core calls fetch()`, large.map((r) => r.inWorker));
  if (process.env.BENCH_WAKE_MARKS) {
    const names = [...new Set(large.flatMap((r) => Object.keys(r.marks)))].filter((m) => large.filter((r) => m in r.marks).length * 2 >= large.length).sort((a, b) => quantile(large.map((r) => r.marks[a] ?? Infinity), 0.5) - quantile(large.map((r) => r.marks[b] ?? Infinity), 0.5));
    for (const n of names) line(`    worker started → mark "${n}"`, large.map((r) => r.marks[n] ?? NaN));
  }
}
const total = quantile(col('total'), 0.5);
console.log(`goal: ≤ 20 ms to the request; median ${total.toFixed(1)} ms ${total <= 20 ? '(met)' : '(NOT met)'}, p90 ${quantile(col('total'), 0.9).toFixed(1)} ms`);
const ms = (xs) => `${quantile(xs, 0.5).toFixed(1)} ms median, ${quantile(xs, 0.9).toFixed(1)} ms p90`;
record('wake', [
  { what: `Cold wake (Chromium): message → first SP-API request on the wire, ${cold.length} wakes`, figure: ms(col('total')), goal: '≤ 20 ms', met: total <= 20 },
  { what: '… of which the browser starting the worker', figure: ms(col('start')), goal: '', met: null },
  { what: '… of which the worker, up to the core\'s fetch()', figure: ms(col('inWorker')), goal: '', met: null },
  { what: '… wasm compile + instantiate, on their own', figure: ms(cold.map((r) => r.compile + r.instantiate)), goal: '', met: null },
  { what: 'Running worker: message → request on the wire', figure: ms(warm), goal: '', met: null },
  ...notStored.map((n) => ({ what: 'Queue and history stored', figure: `${n}`, goal: '10,000 orders fit', met: false })),
  ...(large.length ? [{ what: `Cold wake with a queue and history of ${stored.toLocaleString('en')} orders stored, ${large.length} wakes`, figure: ms(large.map((r) => r.total)), goal: '≤ 20 ms', met: quantile(large.map((r) => r.total), 0.5) <= 20 }] : []),
]);

