// Bulk review requests: a queue persisted in storage.local, run by the background at the API's
// rate, exactly once per order. Each order's stage is saved before its create is sent; an order
// found in 'sending' after the worker died is settled by the core reading the actions again
// (requestReview checks them first), never by a blind resend. The history blocks a second send.

import { ORDER_ID, MARKETPLACE_ID } from './ids.js';

const KEY = 'bulk';
/** Requests in flight: eligibility checks and creates draw from separate buckets in the core's
 * limiter, so a few orders in flight keep both busy (pipelined). */
export const CONCURRENCY = 3;
const DAY = 86400000;
/** An empty actions list inside the window is re-checked this many times, a day apart
 * (facts.md "Reported quirks": actions sometimes come back empty for an order that becomes eligible). */
const RECHECKS = 3;

export function bulkQueue({ api, clientFor, history, record, userError, schedule, afterSend }) {
  let job = null;
  let loaded = null;
  let writing = Promise.resolve();
  let runner = null;

  const load = () => (loaded ??= api.storage.local.get(KEY).then((v) => { job = v[KEY] ?? null; }));
  // The queue removed from storage (the seller cleared the extension's data): forget it here too.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes && changes[KEY].newValue === undefined) job = null;
  });
  // Saves are serialized, each writing the whole job as it is then.
  const save = () => (writing = writing.then(() => api.storage.local.set({ [KEY]: job })));
  const now = () => new Date().toISOString();

  async function start(orders) {
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
    const known = new Map(job.orders.map((o) => [o.orderId, o]));
    for (const o of orders) {
      if (!ORDER_ID.test(o?.orderId ?? '') || !MARKETPLACE_ID.test(o?.marketplaceId ?? '')) continue;
      if (known.has(o.orderId)) {
        known.get(o.orderId).run = run;
        continue;
      }
      // What the page says decides before any call: refunds, returns and cancellations are skipped.
      const skip = o.refunded ? 'refunded' : o.returned ? 'returned' : o.canceled ? 'canceled' : o.unshipped ? 'notShipped' : ['requested', 'settled'].includes(past[o.orderId]?.review) ? 'alreadyRequested' : null;
      const entry = { run, orderId: o.orderId, marketplaceId: o.marketplaceId, stage: skip ? 'skipped' : 'queued', reason: skip, at: skip ? now() : null, delivery: validDelivery(o.delivery) };
      if (!skip) await plan(entry);
      job.orders.push(entry);
      known.set(entry.orderId, entry);
    }
    if (job.state === 'paused') job.state = 'running';
    await save();
    kick();
    return status();
  }

  /** Orders whose window (from the page's delivery dates) has not opened wait for it when the
   * marketplace's scheduling is on; past the window they are skipped. Without dates, Amazon decides. */
  async function plan(o) {
    if (!o.delivery) return;
    const opens = o.delivery.earliest + 5 * DAY;
    const closes = o.delivery.latest + 30 * DAY;
    if (Date.now() > closes) return Object.assign(o, { stage: 'skipped', reason: 'windowClosed', at: now() });
    if (Date.now() >= opens) return;
    const s = await schedule(o.marketplaceId);
    if (!s.enabled) return Object.assign(o, { stage: 'skipped', reason: 'windowNotOpen', at: now() });
    // The chosen day within the window (0: the first eligible day), never past its last day.
    const due = Math.min(opens + s.day * DAY, closes - DAY);
    Object.assign(o, { stage: 'scheduled', reason: 'windowOpens', due: new Date(due).toISOString() });
  }

  async function control(action) {
    await load();
    if (!job) return status();
    if (action === 'pause' && job.state === 'running') job.state = 'paused';
    else if (action === 'resume' && job.state === 'paused') job.state = 'running';
    else if (action === 'cancel' && ['running', 'paused'].includes(job.state)) {
      job.state = 'cancelled';
      for (const o of job.orders) if (o.stage === 'queued') Object.assign(o, { stage: 'skipped', reason: 'cancelled', at: now() });
    } else throw userError('badMessage', `Cannot ${action} a ${job.state} run.`);
    await save();
    kick();
    return status();
  }

  async function status() {
    await load();
    if (!job) return { state: 'none', total: 0, done: 0, sent: 0, skipped: 0, failed: 0, orders: [] };
    // Progress of the latest run's orders; scheduled ones of any run are counted apart.
    const mine = job.orders.filter((o) => (o.run ?? job.run) === job.run);
    const count = (stage) => mine.filter((o) => o.stage === stage).length;
    const total = mine.length;
    const remaining = count('queued') + count('sending');
    const scheduled = mine.filter((o) => o.stage === 'scheduled');
    const next = job.orders.filter((o) => o.stage === 'scheduled').sort((a, b) => a.due.localeCompare(b.due))[0];
    const done = total - remaining;
    const sent = count('sent');
    // Time left from this run's own pace.
    const elapsed = (Date.now() - (job.startedAt ?? Date.now())) / 1000;
    const pace = sent > 0 && elapsed > 0 ? sent / elapsed : null;
    return {
      run: job.run ?? job.createdAt, state: job.state, total, done: done - scheduled.length, scheduled: scheduled.length, nextDue: next?.due ?? null, sent, skipped: count('skipped'), failed: count('failed') + count('unknown'),
      secondsLeft: pace && job.state === 'running' ? Math.ceil(remaining / pace) : null,
      orders: job.orders.map(({ orderId, stage, reason, due }) => ({ orderId, stage, reason, due })),
    };
  }

  /** Starts the runner if there is work and none is running (also after the worker restarts). */
  function kick() {
    runner ??= run().finally(() => { runner = null; });
    return runner;
  }

  async function run() {
    await load();
    if (!job || !['running', 'scheduled'].includes(job.state)) return;
    // Scheduled orders whose day has come join the queue.
    for (const o of job.orders) if (o.stage === 'scheduled' && Date.parse(o.due) <= Date.now()) Object.assign(o, { stage: 'queued' });
    if (job.state === 'scheduled' && job.orders.some((o) => o.stage === 'queued')) job.state = 'running';
    // Orders left 'sending' by a worker that died: settled by reading the actions again.
    for (const o of job.orders) if (o.stage === 'sending') Object.assign(o, { stage: 'queued', resumed: true });
    const inFlight = new Set();
    for (;;) {
      if (job.state !== 'running') break;
      const next = job.orders.find((o) => o.stage === 'queued');
      if (!next) break;
      next.stage = 'sending';
      next.at = now();
      await save(); // the stage is on disk before the create can be sent
      const p = send(next).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (job.state === 'running' && !job.orders.some((o) => o.stage === 'queued' || o.stage === 'sending')) {
      job.state = job.orders.some((o) => o.stage === 'scheduled') ? 'scheduled' : 'done';
    }
    await save();
  }

  async function send(o) {
    try {
      const r = await (await clientFor(o.marketplaceId)).requestReview(o.orderId, o.marketplaceId);
      // The history first: once an order shows as done, its record is already there.
      if (r.status === 'requested') {
        await record(o.orderId, { review: 'requested', at: now(), requestId: r.requestId, marketplaceId: o.marketplaceId });
        Object.assign(o, { stage: 'sent', reason: r.verified ? 'verified' : null, requestId: r.requestId });
      } else if (o.resumed) {
        // It was in flight when the worker stopped and Amazon no longer offers it: either the create
        // went through then, or the order was never eligible — the queue can't tell which, so it
        // says so, and the history blocks any later send.
        await record(o.orderId, { review: 'settled', at: now(), marketplaceId: o.marketplaceId });
        Object.assign(o, { stage: 'skipped', reason: 'notOfferedAfterRestart' });
      } else if (inWindow(o) && (o.rechecks ?? 0) < RECHECKS) {
        // Not offered although the window is open: Amazon sometimes lists no actions for an order
        // that becomes eligible later. Look again tomorrow before giving up.
        Object.assign(o, { stage: 'scheduled', reason: 'recheck', rechecks: (o.rechecks ?? 0) + 1, due: new Date(Date.now() + DAY).toISOString() });
      } else {
        Object.assign(o, { stage: 'skipped', reason: r.reason ?? 'notOffered' });
      }
    } catch (e) {
      // An outcome the core could not settle is never retried automatically.
      Object.assign(o, { stage: e?.kind === 'outcomeUnknown' ? 'unknown' : 'failed', reason: String(e?.message ?? e) });
    }
    delete o.resumed;
    o.at = now();
    await save();
    afterSend?.();
  }

  return { start, control, status, kick };
}

function validDelivery(d) {
  return d && Number.isFinite(d.earliest) && Number.isFinite(d.latest) && d.earliest <= d.latest ? { earliest: d.earliest, latest: d.latest } : null;
}

function inWindow(o) {
  if (!o.delivery) return false;
  const t = Date.now();
  return t >= o.delivery.earliest + 5 * DAY && t <= o.delivery.latest + 30 * DAY;
}
