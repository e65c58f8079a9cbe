// The background's one store (issue #12 item 1): settings and credentials, the history, the bulk
// queue, the orders read from Amazon and the clients' states live in IndexedDB on the extension's
// own origin, which content scripts cannot reach in either browser. Measured (briefs/browser-facts,
// Chromium 156 and Firefox ESR 153):
// - `storage.local` is readable and writable by content scripts by default. Chrome can close it
//   with `storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })`; Firefox cannot
//   (`setAccessLevel` exists only on `storage.session`, Mozilla bug 1724754), and `storage.session`
//   is in memory only, lost on restart: no place for credentials, history or the queue.
// - IndexedDB opened by the background is the extension origin's (chrome-extension:// or
//   moz-extension://); a content script's `indexedDB` is the page origin's, so it cannot open ours.
// So everything is kept here, in IndexedDB, in both browsers; Chrome also closes `storage.local` to
// content scripts as defence in depth (nothing is kept there any more); data that earlier versions
// kept in `storage.local` moves here once, at first open, and is removed from there.
//
// API (used by background.js, bulk.js, orders.js; only from the background and the extension's
// own pages — content scripts have no way to it):
//   get(key) → value | undefined       set({ key: value, ... })       remove(key | keys)
//   keys(prefix) → the stored keys that start with prefix
//   onRemoved(key, listener)            called when `key` is removed, from any extension context
//   queue.load() → { meta, orders } | null
//   queue.save(meta, orders, { all })   the bulk queue, one record per order (issues #12, #14, #16)
// Key 'bulk' is the queue: its run (meta) is a value, its orders are one record each, so one order's
// change writes that order alone; `remove('bulk')` removes both.

const api = globalThis.browser ?? globalThis.chrome;

const DB = 'sp-outreach';
const VERSION = 1;
/** Values by key: settings, history, auth, orders, session-<region>, bulk (the queue's run). */
const KV = 'kv';
/** The bulk queue's orders, one record each, keyed by order id, with `seq` their place in the run. */
const QUEUE = 'queue';
const QUEUE_KEY = 'bulk';
/** Set in the same transaction as the migrated data: the migration runs once. */
const MIGRATED = '_migratedFromStorageLocal';
/** Other extension contexts (the background, when a page removes a key) hear removals here. */
const CHANNEL = 'sp-outreach-store';

/** @type {Promise<IDBDatabase> | null} */
let opened = null;

/** @returns {Promise<T>} @template T */
function done(/** @type {IDBRequest<T>} */ req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Resolves when `tx` commits (a write is only "done" then). */
function committed(/** @type {IDBTransaction} */ tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('Storage transaction aborted.'));
  });
}

function db() {
  opened ??= (async () => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      if (!d.objectStoreNames.contains(KV)) d.createObjectStore(KV);
      if (!d.objectStoreNames.contains(QUEUE)) d.createObjectStore(QUEUE, { keyPath: 'orderId' });
    };
    const d = await done(req);
    // Another context deletes or upgrades the database (the seller cleared the extension's data):
    // this connection gives way, and the next call opens it again.
    d.onversionchange = () => {
      d.close();
      opened = null;
    };
    await migrate(d);
    return d;
  })();
  opened.catch(() => { opened = null; });
  return opened;
}

/** Chrome: `storage.local` closed to content scripts (defence in depth: nothing is kept there).
 * Firefox has no such call on `storage.local` (bug 1724754). */
