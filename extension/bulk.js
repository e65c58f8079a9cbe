// Bulk review requests: a queue persisted in storage.local, run by the background at the API's
// rate. Every decision about an order — when it is due, whether its window is open, what a failure
// means, whether a create that may have left went through — is the core's (src/flow/queue.rs):
// this file keeps each order's saved state, runs the orders that are due, and shows where they are.
// The core asks for the state to be stored before a create leaves; an order found mid-run after the
// worker died goes on from that state, which verifies the create rather than sending it again.

import { queueReview } from './core/sp_outreach.js';
import { ORDER_ID, MARKETPLACE_ID } from './ids.js';

const KEY = 'bulk';
/** Orders in flight: eligibility checks and creates draw from separate buckets in the core's
 * limiter, so a few orders in flight keep both busy (pipelined). */
export const CONCURRENCY = 3;

/** The core's stages as the list and the bar show them: checking and verifying are "sending". */
const shown = (/** @type {string} */ stage) => (stage === 'checking' || stage === 'verifying' ? 'sending' : stage);

/**
 * @param {{ api: any, clientFor: (marketplaceId: string) => Promise<import('./core/sp_outreach.js').Client>, history: () => Promise<Record<string, any>>, record: (orderId: string, entry: object) => Promise<unknown>, userError: (kind: string, message: string) => Error, schedule: (marketplaceId: string) => Promise<{ enabled: boolean, day: number }>, authFailed: (message: string) => unknown }} deps
 */
