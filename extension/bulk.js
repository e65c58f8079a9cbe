// Bulk review requests: a queue persisted in storage, run by the background at the API's rate.
// Every order a page names is first resolved through Amazon's Orders API (orders.js): its
// marketplace, whether it shipped or was canceled, and its delivery window come from there, never
// from the page; an order whose marketplace the page does not show is resolved, not dropped, and
// one nobody can place is skipped with that reason. Refunds and returns come from the page's classes
// (the API has no field for them). Then every decision about an order — when it is due, whether its
// window is open, what a failure means, whether a create that may have left went through — is the
// core's (src/flow/queue.rs): this file keeps each order's saved state, runs the orders that are
// due, and shows where they are. The core asks for the state to be stored before a create leaves;
// an order found mid-run after the worker died goes on from that state, which verifies the create
// rather than sending it again.

import { ORDER_ID } from './ids.js';

/**
 * @typedef {import('./core/sp_outreach.js').Region} Region
 * @typedef {import('./core/sp_outreach.js').QueuedReviewState} QueuedReviewState
 * @typedef {import('./messages').Hint} Hint
 * @typedef {import('./messages').BulkStatus} BulkStatus
 * @typedef {{ run: string, orderId: string, region: Region | null, marketplaceId: string | null, hints?: Hint[], purchasedAt?: number | null,
 *   flags?: import('./messages').PageFlags, delivery?: { earliest: number, latest: number } | null,
 *   stage: string, reason: string | null, at: string, due: string | null, flow: string | null }} Entry
 * @typedef {{ state: BulkStatus['state'], createdAt: string, startedAt: number, run?: string, orders: Entry[] }} Job
 */

const KEY = 'bulk';
/** Orders in flight: eligibility checks and creates draw from separate buckets in the core's
 * limiter, so a few orders in flight keep both busy (pipelined). */
export const CONCURRENCY = 3;
/** Orders one start may name: every page of the current filter. */
const MAX_ORDERS = 2000;

/** The core's stages as the list and the bar show them: checking and verifying are "sending". */
const shown = (/** @type {string} */ stage) => (stage === 'checking' || stage === 'verifying' ? 'sending' : stage);

/**
 * @param {{
 *   store: { queue: typeof import('./store.js').queue, onRemoved: (key: string, listener: () => void) => void },
 *   ready: Promise<unknown>,
 *   clientFor: (region: Region) => Promise<import('./core/sp_outreach.js').Client>,
 *   book: ReturnType<typeof import('./orders.js').orderBook>,
 *   history: () => Promise<Record<string, import('./messages').HistoryEntry>>,
 *   record: (orderId: string, entry: import('./messages').HistoryEntry) => Promise<unknown>,
 *   userError: (kind: string, message: string) => Error,
 *   schedule: (marketplaceId: string) => Promise<{ enabled: boolean, day: number }>,
 *   queueReview: typeof import('./core/sp_outreach.js').queueReview,
 *   authFailed: (message: string) => unknown,
 * }} deps
 */
