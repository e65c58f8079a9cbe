// Autopilot (issue #14): every shipped order of the marketplaces the seller turned it on for gets a
// review request on its day, with no page open and nothing leaving the browser. On an alarm the
// background looks for orders itself — `searchOrders` since its last look (the first time 35 days
// back: the core's `lookSince`), paginated through the client, whose limiter keeps Orders' rate
// (0.0056/s, burst 20) — and the core decides each one (`planAutopilot`: canceled never, shipped ones
// on the seller's day of the review window, the next free day under the daily cap). On its day an
// order is handed to the bulk queue (bulk.js `enqueue`), whose state machines (src/flow/queue.rs)
// alone check, send, verify and settle it: exactly once, across worker and browser restarts.
//
// Time is Amazon's (`now`: the background's clock, set from the `Date` of Amazon's answers): the
// review window is Amazon's rule on Amazon's clock, and a test moves sp-sandbox's clock, not the
// extension's.
//
// Storage: one record per order (`ap-<orderId>`, so one order's change writes one small record)
// and an index (`autopilot`) with the last looks, the per-day counts the cap needs, the totals, and
// the ids. Records that are over are dropped after the retention the seller sees (totals kept).

import { ORDER_ID, MARKETPLACE_ID } from './ids.js';

/**
 * @typedef {import('./core/sp_outreach.js').Region} Region
 * @typedef {import('./core/sp_outreach.js').Order} Order
 * @typedef {import('./messages').AutopilotRecord} AutopilotRecord
 * @typedef {import('./messages').AutopilotSettings} AutopilotSettings
 * @typedef {import('./messages').AutopilotStatus} AutopilotStatus
 * @typedef {{ markets: string, since: number, started: number, token: string }} Cursor
 * @typedef {{ lastLook: Partial<Record<Region, number>>, cursor: Partial<Record<Region, Cursor>>, stopped: AutopilotStatus['stopped'], lastError: AutopilotStatus['lastError'],
 *   totals: Record<string, Record<string, number>>, planned: Record<string, Record<string, number>>, handed: Record<string, Record<string, number>>,
 *   ids: string[], lastRun: number | null }} Index
 */

const INDEX = 'autopilot';
const rec = (/** @type {string} */ id) => `ap-${id}`;
const DAY = 86400000;
/** A region is looked at most this often by the alarm (a look is one searchOrders page per 100
 * orders; the bucket refills one request every 3 minutes). "Check now" looks at once. */
export const LOOK_EVERY = 30 * 60000;
/** Pages per pass: 20,000 orders. The next pass goes on from the stored page. */
const MAX_PAGES = 200;
/** Orders the autopilot keeps track of at once; past it a look stops adding (and says so). */
export const MAX_RECORDS = 50000;
export const DEFAULT_RETENTION_DAYS = 90;
/** Final states: nothing more happens to the order. */
const FINAL = new Set(['sent', 'skipped', 'unknown', 'failed']);
/** Errors that mean the credentials (or the authorization) stopped working: the autopilot stops and
 * warns rather than failing silently (seller-central.md: what commercial tools' users complain of). */
const STOPPING = new Set(['lwaInvalidClient', 'lwaInvalidGrant', 'lwaUnauthorizedClient', 'accessDenied', 'tokenRejected', 'credentials']);

const dayOf = (/** @type {number} */ t) => Math.floor(t / DAY) * DAY;
/** The retention the seller set, or the default: one reading for compaction and the status shown. */
const retention = (/** @type {AutopilotSettings | undefined} */ a) => {
  const d = a?.retentionDays;
  return typeof d === 'number' && Number.isInteger(d) && d >= 1 ? d : DEFAULT_RETENTION_DAYS;
};
/** RFC 3339 without milliseconds, as the Orders model's examples write it. */
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * @param {{
 *   store: { get: (key: string) => Promise<any>, set: (values: Record<string, unknown>) => Promise<void>, remove: (keys: string | string[]) => Promise<void> },
 *   clientFor: (region: Region) => Promise<{ read: (call: any) => Promise<import('./core/sp_outreach.js').Success> }>,
 *   core: { lookSince: typeof import('./core/sp_outreach.js').lookSince, planAutopilot: typeof import('./core/sp_outreach.js').planAutopilot, marketplaces: typeof import('./core/sp_outreach.js').marketplaces },
 *   bulk: { enqueue: (region: Region, orders: { orderId: string, marketplaceId: string }[]) => Promise<unknown>, status: () => Promise<import('./messages').BulkStatus> },
 *   history: () => Promise<Record<string, import('./messages').HistoryEntry>>,
 *   settings: () => Promise<{ autopilot?: AutopilotSettings, refreshTokens?: Partial<Record<Region, string>> }>,
 *   now: () => number,
 *   onStop: (stopped: AutopilotStatus['stopped']) => unknown,
 * }} deps
 */