export function bulkQueue({ api, clientFor, history, record, userError, schedule, authFailed }) {
  /** @type {any} */
  let job = null;
  /** @type {Promise<void> | null} */
  let loaded = null;
  let writing = Promise.resolve();
  /** @type {Promise<void> | null} */
  let runner = null;

  const load = () => (loaded ??= api.storage.local.get(KEY).then((/** @type {any} */ v) => { job = v[KEY] ?? null; }));
  // The queue removed from storage (the seller cleared the extension's data): forget it here too.
  api.storage.onChanged.addListener((/** @type {any} */ changes, /** @type {string} */ area) => {
    if (area === 'local' && KEY in changes && changes[KEY].newValue === undefined) job = null;
  });
  // Saves are serialized, each writing the whole job as it is then.
  const save = () => (writing = writing.then(() => api.storage.local.set({ [KEY]: job })));
  const now = () => new Date().toISOString();

  /** An order's view from the core's state of it. */
  function apply(/** @type {any} */ o, /** @type {import('./core/sp_outreach.js').QueuedReviewState} */ st) {
    Object.assign(o, { flow: st.state, stage: shown(st.stage), reason: st.reason, due: st.due === null ? null : new Date(st.due).toISOString(), at: now() });
  }

  /** The core's first state for an order: its window from the page's delivery dates when known,
   * and the marketplace's scheduling. */
  async function queued(/** @type {string} */ orderId, /** @type {string} */ marketplaceId, /** @type {any} */ delivery, schedules = new Map()) {
    if (!schedules.has(marketplaceId)) schedules.set(marketplaceId, await schedule(marketplaceId));
    const s = schedules.get(marketplaceId);
    const d = delivery && Number.isFinite(delivery.earliest) && Number.isFinite(delivery.latest) ? delivery : null;
    return queueReview(orderId, marketplaceId, d?.earliest ?? null, d?.latest ?? null, s.enabled ? s.day : null, Date.now());
  }

  async function start(/** @type {any[]} */ orders) {
    await load();
    if (!Array.isArray(orders) || orders.length === 0 || orders.length > 2000) throw userError('badMessage', 'Malformed order list.');
    const past = await history();
    if (!job || ['done', 'cancelled'].includes(job.state)) job = { state: 'running', createdAt: now(), startedAt: Date.now(), orders: [] };
    if (job.state === 'scheduled') job.state = 'running';
    // Each start is a run: the bar shows the progress of the orders it was given. Orders already in
    // the queue (sent, skipped or waiting) join the run as they are; they are never added twice.
    const run = now();
    job.run = run;
    job.startedAt = Date.now();
    const known = new Map(job.orders.map((/** @type {any} */ o) => [o.orderId, o]));
    const schedules = new Map();
    for (const o of orders) {
      if (!ORDER_ID.test(o?.orderId ?? '') || !MARKETPLACE_ID.test(o?.marketplaceId ?? '')) continue;
      if (known.has(o.orderId)) {
        known.get(o.orderId).run = run;
        continue;
      }
      // What the page says decides before any call: refunds, returns and cancellations are skipped.
      const skip = o.refunded ? 'refunded' : o.returned ? 'returned' : o.canceled ? 'canceled' : o.unshipped ? 'notShipped' : ['requested', 'settled'].includes(past[o.orderId]?.review) ? 'alreadyRequested' : null;
      const entry = { run, orderId: o.orderId, marketplaceId: o.marketplaceId, stage: 'skipped', reason: skip, at: now(), due: null, flow: null };
      if (!skip) apply(entry, await queued(o.orderId, o.marketplaceId, o.delivery, schedules));
      job.orders.push(entry);
      known.set(entry.orderId, entry);
    }
    if (job.state === 'paused') job.state = 'running';
    await save();
    kick();
    return status();
  }

  async function control(/** @type {string} */ action) {
    await load();
    if (!job) return status();
    if (action === 'pause' && job.state === 'running') job.state = 'paused';
    else if (action === 'resume' && job.state === 'paused') {
      job.state = 'running';
      // Orders stopped because the credentials did not work go back to the queue.
      for (const o of job.orders) if (o.stage === 'skipped' && o.reason === 'credentials') apply(o, await queued(o.orderId, o.marketplaceId, null));
    } else if (action === 'cancel' && ['running', 'paused'].includes(job.state)) {
      job.state = 'cancelled';
      // Only orders with nothing in flight: one that may have been sent still settles.
      for (const o of job.orders) if (o.stage === 'queued' || (o.stage === 'scheduled' && o.reason !== 'retry')) Object.assign(o, { stage: 'skipped', reason: 'cancelled', at: now() });
    } else throw userError('badMessage', `Cannot ${action} a ${job.state} run.`);
    await save();
    kick();
    return status();
  }

  async function status() {
    await load();
    if (!job) return { state: 'none', total: 0, done: 0, sent: 0, skipped: 0, failed: 0, orders: [] };
    // Progress of the latest run's orders; scheduled ones of any run are counted apart.
    const mine = job.orders.filter((/** @type {any} */ o) => (o.run ?? job.run) === job.run);
    const count = (/** @type {string} */ stage) => mine.filter((/** @type {any} */ o) => o.stage === stage).length;
    const total = mine.length;
    const remaining = count('queued') + count('sending');
    const scheduled = count('scheduled');
    const next = job.orders.filter((/** @type {any} */ o) => o.stage === 'scheduled').sort((/** @type {any} */ a, /** @type {any} */ b) => a.due.localeCompare(b.due))[0];
    const sent = count('sent');
    // Time left from this run's own pace.
    const elapsed = (Date.now() - (job.startedAt ?? Date.now())) / 1000;
    const pace = sent > 0 && elapsed > 0 ? sent / elapsed : null;
    return {
      run: job.run ?? job.createdAt, state: job.state, total, done: total - remaining - scheduled, scheduled, nextDue: next?.due ?? null, sent, skipped: count('skipped'), failed: count('failed') + count('unknown'),
      secondsLeft: pace && job.state === 'running' ? Math.ceil(remaining / pace) : null,
      orders: job.orders.map((/** @type {any} */ { orderId, stage, reason, due }) => ({ orderId, stage, reason, due })),
    };
  }

  /** Starts the runner if there is work and none is running (also after the worker restarts). */
  function kick() {
    runner ??= run().finally(() => { runner = null; });
    return runner;
  }

  /** Due now: queued, mid-run when a worker stopped, or scheduled for a time that has come. */
  const due = (/** @type {any} */ o) => o.flow && (o.stage === 'queued' || o.stage === 'sending' || (o.stage === 'scheduled' && Date.parse(o.due) <= Date.now()));

  async function run() {
    await load();
    if (!job || !['running', 'scheduled'].includes(job.state)) return;
    if (job.state === 'scheduled' && job.orders.some(due)) job.state = 'running';
    const inFlight = new Map();
    for (;;) {
      if (job.state !== 'running') break;
      const next = job.orders.find((/** @type {any} */ o) => due(o) && !inFlight.has(o.orderId));
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
    if (job.state === 'running' && !job.orders.some((/** @type {any} */ o) => o.stage === 'queued' || o.stage === 'sending')) {
      job.state = job.orders.some((/** @type {any} */ o) => o.stage === 'scheduled') ? 'scheduled' : 'done';
    }
    await save();
  }

  async function send(/** @type {any} */ o) {
    let client;
    try {
      client = await clientFor(o.marketplaceId);
    } catch (e) {
      // Not configured: nothing can be sent; the order stays where it is and the run stops.
      job.state = 'paused';
      return;
    }
    o.stage = 'sending';
    try {
      // The core stores its state through this before a create leaves.
      const st = await client.runQueuedReview(o.flow, async (/** @type {string} */ state) => {
        o.flow = state;
        await save();
      });
      // The history first: once an order shows as done, its record is already there.
      if (st.stage === 'sent') await record(o.orderId, { review: 'requested', at: now(), requestId: st.requestId, marketplaceId: o.marketplaceId });
      if (st.stage === 'unknown') await record(o.orderId, { review: 'unknown', at: now(), explanation: st.explanation, marketplaceId: o.marketplaceId });
      apply(o, st);
      if (st.reason === 'credentials') {
        // Every other order would fail the same way: the run waits for the seller.
        job.state = 'paused';
        authFailed(st.explanation ?? '');
      }
    } catch (e) {
      // A state the core cannot read, or one that could not be stored before a create: the order
      // is shown as failed with the reason; nothing was sent for it.
      Object.assign(o, { stage: 'failed', reason: String(/** @type {any} */ (e)?.message ?? e), at: now() });
    }
    await save();
  }

  return { start, control, status, kick };
}