export function bulkQueue({ store, ready, clientFor, book, history, record, userError, schedule, queueReview, authFailed }) {
  /** @type {Job | null} */
  let job = null;
  /** @type {Promise<void> | null} */
  let loaded = null;
  let writing = Promise.resolve();
  /** @type {Promise<void> | null} */
  let runner = null;

  const load = () => (loaded ??= store.queue.load().then((v) => { job = v ? /** @type {Job} */ ({ ...v.meta, orders: v.orders }) : null; }));
  // The queue removed from storage (the seller cleared the extension's data): forget it here too.
  store.onRemoved(KEY, () => { job = null; });
  // Saves are serialized. Each writes the run's fields and, one record per order (store.js), the
  // orders given (an order's progress writes that order alone), or, with none given, the whole
  // queue as it is then.
  const save = (/** @type {Entry[]} */ ...entries) => (writing = writing.then(() => {
    if (!job) return;
    const { orders, ...meta } = job;
    const placed = (/** @type {Entry[]} */ list) => list.map((o) => ({ ...o, seq: orders.indexOf(o) })).filter((o) => o.seq >= 0);
    return entries.length ? store.queue.save(meta, placed(entries)) : store.queue.save(meta, placed(orders), { all: true });
  }));
  const now = () => new Date().toISOString();

  /** An order's view from the core's state of it. */
  function apply(/** @type {Entry} */ o, /** @type {QueuedReviewState} */ st) {
    Object.assign(o, { flow: st.state, stage: shown(st.stage), reason: st.reason, due: st.due === null ? null : new Date(st.due).toISOString(), at: now() });
  }

  function skip(/** @type {Entry} */ o, /** @type {string} */ reason) {
    Object.assign(o, { stage: 'skipped', reason, at: now(), flow: null });
  }

  /** The core's first state for an order: its window from the API's delivery dates when known,
   * and the marketplace's scheduling. */
  async function queued(/** @type {Entry} */ o, /** @type {string} */ marketplaceId, /** @type {Map<string, { enabled: boolean, day: number }>} */ schedules = new Map()) {
    if (!schedules.has(marketplaceId)) schedules.set(marketplaceId, await schedule(marketplaceId));
    const s = /** @type {{ enabled: boolean, day: number }} */ (schedules.get(marketplaceId));
    const d = o.delivery ?? null;
    return queueReview(o.orderId, marketplaceId, d?.earliest ?? null, d?.latest ?? null, s.enabled ? s.day : null, Date.now());
  }

  /** @returns {Promise<BulkStatus>} */
  async function start(/** @type {unknown} */ orders, /** @type {Region} */ region) {
    await load();
    if (!Array.isArray(orders) || orders.length === 0 || orders.length > MAX_ORDERS) throw userError('badMessage', 'Malformed order list.');
    const past = await history();
    if (!job || ['done', 'cancelled'].includes(job.state)) job = { state: 'running', createdAt: now(), startedAt: Date.now(), orders: [] };
    if (job.state === 'scheduled') job.state = 'running';
    // Each start is a run: the bar shows the progress of the orders it was given. Orders already in
    // the queue (sent, skipped or waiting) join the run as they are; they are never added twice.
    const run = now();
    job.run = run;
    job.startedAt = Date.now();
    const known = new Map(job.orders.map((o) => [o.orderId, o]));
    for (const o of orders) {
      if (typeof o?.orderId !== 'string' || !ORDER_ID.test(o.orderId)) continue;
      const old = known.get(o.orderId);
      if (old) {
        old.run = run;
        continue;
      }
      /** @type {Entry} */
      const entry = {
        run, orderId: o.orderId, region, marketplaceId: null, hints: Array.isArray(o.hints) ? o.hints.slice(0, 10) : [],
        purchasedAt: Number.isFinite(o.purchasedAt) ? o.purchasedAt : null,
        flags: { refunded: o.refunded === true, returned: o.returned === true, canceled: o.canceled === true, unshipped: o.unshipped === true },
        stage: 'resolving', reason: null, at: now(), due: null, flow: null,
      };
      // What only the page can say decides before any call: the API has no refunds or returns.
      if (entry.flags?.refunded) skip(entry, 'refunded');
      else if (entry.flags?.returned) skip(entry, 'returned');
      else if (['requested', 'settled'].includes(past[o.orderId]?.review ?? '')) skip(entry, 'alreadyRequested');
      job.orders.push(entry);
      known.set(entry.orderId, entry);
    }
    if (job.state === 'paused') job.state = 'running';
    await save();
    kick();
    return status();
  }

  /**
   * Orders named by a page, resolved through the Orders API, then skipped or queued on what Amazon
   * says: canceled or not shipped → skipped; otherwise queued with the API's delivery window. When
   * the API can't say, the page's hints give the marketplace and its classes the status; without
   * a marketplace the order is skipped, never sent with a guess.
   */
  async function resolvePending() {
    if (!job) return;
    const pending = job.orders.filter((o) => o.stage === 'resolving');
    const schedules = new Map();
    for (const region of new Set(pending.map((o) => o.region))) {
      const mine = pending.filter((o) => o.region === region);
      if (!region) {
        for (const o of mine) skip(o, 'marketplaceUnknown');
        continue;
      }
      const views = await book.resolve(region, mine.map((o) => ({ orderId: o.orderId, hints: o.hints, purchasedAt: o.purchasedAt })));
      const byId = new Map(views.map((v) => [v.orderId, v]));
      for (const o of mine) {
        const v = byId.get(o.orderId);
        if (!v?.marketplaceId) {
          skip(o, 'marketplaceUnknown');
          continue;
        }
        o.marketplaceId = v.marketplaceId;
        const api = v.source === 'api';
        if (api ? v.status === 'CANCELLED' : o.flags?.canceled) skip(o, 'canceled');
        else if (api ? v.window?.state === 'notShipped' : o.flags?.unshipped) skip(o, 'notShipped');
        else {
          o.delivery = v.deliverBy?.earliest != null && v.deliverBy.latest != null ? { earliest: v.deliverBy.earliest, latest: v.deliverBy.latest } : null;
          apply(o, await queued(o, v.marketplaceId, schedules));
        }
      }
      await save();
    }
  }

  /**
   * Orders the autopilot found itself (autopilot.js) on their day, with the marketplace Amazon's
   * Orders API gave: queued as they are (no page to resolve, no window from the local clock: the
   * autopilot decided the day on Amazon's, and Amazon's actions decide whether it is offered). An
   * order already in the queue is not added twice; one the history shows as requested is skipped.
   * A paused run stays paused: the seller's pause holds for every order.
   */
  async function enqueue(/** @type {Region} */ region, /** @type {{ orderId: string, marketplaceId: string }[]} */ orders) {
    await load();
    const past = await history();
    const fresh = !job || ['done', 'cancelled'].includes(job.state);
    if (fresh) job = { state: 'running', createdAt: now(), startedAt: Date.now(), orders: [] };
    const j = /** @type {Job} */ (job);
    const known = new Set(j.orders.map((o) => o.orderId));
    /** @type {Entry[]} */
    const added = [];
    for (const { orderId, marketplaceId } of orders.slice(0, MAX_ORDERS)) {
      if (known.has(orderId) || !ORDER_ID.test(orderId)) continue;
      /** @type {Entry} */
      const entry = { run: 'autopilot', orderId, region, marketplaceId, stage: 'queued', reason: null, at: now(), due: null, flow: null };
      if (['requested', 'settled'].includes(past[orderId]?.review ?? '')) skip(entry, 'alreadyRequested');
      else apply(entry, queueReview(orderId, marketplaceId, null, null, null, Date.now()));
      j.orders.push(entry);
      added.push(entry);
      known.add(orderId);
    }
    if (j.state === 'scheduled') j.state = 'running';
    // A new run replaces the old one's records; otherwise only the orders added are written.
    await (fresh ? save() : added.length ? save(...added) : null);
    kick();
  }

  /** @returns {Promise<BulkStatus>} */
  async function control(/** @type {string} */ action) {
    await load();
    if (!job) return status();
    if (action === 'pause' && job.state === 'running') job.state = 'paused';
    else if (action === 'resume' && job.state === 'paused') {
      job.state = 'running';
      // Orders stopped because the credentials did not work go back to the queue.
      for (const o of job.orders) if (o.stage === 'skipped' && o.reason === 'credentials' && o.marketplaceId) apply(o, await queued(o, o.marketplaceId));
    } else if (action === 'cancel' && ['running', 'paused'].includes(job.state)) {
      job.state = 'cancelled';
      // Only orders with nothing in flight: one that may have been sent still settles.
      for (const o of job.orders) if (o.stage === 'queued' || o.stage === 'resolving' || (o.stage === 'scheduled' && o.reason !== 'retry')) skip(o, 'cancelled');
    } else throw userError('badMessage', `Cannot ${action} a ${job.state} run.`);
    await save();
    kick();
    return status();
  }

  /** @returns {Promise<BulkStatus>} */
  async function status() {
    await load();
    if (!job) return { state: 'none', total: 0, done: 0, sent: 0, skipped: 0, failed: 0, orders: [] };
    const j = job;
    // Progress of the latest run's orders; scheduled ones of any run are counted apart.
    const mine = j.orders.filter((o) => (o.run ?? j.run) === j.run);
    const count = (/** @type {string} */ stage) => mine.filter((o) => o.stage === stage).length;
    const total = mine.length;
    const remaining = count('queued') + count('sending') + count('resolving');
    const scheduled = count('scheduled');
    const next = j.orders.filter((o) => o.stage === 'scheduled' && o.due).sort((a, b) => String(a.due).localeCompare(String(b.due)))[0];
    const sent = count('sent');
    // Time left from this run's own pace.
    const elapsed = (Date.now() - (j.startedAt ?? Date.now())) / 1000;
    const pace = sent > 0 && elapsed > 0 ? sent / elapsed : null;
    return {
      run: j.run ?? j.createdAt, state: j.state, total, done: total - remaining - scheduled, scheduled, nextDue: next?.due ?? null, sent, skipped: count('skipped'), failed: count('failed') + count('unknown'),
      secondsLeft: pace && j.state === 'running' ? Math.ceil(remaining / pace) : null,
      orders: j.orders.map(({ orderId, stage, reason, due }) => ({ orderId, stage, reason, due })),
    };
  }

  /** Starts the runner if there is work and none is running (also after the worker restarts). */
  function kick() {
    runner ??= run().finally(() => { runner = null; });
    return runner;
  }

  /** Due now: queued, mid-run when a worker stopped, or scheduled for a time that has come. */
  const due = (/** @type {Entry} */ o) => !!o.flow && (o.stage === 'queued' || o.stage === 'sending' || (o.stage === 'scheduled' && Date.parse(o.due ?? '') <= Date.now()));

  async function run() {
    await ready;
    await load();
    if (!job || !['running', 'scheduled'].includes(job.state)) return;
    if (job.state === 'running') {
      try {
        await resolvePending();
      } catch (e) {
        // Nothing could be resolved (not configured): the run waits for the seller.
        job.state = 'paused';
        await save();
        return;
      }
    }
    if (job.state === 'scheduled' && job.orders.some(due)) job.state = 'running';
    const inFlight = new Map();
    for (;;) {
      if (/** @type {Job} */ (job).state !== 'running') break;
      const next = /** @type {Job} */ (job).orders.find((o) => due(o) && !inFlight.has(o.orderId));
      if (!next) {
        if (!inFlight.size) break;
        await Promise.race(inFlight.values());
        continue;
      }
      const p = send(next).finally(() => inFlight.delete(next.orderId));
      inFlight.set(next.orderId, p);
      if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight.values());
    }
    await Promise.all(inFlight.values());
    const j = /** @type {Job} */ (job);
    if (j.state === 'running' && !j.orders.some((o) => ['queued', 'sending', 'resolving'].includes(o.stage))) {
      j.state = j.orders.some((o) => o.stage === 'scheduled') ? 'scheduled' : 'done';
    }
    await save();
  }

  async function send(/** @type {Entry} */ o) {
    const j = /** @type {Job} */ (job);
    let client;
    try {
      // Queues stored before orders carried their region have the marketplace's.
      const region = o.region ?? (o.marketplaceId ? book.regionOf(o.marketplaceId) : null);
      if (!region || !o.flow) throw new Error('not resolved');
      client = await clientFor(region);
    } catch (e) {
      // Not configured: nothing can be sent; the order stays where it is and the run stops.
      j.state = 'paused';
      return;
    }
    o.stage = 'sending';
    try {
      // The core stores its state through this before a create leaves.
      const st = await client.runQueuedReview(o.flow, async (/** @type {string} */ state) => {
        o.flow = state;
        await save(o);
      });
      const marketplaceId = o.marketplaceId;
      // The history first: once an order shows as done, its record is already there.
      if (st.stage === 'sent') await record(o.orderId, { review: 'requested', at: now(), requestId: st.requestId, marketplaceId: marketplaceId ?? undefined });
      if (st.stage === 'unknown') await record(o.orderId, { review: 'unknown', at: now(), explanation: st.explanation ?? undefined, marketplaceId: marketplaceId ?? undefined });
      apply(o, st);
      if (st.reason === 'credentials') {
        // Every other order would fail the same way: the run waits for the seller.
        j.state = 'paused';
        authFailed(st.explanation ?? '');
      }
    } catch (e) {
      // A state the core cannot read, or one that could not be stored before a create: the order
      // is shown as failed with the reason; nothing was sent for it.
      Object.assign(o, { stage: 'failed', reason: String(/** @type {any} */ (e)?.message ?? e), at: now() });
    }
    await save(o);
  }

  return { start, enqueue, control, status, kick };
}
