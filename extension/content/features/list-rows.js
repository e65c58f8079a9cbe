// Feature: on the orders list, a compact Request review button or a status badge for every order, in
// its row's action column (SPO.selectors.rowAnchor). Refunded, returned, canceled and unshipped orders
// (from the page's classes, never its text) are skipped and say so; orders already requested show
// when. Rows re-rendered by paging or filtering get theirs again, never twice; a multi-item order's
// continuation rows get none.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'list-rows',
  pages: ['list'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const region = selectors.region(location.hostname);
    const fresh = selectors.orderRows(document).filter((o) => !o.row.querySelector('[data-sp-outreach="row-review"]'));
    if (!fresh.length) return;
    // Injected at once (so the next run skips these rows), filled in when the history arrives.
    const hosts = fresh.map((o) => {
      const { el, root } = ui.host('row-review');
      el.style.marginTop = '6px';
      el.dataset.orderId = o.orderId;
      ui.place(selectors.rowAnchor(o), el);
      const h = { ...o, marketplaceId: selectors.marketplaceFromHints(o.hints, region), el, root, shown: '' };
      rowHosts.set(o.orderId, h);
      return h;
    });
    ui.ask({ type: 'reviewHistory', orderIds: hosts.map((h) => h.orderId) }).then(
      (history) => hosts.forEach((h) => fill(h, history[h.orderId], signal)),
      (e) => hosts.forEach((h) => show(h, ui.status(e.message, 'error'))),
    );
  },
});

/** The row hosts on the page now, by order id: one listener follows the bulk run for all of them. */
const rowHosts = new Map();
SPO.bulkListeners = SPO.bulkListeners ?? [];
SPO.bulkListeners.push((s) => {
  const { ui } = SPO;
  for (const [id, h] of rowHosts) if (!h.el.isConnected) rowHosts.delete(id);
  for (const o of s.orders ?? []) {
    const h = rowHosts.get(o.orderId);
    if (!h) continue;
    const key = `${o.stage}:${o.reason ?? ''}`;
    if (h.shown === key) continue;
    if (o.stage === 'sending') show(h, ui.status(ui.t('sending')));
    else if (o.stage === 'sent') show(h, ui.status(ui.t('reviewRequested', ui.date(new Date().toISOString())), 'ok'));
    else if (o.stage === 'scheduled') show(h, ui.status(ui.t(o.reason === 'recheck' ? 'rowRecheck' : 'rowScheduled', ui.date(o.due))));
    else if (o.stage === 'skipped' && o.reason && !['refunded', 'returned', 'canceled', 'notShipped'].includes(o.reason)) show(h, ui.status(reasonText(o.reason)));
    else if (o.stage === 'failed' || o.stage === 'unknown') show(h, ui.status(ui.t('reviewError', o.reason ?? ''), 'error'));
    else continue;
    h.shown = key;
  }
});

function show(h, ...nodes) {
  SPO.ui.show(h.root, ...nodes);
}

function fill(h, past, signal) {
  const { ui } = SPO;
  if (signal.aborted || !h.el.isConnected) return;
  if (past?.review === 'requested') return show(h, ui.status(ui.t('reviewRequested', ui.date(past.at)), 'ok'));
  if (h.refunded) return show(h, ui.status(ui.t('skippedRefunded')));
  if (h.returned) return show(h, ui.status(ui.t('skippedReturned')));
  if (h.canceled) return show(h, ui.status(ui.t('skippedCanceled')));
  if (h.unshipped) return show(h, ui.status(ui.t('skippedUnshipped')));
  if (!h.marketplaceId) return show(h, ui.status(ui.t('noMarketplace'), 'error'));
  const done = (r) => show(h, r.state === 'requested' ? ui.status(ui.t('reviewRequested', ui.date(r.at)), 'ok') : ui.status(ui.t('notEligible')));
  ui.reviewButton((...nodes) => show(h, ...nodes), { orderId: h.orderId, marketplaceId: h.marketplaceId }, { compact: true, done });
}

/** A queue's skip reason in the seller's words; Amazon's refusal kinds read as "not eligible". */
function reasonText(reason) {
  const key = `skip_${reason}`;
  const text = SPO.ui.t(key);
  return text === key ? SPO.ui.t('notEligible') : text;
}
