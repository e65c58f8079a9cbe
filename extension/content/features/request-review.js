// Feature: a Request review button on an order's details page. Click → the seller confirms → the
// background sends through the core → the button becomes a status. The page never shows a raw 403.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'request-review',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const toolbar = selectors.detailsToolbar(document);
    if (!toolbar || toolbar.querySelector('[data-sp-outreach="request-review"]')) return;
    const { el, root } = ui.host('request-review');
    toolbar.prepend(el);
    const show = (...nodes) => {
      if (!signal.aborted) root.replaceChildren(root.querySelector('style'), ...nodes);
    };
    const explain = (e) => ui.status(ui.t('reviewError', e?.message ?? String(e)), 'error');
    let request;

    const offer = () => {
      const b = ui.button(ui.t('requestReview'), { primary: true });
      b.addEventListener('click', confirm);
      show(b);
    };
    const confirm = () => {
      const send = ui.button(ui.t('confirmSend'), { primary: true });
      const cancel = ui.button(ui.t('cancel'));
      cancel.addEventListener('click', offer);
      send.addEventListener('click', async () => {
        send.disabled = cancel.disabled = true;
        show(ui.status(ui.t('sending')));
        try {
          done(await ui.ask({ type: 'requestReview', ...request }));
        } catch (e) {
          show(explain(e));
        }
      });
      show(ui.status(ui.t('confirmReview')), send, cancel);
      send.focus();
    };
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
    const fromPage = selectors.marketplaceIn(document.getElementById('myo-layout') ?? document.body) ?? selectors.marketplaceInState(document);
    (fromPage ? Promise.resolve(fromPage) : ui.ask({ type: 'status' }).then((s) => s.defaultMarketplace))
      .then((marketplaceId) => {
        if (!marketplaceId) throw { message: ui.t('noMarketplace') };
        request = { orderId: page.orderId, marketplaceId };
        return ui.ask({ type: 'reviewStatus', ...request });
      })
      .then(
        (r) => (r.state === 'offered' ? offer() : r.state === 'requested' ? done(r) : show(ui.status(whyNot()))),
        (e) => show(explain(e)),
      );
  },
});
