// The content scripts' Seller Central selectors (extension/content/selectors.js) on the fixture pages
// (www/orders-v3/index.html + www/sc/seller-central.js, the same page code the browser tests load),
// rendered by jsdom with /_sandbox/orders stubbed, in English, German and Japanese.
//
// jsdom rather than happy-dom or linkedom: it follows the specs for custom elements, shadow roots
// and the HTML parser most closely (linkedom's shadow DOM is partial), which is what this test is
// about. Measured here on this page (27 rows): jsdom 29.1.1 — 31 packages, 28 MB, page loaded and
// rendered in ~1.3 s, a list scan ~50 ms; happy-dom 21.0.4 — 7 packages, 24 MB, ~0.7 s and ~12 ms.
// The whole file runs in a few seconds either way, so fidelity wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM, CookieJar } from 'jsdom';

const root = new URL('../..', import.meta.url).pathname;
const HTML = readFileSync(`${root}www/orders-v3/index.html`, 'utf8');
const PAGE = readFileSync(`${root}www/sc/seller-central.js`, 'utf8');
const SELECTORS = readFileSync(`${root}extension/content/selectors.js`, 'utf8');
const UI = readFileSync(`${root}extension/content/ui.js`, 'utf8');

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const DAY = 86400000;
const NOW = Date.now();
const iso = (days) => new Date(NOW + days * DAY).toISOString();
const utcDay = (s) => Date.UTC(new Date(s).getUTCFullYear(), new Date(s).getUTCMonth(), new Date(s).getUTCDate());

// 30 orders of the NA region, newest first (one hour apart), then one each of EU and FE. The page
// shows 25 orders a page with its own non-Amazon order second: page 1 has NA[0..23], page 2 the rest.
const NA = Array.from({ length: 30 }, (_, i) => ({
  amazonOrderId: `${111 + (i % 4)}-${1000000 + i * 7919}-${2000000 + i * 104729}`,
  marketplaceId: i % 3 === 1 ? CA : US,
  status: i === 5 ? 'Unshipped' : i === 6 ? 'Canceled' : i === 7 ? 'Pending' : 'Shipped',
  purchaseDate: new Date(NOW - (i + 1) * 3600000).toISOString(),
  ...(i >= 5 && i <= 7 ? {} : { earliestDeliveryDate: iso(-i + 2), latestDeliveryDate: iso(-i + 4.5) }),
  refunded: i === 8 || i === 26,
  returned: i === 9,
  details: {
    buyerName: i === 10 ? 'Amazon.de' : `Buyer ${i}`, // a buyer's name is not a sales channel
    fulfillment: i % 2 ? 'Amazon' : 'Seller',
    items: i === 4 ? [{ title: 'First', asin: 'B000000001' }, { title: 'Second', asin: 'B000000002' }, { title: 'Third', asin: 'B000000003' }] : [{ title: `Item ${i}`, asin: 'B000000000' }],
  },
}));
const OTHERS = [
  { amazonOrderId: '302-1111111-2222222', marketplaceId: DE, status: 'Shipped', purchaseDate: iso(-1), earliestDeliveryDate: iso(-3), latestDeliveryDate: iso(-2), details: { items: [{ title: 'x' }] } },
  { amazonOrderId: '503-3333333-4444444', marketplaceId: JP, status: 'Shipped', purchaseDate: iso(-1), earliestDeliveryDate: iso(-3), latestDeliveryDate: iso(-2), details: { items: [{ title: 'y' }] } },
];
const ORDERS = [...NA, ...OTHERS];
const LANGUAGES = { en_US: 'en', de_DE: 'de', ja_JP: 'ja' };

/** Deep equality of a value from the page's realm (other prototypes) with a plain one. */
const eq = (actual, expected, message) => assert.deepEqual(JSON.parse(JSON.stringify(actual) ?? 'null'), expected, message);

/** The fixture page at `url` in jsdom, its data from the stub, rendered; then the selectors (and,
 * with `ui`, the content scripts' ui.js with a stub extension API) loaded into it. */
