// Feature: a Request review button on an order's details page. Click → the seller confirms → the
// background sends through the core → the button becomes a status. The page never shows a raw 403.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'request-review',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const toolbar = selectors.toolbar(document);
    if (!toolbar || toolbar.querySelector('[data-sp-outreach="request-review"]')) return;
    const { el, root } = ui.host('request-review');
    toolbar.prepend(el);
    const show = (...nodes) => {
      if (!signal.aborted) ui.show(root, ...nodes);
    };
    let request;
    // Amazon only says "not offered"; the page's delivery dates tell which side of the 5–30 day
    // window the order is on (an estimate: the window itself is Amazon's to decide).
    const whyNot = () => {
      const d = selectors.deliveryDates(document);
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
    // The marketplace from the page ("Sales channel"), else the seller's default from the options.
    const fromPage = selectors.marketplaceIn(selectors.content(document)) ?? selectors.marketplaceInState(document);
    (fromPage ? Promise.resolve(fromPage) : ui.ask({ type: 'status' }).then((s) => s.defaultMarketplace))
      .then((marketplaceId) => {
        if (!marketplaceId) throw { message: ui.t('noMarketplace') };
        request = { orderId: page.orderId, marketplaceId };
        return ui.ask({ type: 'reviewStatus', ...request });
      })
      .then(
        (r) => (r.state === 'offered' ? ui.reviewButton(show, request, { primary: true, done }) : r.state === 'requested' ? done(r) : show(ui.status(whyNot()))),
        (e) => show(ui.reviewError(e)),
      );
  },
});
