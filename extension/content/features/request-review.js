// Feature: a Request review button on an order's details page. Click → the seller confirms → the
// background sends through the core → the button becomes a status. The page never shows a raw 403.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'request-review',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const anchor = selectors.detailsAnchor(document);
    if (anchor.fallback && !ui.mayUseFallback(page)) return;
    const existing = /** @type {HTMLElement | null} */ (document.querySelector('[data-sp-outreach="request-review"]'));
    if (existing?.dataset.orderId === page.orderId) {
      // Already there: moved into the header's buttons when they appear after the fallback was used.
      ui.place(anchor, existing);
      return;
    }
    existing?.remove();
    const { el, root } = ui.host('request-review');
    el.dataset.orderId = page.orderId;
    ui.place(anchor, el);
    signal.addEventListener('abort', () => el.remove());
    const show = (...nodes) => {
      if (!signal.aborted) ui.show(root, ...nodes);
    };
    let request;
    // Amazon only says "not offered"; the page's delivery dates tell which side of the 5–30 day
    // window the order is on (an estimate: the window itself is Amazon's to decide).
    const whyNot = () => {
      const d = selectors.detailsOrder(document, page.orderId).delivery;
      const day = 86400000;
      if (d && Date.now() < d.earliest + 5 * day) return ui.t('windowOpens', ui.date(new Date(d.earliest + 5 * day).toISOString()));
      if (d && Date.now() > d.latest + 30 * day) return ui.t('windowClosed');
      return ui.t('notEligible');
    };
    const done = (r) => {
      if (r.state === 'requested') show(ui.status(ui.t('reviewRequested', ui.date(r.at)), 'ok'));
      else show(ui.status(whyNot()));
    };

    show(ui.status(ui.t('checking')));
    (async () => {
      // The page's hints once it shows this order (Amazon's review link, then the sales channel);
      // without any, the seller's default from the options, for now (issue 10 item 3: the API's
      // answer replaces it).
      const shown = await ui.until(() => { const d = selectors.detailsOrder(document, page.orderId); return d.ready && d; }, 5000, signal);
      if (signal.aborted || !el.isConnected) return;
      const fromPage = selectors.marketplaceFromHints(shown?.hints ?? [], selectors.region(location.hostname));
      const marketplaceId = fromPage ?? (await ui.ask({ type: 'status' })).defaultMarketplace;
      if (!marketplaceId) throw { message: ui.t('noMarketplace') };
      request = { orderId: page.orderId, marketplaceId };
      const r = await ui.ask({ type: 'reviewStatus', ...request });
      if (r.state === 'offered') ui.reviewButton(show, request, { primary: true, done });
      else if (r.state === 'requested') done(r);
      else show(ui.status(whyNot()));
    })().catch((e) => show(ui.reviewError(e)));
  },
});
