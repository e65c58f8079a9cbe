// Feature: a Message buyer button on an order's details page; it opens the dialog
// (message-dialog.js) for the order, with the page's marketplace hints for when Amazon's Orders API
// can't say which marketplace the order is in.
'use strict';

SPO.features.push({
  id: 'message-buyer',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const orderId = /** @type {string} */ (page.orderId);
    const anchor = selectors.detailsAnchor(document);
    if (anchor.fallback && !ui.mayUseFallback(page)) return;
    const existing = /** @type {HTMLElement | null} */ (document.querySelector('[data-sp-outreach="message-buyer"]'));
    if (existing?.dataset.orderId === orderId) {
      ui.place(anchor, existing);
      return;
    }
    existing?.remove();
    const { el, root } = ui.host('message-buyer');
    el.dataset.orderId = orderId;
    ui.place(anchor, el);
    signal.addEventListener('abort', () => el.remove());
    const open = ui.button(ui.t('messageBuyer'));
    open.setAttribute('aria-haspopup', 'dialog');
    root.append(open);
    open.addEventListener('click', SPO.ui.trusted(() => {
      const shown = selectors.detailsOrder(document, orderId);
      SPO.messageDialog({ orderId, hints: shown.hints, opener: open, signal });
    }));
  },
});
