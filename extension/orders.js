// The orders a page names, resolved by Amazon (issue #10): the page only names orders (their ids,
// the region of its host); each order's marketplace, fulfillment status and delivery window come
// from the Orders API, read through the core's client and kept with the time they were read.
//
// Reads fit the API's rates (facts.md "Orders and the seller's marketplaces"): a list page is one or
// two `searchOrders` (up to 100 orders a page, 0.0056/s with a burst of 20) over the purchase days
// the page shows, never a `getOrder` (0.5/s, burst 30) per row; a single order, or what a search did
// not find, is one `getOrder` each. An order read once is not read again until a decision depends on
// a status that may have changed: one still on its way (pending, unshipped) after 15 minutes, a
// shipped or canceled one after a day.
//
// When the API can't say (no Inventory and Order Tracking role, an error, an order it does not
// find), the page's hints decide in a fixed order — the marketplace id in Amazon's own
// Request-a-Review link, then the sales-channel value as the core maps it — and only marketplaces of
// the host's region count. Without either the marketplace stays unknown and the seller picks one
// (`choose`): nothing is sent with a guessed marketplace. The Orders model has no refund or return
// field, so refunds and returns are the page's (its classes), never this module's.

import { ORDER_ID, MARKETPLACE_ID } from './ids.js';

/**
 * @typedef {import('./core/sp_outreach.js').Region} Region
 * @typedef {import('./core/sp_outreach.js').Order} Order
 * @typedef {import('./core/sp_outreach.js').MarketplaceInfo} MarketplaceInfo
 * @typedef {import('./messages').NamedOrder} NamedOrder
 * @typedef {import('./messages').OrderView} OrderView
 * @typedef {import('./messages').PublicError} PublicError
 * @typedef {import('./messages').Resolution} Resolution
 * @typedef {{ region: Region, marketplaceId: string | null, status: string | null, earliest: number | null, latest: number | null, readAt: number | null, chosen?: string }} Entry
 * @typedef {{ read: (call: any) => Promise<import('./core/sp_outreach.js').Success> }} Reader
 * @typedef {{ reviewWindow: typeof import('./core/sp_outreach.js').reviewWindow, marketplaces: typeof import('./core/sp_outreach.js').marketplaces, marketplaceForChannel: typeof import('./core/sp_outreach.js').marketplaceForChannel }} Core
 */

const KEY = 'orders';
const MINUTE = 60000;
const DAY = 86400000;
/** Orders kept; the oldest reads go first. A seller's list shows at most 100 a page. */
export const MAX_KEPT = 5000;
/** Orders one question may name: every page of a bulk run ("all pages" stops at 100 pages of 20). */
export const MAX_NAMED = 2000;
/** Up to this many unread orders are read one by one; more are searched for. */
const SINGLE_READS = 3;
/** getOrder's burst: at most this many per resolution, the rest wait for the next. */
const MAX_GETS = 30;
/** searchOrders pages per resolution (100 orders each). */
const MAX_PAGES = 10;
/** A page shows purchase days in the seller's time zone: the search reaches two days either side. */
const MARGIN = 2 * DAY;
const FRESH_OPEN = 15 * MINUTE;
const FRESH_FINAL = DAY;
const FINAL = new Set(['SHIPPED', 'CANCELLED', 'UNFULFILLABLE']);
/** After an access denial or missing credentials the API is not asked again for this long, and an
 * order it did not find is not looked for again for this long. */
const QUIET = 10 * MINUTE;
/** Errors that say the API can't be used at all for now (role missing, credentials). */
const UNUSABLE = new Set(['accessDenied', 'tokenRejected', 'notConfigured', 'regionOff', 'lwaInvalidClient', 'lwaInvalidGrant', 'lwaUnauthorizedClient']);

/** RFC 3339 without milliseconds, as the Orders model's examples write it. */
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** @param {unknown} e @returns {PublicError} */
function publicError(e) {
  const x = /** @type {any} */ (e);
  return { kind: typeof x?.kind === 'string' ? x.kind : 'internal', message: String(x?.message ?? e) };
}