export async function closeStorageLocal() {
  const local = /** @type {any} */ (api.storage?.local);
  if (typeof local?.setAccessLevel === 'function') await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

/** Earlier versions' `storage.local` data, moved here once: written with the MIGRATED mark in one
 * transaction, then removed from `storage.local` (a removal that did not finish is finished at the
 * next open; the data is never imported twice). */
async function migrate(/** @type {IDBDatabase} */ d) {
  const local = api.storage?.local;
  if (!local) return;
  const read = d.transaction(KV, 'readonly');
  const already = await done(read.objectStore(KV).get(MIGRATED));
  const old = /** @type {Record<string, any>} */ (await local.get(null));
  const keys = Object.keys(old);
  if (!already) {
    const tx = d.transaction([KV, QUEUE], 'readwrite');
    const kv = tx.objectStore(KV);
    for (const [k, v] of Object.entries(old)) {
      // Limiter states of versions before the clients' states held them: not kept.
      if (/^limiter-/.test(k)) continue;
      if (k === QUEUE_KEY && v && typeof v === 'object' && Array.isArray(v.orders)) {
        const { orders, ...meta } = v;
        kv.put(meta, k);
        orders.forEach((/** @type {any} */ o, /** @type {number} */ seq) => { if (typeof o?.orderId === 'string') tx.objectStore(QUEUE).put({ ...o, seq }); });
      } else kv.put(v, k);
    }
    kv.put(new Date().toISOString(), MIGRATED);
    await committed(tx);
  }
  if (keys.length) await local.remove(keys);
}

/** The stored value of `key`, or undefined (what it holds is each caller's to check). @returns {Promise<any>} */
export async function get(/** @type {string} */ key) {
  const d = await db();
  return done(d.transaction(KV, 'readonly').objectStore(KV).get(key));
}

/** The stored keys that start with `prefix`. @returns {Promise<string[]>} */
export async function keys(/** @type {string} */ prefix) {
  const d = await db();
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  return /** @type {string[]} */ (await done(d.transaction(KV, 'readonly').objectStore(KV).getAllKeys(range)));
}

/** Stores every key of `values`, in one transaction. */
export async function set(/** @type {Record<string, unknown>} */ values) {
  const d = await db();
  const tx = d.transaction(KV, 'readwrite');
  for (const [k, v] of Object.entries(values)) tx.objectStore(KV).put(v, k);
  await committed(tx);
}

/** Removes `keys` ('bulk' removes the queue's orders too) and tells every listener. */
export async function remove(/** @type {string | string[]} */ keys) {
  const list = Array.isArray(keys) ? keys : [keys];
  const d = await db();
  const tx = d.transaction([KV, QUEUE], 'readwrite');
  for (const k of list) tx.objectStore(KV).delete(k);
  if (list.includes(QUEUE_KEY)) tx.objectStore(QUEUE).clear();
  await committed(tx);
  removed(list);
  channel()?.postMessage(list);
}

/** @type {Map<string, (() => void)[]>} */
const listeners = new Map();
/** @type {BroadcastChannel | null | undefined} */
let bc;
function channel() {
  if (bc === undefined) {
    bc = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    bc?.addEventListener('message', (e) => { if (Array.isArray(e.data)) removed(e.data.filter((k) => typeof k === 'string')); });
  }
  return bc;
}
function removed(/** @type {string[]} */ keys) {
  for (const k of keys) for (const l of listeners.get(k) ?? []) l();
}

/** Calls `listener` when `key` is removed (by this context or another of the extension's). */
export function onRemoved(/** @type {string} */ key, /** @type {() => void} */ listener) {
  listeners.set(key, [...(listeners.get(key) ?? []), listener]);
  channel();
}

/** The bulk queue: its run's fields (`meta`) under key 'bulk', and one record per order. */
export const queue = {
  /** The saved run and its orders in the order they joined it, or null. @returns {Promise<{ meta: Record<string, any>, orders: any[] } | null>} */
  async load() {
    const d = await db();
    const tx = d.transaction([KV, QUEUE], 'readonly');
    const [meta, orders] = await Promise.all([done(tx.objectStore(KV).get(QUEUE_KEY)), done(tx.objectStore(QUEUE).getAll())]);
    if (!meta) return null;
    orders.sort((a, b) => a.seq - b.seq);
    return { meta, orders: orders.map(({ seq: _, ...o }) => o) };
  },
  /**
   * Saves the run's `meta` and the given orders, each with its place (`seq`) in the run. With
   * `{ all: true }`, `orders` is the whole queue and any other stored order is deleted; otherwise
   * only these orders are written (one order's change does not rewrite the others).
   * @param {Record<string, unknown>} meta @param {{ orderId: string, seq: number }[]} orders @param {{ all?: boolean }} [options]
   */
  async save(meta, orders, { all = false } = {}) {
    const d = await db();
    const tx = d.transaction([KV, QUEUE], 'readwrite');
    tx.objectStore(KV).put(meta, QUEUE_KEY);
    const q = tx.objectStore(QUEUE);
    if (all) q.clear();
    for (const o of orders) q.put(o);
    await committed(tx);
  },
};
