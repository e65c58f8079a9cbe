// Feature: a Request review button on an order's details page. The background resolves the order
// through Amazon's Orders API (its marketplace, status and review window); the page's hints count
// only when the API can't say, and when nobody knows the marketplace the seller picks it before
// anything is sent. Click → the seller confirms → the background sends through the core → the
// button becomes a status. The page never shows a raw 403, and why an order can't be asked yet
// ("opens around …", "closed since …") comes from the core's review window.
'use strict';

SPO.features.push({
  id: 'request-review',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const orderId = /** @type {string} */ (page.orderId);
    const anchor = selectors.detailsAnchor(document);
    if (anchor.fallback && !ui.mayUseFallback(page)) return;
    const existing = /** @type {HTMLElement | null} */ (document.querySelector('[data-sp-outreach="request-review"]'));
    if (existing?.dataset.orderId === orderId) {
      // Already there: moved into the header's buttons when they appear after the fallback was used.
      ui.place(anchor, existing);
      return;
    }
    existing?.remove();
    const { el, root } = ui.host('request-review');
    el.dataset.orderId = orderId;
    ui.place(anchor, el);
    signal.addEventListener('abort', () => el.remove());
    const show = (/** @type {Node[]} */ ...nodes) => {
      if (!signal.aborted) ui.show(root, ...nodes);
    };
    /** @type {import('../../messages').Hint[]} */
    let hints = [];
    const done = (/** @type {import('../../messages').ReviewState} */ r) => {
      if (r.state === 'requested') show(ui.status(ui.t('reviewRequested', ui.date(r.at)), 'ok'));
      else show(ui.status(ui.notOfferedText(r.order)));
    };
    const decide = async () => {
      show(ui.status(ui.t('checking')));
      const r = await ui.ask({ type: 'reviewStatus', orderId, hints });
      if (signal.aborted) return;
      if (r.state === 'needsMarketplace' && r.order) show(...ui.marketplacePicker(r.order, () => decide().catch((e) => show(ui.reviewError(e)))));
      else if (r.state === 'offered') ui.reviewButton(show, { orderId, hints }, { primary: true, done });
      else done(r);
    };

    show(ui.status(ui.t('checking')));
    (async () => {
      // The page's hints once it shows this order (only used when Amazon's Orders API can't say).
      const shown = await ui.until(() => { const d = selectors.detailsOrder(document, orderId); return d.ready && d; }, 5000, signal);
      if (signal.aborted || !el.isConnected) return;
      hints = shown ? shown.hints : [];
      await decide();
    })().catch((e) => show(ui.reviewError(e)));
  },
});
