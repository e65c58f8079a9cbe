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
    const done = (r) => {
      if (r.state === 'requested') show(ui.status(ui.t('reviewRequested', ui.date(r.at)), 'ok'));
      else show(ui.status(r.explanation ?? ui.t('notEligible')));
    };

    show(ui.status(ui.t('checking')));
    // The marketplace from the page ("Sales channel"), else the seller's default from the options.
    const fromPage = selectors.marketplaceIn(document.getElementById('myo-layout') ?? document.body);
    (fromPage ? Promise.resolve(fromPage) : ui.ask({ type: 'status' }).then((s) => s.defaultMarketplace))
      .then((marketplaceId) => {
        if (!marketplaceId) throw { message: ui.t('noMarketplace') };
        request = { orderId: page.orderId, marketplaceId };
        return ui.ask({ type: 'reviewStatus', ...request });
      })
      .then(
        (r) => (r.state === 'offered' ? offer() : r.state === 'requested' ? done(r) : show(ui.status(ui.t('notEligible')))),
        (e) => show(explain(e)),
      );
  },
});