export function autopilot({ store, clientFor, core, bulk, history, settings, now, onStop }) {
  /** @type {Index | null} */
  let index = null;
  /** @type {Map<string, AutopilotRecord>} */
  const records = new Map();
  /** @type {Promise<void> | null} */
  let loaded = null;
  /** @type {Promise<void> | null} */
  let running = null;
  /** Records changed since the last write. @type {Set<string>} */
  const dirty = new Set();

  const empty = () => /** @type {Index} */ ({ lastLook: {}, cursor: {}, stopped: null, lastError: null, totals: {}, planned: {}, handed: {}, ids: [], lastRun: null });

  function load() {
    return (loaded ??= (async () => {
      const v = await store.get(INDEX);
      index = v && typeof v === 'object' && Array.isArray(v.ids) ? { ...empty(), ...v } : empty();
      const ids = /** @type {Index} */ (index).ids.filter((id) => ORDER_ID.test(id));
      // In slices: a worker woken with thousands of records does not ask for them all at once.
      for (let i = 0; i < ids.length; i += 200) {
        const got = await Promise.all(ids.slice(i, i + 200).map((id) => store.get(rec(id))));
        got.forEach((r, j) => { if (r && typeof r === 'object') records.set(ids[i + j], r); });
      }
      /** @type {Index} */ (index).ids = [...records.keys()];
    })().catch((e) => { loaded = null; throw e; }));
  }

  /** One write: the changed records and the index. */
  async function save() {
    const i = /** @type {Index} */ (index);
    i.ids = [...records.keys()];
    /** @type {Record<string, unknown>} */
    const values = { [INDEX]: i };
    for (const id of dirty) {
      const r = records.get(id);
      if (r) values[rec(id)] = r;
    }
    dirty.clear();
    await store.set(values);
  }

  /** The seller's setting for a marketplace, checked. @returns {{ enabled: boolean, day: number, cap: number | null }} */
  function setting(/** @type {AutopilotSettings | undefined} */ a, /** @type {string} */ marketplaceId) {
    const m = a?.markets?.[marketplaceId];
    return { enabled: m?.enabled === true, day: Number.isInteger(m?.day) ? /** @type {number} */ (m?.day) : 0, cap: Number.isInteger(m?.cap) && /** @type {number} */ (m?.cap) >= 0 ? /** @type {number} */ (m?.cap) : null };
  }

  function count(/** @type {'planned' | 'handed' | 'totals'} */ table, /** @type {string} */ mp, /** @type {string | number} */ key, by = 1) {
    const i = /** @type {Index} */ (index);
    const t = (i[table][mp] ??= {});
    t[key] = (t[key] ?? 0) + by;
    if (t[key] <= 0) delete t[key];
  }

  /** Days already at the cap in a marketplace (what the core's plan moves past). */
  function fullDays(/** @type {string} */ mp, /** @type {number | null} */ cap) {
    if (cap === null) return [];
    const days = /** @type {Index} */ (index).planned[mp] ?? {};
    return Object.entries(days).filter(([, n]) => n >= cap).map(([d]) => Number(d)).slice(0, 400);
  }

  function change(/** @type {AutopilotRecord} */ r, /** @type {Partial<AutopilotRecord>} */ next) {
    const was = r.state;
    Object.assign(r, next, { at: now() });
    if (!FINAL.has(was) && FINAL.has(r.state)) {
      count('totals', r.marketplaceId, r.state);
      if (r.state === 'skipped' && r.reason) count('totals', r.marketplaceId, `skipped:${r.reason}`);
    }
    dirty.add(r.orderId);
  }

  /** What the core says of one order a look found; an order already decided is left as it is. */
  function decide(/** @type {Region} */ region, /** @type {Order} */ o, /** @type {AutopilotSettings | undefined} */ a, /** @type {Record<string, import('./messages').HistoryEntry>} */ past) {
    const mp = o.marketplaceId;
    if (!mp || !MARKETPLACE_ID.test(mp) || !ORDER_ID.test(o.orderId)) return;
    const s = setting(a, mp);
    if (!s.enabled) return;
    const old = records.get(o.orderId);
    if (old && old.state !== 'waiting') return;
    if (!old && records.size >= MAX_RECORDS) return;
    /** @type {AutopilotRecord} */
    const r = old ?? { orderId: o.orderId, region, marketplaceId: mp, state: 'waiting', reason: null, due: null, at: now(), status: null };
    records.set(o.orderId, r);
    r.status = o.fulfillmentStatus;
    const done = past[o.orderId]?.review;
    if (done === 'requested' || done === 'settled') return change(r, { state: 'skipped', reason: 'alreadyRequested', due: null });
    const plan = core.planAutopilot({ status: o.fulfillmentStatus, earliest: o.deliverBy?.earliest ?? null, latest: o.deliverBy?.latest ?? null }, { day: s.day, cap: s.cap }, fullDays(mp, s.cap), now());
    if (plan.plan === 'send') {
      count('planned', mp, dayOf(plan.at));
      change(r, { state: 'planned', reason: null, due: plan.at });
    } else change(r, { state: plan.plan === 'skip' ? 'skipped' : 'waiting', reason: plan.reason, due: null });
  }

  /** searchOrders since the region's last look, every page, each order decided as it comes. */
  async function look(/** @type {Region} */ region, /** @type {string[]} */ markets, /** @type {AutopilotSettings | undefined} */ a) {
    const i = /** @type {Index} */ (index);
    const client = await clientFor(region);
    // The first look of a region learns Amazon's time before it counts 35 days back: the seller's
    // marketplaces (Sellers API) answer with it, whatever the roles (a 403 has a Date too).
    if (i.lastLook[region] === undefined && !i.cursor[region]) await client.read({ operation: 'getMarketplaceParticipations' }).catch(() => null);
    // A look stopped mid-way (the worker ends while the limiter waits: searchOrders refills one page
    // every 3 minutes) goes on from its stored page, for the same marketplaces.
    const key = markets.slice(0, 50).join(',');
    const kept = i.cursor[region]?.markets === key ? i.cursor[region] : null;
    let started = kept?.started ?? now();
    const localStart = Date.now();
    const since = kept?.since ?? core.lookSince(i.lastLook[region] ?? null, started);
    const past = await history();
    const query = {
      operation: 'searchOrders', lastUpdatedAfter: iso(since), fulfillmentStatuses: ['SHIPPED', 'CANCELLED'],
      marketplaceIds: markets.slice(0, 50), includedData: ['FULFILLMENT'], maxResultsPerPage: 100,
    };
    /** @type {string | null} */
    let token = kept?.token ?? null;
    for (let page = 0; page < MAX_PAGES; page++) {
      let r;
      try {
        r = await client.read(token ? { ...query, paginationToken: token } : query);
      } catch (e) {
        // A stored page Amazon no longer knows: the look starts again (what it decided stays).
        if (/** @type {any} */ (e)?.kind === 'invalidInput' && kept) delete i.cursor[region];
        throw e;
      }
      if (r.type !== 'orders') break;
      for (const o of r.orders) decide(region, o, a, past);
      token = r.nextToken;
      if (token) i.cursor[region] = { markets: key, since, started, token };
      // Each page's decisions are stored before the next is asked for, and what is due goes to the
      // queue now: sends do not wait for the last page.
      await save();
      await handOff(a);
      if (!token) break;
    }
    // The next look starts from this one's start, once every page was read. Amazon's time learned
    // during the look (the first answer after a clock change) moves its start.
    const drift = now() - started - (Date.now() - localStart);
    if (drift > 2000 && !kept) started += drift;
    if (!token) {
      i.lastLook[region] = started;
      delete i.cursor[region];
    }
  }

  /** To the bulk queue in slices: one start takes at most 2,000 orders (bulk.js MAX_ORDERS). */
  async function enqueue(/** @type {Region} */ region, /** @type {{ orderId: string, marketplaceId: string }[]} */ list) {
    for (let i = 0; i < list.length; i += 1000) await bulk.enqueue(region, list.slice(i, i + 1000));
  }

  /** Orders whose day has come go to the bulk queue, at most the cap a day per marketplace. */
  async function handOff(/** @type {AutopilotSettings | undefined} */ a) {
    const t = now();
    const today = dayOf(t);
    /** @type {Map<Region, { orderId: string, marketplaceId: string }[]>} */
    const batches = new Map();
    const due = [...records.values()].filter((r) => r.state === 'planned' && r.due !== null && r.due <= t).sort((x, y) => (x.due ?? 0) - (y.due ?? 0));
    for (const r of due) {
      const s = setting(a, r.marketplaceId);
      if (!s.enabled) continue;
      const handed = /** @type {Index} */ (index).handed[r.marketplaceId]?.[today] ?? 0;
      if (s.cap !== null && handed >= s.cap) {
        // Today's cap is used (orders piled up while the browser was closed): tomorrow.
        count('planned', r.marketplaceId, dayOf(r.due ?? t), -1);
        count('planned', r.marketplaceId, today + DAY);
        change(r, { due: today + DAY });
        continue;
      }
      count('handed', r.marketplaceId, today);
      change(r, { state: 'queued' });
      const list = batches.get(r.region) ?? [];
      list.push({ orderId: r.orderId, marketplaceId: r.marketplaceId });
      batches.set(r.region, list);
    }
    // Stored as queued before the queue has them: a worker that stops in between finds them
    // queued, and settle() hands any the queue does not know again (the queue and the history
    // make a second hand-off send nothing twice).
    await save();
    for (const [region, list] of batches) await enqueue(region, list);
  }

  /** What the queue did with the orders handed to it. */
  async function settle() {
    const queued = [...records.values()].filter((r) => r.state === 'queued');
    if (!queued.length) return;
    const st = await bulk.status();
    const byId = new Map(st.orders.map((o) => [o.orderId, o]));
    const past = await history();
    /** @type {Map<Region, { orderId: string, marketplaceId: string }[]>} */
    const again = new Map();
    for (const r of queued) {
      const q = byId.get(r.orderId);
      const h = past[r.orderId]?.review;
      if (q?.stage === 'sent' || h === 'requested') change(r, { state: 'sent', reason: null });
      else if (q?.stage === 'unknown' || h === 'unknown') change(r, { state: 'unknown', reason: 'outcomeUnknown' });
      else if (q?.stage === 'skipped' && q.reason !== 'credentials') change(r, { state: 'skipped', reason: q.reason });
      else if (q?.stage === 'failed') change(r, { state: 'failed', reason: q.reason });
      else if (!q) again.set(r.region, [...(again.get(r.region) ?? []), { orderId: r.orderId, marketplaceId: r.marketplaceId }]);
    }
    await save();
    for (const [region, list] of again) await enqueue(region, list);
  }

  /** Records over for longer than the retention go (their totals stay); old day counts too. */
  function compact(/** @type {AutopilotSettings | undefined} */ a) {
    const cutoff = now() - retention(a) * DAY;
    const gone = [];
    for (const r of records.values()) {
      if ((FINAL.has(r.state) || r.state === 'waiting') && r.at < cutoff) gone.push(r.orderId);
    }
    for (const id of gone) records.delete(id);
    const i = /** @type {Index} */ (index);
    const oldDay = dayOf(now()) - 60 * DAY;
    for (const table of [i.planned, i.handed]) {
      for (const days of Object.values(table)) for (const d of Object.keys(days)) if (Number(d) < oldDay) delete days[d];
    }
    return gone;
  }

  async function stop(/** @type {Region | null} */ region, /** @type {unknown} */ e) {
    const x = /** @type {any} */ (e);
    const stopped = { at: now(), region, kind: String(x?.kind ?? 'credentials'), message: String(x?.message ?? e) };
    /** @type {Index} */ (index).stopped = stopped;
    await save();
    await onStop(stopped);
  }

  /** One pass: look (when due, or `force`), hand off what is due, settle what the queue did. */
  async function tick(/** @type {{ force?: boolean }} */ { force = false } = {}) {
    await load();
    const i = /** @type {Index} */ (index);
    const s = await settings();
    const a = s.autopilot;
    const enabled = core.marketplaces().filter((m) => setting(a, m.id).enabled);
    if (i.stopped) return;
    i.lastRun = now();
    i.lastError = null;
    for (const region of new Set(enabled.map((m) => m.region))) {
      // A region without a refresh token is off: its marketplaces wait (the dashboard says so).
      if (!s.refreshTokens?.[region]) continue;
      if (!force && !i.cursor[region] && i.lastLook[region] !== undefined && now() - /** @type {number} */ (i.lastLook[region]) < LOOK_EVERY) continue;
      try {
        await look(region, enabled.filter((m) => m.region === region).map((m) => m.id), a);
      } catch (e) {
        if (STOPPING.has(/** @type {any} */ (e)?.kind)) return stop(region, e);
        i.lastError = { at: now(), region, kind: String(/** @type {any} */ (e)?.kind ?? 'internal'), message: String(/** @type {any} */ (e)?.message ?? e) };
      }
    }
    await settle();
    await handOff(a);
    const gone = compact(a);
    await save();
    if (gone.length) await store.remove(gone.map(rec));
  }

  return {
    /** Runs one pass unless one is running (then waits for it). */
    run(/** @type {{ force?: boolean }} */ options = {}) {
      running ??= tick(options).finally(() => { running = null; });
      return running;
    },

    /** The credentials stopped working elsewhere (the queue's sends): stop and warn. */
    async credentialsFailed(/** @type {string} */ message) {
      await load();
      if (!(await settings()).autopilot || /** @type {Index} */ (index).stopped) return;
      const any = Object.values((await settings()).autopilot?.markets ?? {}).some((m) => m?.enabled);
      if (any) await stop(null, { kind: 'credentials', message });
    },

    /** The seller fixed the credentials (saved them) or asked to go on. */
    async resume() {
      await load();
      /** @type {Index} */ (index).stopped = null;
      await save();
    },

    /** What the dashboard and the popup show. @returns {Promise<AutopilotStatus>} */
    async status() {
      await load();
      const i = /** @type {Index} */ (index);
      const s = await settings();
      /** @type {AutopilotStatus['markets']} */
      const markets = [];
      for (const m of core.marketplaces()) {
        const set = setting(s.autopilot, m.id);
        const mine = [...records.values()].filter((r) => r.marketplaceId === m.id);
        if (!set.enabled && !mine.length && !i.totals[m.id]) continue;
        const by = (/** @type {string} */ state) => mine.filter((r) => r.state === state);
        const skippedWhy = Object.fromEntries(Object.entries(i.totals[m.id] ?? {}).filter(([k]) => k.startsWith('skipped:')).map(([k, n]) => [k.slice(8), n]));
        markets.push({
          marketplaceId: m.id, name: m.name, region: m.region, ...set, regionOff: !s.refreshTokens?.[m.region],
          sent: i.totals[m.id]?.sent ?? 0, skipped: i.totals[m.id]?.skipped ?? 0, unknown: i.totals[m.id]?.unknown ?? 0, failed: i.totals[m.id]?.failed ?? 0,
          planned: by('planned').length, queued: by('queued').length, waiting: by('waiting').length, skippedWhy,
          next: by('planned').sort((x, y) => (x.due ?? 0) - (y.due ?? 0)).slice(0, 5).map((r) => ({ orderId: r.orderId, due: r.due })),
          recent: mine.filter((r) => r.state !== 'planned').sort((x, y) => y.at - x.at).slice(0, 10).map(({ orderId, state, reason, at }) => ({ orderId, state, reason, at })),
        });
      }
      return { stopped: i.stopped, lastError: i.lastError, lastRun: i.lastRun, lastLook: i.lastLook, now: now(), retentionDays: retention(s.autopilot), kept: records.size, markets };
    },
  };
}
