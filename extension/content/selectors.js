// Every Seller Central selector and page fact in one place (../shared/docs/seller-central.md),
// tested against the look-alike pages in tests/e2e. Classic script: content scripts share one
// isolated world, so features find this as globalThis.SPO.selectors.
'use strict';
globalThis.SPO = globalThis.SPO ?? {};

SPO.selectors = (() => {
  const ORDER_ID = /\b\d{3}-\d{7}-\d{7}\b/;
  // "Sales channel: Amazon.xx" → marketplace id (facts.md "Marketplaces → region").
  const CHANNELS = {
    'amazon.com': 'ATVPDKIKX0DER', 'amazon.ca': 'A2EUQ1WTGCTBG2', 'amazon.com.mx': 'A1AM78C64UM0Y8', 'amazon.com.br': 'A2Q3Y263D00KWC',
    'amazon.ie': 'A28R8C7NBKEWEA', 'amazon.es': 'A1RKKUPIHCS9HS', 'amazon.co.uk': 'A1F83G8C2ARO7P', 'amazon.fr': 'A13V1IB3VIYZZH',
    'amazon.com.be': 'AMEN7PMS3EDWL', 'amazon.nl': 'A1805IZSGTT6HS', 'amazon.de': 'A1PA6795UKMFR9', 'amazon.it': 'APJ6JRA9NG5V4',
    'amazon.se': 'A2NODRKZP88ZB9', 'amazon.co.za': 'AE08WJ6YKNBMC', 'amazon.pl': 'A1C3SOZRARQ6R3', 'amazon.eg': 'ARBP9OOSHTCHU',
    'amazon.com.tr': 'A33AVAJ2PDY3EV', 'amazon.sa': 'A17E79C6D8DWNP', 'amazon.ae': 'A2VIGQ35RCS4UG', 'amazon.in': 'A21TJRUUN4KGV',
    'amazon.sg': 'A19VAU5U5O7RUS', 'amazon.com.au': 'A39IBJ37TRP1C6', 'amazon.co.jp': 'A1VC38T7YXB528',
  };

  /** The page kind from the URL: 'details' with its order id, 'list', or null. */
  function page(location) {
    const m = location.pathname.match(/^\/orders-v3\/order\/(\d{3}-\d{7}-\d{7})/);
    if (m) return { kind: 'details', orderId: m[1] };
    if (/^\/orders-v3(\/|$)/.test(location.pathname)) return { kind: 'list' };
    return null;
  }

  /** The marketplace named by "Sales channel: Amazon.xx" under `root`, looking into shadow roots. */
  function marketplaceIn(root) {
    for (const text of textNodes(root)) {
      if (!text.data.includes('Sales channel')) continue;
      // The element around the label, whose text may be split over several nodes.
      const m = (text.parentElement?.textContent ?? text.data).match(/Sales channel:\s*Amazon\.([a-z]{2,3}(?:\.[a-z]{2})?)/);
      const id = m && CHANNELS[`amazon.${m[1]}`];
      if (id) return id;
    }
    return null;
  }

  /** Text nodes under `root`, including those inside open shadow roots. */
  function* textNodes(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) yield n;
      else if ((/** @type {Element} */ (n)).shadowRoot) yield* textNodes((/** @type {Element} */ (n)).shadowRoot);
    }
  }

  /** The marketplace in the page's state: a `data-marketplace-id` attribute on the order's container. */
  function marketplaceInState(doc) {
    const id = doc.querySelector('[data-marketplace-id]')?.getAttribute('data-marketplace-id') ?? '';
    return /^[A-Z0-9]{9,14}$/.test(id) ? id : null;
  }

  /** The delivery dates shown under `root` ("Deliver by: Nov 18, 2026 – Nov 19, 2026"), if any. */
  function deliveryDates(root) {
    for (const text of textNodes(root.body ?? root)) {
      const m = text.data.match(/Deliver by:\s*([A-Z][a-z]{2} \d{1,2}, \d{4})\s*[–-]\s*([A-Z][a-z]{2} \d{1,2}, \d{4})/);
      if (!m) continue;
      const [earliest, latest] = [Date.parse(`${m[1]} UTC`), Date.parse(`${m[2]} UTC`)];
      if (!Number.isNaN(earliest) && !Number.isNaN(latest)) return { earliest, latest };
    }
    return null;
  }

  /** Where a page's buttons go: its toolbar (`div.push-right`), on the list and details pages alike. */
  function toolbar(doc) {
    return doc.querySelector('#myo-layout .push-right') ?? doc.querySelector('div.push-right');
  }

  /** The page's own content (`#myo-layout`), where the order's details are. */
  function content(doc) {
    return doc.getElementById('myo-layout') ?? doc.body;
  }

  /** The orders list's "Next" page link, or null on the last page. */
  function nextPageLink(doc) {
    return /** @type {HTMLElement | null} */ (doc.querySelector('#myo-layout .a-last a'));
  }

  /** The order id in `root`: a link's text first, then any text, looking into shadow roots. */
  function orderIdIn(root) {
    for (const a of root.querySelectorAll('a')) {
      const m = a.textContent.match(ORDER_ID);
      if (m) return m[0];
    }
    for (const text of textNodes(root)) {
      const m = text.data.match(ORDER_ID);
      if (m) return m[0];
    }
    return null;
  }

  /** The orders table's rows (`#orders-table > tbody > tr`) with what the page says of each. */
  function orderRows(doc) {
    return [...doc.querySelectorAll('#orders-table > tbody > tr')].map((row) => {
      const status = row.querySelector('.main-status')?.textContent ?? '';
      return {
        row,
        orderId: orderIdIn(row),
        marketplaceId: marketplaceIn(row),
        refunded: !!row.querySelector('.refund-is-applied') || /\bRefunded\b/.test(row.textContent),
        returned: !!row.querySelector('.return-requested') || /\bReturn(ed| requested)\b/.test(row.textContent),
        canceled: /Cancel+ed/i.test(status),
        // A review can be requested only for shipped orders (facts.md "Business rules").
        unshipped: /^\s*(Unshipped|Pending)\b/i.test(status),
        statusCell: row.querySelector('td.cell-status') ?? row.lastElementChild,
        delivery: deliveryDates(row),
      };
    }).filter((r) => r.orderId);
  }

  return { ORDER_ID, page, marketplaceIn, marketplaceInState, deliveryDates, toolbar, content, nextPageLink, textNodes, orderIdIn, orderRows };
})();
