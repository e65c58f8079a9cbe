// Feature: on the orders list, a compact Request review button or a status badge on every row.
// Refunded, returned and canceled orders are skipped and say so; orders already requested show
// when. Rows re-rendered by paging or filtering get theirs again, never twice.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'list-rows',
  pages: ['list'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const fresh = selectors.orderRows(document).filter((r) => r.statusCell && !r.row.querySelector('[data-sp-outreach="row-review"]'));
    if (!fresh.length) return;
    // Injected at once (so the next run skips these rows), filled in when the history arrives.
    const hosts = fresh.map((r) => {
      const { el, root } = ui.host('row-review');
      el.style.marginTop = '6px';
      r.statusCell.append(el);
      return { ...r, el, root, shown: '' };
    });
    SPO.bulkListeners = SPO.bulkListeners ?? [];
    SPO.bulkListeners.push((s) => {
      for (const o of s.orders ?? []) {
        const h = hosts.find((x) => x.orderId === o.orderId);
        if (!h || !h.el.isConnected) continue;
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
    ui.ask({ type: 'reviewHistory', orderIds: hosts.map((h) => h.orderId) }).then(
      (history) => hosts.forEach((h) => fill(h, history[h.orderId], signal)),
      (e) => hosts.forEach((h) => show(h, ui.status(e.message, 'error'))),
    );
  },
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