/**
 * @param {{ store: { get: (key: string) => Promise<any>, set: (values: Record<string, unknown>) => Promise<void>, onRemoved?: (key: string, listener: () => void) => void }, clientFor: (region: Region) => Promise<Reader>, core: Core, now?: () => number }} deps
 */
export function orderBook({ store, clientFor, core, now = Date.now }) {
  /** @type {Map<string, Entry>} */
  let entries = new Map();
  /** @type {Promise<void> | null} */
  let loaded = null;
  let writing = Promise.resolve();
  let dirty = false;
  /** Reads under way, by order id. @type {Map<string, Promise<void>>} */
  const inFlight = new Map();
  /** Why the API could not say, by order id, and since when. @type {Map<string, { error: PublicError, at: number }>} */
  const errors = new Map();
  /** Regions whose API can't be used for now. @type {Map<Region, { error: PublicError, until: number }>} */
  const down = new Map();

  const load = () => (loaded ??= store.get(KEY).then((/** @type {any} */ v) => {
    if (v && typeof v === 'object') entries = new Map(Object.entries(v).filter(([id]) => ORDER_ID.test(id)));
  }));
  // The seller cleared the extension's data: forget what Amazon said here too.
  store.onRemoved?.(KEY, () => {
    entries = new Map();
    errors.clear();
    down.clear();
  });

  /** One write at a time, each with the latest entries, at most MAX_KEPT of them. */
  function save() {
    dirty = true;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      if (entries.size > MAX_KEPT) {
        const kept = [...entries].sort((a, b) => (b[1].readAt ?? 0) - (a[1].readAt ?? 0)).slice(0, MAX_KEPT);
        entries = new Map(kept);
      }
      await store.set({ [KEY]: Object.fromEntries(entries) });
    }).catch(() => {});
    return writing;
  }

  /** Whether an entry's status may still be trusted for a decision. */
  function fresh(/** @type {Entry | undefined} */ e, /** @type {Region} */ region) {
    if (!e || e.region !== region || e.readAt === null || !e.marketplaceId) return false;
    return now() - e.readAt < (FINAL.has(e.status ?? '') ? FRESH_FINAL : FRESH_OPEN);
  }

  /** What Amazon said of an order, kept. */
  function keep(/** @type {Region} */ region, /** @type {Order} */ o) {
    if (!ORDER_ID.test(o.orderId)) return;
    const old = entries.get(o.orderId);
    entries.set(o.orderId, {
      region, marketplaceId: o.marketplaceId, status: o.fulfillmentStatus, earliest: o.deliverBy?.earliest ?? null, latest: o.deliverBy?.latest ?? null,
      readAt: now(), ...(old?.chosen ? { chosen: old.chosen } : {}),
    });
    errors.delete(o.orderId);
  }

  function failed(/** @type {string} */ orderId, /** @type {unknown} */ e) {
    errors.set(orderId, { error: publicError(e), at: now() });
  }

  /** Reads `list` from Amazon: a search over their purchase days when there are several, then
   * `getOrder` for what it did not find. Errors are kept per order; none is thrown. */
  async function read(/** @type {Region} */ region, /** @type {NamedOrder[]} */ list) {
    const quiet = down.get(region);
    if (quiet && quiet.until > now()) {
      for (const o of list) errors.set(o.orderId, { error: quiet.error, at: now() });
      return;
    }
    try {
      const client = await clientFor(region);
      const found = new Set();
      const dated = list.filter((o) => Number.isFinite(o.purchasedAt));
      if (list.length > SINGLE_READS && dated.length) for (const id of await search(client, region, dated)) found.add(id);
      const left = list.filter((o) => !found.has(o.orderId));
      for (const o of left.slice(MAX_GETS)) failed(o.orderId, { kind: 'notResolved', message: 'Not read yet: Amazon takes a few orders at a time; it is read on the next visit.' });
      await pool(left.slice(0, MAX_GETS), 4, (o) => getOne(client, region, o.orderId));
    } catch (e) {
      const error = publicError(e);
      if (UNUSABLE.has(error.kind)) down.set(region, { error, until: now() + QUIET });
      for (const o of list) if (!fresh(entries.get(o.orderId), region)) errors.set(o.orderId, { error, at: now() });
    }
    await save();
  }

  /** The ids of `dated` found by searchOrders over their purchase days (and every other order of
   * those days, kept too: the next page of the list needs no read). */
  async function search(/** @type {Reader} */ client, /** @type {Region} */ region, /** @type {NamedOrder[]} */ dated) {
    const days = dated.map((o) => /** @type {number} */ (o.purchasedAt));
    const after = Math.min(...days) - MARGIN;
    const before = Math.max(...days) + MARGIN;
    /** @type {Record<string, unknown>} */
    const query = { operation: 'searchOrders', createdAfter: iso(after), includedData: ['FULFILLMENT'], maxResultsPerPage: 100 };
    // `createdBefore` must be at least two minutes in the past (the model); near now, none.
    if (before < now() - 5 * MINUTE) query.createdBefore = iso(before);
    const wanted = new Set(dated.map((o) => o.orderId));
    const found = [];
    let token = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.read(token ? { ...query, paginationToken: token } : query);
      if (r.type !== 'orders') break;
      for (const o of r.orders) {
        keep(region, o);
        if (wanted.delete(o.orderId)) found.push(o.orderId);
      }
      token = r.nextToken;
      if (!token || wanted.size === 0) break;
    }
    return found;
  }

  async function getOne(/** @type {Reader} */ client, /** @type {Region} */ region, /** @type {string} */ orderId) {
    try {
      const r = await client.read({ operation: 'getOrder', orderId, includedData: ['FULFILLMENT'] });
      if (r.type === 'order') keep(region, r.order);
    } catch (e) {
      if (UNUSABLE.has(publicError(e).kind)) throw e;
      // Not found (another region's order, or not the seller's), or Amazon failed: the page's hints
      // decide, and the order is not looked for again for a while.
      failed(orderId, e);
    }
  }

  /** Resolves every order not fresh, at most once at a time per order. */
  async function ensure(/** @type {Region} */ region, /** @type {NamedOrder[]} */ named, /** @type {boolean} */ force) {
    const waits = [];
    /** @type {NamedOrder[]} */
    const todo = [];
    for (const o of named) {
      const running = inFlight.get(o.orderId);
      if (running) waits.push(running);
      else if (force || !fresh(entries.get(o.orderId), region)) {
        const err = errors.get(o.orderId);
        if (!force && err && now() - err.at < QUIET) continue;
        todo.push(o);
      }
    }
    if (todo.length) {
      const p = read(region, todo).finally(() => { for (const o of todo) inFlight.delete(o.orderId); });
      for (const o of todo) inFlight.set(o.orderId, p);
      waits.push(p);
    }
    await Promise.all(waits);
  }

  /** The marketplace a hint names, if it is one of the region's. */
  function fromHint(/** @type {import('./messages').Hint} */ h, /** @type {Region} */ region) {
    const id = h.source === 'reviewLink' ? h.marketplaceId : h.source === 'salesChannel' ? core.marketplaceForChannel(h.channel) : null;
    return id && core.marketplaces().some((m) => m.id === id && m.region === region) ? id : null;
  }

  /** What is known of an order, and what every decision about it uses. @returns {OrderView} */
  function view(/** @type {Region} */ region, /** @type {NamedOrder} */ named) {
    const e = entries.get(named.orderId);
    const apiError = errors.get(named.orderId)?.error ?? null;
    /** @type {OrderView} */
    const v = { orderId: named.orderId, marketplaceId: null, source: null, status: null, window: null, deliverBy: null, readAt: null, apiError, choices: [] };
    if (e && e.region === region && e.marketplaceId && e.readAt !== null) {
      const deliverBy = e.earliest === null && e.latest === null ? null : { earliest: e.earliest, latest: e.latest };
      const window = core.reviewWindow(e.status, e.earliest, e.latest, now());
      return { ...v, marketplaceId: e.marketplaceId, source: 'api', status: e.status, readAt: e.readAt, apiError: null, window, deliverBy };
    }
    for (const h of (named.hints ?? []).slice(0, 10)) {
      const id = fromHint(h, region);
      if (id) return { ...v, marketplaceId: id, source: h.source };
    }
    if (e?.region === region && e.chosen) return { ...v, marketplaceId: e.chosen, source: 'chosen' };
    return { ...v, choices: core.marketplaces().filter((m) => m.region === region) };
  }

  /** Checked page input: at most MAX_NAMED Amazon order ids with hints and a purchase day. */
  function checked(/** @type {unknown} */ input) {
    if (!Array.isArray(input) || input.length > MAX_NAMED) throw Object.assign(new Error('Malformed order list.'), { kind: 'badMessage' });
    /** @type {Map<string, NamedOrder>} */
    const out = new Map();
    for (const o of input) {
      if (typeof o?.orderId !== 'string' || !ORDER_ID.test(o.orderId)) continue;
      const hints = Array.isArray(o.hints) ? o.hints.slice(0, 10).filter(isHint) : [];
      const purchasedAt = Number.isFinite(o.purchasedAt) && o.purchasedAt > 0 ? o.purchasedAt : null;
      out.set(o.orderId, { orderId: o.orderId, hints, purchasedAt });
    }
    return [...out.values()];
  }

  return {
    /**
     * The orders a page names, as Amazon says they are: read when not known or not fresh (`force`:
     * read again whatever was kept), then each one's view.
     * @param {Region} region the region of the page's host
     * @param {unknown} named the page's orders (checked here)
     * @returns {Promise<OrderView[]>}
     */
    async resolve(region, named, { force = false } = {}) {
      await load();
      const list = checked(named);
      await ensure(region, list, force);
      return list.map((o) => view(region, o));
    },

    /** The region of a marketplace id (the core's table), or null. @returns {Region | null} */
    regionOf(/** @type {string} */ marketplaceId) {
      return core.marketplaces().find((m) => m.id === marketplaceId)?.region ?? null;
    },

    /** The seller's pick for an order whose marketplace nobody knows: one of the region's. */
    async choose(/** @type {Region} */ region, /** @type {string} */ orderId, /** @type {string} */ marketplaceId) {
      await load();
      if (!ORDER_ID.test(orderId) || !MARKETPLACE_ID.test(marketplaceId) || !core.marketplaces().some((m) => m.id === marketplaceId && m.region === region)) {
        throw Object.assign(new Error('Choose one of the marketplaces of this Seller Central region.'), { kind: 'invalidMarketplace' });
      }
      const old = entries.get(orderId);
      entries.set(orderId, { region, marketplaceId: null, status: null, earliest: null, latest: null, readAt: null, ...(old?.region === region ? old : {}), chosen: marketplaceId });
      await save();
      return view(region, { orderId });
    },

    /** How far the page's orders are (the popup's page check): their views, nothing read. @returns {Promise<Resolution>} */
    async counts(/** @type {Region | null} */ region, /** @type {unknown} */ named) {
      await load();
      const list = checked(named);
      /** @type {Resolution} */
      const r = { region, named: list.length, resolved: 0, resolving: 0, fromPage: 0, unknown: 0 };
      for (const o of list) {
        const v = region ? view(region, o) : null;
        if (v?.source === 'api') r.resolved++;
        else if (inFlight.has(o.orderId)) r.resolving++;
        else if (v?.marketplaceId) r.fromPage++;
        else r.unknown++;
      }
      return r;
    },
  };
}

/** A hint as selectors.js gives it. @returns {h is import('./messages').Hint} */
function isHint(/** @type {any} */ h) {
  return (h?.source === 'reviewLink' && typeof h.marketplaceId === 'string' && h.marketplaceId.length < 20)
    || (h?.source === 'salesChannel' && typeof h.channel === 'string' && h.channel.length < 40);
}

/** Runs `work` over `items`, `n` at a time. @template T */
async function pool(/** @type {T[]} */ items, /** @type {number} */ n, /** @type {(item: T) => Promise<void>} */ work) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
}
