// Every Seller Central selector in one place, built on the real pages' structure
// (../shared/docs/seller-central.md "What the real pages look like") and tested on the fixture pages
// in English, German and Japanese (tests/js/selectors.test.mjs). The page only NAMES orders: the id
// from the URL or the order link; the background knows the region of the host (the core's table)
// and asks Amazon for everything else. What this file reads besides the ids is a hint: the
// marketplace (raw, for when Amazon's Orders API can't say), the purchase day (the date range a
// search covers) and status classes. Nothing here reads label text: values are found by
// data-test-id, classes and links, so the seller's UI language does not matter.
//
// Classic script: content scripts share one isolated world, so features find this as
// globalThis.SPO.selectors. It uses no globals but `globalThis.SPO`, so the unit tests can run it
// in a DOM library's window.
'use strict';
// The namespace every content script adds to (typed in tests/js/extension-globals.d.ts): features
// register here, and the list's row hosts and the bulk run's listeners are shared here.
/** @type {any} */ (globalThis).SPO ??= { features: [], bulkListeners: [], rowHosts: new Map() };

SPO.selectors = (() => {
  /** An SP-API order id (seller-central.md "Structure"); anything else (`S01-…`, a seller's own id) is not one. */
  const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
  const ORDER_ID_IN_TEXT = /(?:^|[^\w-])(\d{3}-\d{7}-\d{7})(?![\w-])/;
  const ORDER_HREF = /\/orders-v3\/order\/([^/?#]+)/;
  const MARKETPLACE_ID = /^[A-Z0-9]{9,14}$/;
  const CHANNEL = /^amazon\.[a-z]{2,3}(?:\.[a-z]{2})?$/i;
  // Caps before work: a list page shows at most 100 orders (select#myo-table-results-per-page), each
  // with a few continuation rows; a walk into shadow roots visits at most this many elements.
  const MAX_ROWS = 1000;
  const MAX_ROOTS = 500;
  const MAX_TEXT = 20000;

  /** The page kind from the URL: `{ kind: 'details', orderId }`, `{ kind: 'list' }`, or null
   * (not an order page, or an order that is not Amazon's, e.g. `/orders-v3/order/S01-…`).
   * @returns {{ kind: 'details', orderId: string } | { kind: 'list', orderId?: undefined } | null} */
  function page(/** @type {Location | URL} */ location) {
    const m = location.pathname.match(/^\/orders-v3\/order\/([^/?#]+)\/?$/);
    if (m) {
      const id = decode(m[1]);
      return ORDER_ID.test(id) ? { kind: 'details', orderId: id } : null;
    }
    if (/^\/orders-v3(\/|$)/.test(location.pathname)) return { kind: 'list' };
    return null;
  }

  function decode(/** @type {string} */ s) {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  }

  // --- Into shadow roots (Katal components keep their content there): a query runs on `root` and on
  // every open shadow root under it, found once per scope.

  /** `root` and the open shadow roots under it (nested ones too), at most MAX_ROOTS.
   * @param {ParentNode | ParentNode[] | null} root @returns {ParentNode[]} */
  function scope(root) {
    if (Array.isArray(root)) return root;
    const out = root ? [root] : [];
    for (let i = 0; i < out.length && out.length < MAX_ROOTS; i++) {
      for (const e of out[i].querySelectorAll('*')) {
        if (e.shadowRoot) out.push(e.shadowRoot);
        if (out.length >= MAX_ROOTS) break;
      }
    }
    return out;
  }

  /** The first element matching `selector` in `root` or its shadow roots (`root` may be a scope). */
  function deepQuery(/** @type {ParentNode | ParentNode[] | null} */ root, /** @type {string} */ selector) {
    for (const r of scope(root)) {
      const e = r.querySelector(selector);
      if (e) return e;
    }
    return null;
  }

  /** Every element matching `selector` in `root` and its shadow roots. */
  function deepQueryAll(/** @type {ParentNode | ParentNode[] | null} */ root, /** @type {string} */ selector) {
    return scope(root).flatMap((r) => [...r.querySelectorAll(selector)]);
  }

  /** The text of `node`, shadow roots included (a Katal link's label is in its shadow root). */
  /** @returns {string} */
  function deepText(/** @type {Node} */ node, budget = { left: MAX_TEXT }) {
    let out = '';
    for (const c of node.childNodes ?? []) {
      if (budget.left-- <= 0) break;
      if (c.nodeType === 3) out += /** @type {Text} */ (c).data;
      else if (c.nodeType === 1) {
        const shadow = /** @type {Element} */ (c).shadowRoot;
        out += (shadow ? deepText(shadow, budget) : '') + deepText(c, budget);
      }
    }
    return out;
  }

  // --- What the page says of an order: hints only.

  /**
   * Marketplace hints under `root`, in a fixed order (issue 10 item 3): the marketplace id in
   * Amazon's own Request-a-Review link (`/messaging/reviews?orderId=…&marketplaceId=…`), then the
   * sales-channel VALUE ("Amazon.ca") — its data-test-id element, else (the list has none) the one
   * channel name that is the whole text of an element of the order-details cell. Raw:
   * `{ marketplaceId }` and `{ channel }`.
   * @returns {({ marketplaceId: string, source: 'reviewLink' } | { channel: string, source: 'salesChannel' })[]}
   */
  function marketplaceHints(/** @type {ParentNode | ParentNode[]} */ root) {
    /** @type {any[]} */
    const hints = [];
    root = scope(root);
    const review = deepQuery(root, '[data-test-id="plugin-button-requestAReview"] a[href]') ?? deepQuery(root, 'a[href*="/messaging/reviews"]');
    if (review) {
      let id = '';
      try {
        id = new URL(review.getAttribute('href') ?? '', 'https://sellercentral.invalid/').searchParams.get('marketplaceId') ?? '';
      } catch {
        // A link that is no URL names no marketplace.
      }
      if (MARKETPLACE_ID.test(id)) hints.push({ marketplaceId: id, source: 'reviewLink' });
    }
    let channel = deepQuery(root, '[data-test-id$="sales-channel-value"]')?.textContent?.trim() ?? '';
    if (!CHANNEL.test(channel)) {
      const cell = deepQuery(root, '[data-test-id="oth-order-details"]');
      // Two different channel names (a buyer may call themselves "Amazon.de") say nothing.
      const names = new Set(deepQueryAll(cell ?? root, '*').filter((e) => e.childElementCount === 0 && CHANNEL.test(e.textContent?.trim() ?? '')).map((e) => e.textContent.trim()));
      channel = names.size === 1 ? [...names][0] : '';
    }
    if (channel) hints.push({ channel, source: 'salesChannel' });
    return hints;
  }

  /** The order's status from classes only (`span.main-status` with `shipped-status`,
   * `pending-status`, `delivered-status`, …): the class's name without `-status` (or null), and
   * what it means for a review request: canceled, not shipped yet; refunds (`.refund-is-applied`)
   * and returns (`.return-requested`). */
  function statusHints(/** @type {ParentNode | ParentNode[]} */ root) {
    root = scope(root);
    const main = deepQuery(root, '.main-status');
    const cls = main ? [...main.classList].find((c) => c !== 'main-status' && c.endsWith('-status')) : null;
    return {
      status: cls ? cls.slice(0, -'-status'.length) : null,
      canceled: !!main?.matches('.cancelled-status, .canceled-status'),
      unshipped: !!main?.matches('.pending-status, .unshipped-status'),
      refunded: !!deepQuery(root, '.refund-is-applied'),
      returned: !!deepQuery(root, '.return-requested'),
    };
  }

  /** The purchase day the page shows (the list's `oth-order-date` cell, the details page's
   * purchase-date value), as a UTC midnight, or null: where a search for the order starts. A date
   * VALUE, read in the formats below; never a label. */
  function purchaseHint(/** @type {ParentNode | ParentNode[]} */ root) {
    const value = deepQuery(root, '[data-test-id="oth-order-date"], [data-test-id$="purchase-date-value"]');
    return value ? dates(value.textContent ?? '')[0] ?? null : null;
  }

  // Month names of the date VALUES the order pages show in English and German ("Thu, Dec 5, 2019",
  // "Thu, 5 Dec 2019", "Do., 5. Dez. 2019"); Japanese and other numeric forms are "2019/12/05".
  /** @type {Record<string, number>} */
  const MONTHS = { jan: 0, feb: 1, mar: 2, mär: 2, apr: 3, may: 4, mai: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, okt: 9, nov: 10, dec: 11, dez: 11 };
  const DATE = /(\d{4})\/(\d{1,2})\/(\d{1,2})|(\p{L}{3,})\.?\s+(\d{1,2}),\s*(\d{4})|(\d{1,2})\.?\s+(\p{L}{3,})\.?\s+(\d{4})/gu;

  /** The dates in a value's text, as UTC midnights (at most 4: a window is two). */
  function dates(/** @type {string} */ text) {
    const out = [];
    for (const m of text.slice(0, 200).matchAll(DATE)) {
      const [y, mo, d] = m[1] ? [+m[1], +m[2] - 1, +m[3]] : m[4] ? [+m[6], MONTHS[m[4].slice(0, 3).toLowerCase()], +m[5]] : [+m[9], MONTHS[m[8].slice(0, 3).toLowerCase()], +m[7]];
      if (mo === undefined || mo < 0 || mo > 11 || d < 1 || d > 31) continue;
      const t = Date.UTC(y, mo, d);
      if (new Date(t).getUTCDate() === d) out.push(t);
      if (out.length === 4) break;
    }
    return out;
  }

  // --- The orders list

  /** A row's order key: the href of its order link (`.cell-body-title a` → `/orders-v3/order/{id}`),
   * then any link to an order in the row's shadow roots (a Katal `kat-link`), then an id as the
   * text of the order-details cell; null for a continuation row of a multi-item order. */
  function rowKey(/** @type {Element} */ tr) {
    const fromHref = (/** @type {Element | null} */ e) => e?.getAttribute('href')?.match(ORDER_HREF)?.[1];
    const first = fromHref(tr.querySelector('.cell-body-title a[href]'));
    if (first) return decode(first);
    for (const e of deepQueryAll(tr, '[href]')) {
      const key = fromHref(e);
      if (key) return decode(key);
    }
    const cell = tr.querySelector('[data-test-id="oth-order-details"]') ?? tr;
    return deepText(cell).match(ORDER_ID_IN_TEXT)?.[1] ?? null;
  }

  /**
   * The orders list as the page shows it: `#orders-table > tbody > tr` grouped into orders (a row
   * with an order link starts one; rows without belong to the order above), split into Amazon's
   * orders and the others (non-Amazon ids such as `S01-…`, ignored).
   * @returns {{ orders: ListOrder[], ignored: { key: string, rows: Element[] }[], continuationRows: number, rows: number }}
   * @typedef {{ orderId: string, row: Element, rows: Element[], hints: ReturnType<typeof marketplaceHints>, status: string | null, canceled: boolean, unshipped: boolean, refunded: boolean, returned: boolean, purchasedAt: number | null }} ListOrder
   */
  function scanList(/** @type {Document} */ doc) {
    const trs = [...doc.querySelectorAll('#orders-table > tbody > tr')].slice(0, MAX_ROWS);
    /** @type {Map<string, { key: string, rows: Element[] }>} */
    const groups = new Map();
    let current = null;
    let continuationRows = 0;
    for (const tr of trs) {
      const key = rowKey(tr);
      if (key == null) {
        if (current) {
          current.rows.push(tr);
          continuationRows++;
        }
        continue;
      }
      current = groups.get(key) ?? { key, rows: [] };
      current.rows.push(tr);
      groups.set(key, current);
    }
    const orders = [];
    const ignored = [];
    for (const g of groups.values()) {
      if (!ORDER_ID.test(g.key)) {
        ignored.push(g);
        continue;
      }
      const [row] = g.rows;
      const rowScope = scope(row);
      orders.push({ orderId: g.key, row, rows: g.rows, hints: marketplaceHints(rowScope), ...statusHints(rowScope), purchasedAt: purchaseHint(rowScope) });
    }
    return { orders, ignored, continuationRows, rows: trs.length };
  }

  /** The Amazon orders on the list page (see scanList). */
  function orderRows(/** @type {Document} */ doc) {
    return scanList(doc).orders;
  }

  /** The list's "Next" link (`div.pagination-controls li.a-last > a`), or null on the last page
   * (`li.a-last.a-disabled`, no link). */
  function nextPageLink(/** @type {Document} */ doc) {
    return /** @type {HTMLElement | null} */ (doc.querySelector('div.pagination-controls li.a-last:not(.a-disabled) > a') ?? doc.querySelector('#myo-layout li.a-last:not(.a-disabled) > a'));
  }

  /** The page number the pagination shows as current (`li.a-selected`), or null while it is not rendered. */
  function shownPage(/** @type {Document} */ doc) {
    const shown = Number(doc.querySelector('div.pagination-controls li.a-selected')?.textContent?.trim());
    return Number.isInteger(shown) && shown > 0 ? shown : null;
  }

  /** The page number the list shows, else the URL's `page`, else 1. */
  function pageNumber(/** @type {Document} */ doc, /** @type {Location} */ location) {
    const shown = shownPage(doc);
    if (shown) return shown;
    const asked = Number(new URLSearchParams(location.search).get('page'));
    return Number.isInteger(asked) && asked > 0 ? asked : 1;
  }

  /** The pagination's link to page `n` (its text is the number), or null. */
  function pageLink(/** @type {Document} */ doc, /** @type {number} */ n) {
    for (const a of doc.querySelectorAll('div.pagination-controls li:not(.a-selected) > a')) if (a.textContent?.trim() === String(n)) return /** @type {HTMLElement} */ (a);
    return null;
  }

  // --- An order's details page

  /** What the details page says of its order: hints, and whether the page shows that order yet
   * (`span[data-test-id="order-id-value"]` equal to the URL's id; a single-page app may still show
   * the previous order for a moment, whose hints must not be used). */
  function detailsOrder(/** @type {Document} */ doc, /** @type {string} */ orderId) {
    const root = scope(doc.getElementById('MYO-app') ?? doc.body);
    const shown = deepQuery(root, '[data-test-id="order-id-value"]')?.textContent?.trim() ?? null;
    const ready = shown === orderId;
    return { orderId, ready, hints: ready ? marketplaceHints(root) : [], ...(ready ? statusHints(root) : { status: null, canceled: false, unshipped: false, refunded: false, returned: false }), purchasedAt: ready ? purchaseHint(root) : null };
  }

  /** Whether the page shows what its URL names: the details page its order, the list its rows.
   * Until then a missing anchor may just not be rendered yet. */
  function ready(/** @type {Document} */ doc, /** @type {{ kind: string, orderId?: string } | null} */ p) {
    if (p?.kind === 'details') return detailsOrder(doc, p.orderId ?? '').ready;
    return p?.kind === 'list' && !!doc.querySelector('#orders-table > tbody > tr');
  }

  // --- Where the extension's controls go. Each has a fallback every order page has, so a control is
  // never silently absent when Seller Central changes its markup. `mode` says how to put it there.

  /** @typedef {{ el: Element, fallback: boolean, mode: 'prepend' | 'append' | 'slot' }} Anchor */

  /** The details page's buttons: the header's action buttons, else the top of `#MYO-app` (or body). @returns {Anchor} */
  function detailsAnchor(/** @type {Document} */ doc) {
    const el = doc.querySelector('div[data-test-id="order-details-header-action-buttons"]');
    if (el) return { el, fallback: false, mode: 'prepend' };
    return { el: doc.getElementById('MYO-app') ?? doc.getElementById('myo-layout') ?? doc.body, fallback: true, mode: 'slot' };
  }

  /** The list's bulk bar: the toolbar (`#myo-layout div.push-right`), else the top of `#myo-layout` (or body). @returns {Anchor} */
  function bulkAnchor(/** @type {Document} */ doc) {
    const el = doc.querySelector('#myo-layout div.push-right');
    if (el) return { el, fallback: false, mode: 'prepend' };
    return { el: doc.getElementById('myo-layout') ?? doc.body, fallback: true, mode: 'slot' };
  }

  /** A list order's controls: its action column (`td.myo-table-action-column`), else its row's last cell. @returns {Anchor} */
  function rowAnchor(/** @type {{ row: Element }} */ order) {
    const el = order.row.querySelector('td.myo-table-action-column');
    if (el) return { el, fallback: false, mode: 'append' };
    return { el: order.row.lastElementChild ?? order.row, fallback: true, mode: 'append' };
  }

  /**
   * The page check: what was found and where the controls are, for the popup ("25 orders found,
   * buttons placed"; the background adds how many Amazon resolved). `placed` counts the
   * extension's controls on the page now; `named` are the orders with their hints.
   * @returns {SpoPageCheck}
   */
  function check(/** @type {Document} */ doc, /** @type {Location | URL} */ location) {
    const p = page(location);
    /** @type {SpoPageCheck} */
    const base = { summary: '', kind: p?.kind ?? null, host: location.hostname, orders: 0, orderIds: [], named: [], ignored: 0, continuationRows: 0, anchor: null, rowAnchors: { preferred: 0, fallback: 0 }, placed: 0, ready: false };
    const placed = doc.querySelectorAll('[data-sp-outreach="request-review"], [data-sp-outreach="message-buyer"], [data-sp-outreach="bulk-bar"], [data-sp-outreach="row-review"]').length;
    if (!p) {
      const other = location.pathname.match(/^\/orders-v3\/order\/([^/?#]+)/)?.[1];
      return { ...base, placed, summary: other ? `not an Amazon order (${decode(other)})` : 'not an order page' };
    }
    if (p.kind === 'details') {
      const d = detailsOrder(doc, p.orderId);
      const a = detailsAnchor(doc);
      const named = [{ orderId: p.orderId, hints: d.hints, purchasedAt: d.purchasedAt }];
      /** @type {SpoPageCheck} */
      const r = { ...base, orders: 1, orderIds: [p.orderId], named, anchor: a.fallback ? 'fallback' : 'preferred', placed, ready: d.ready };
      return { ...r, summary: `order ${p.orderId}${d.ready ? '' : ' (page still loading)'}, buttons ${a.fallback ? 'in the fallback place' : 'in the header'}, ${placed} placed` };
    }
    const s = scanList(doc);
    const a = bulkAnchor(doc);
    const rowAnchors = { preferred: 0, fallback: 0 };
    for (const o of s.orders) rowAnchors[rowAnchor(o).fallback ? 'fallback' : 'preferred']++;
    const named = s.orders.map((o) => ({ orderId: o.orderId, hints: o.hints, purchasedAt: o.purchasedAt }));
    /** @type {SpoPageCheck} */
    const r = { ...base, orders: s.orders.length, orderIds: s.orders.map((o) => o.orderId), named, ignored: s.ignored.length, continuationRows: s.continuationRows, anchor: a.fallback ? 'fallback' : 'preferred', rowAnchors, placed, ready: s.rows > 0 };
    return { ...r, summary: `${s.orders.length} orders found${s.ignored.length ? ` (${s.ignored.length} not Amazon's ignored)` : ''}, anchors ${a.fallback || rowAnchors.fallback ? 'placed (some in fallback places)' : 'placed'}, ${placed} controls` };
  }

  return {
    ORDER_ID, page, scope, deepQuery, deepQueryAll, deepText, marketplaceHints, statusHints, purchaseHint, dates, scanList, orderRows,
    nextPageLink, shownPage, pageNumber, pageLink, detailsOrder, ready, detailsAnchor, bulkAnchor, rowAnchor, check,
  };
})();