async function open(url, { cookieJar = new CookieJar(), ui = false, ready = '#orders-table > tbody > tr' } = {}) {
  const dom = new JSDOM(HTML, { url, runScripts: 'outside-only', pretendToBeVisual: true, cookieJar });
  const w = dom.window;
  const body = JSON.stringify({ orders: ORDERS });
  w.fetch = async (path) => {
    assert.equal(path, '/_sandbox/orders');
    return { json: async () => w.JSON.parse(body) };
  };
  w.eval(PAGE);
  await until(w, () => w.document.querySelector(ready));
  w.eval(SELECTORS);
  if (ui) {
    w.chrome = { i18n: { getMessage: () => '', getUILanguage: () => 'en' }, runtime: {} };
    w.eval(UI);
  }
  return { w, S: w.SPO.selectors, doc: w.document };
}

async function until(w, f, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out on ${w.location.href}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Clicks a link of the page (pushState) and waits for the rows of page `n`. */
async function turn(w, S, a, n) {
  const before = w.document.querySelector('#orders-table > tbody > tr');
  a.click();
  await until(w, () => S.shownPage(w.document) === n && w.document.querySelector('#orders-table > tbody > tr') !== before);
}

for (const [locale, lang] of Object.entries(LANGUAGES)) {
  test(`list (${locale}): every order found, continuation rows and the non-Amazon order left out, hints and classes read`, async () => {
    const { w, S, doc } = await open(`https://sellercentral.amazon.com/orders-v3?mons_sel_locale=${locale}`);
    try {
      assert.equal(doc.documentElement.lang, lang);
      const headings = [...doc.querySelectorAll('#orders-table th')].map((th) => th.textContent);
      if (lang !== 'en') assert.ok(!headings.includes('Order details'), `the UI is in ${lang}: ${headings}`);
      eq(S.page(w.location), { kind: 'list' });

      const scan = S.scanList(doc);
      const page1 = NA.slice(0, 24);
      eq(scan.orders.map((o) => o.orderId), page1.map((o) => o.amazonOrderId), 'every order of page 1, in order');
      eq(scan.ignored.map((g) => g.key), ['S01-1234567-1234567'], 'the non-Amazon order is ignored');
      assert.equal(scan.continuationRows, 2, 'the 3-item order adds two continuation rows');
      assert.equal(scan.rows, 27);
      const multi = scan.orders.find((o) => o.orderId === NA[4].amazonOrderId);
      assert.equal(multi.rows.length, 3, 'continuation rows grouped with their order');
      // The fourth order of the page shows its id only inside a Katal link's shadow root.
      const shadowed = scan.orders[2];
      assert.equal(shadowed.row.querySelector('.cell-body-title a'), null);
      assert.ok(shadowed.row.querySelector('kat-link').shadowRoot.querySelector('a'), 'its link is in the shadow root');
      assert.equal(shadowed.orderId, NA[2].amazonOrderId);
      assert.ok(!doc.body.textContent.includes(OTHERS[0].amazonOrderId) && !doc.body.textContent.includes(OTHERS[1].amazonOrderId), 'other regions are not listed');

      for (const [i, o] of scan.orders.entries()) {
        const want = page1[i];
        const channel = want.marketplaceId === CA ? 'Amazon.ca' : 'Amazon.com';
        // A buyer named "Amazon.de" makes the row's channel ambiguous: no hint rather than a wrong one.
        eq(o.hints, i === 10 ? [] : [{ channel, source: 'salesChannel' }], `${o.orderId}: the sales channel value`);
        assert.equal(o.refunded, want.refunded, `${o.orderId} refunded`);
        assert.equal(o.returned, !!want.returned, `${o.orderId} returned`);
        const status = { Unshipped: 'unshipped', Canceled: 'cancelled', Pending: 'pending' }[want.status] ?? (Date.parse(want.latestDeliveryDate) < NOW ? 'delivered' : 'shipped');
        assert.equal(o.status, status, `${o.orderId} status`);
        assert.equal(o.canceled, want.status === 'Canceled', `${o.orderId} canceled`);
        assert.equal(o.unshipped, want.status === 'Unshipped' || want.status === 'Pending', `${o.orderId} not shipped`);
        assert.equal(o.purchasedAt, utcDay(want.purchaseDate), `${o.orderId} purchase day`);
        const anchor = S.rowAnchor(o);
        assert.equal(anchor.fallback, false);
        assert.ok(anchor.el.matches('td.myo-table-action-column'));
      }
      const channels = new Set(scan.orders.flatMap((o) => o.hints.map((h) => h.channel)));
      assert.ok(channels.has('Amazon.com') && channels.has('Amazon.ca'), 'US and CA rows');

      const bulk = S.bulkAnchor(doc);
      assert.equal(bulk.fallback, false);
      assert.ok(bulk.el.matches('#myo-layout div.push-right'));
      const check = S.check(doc, w.location);
      assert.equal(check.kind, 'list');
      assert.equal(check.orders, 24);
      assert.equal(check.ignored, 1);
      assert.equal(check.continuationRows, 2);
      assert.equal(check.anchor, 'preferred');
      eq(check.rowAnchors, { preferred: 24, fallback: 0 });
      assert.match(check.summary, /^24 orders found \(1 not Amazon's ignored\), anchors placed/);
      eq(check.named.map((o) => o.orderId), page1.map((o) => o.amazonOrderId));
      eq(check.named[0], { orderId: page1[0].amazonOrderId, hints: [{ channel: 'Amazon.com', source: 'salesChannel' }], purchasedAt: utcDay(page1[0].purchaseDate) });
      assert.equal(check.host, 'sellercentral.amazon.com');

      // Paging: pushState, the rows re-rendered late; the last page has a disabled Next.
      assert.equal(S.shownPage(doc), 1);
      assert.ok(S.pageLink(doc, 2));
      await turn(w, S, S.nextPageLink(doc), 2);
      assert.match(w.location.href, /\/orders-v3\?page=2$/);
      assert.equal(doc.documentElement.lang, lang, 'the language stays across pushState navigation');
      const page2 = S.orderRows(doc);
      eq(page2.map((o) => o.orderId), NA.slice(24).map((o) => o.amazonOrderId));
      assert.equal(S.nextPageLink(doc), null, 'no Next link on the last page');
      assert.ok(doc.querySelector('div.pagination-controls li.a-last.a-disabled'));
      assert.equal(page2.find((o) => o.orderId === NA[26].amazonOrderId).refunded, true);
      await turn(w, S, S.pageLink(doc, 1), 1);
      assert.equal(S.orderRows(doc)[0].orderId, NA[0].amazonOrderId);
    } finally {
      w.close();
    }
  });

  test(`details (${locale}): the order, Amazon's review link and the sales channel value, the header's buttons`, async () => {
    for (const want of [NA[1], NA[3]]) {
      const { w, S, doc } = await open(`https://sellercentral.amazon.com/orders-v3/order/${want.amazonOrderId}?mons_sel_locale=${locale}`, { ready: '[data-test-id="order-id-value"]' });
      try {
        assert.equal(doc.documentElement.lang, lang);
        eq(S.page(w.location), { kind: 'details', orderId: want.amazonOrderId });
        assert.ok(doc.getElementById('MYO-app'));
        assert.equal(doc.getElementById('myo-layout'), null, 'no #myo-layout on the details page');
        assert.equal(doc.querySelector('div.push-right'), null, 'no div.push-right on the details page');
        const d = S.detailsOrder(doc, want.amazonOrderId);
        assert.equal(d.ready, true);
        const channel = want.marketplaceId === CA ? 'Amazon.ca' : 'Amazon.com';
        eq(d.hints, [{ marketplaceId: want.marketplaceId, source: 'reviewLink' }, { channel, source: 'salesChannel' }], 'the review link first, then the channel');
        assert.equal(d.purchasedAt, utcDay(want.purchaseDate), 'the purchase day');
        assert.equal(S.detailsOrder(doc, NA[0].amazonOrderId).ready, false, 'another order is not the one shown');
        const anchor = S.detailsAnchor(doc);
        assert.equal(anchor.fallback, false);
        assert.ok(anchor.el.matches('div[data-test-id="order-details-header-action-buttons"]'));
        assert.ok(anchor.el.querySelector(':scope > span.a-button'));
        const check = S.check(doc, w.location);
        eq([check.kind, check.orders, check.anchor, check.ready], ['details', 1, 'preferred', true]);
      } finally {
        w.close();
      }
    }
  });
}

test('the UI language is remembered in a cookie and kept across navigation', async () => {
  const cookieJar = new CookieJar();
  const first = await open('https://sellercentral.amazon.com/orders-v3?mons_sel_locale=de_DE', { cookieJar });
  first.w.close();
  const { w, S, doc } = await open('https://sellercentral.amazon.com/orders-v3', { cookieJar });
  try {
    assert.equal(doc.documentElement.lang, 'de', 'the cookie alone chooses German');
    const o = S.orderRows(doc)[0];
    o.row.querySelector('.cell-body-title a').click();
    await until(w, () => doc.querySelector('[data-test-id="order-id-value"]'));
    assert.equal(doc.documentElement.lang, 'de');
    assert.equal(S.detailsOrder(doc, o.orderId).ready, true);
  } finally {
    w.close();
  }
});

test('no label text is read: the same answers with every label renamed', async () => {
  const { w, S, doc } = await open('https://sellercentral.amazon.com/orders-v3');
  try {
    const before = S.scanList(doc).orders.map((o) => [o.orderId, o.hints, o.status, o.refunded, o.purchasedAt]);
    for (const label of doc.querySelectorAll('.a-text-bold, th, .main-status, .secondary-status')) label.textContent = 'Ω';
    const after = S.scanList(doc).orders.map((o) => [o.orderId, o.hints, o.status, o.refunded, o.purchasedAt]);
    eq(after, JSON.parse(JSON.stringify(before)));
  } finally {
    w.close();
  }
});

test('fallback places when the anchors are gone: top of #MYO-app, top of #myo-layout, the row\'s last cell', async () => {
  const details = await open(`https://sellercentral.amazon.com/orders-v3/order/${NA[1].amazonOrderId}`, { ready: '[data-test-id="order-id-value"]', ui: true });
  try {
    const { w, S, doc } = details;
    doc.querySelector('[data-test-id="order-details-header-action-buttons"]').remove();
    const anchor = S.detailsAnchor(doc);
    eq([anchor.fallback, anchor.mode, anchor.el.id], [true, 'slot', 'MYO-app']);
    const { el } = w.SPO.ui.host('request-review');
    w.SPO.ui.place(anchor, el);
    assert.equal(doc.getElementById('MYO-app').firstElementChild.getAttribute('data-sp-outreach'), 'slot');
    assert.equal(el.parentElement.parentElement.id, 'MYO-app');
    assert.equal(el.dataset.anchor, 'fallback');
    assert.equal(S.check(doc, w.location).anchor, 'fallback');
    // The sales channel hint still comes (Amazon's review link went with the header's buttons).
    eq(S.detailsOrder(doc, NA[1].amazonOrderId).hints, [{ channel: 'Amazon.ca', source: 'salesChannel' }]);
  } finally {
    details.w.close();
  }
  const list = await open('https://sellercentral.amazon.com/orders-v3', { ui: true });
  try {
    const { w, S, doc } = list;
    doc.querySelector('#myo-layout div.push-right').remove();
    const bulk = S.bulkAnchor(doc);
    eq([bulk.fallback, bulk.el.id], [true, 'myo-layout']);
    const [o] = S.orderRows(doc);
    o.row.querySelector('td.myo-table-action-column').remove();
    const row = S.rowAnchor(o);
    assert.equal(row.fallback, true);
    assert.equal(row.el, o.row.lastElementChild);
    const { el } = w.SPO.ui.host('row-review');
    w.SPO.ui.place(row, el);
    assert.equal(el.parentElement, o.row.lastElementChild);
    const check = S.check(doc, w.location);
    assert.equal(check.anchor, 'fallback');
    eq(check.rowAnchors, { preferred: 23, fallback: 1 });
    assert.match(check.summary, /some in fallback places/);
  } finally {
    list.w.close();
  }
});

test('an EU host lists EU orders with their channel; the page check names the host for the background\'s region', async () => {
  const { w, S, doc } = await open('https://sellercentral.amazon.de/orders-v3');
  try {
    const [o] = S.orderRows(doc);
    assert.equal(o.orderId, OTHERS[0].amazonOrderId);
    eq(o.hints, [{ channel: 'Amazon.de', source: 'salesChannel' }]);
    assert.equal(S.check(doc, w.location).host, 'sellercentral.amazon.de');
  } finally {
    w.close();
  }
});

test('an order whose page hides its marketplace gives no hint, only its id and purchase day', async () => {
  ORDERS[0].details.marketplaceHidden = true;
  try {
    const list = await open('https://sellercentral.amazon.com/orders-v3');
    try {
      const [o] = list.S.orderRows(list.doc);
      eq([o.orderId, o.hints, o.purchasedAt], [NA[0].amazonOrderId, [], utcDay(NA[0].purchaseDate)]);
    } finally {
      list.w.close();
    }
    const details = await open(`https://sellercentral.amazon.com/orders-v3/order/${NA[0].amazonOrderId}`, { ready: '[data-test-id="order-id-value"]' });
    try {
      const d = details.S.detailsOrder(details.doc, NA[0].amazonOrderId);
      eq([d.ready, d.hints], [true, []]);
      assert.ok(details.doc.querySelector('[data-test-id="order-details-header-action-buttons"]'), 'the header is there, without Amazon\'s review link');
    } finally {
      details.w.close();
    }
  } finally {
    delete ORDERS[0].details.marketplaceHidden;
  }
});

test('page kinds, order ids and date values', async () => {
  const { w, S } = await open('https://sellercentral.amazon.com/orders-v3');
  try {
    const at = (path) => S.page(new w.URL(path, 'https://sellercentral.amazon.com'));
    eq(at('/orders-v3/order/111-1234567-1234567'), { kind: 'details', orderId: '111-1234567-1234567' });
    eq(at('/orders-v3/order/111-1234567-1234567/'), { kind: 'details', orderId: '111-1234567-1234567' });
    assert.equal(at('/orders-v3/order/S01-1234567-1234567'), null, 'a non-Amazon order');
    assert.equal(S.check(w.document, new w.URL('https://sellercentral.amazon.com/orders-v3/order/S01-1234567-1234567')).summary, 'not an Amazon order (S01-1234567-1234567)');
    // A review link that is no URL gives no hint, and no error.
    const odd = w.document.createElement('div');
    const link = w.document.createElement('a');
    link.setAttribute('href', 'http://[::1/messaging/reviews?marketplaceId=ATVPDKIKX0DER');
    odd.append(link);
    eq(S.marketplaceHints(odd), []);
    assert.equal(at('/orders-v3/order/1111-1234567-1234567'), null);
    for (const list of ['/orders-v3', '/orders-v3/', '/orders-v3/mfn/unshipped', '/orders-v3/fba/all', '/orders-v3/search?q=x']) eq(at(list), { kind: 'list' }, list);
    for (const other of ['/home', '/messaging/reviews?orderId=111-1234567-1234567', '/orders-v30']) assert.equal(at(other), null, other);

    const d = (y, m, day) => Date.UTC(y, m - 1, day);
    eq(S.dates('Thu, Dec 5, 2019'), [d(2019, 12, 5)]);
    eq(S.dates('Thu, 5 Dec 2019'), [d(2019, 12, 5)]);
    eq(S.dates('Do., 5. Dez. 2019 – Mo., 9. Dez. 2019'), [d(2019, 12, 5), d(2019, 12, 9)]);
    eq(S.dates('Sa., 1. März 2025'), [d(2025, 3, 1)]);
    eq(S.dates('2019/12/05～2019/12/09'), [d(2019, 12, 5), d(2019, 12, 9)]);
    eq(S.dates('Mon, Nov 30, 2026 – Tue, Dec 1, 2026'), [d(2026, 11, 30), d(2026, 12, 1)]);
    for (const none of ['Currently unavailable', 'Derzeit nicht verfügbar', '2019/02/30', 'Foo 5, 2019', '', '9'.repeat(100000)]) eq(S.dates(none), [], none.slice(0, 30));
  } finally {
    w.close();
  }
});

test('bounded: a huge table is scanned up to the cap, quickly', async () => {
  const { w, S, doc } = await open('https://sellercentral.amazon.com/orders-v3');
  try {
    const tbody = doc.querySelector('#orders-table > tbody');
    const template = tbody.querySelector('tr');
    for (let i = 0; i < 3000; i++) tbody.append(doc.createElement('tr'));
    tbody.append(template.cloneNode(true));
    const scan = S.scanList(doc);
    assert.equal(scan.rows, 1000, 'at most 1000 rows are read');
    assert.equal(scan.orders.length, 24);
  } finally {
    w.close();
  }
});
