// Feature: on the orders list, a compact Request review button or a status badge for every order, in
// its row's action column (SPO.selectors.rowAnchor). The background resolves the page's orders
// through Amazon's Orders API in one or two searches; what each row shows comes from that answer:
// canceled and not yet shipped orders say so, orders whose window is not open yet say when it opens
// and those past it since when it closed (the core's review window). Refunds and returns come from
// the page's classes (never its text; the API has no field for them). When the API can't say, the
// page's classes and hints stand in, and a row whose marketplace nobody knows asks the seller.
// Orders already requested show when. Rows re-rendered by paging or filtering get theirs again,
// never twice; a multi-item order's continuation rows get none.
'use strict';

/**
 * @typedef {SpoListOrder & { el: HTMLElement, root: ShadowRoot, shown: string }} RowHost
 */

SPO.features.push({
  id: 'list-rows',
  pages: ['list'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const fresh = selectors.orderRows(document).filter((o) => !o.row.querySelector('[data-sp-outreach="row-review"]'));
    if (!fresh.length) return;
    // Injected at once (so the next run skips these rows), filled in when Amazon's answer arrives.
    const hosts = fresh.map((o) => {
      const { el, root } = ui.host('row-review');
      el.style.marginTop = '6px';
      el.dataset.orderId = o.orderId;
      ui.place(selectors.rowAnchor(o), el);
      /** @type {RowHost} */
      const h = { ...o, el, root, shown: '' };
      ui.show(root, ui.status(ui.t('checking')));
      SPO.rowHosts.set(o.orderId, h);
      return h;
    });
    const named = hosts.map((h) => ({ orderId: h.orderId, hints: h.hints, purchasedAt: h.purchasedAt }));
    Promise.all([ui.ask({ type: 'reviewHistory', orderIds: hosts.map((h) => h.orderId) }), ui.ask({ type: 'resolveOrders', orders: named })]).then(
      ([history, views]) => {
        const byId = new Map(views.map((v) => [v.orderId, v]));
        for (const h of hosts) fill(h, history[h.orderId], byId.get(h.orderId), signal);
      },
      (e) => hosts.forEach((h) => rowShow(h, ui.status(e.message, 'error'))),
    );
  },
});

// The row hosts on the page now, by order id (SPO.rowHosts): one listener follows the bulk run for all of them.
SPO.bulkListeners?.push((s) => {
  const { ui } = SPO;
  for (const [id, h] of SPO.rowHosts) if (!h.el.isConnected) SPO.rowHosts.delete(id);
  for (const o of s.orders ?? []) {
    const h = SPO.rowHosts.get(o.orderId);
    if (!h) continue;
    const key = `${o.stage}:${o.reason ?? ''}`;
    if (h.shown === key) continue;
    if (o.stage === 'sending' || o.stage === 'resolving') rowShow(h, ui.status(ui.t(o.stage === 'sending' ? 'sending' : 'checking')));
    else if (o.stage === 'sent') rowShow(h, ui.status(ui.t('reviewRequested', ui.date(new Date().toISOString())), 'ok'));
    else if (o.stage === 'scheduled') rowShow(h, ui.status(ui.t(o.reason === 'recheck' ? 'rowRecheck' : 'rowScheduled', ui.date(o.due))));
    else if (o.stage === 'skipped' && o.reason && !['refunded', 'returned', 'canceled', 'notShipped'].includes(o.reason)) rowShow(h, ui.status(reasonText(o.reason)));
    else if (o.stage === 'failed' || o.stage === 'unknown') rowShow(h, ui.status(ui.t('reviewError', o.reason ?? ''), 'error'));
    else continue;
    h.shown = key;
  }
});

function rowShow(/** @type {RowHost} */ h, /** @type {Node[]} */ ...nodes) {
  SPO.ui.show(h.root, ...nodes);
}

/** What one row shows, from the history, the page's classes and Amazon's view of the order. */
function fill(/** @type {RowHost} */ h, /** @type {{ review?: string, at?: string } | undefined} */ past, /** @type {import('../../messages').OrderView | undefined} */ order, /** @type {AbortSignal} */ signal) {
  const { ui } = SPO;
  if (signal.aborted || !h.el.isConnected) return;
  if (past?.review === 'requested') return rowShow(h, ui.status(ui.t('reviewRequested', ui.date(past.at)), 'ok'));
  if (h.refunded) return rowShow(h, ui.status(ui.t('skippedRefunded')));
  if (h.returned) return rowShow(h, ui.status(ui.t('skippedReturned')));
  if (!order) return rowShow(h, ui.status(ui.t('notEligible')));
  if (order.source === 'api') {
    // Amazon's status and window: no button where Amazon would take no request.
    const state = order.window?.state;
    if (order.status === 'CANCELLED' || state === 'notShipped' || state === 'notYet' || state === 'closed') return rowShow(h, ui.status(ui.notOfferedText(order, true)));
  } else {
    // The API could not say: the page's classes stand in for its status.
    if (h.canceled) return rowShow(h, ui.status(ui.t('skippedCanceled')));
    if (h.unshipped) return rowShow(h, ui.status(ui.t('skippedUnshipped')));
  }
  if (!order.marketplaceId) return rowShow(h, ...ui.marketplacePicker(order, (v) => fill(h, past, v, signal), { compact: true }));
  const done = (/** @type {import('../../messages').ReviewState} */ r) => rowShow(h, r.state === 'requested' ? ui.status(ui.t('reviewRequested', ui.date(r.at)), 'ok') : ui.status(ui.notOfferedText(r.order, true)));
  ui.reviewButton((...nodes) => rowShow(h, ...nodes), { orderId: h.orderId, hints: h.hints }, { compact: true, done });
}

/** A queue's skip reason in the seller's words; Amazon's refusal kinds read as "not eligible". */
function reasonText(/** @type {string} */ reason) {
  const key = `skip_${reason}`;
  const text = SPO.ui.t(key);
  return text === key ? SPO.ui.t('notEligible') : text;
}
