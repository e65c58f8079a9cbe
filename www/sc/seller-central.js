// The look-alike's own script: Seller Central's order pages ("Manage Orders" and an order's details)
// rendered from sp-sandbox's /_sandbox/orders, built the way the real pages are built
// (../shared/docs/seller-central.md, "What the real pages look like"): one single-page app that
// navigates with pushState; separate label and value elements; data-test-id attributes; Katal
// components (kat-*) with shadow roots; rows rendered late and re-rendered on paging; labels in
// the seller's UI language (English, German or Japanese), whatever the marketplace.
//
// The UI language: `?mons_sel_locale=de_DE` (or en_US, ja_JP) on any URL, or the header's language
// menu, sets the cookie `sc-locale`, which every later page and pushState navigation reads. Default
// en_US. The list shows the orders of the host's region (facts.md "Orders and the seller's
// marketplaces": the Seller Central host tells the region), so sellercentral.amazon.com lists US,
// CA, MX and BR orders together; any other host (localhost) lists every order.
//
// Built with createElement/textContent only. No test hook: the extension and the tests see the
// page as a seller's browser does. An order whose scenario `details` say `marketplaceHidden` shows
// no sales channel value and no "Request a Review" link (the page names the order but not its
// marketplace, as a layout without them would): only Amazon's Orders API can then place it.
'use strict';

// The 23 marketplaces of facts.md "Auth and transport" → their sales channel and region.
const MARKETPLACES = {
  A2EUQ1WTGCTBG2: ['Amazon.ca', 'na'], ATVPDKIKX0DER: ['Amazon.com', 'na'], A1AM78C64UM0Y8: ['Amazon.com.mx', 'na'], A2Q3Y263D00KWC: ['Amazon.com.br', 'na'],
  A28R8C7NBKEWEA: ['Amazon.ie', 'eu'], A1RKKUPIHCS9HS: ['Amazon.es', 'eu'], A1F83G8C2ARO7P: ['Amazon.co.uk', 'eu'], A13V1IB3VIYZZH: ['Amazon.fr', 'eu'],
  AMEN7PMS3EDWL: ['Amazon.com.be', 'eu'], A1805IZSGTT6HS: ['Amazon.nl', 'eu'], A1PA6795UKMFR9: ['Amazon.de', 'eu'], APJ6JRA9NG5V4: ['Amazon.it', 'eu'],
  A2NODRKZP88ZB9: ['Amazon.se', 'eu'], AE08WJ6YKNBMC: ['Amazon.co.za', 'eu'], A1C3SOZRARQ6R3: ['Amazon.pl', 'eu'], ARBP9OOSHTCHU: ['Amazon.eg', 'eu'],
  A33AVAJ2PDY3EV: ['Amazon.com.tr', 'eu'], A17E79C6D8DWNP: ['Amazon.sa', 'eu'], A2VIGQ35RCS4UG: ['Amazon.ae', 'eu'], A21TJRUUN4KGV: ['Amazon.in', 'eu'],
  A19VAU5U5O7RUS: ['Amazon.sg', 'fe'], A39IBJ37TRP1C6: ['Amazon.com.au', 'fe'], A1VC38T7YXB528: ['Amazon.co.jp', 'fe'],
};

// Seller Central host → region (facts.md "Orders and the seller's marketplaces").
function hostRegion(host) {
  if (host === 'sellercentral-europe.amazon.com') return 'eu';
  if (host === 'sellercentral-japan.amazon.com') return 'fe';
  const tld = host.match(/^sellercentral\.amazon\.(.+)$/)?.[1];
  if (!tld) return null;
  if (['com', 'ca', 'com.mx', 'com.br'].includes(tld)) return 'na';
  if (['co.jp', 'com.au', 'sg'].includes(tld)) return 'fe';
  return ['co.uk', 'de', 'fr', 'it', 'es', 'nl', 'se', 'pl', 'com.tr', 'ae', 'sa', 'eg', 'in'].includes(tld) ? 'eu' : null;
}

const WEEKDAYS = { en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], de: ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'] };
const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
};
const pad = (n) => String(n).padStart(2, '0');

// The UI texts and date formats, as Seller Central shows them in each language.
const LOCALES = {
  en_US: {
    lang: 'en', name: 'English',
    date: (d) => `${WEEKDAYS.en[d.getUTCDay()]}, ${MONTHS.en[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
    time: (d) => `${(d.getUTCHours() + 11) % 12 + 1}:${pad(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'} UTC`,
    ago: (n) => (n === 0 ? 'Today' : n === 1 ? '1 day ago' : `${n} days ago`),
    range: ' – ',
    t: {
      manageOrders: 'Manage Orders', back: '‹ Manage Orders', orderDetails: 'Order details', orderId: 'Order ID:', all: 'All', pending: 'Pending', unshipped: 'Unshipped',
      shipped: 'Shipped', fba: 'Fulfilled by Amazon', ordersCount: (n) => `${n} orders`, searchPlaceholder: 'Search order ID, buyer, ASIN…', perPage: 'Results per page',
      colDate: 'Order date', colDetails: 'Order details', colImage: 'Image', colProduct: 'Product name', colOption: 'Customer option', colStatus: 'Order status', colAction: 'Action',
      buyerName: 'Buyer name:', salesChannel: 'Sales channel:', fulfillmentMethod: 'Fulfillment method:', seller: 'Seller', amazon: 'Amazon', asin: 'ASIN:', sku: 'SKU:',
      quantity: 'Quantity:', subtotal: 'Item subtotal:', shippingService: 'Shipping service:', standard: 'Standard', shipBy: 'Ship by date:', deliverBy: 'Deliver by date:',
      purchaseDate: 'Purchase date:', fulfillmentChannel: 'Fulfillment:', unavailable: 'Currently unavailable', nonAmazon: 'Non-Amazon',
      status: { shipped: 'Shipped', delivered: 'Delivered', pending: 'Pending', unshipped: 'Unshipped', cancelled: 'Canceled' },
      refundApplied: 'Refund applied', returnRequested: 'Return requested', previous: '← Previous', next: 'Next →', loading: 'Loading orders…',
      printSlip: 'Print packing slip', refund: 'Refund order', cancelOrder: 'Cancel order', confirmShipment: 'Confirm shipment', requestReview: 'Request a Review',
      contactBuyer: 'Contact buyer', shipTo: 'Ship to', orderContents: 'Order contents', orderTotal: 'Order total', notFound: 'Order not found', noOrder: (id) => `No order ${id}.`,
      noOrders: 'No orders found.', language: 'Language',
    },
  },
  de_DE: {
    lang: 'de', name: 'Deutsch',
    date: (d) => `${WEEKDAYS.de[d.getUTCDay()]}, ${d.getUTCDate()}. ${MONTHS.de[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
    time: (d) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`,
    ago: (n) => (n === 0 ? 'Heute' : n === 1 ? 'Vor 1 Tag' : `Vor ${n} Tagen`),
    range: ' – ',
    t: {
      manageOrders: 'Bestellungen verwalten', back: '‹ Bestellungen verwalten', orderDetails: 'Bestelldetails', orderId: 'Bestellnummer:', all: 'Alle', pending: 'Ausstehend',
      unshipped: 'Nicht versandt', shipped: 'Versandt', fba: 'Versand durch Amazon', ordersCount: (n) => `${n} Bestellungen`, searchPlaceholder: 'Bestellnummer, Käufer, ASIN suchen…',
      perPage: 'Ergebnisse pro Seite', colDate: 'Bestelldatum', colDetails: 'Bestelldetails', colImage: 'Bild', colProduct: 'Produktname', colOption: 'Kundenoption',
      colStatus: 'Bestellstatus', colAction: 'Aktion', buyerName: 'Name des Käufers:', salesChannel: 'Verkaufskanal:', fulfillmentMethod: 'Versandmethode:', seller: 'Verkäufer',
      amazon: 'Amazon', asin: 'ASIN:', sku: 'SKU:', quantity: 'Menge:', subtotal: 'Zwischensumme Artikel:', shippingService: 'Versandservice:', standard: 'Standard',
      shipBy: 'Versand bis:', deliverBy: 'Zustellung bis:', purchaseDate: 'Kaufdatum:', fulfillmentChannel: 'Versand durch:', unavailable: 'Derzeit nicht verfügbar',
      nonAmazon: 'Nicht-Amazon',
      status: { shipped: 'Versandt', delivered: 'Zugestellt', pending: 'Ausstehend', unshipped: 'Nicht versandt', cancelled: 'Storniert' },
      refundApplied: 'Erstattung veranlasst', returnRequested: 'Rücksendung angefordert', previous: '← Zurück', next: 'Weiter →', loading: 'Bestellungen werden geladen…',
      printSlip: 'Lieferschein drucken', refund: 'Bestellung erstatten', cancelOrder: 'Bestellung stornieren', confirmShipment: 'Versand bestätigen',
      requestReview: 'Bewertung anfordern', contactBuyer: 'Käufer kontaktieren', shipTo: 'Versand an', orderContents: 'Bestellinhalt', orderTotal: 'Bestellsumme',
      notFound: 'Bestellung nicht gefunden', noOrder: (id) => `Keine Bestellung ${id}.`, noOrders: 'Keine Bestellungen gefunden.', language: 'Sprache',
    },
  },
  ja_JP: {
    lang: 'ja', name: '日本語',
    date: (d) => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`,
    time: (d) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`,
    ago: (n) => (n === 0 ? '今日' : `${n}日前`),
    range: '～',
    t: {
      manageOrders: '注文管理', back: '‹ 注文管理', orderDetails: '注文の詳細', orderId: '注文番号:', all: 'すべて', pending: '保留中', unshipped: '未出荷', shipped: '出荷済み',
      fba: 'Amazon出荷', ordersCount: (n) => `${n}件の注文`, searchPlaceholder: '注文番号、購入者、ASINを検索…', perPage: '1ページあたりの結果数', colDate: '注文日',
      colDetails: '注文の詳細', colImage: '画像', colProduct: '商品名', colOption: 'お客様のオプション', colStatus: '注文ステータス', colAction: 'アクション', buyerName: '購入者名:',
      salesChannel: '販売チャネル:', fulfillmentMethod: 'フルフィルメント方法:', seller: '出品者', amazon: 'Amazon', asin: 'ASIN:', sku: 'SKU:', quantity: '数量:',
      subtotal: '商品の小計:', shippingService: '配送サービス:', standard: '通常配送', shipBy: '出荷予定日:', deliverBy: 'お届け予定日:', purchaseDate: '購入日:',
      fulfillmentChannel: 'フルフィルメント:', unavailable: '現在利用できません', nonAmazon: 'Amazon以外',
      status: { shipped: '出荷済み', delivered: '配達済み', pending: '保留中', unshipped: '未出荷', cancelled: 'キャンセル済み' },
      refundApplied: '返金済み', returnRequested: '返品リクエスト済み', previous: '← 前へ', next: '次へ →', loading: '注文を読み込んでいます…', printSlip: '納品書を印刷',
      refund: '注文を返金', cancelOrder: '注文をキャンセル', confirmShipment: '出荷を通知', requestReview: 'レビューをリクエスト', contactBuyer: '購入者に連絡',
      shipTo: 'お届け先', orderContents: '注文内容', orderTotal: '注文合計', notFound: '注文が見つかりません', noOrder: (id) => `注文 ${id} はありません。`,
      noOrders: '注文はありません。', language: '言語',
    },
  },
};

const RESULTS_PER_PAGE = [15, 25, 50, 100];
const DAY = 86400000;
// Seller Central renders its shell first and the rows a moment later, and again after each page
// change: the extension must not expect the rows when the page loads.
const ROWS_LATE_MS = 250;
const PAGE_LATE_MS = 150;

let orders = null;
let locale = LOCALES.en_US;
let renderSeq = 0;

function cookie(name) {
  return document.cookie.split('; ').find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;
}

function setCookie(name, value) {
  document.cookie = `${name}=${value}; path=/; max-age=31536000; SameSite=Lax`;
}

/** The UI language: `?mons_sel_locale=…` (remembered in the cookie), else the cookie, else English. */
function chooseLocale() {
  const asked = new URLSearchParams(location.search).get('mons_sel_locale');
  if (asked && LOCALES[asked]) setCookie('sc-locale', asked);
  const chosen = LOCALES[cookie('sc-locale')] ? cookie('sc-locale') : 'en_US';
  locale = LOCALES[chosen];
  document.documentElement.lang = locale.lang;
  return chosen;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

/** A label and its value: two separate elements, as on the real pages. */
function labelled(label, value, valueAttrs = {}) {
  return el('div', { class: 'a-row' }, el('span', { class: 'a-text-bold' }, label), ' ', el('span', valueAttrs, value));
}

// --- Katal-like components: their content lives in a shadow root, out of reach of a document-level
// query or MutationObserver (seller-central.md "Structure").

/** `<kat-link href label>`: the link is inside the shadow root. */
class KatLink extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const href = this.getAttribute('href') ?? '';
    const a = el('a', { href, part: 'link', style: 'color:#007185;text-decoration:none' }, this.getAttribute('label') ?? '');
    a.addEventListener('click', (e) => {
      e.preventDefault();
      navigate(href);
    });
    root.append(a);
  }
}

/** `<kat-dropdown-button label options>`: a main button and a menu of options, all in its shadow
 * root; choosing one fires `change` with the option's value. */
class KatDropdownButton extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    let options = [];
    try {
      options = JSON.parse(this.getAttribute('options') ?? '[]');
    } catch {
      options = [];
    }
    const style = el('style', {}, `
      :host { display: inline-block; position: relative; font: 13px "Amazon Ember", Arial, sans-serif; }
      button { font: inherit; background: #fff; border: 1px solid #888c8c; padding: 4px 10px; cursor: pointer; }
      .main { border-radius: 8px 0 0 8px; } .toggle { border-radius: 0 8px 8px 0; border-left: 0; }
      .menu { position: absolute; right: 0; z-index: 5; background: #fff; border: 1px solid #ccc; border-radius: 6px; box-shadow: 0 2px 6px rgba(0,0,0,.15); min-width: 180px; }
      .menu button { display: block; width: 100%; text-align: left; border: 0; border-radius: 0; }
      [hidden] { display: none !important; }`);
    const menu = el('div', { class: 'menu', role: 'menu', hidden: true });
    const choose = (value) => {
      menu.hidden = true;
      this.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
    };
    for (const o of options.slice(1)) menu.append(el('button', { type: 'button', role: 'menuitem', 'data-value': o.value, on: { click: () => choose(o.value) } }, o.label));
    const main = el('button', { type: 'button', class: 'main', on: { click: () => choose(options[0]?.value) } }, options[0]?.label ?? this.getAttribute('label') ?? '');
    const toggle = el('button', { type: 'button', class: 'toggle', 'aria-haspopup': 'menu', on: { click: () => { menu.hidden = !menu.hidden; } } }, '▾');
    root.append(style, main, toggle, menu);
  }
}

customElements.define('kat-link', KatLink);
customElements.define('kat-dropdown-button', KatDropdownButton);

// --- Formatting

function date(iso) {
  return iso ? locale.date(new Date(iso)) : null;
}

function deliveryWindow(o) {
  if (!o.earliestDeliveryDate || !o.latestDeliveryDate) return locale.t.unavailable;
  const [a, b] = [date(o.earliestDeliveryDate), date(o.latestDeliveryDate)];
  return a === b ? a : `${a}${locale.range}${b}`;
}

function money(m) {
  if (!m) return '';
  const digits = m.currency === 'JPY' ? 0 : 2;
  const amount = Number(m.amount).toFixed(digits);
  return locale.lang === 'de' ? `${amount.replace('.', ',')} ${m.currency}` : `${m.currency} ${amount}`;
}

/** The status an order shows: the `*-status` class and its text. */
function statusOf(o) {
  if (o.status === 'Canceled') return 'cancelled';
  if (o.status === 'Pending') return 'pending';
  if (o.status === 'Unshipped' || o.status === 'PartiallyShipped') return 'unshipped';
  return o.latestDeliveryDate && Date.parse(o.latestDeliveryDate) < Date.now() ? 'delivered' : 'shipped';
}

// --- Navigation: pushState like Seller Central; links render without a reload.

function navigate(url) {
  history.pushState({}, '', url);
  route();
}

function link(href, text, attrs = {}) {
  return el('a', { href, ...attrs, on: { click: (e) => { e.preventDefault(); navigate(href); } } }, text);
}

function listPath(path) {
  return path === '/orders-v3' || path === '/orders-v3/' || /^\/orders-v3\/(mfn\/(unshipped|shipped|pending)|fba\/all|search)\/?$/.test(path);
}

function filtered() {
  const path = location.pathname;
  if (path.endsWith('/mfn/pending')) return orders.filter((o) => o.status === 'Pending');
  if (path.endsWith('/mfn/unshipped')) return orders.filter((o) => o.status === 'Unshipped' || o.status === 'PartiallyShipped');
  if (path.endsWith('/mfn/shipped')) return orders.filter((o) => o.status === 'Shipped');
  if (path.endsWith('/fba/all')) return orders.filter((o) => o.details?.fulfillment === 'Amazon');
  if (path.endsWith('/search')) {
    const q = (new URLSearchParams(location.search).get('q') ?? '').trim().toLowerCase();
    return orders.filter((o) => !q || o.amazonOrderId.toLowerCase().includes(q) || (o.details?.buyerName ?? '').toLowerCase().includes(q));
  }
  return orders;
}

function perPage() {
  const n = Number(cookie('sc-rpp'));
  return RESULTS_PER_PAGE.includes(n) ? n : 25;
}

function pageNumber(pages) {
  const n = Math.trunc(Number(new URLSearchParams(location.search).get('page') ?? 1));
  return Number.isFinite(n) ? Math.min(Math.max(1, n), pages) : 1;
}

/** The list's page `n`, keeping a search's query (the language stays in its cookie). */
function pageHref(n) {
  const params = new URLSearchParams(location.search);
  params.delete('mons_sel_locale');
  params.delete('page');
  params.set('page', String(n));
  return `${location.pathname}?${params}`;
}

// --- The orders list (/orders-v3 and its filters)

/** The rows of one order: the first carries the order (id link, dates, status, actions, spanning
 * every item's row); each further item of a multi-item order adds a continuation row that holds
 * only its product cell — no order id. */
function orderRows(o, index) {
  const t = locale.t;
  const items = o.details?.items?.length ? o.details.items : [{}];
  const href = `/orders-v3/order/${o.amazonOrderId}`;
  // The fourth order of each page shows its id only through a Katal link (inside a shadow root).
  const idLink = index % 25 === 3 ? el('kat-link', { href, label: o.amazonOrderId }) : link(href, o.amazonOrderId);
  const channel = o.nonAmazon ? t.nonAmazon : o.details?.marketplaceHidden ? '' : MARKETPLACES[o.marketplaceId]?.[0] ?? '';
  const span = items.length > 1 ? String(items.length) : null;
  const purchased = Date.parse(o.purchaseDate ?? '') || Date.now();
  const status = statusOf(o);
  const product = (item) => el('td', { 'data-test-id': 'oth-product-info' },
    el('div', { class: 'cell-body' },
      el('div', { class: 'myo-list-orders-product-name-cell' }, el('span', { class: 'a-link-normal' }, item.title ?? '')),
      labelled(t.asin, item.asin ?? ''),
      labelled(t.sku, item.sku ?? ''),
      labelled(t.quantity, String(item.quantity ?? 1)),
      labelled(t.subtotal, money(item.price && { ...item.price, amount: item.price.amount * (item.quantity ?? 1) }))));
  const options = [{ label: t.printSlip, value: 'print' }, ...(status === 'unshipped' ? [{ label: t.confirmShipment, value: 'confirm' }, { label: t.cancelOrder, value: 'cancel' }] : [{ label: t.refund, value: 'refund' }])];
  const first = el('tr', {},
    el('td', { rowspan: span }, el('input', { type: 'checkbox', 'aria-label': o.amazonOrderId })),
    el('td', { 'data-test-id': 'oth-order-date', rowspan: span },
      el('div', { class: 'cell-body' }, el('div', {}, locale.ago(Math.max(0, Math.floor((Date.now() - purchased) / DAY)))), el('div', {}, date(o.purchaseDate)), el('div', {}, locale.time(new Date(purchased))))),
    el('td', { 'data-test-id': 'oth-order-details', rowspan: span },
      el('div', { class: 'cell-body' },
        el('div', { class: 'cell-body-title' }, idLink),
        labelled(t.buyerName, o.details?.buyerName ?? ''),
        labelled(t.salesChannel, channel),
        labelled(t.fulfillmentMethod, o.details?.fulfillment === 'Amazon' ? t.amazon : t.seller))),
    product(items[0]),
    el('td', { 'data-test-id': 'oth-customer-option', rowspan: span },
      el('div', { class: 'cell-body' },
        labelled(t.shippingService, t.standard),
        o.latestShipDate || o.purchaseDate ? labelled(t.shipBy, date(o.latestShipDate ?? new Date(purchased + 2 * DAY).toISOString())) : null,
        // Our guess at the list's own data-test-id for this value, named like the details page's.
        labelled(t.deliverBy, deliveryWindow(o), { 'data-test-id': 'oth-deliverby-value' }))),
    el('td', { 'data-test-id': 'oth-order-status', rowspan: span },
      el('div', { class: 'cell-body' },
        el('span', { class: `main-status ${status}-status` }, t.status[status]),
        o.refunded ? el('div', {}, el('span', { class: 'secondary-status refund-is-applied' }, t.refundApplied)) : null,
        o.returned ? el('div', {}, el('span', { class: 'secondary-status return-requested' }, t.returnRequested)) : null)),
    el('td', { class: 'myo-table-action-column', rowspan: span }, el('kat-dropdown-button', { options: JSON.stringify(options) })));
  return [first, ...items.slice(1).map((item) => el('tr', { class: 'myo-multi-item-row' }, product(item)))];
}

function renderList(root, full) {
  const t = locale.t;
  const all = filtered();
  const size = perPage();
  const pages = Math.max(1, Math.ceil(all.length / size));
  const page = pageNumber(pages);
  const shown = all.slice((page - 1) * size, page * size);

  // A filter change renders the whole list (toolbar included); paging keeps the toolbar and the
  // table and re-renders the rows and the pagination, a moment later.
  if (full || !root.querySelector('#orders-table')) {
    const tab = (href, text) => link(href, text, { class: `myo-tab${location.pathname === href ? ' active' : ''}` });
    const search = el('input', { type: 'search', id: 'myo-search-input', placeholder: t.searchPlaceholder, 'aria-label': t.searchPlaceholder });
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') navigate(`/orders-v3/search?q=${encodeURIComponent(search.value)}`);
    });
    const rpp = el('select', { id: 'myo-table-results-per-page', 'aria-label': t.perPage }, ...RESULTS_PER_PAGE.map((n) => el('option', { value: String(n), selected: n === size }, String(n))));
    rpp.addEventListener('change', () => {
      setCookie('sc-rpp', rpp.value);
      navigate(location.pathname);
    });
    root.replaceChildren(
      el('div', { class: 'myo-page-header' }, el('h1', {}, t.manageOrders), search),
      el('div', { class: 'myo-tabs' }, tab('/orders-v3', t.all), tab('/orders-v3/mfn/unshipped', t.unshipped), tab('/orders-v3/mfn/shipped', t.shipped), tab('/orders-v3/fba/all', t.fba)),
      el('div', { class: 'myo-toolbar' },
        el('span', { id: 'myo-count' }),
        el('div', { class: 'push-right' }, el('label', { for: 'myo-table-results-per-page' }, t.perPage), rpp)),
      el('table', { id: 'orders-table', class: 'a-keyvalue' },
        el('thead', {}, el('tr', {}, ...['', t.colDate, t.colDetails, t.colProduct, t.colOption, t.colStatus, t.colAction].map((h) => el('th', {}, h)))),
        el('tbody', {})),
      el('div', { class: 'myo-loading', role: 'status' }, t.loading),
      el('div', { class: 'pagination-controls' }),
    );
  }
  root.querySelector('#myo-count').textContent = t.ordersCount(all.length);
  const tbody = root.querySelector('#orders-table > tbody');
  const pager = root.querySelector('.pagination-controls');
  const loading = root.querySelector('.myo-loading');
  tbody.replaceChildren();
  pager.replaceChildren();
  loading.hidden = false;
  const seq = ++renderSeq;
  setTimeout(() => {
    if (seq !== renderSeq) return;
    loading.hidden = true;
    tbody.replaceChildren(...shown.flatMap((o, i) => orderRows(o, i)));
    if (!shown.length) tbody.append(el('tr', {}, el('td', { colspan: '7', class: 'myo-empty' }, t.noOrders)));
    const item = (cls, content) => el('li', { class: cls }, content);
    const numbers = Array.from({ length: pages }, (_, i) => i + 1).map((n) => (n === page ? item('a-selected', el('a', { href: pageHref(n), 'aria-current': 'page' }, String(n))) : item('a-normal', link(pageHref(n), String(n)))));
    pager.append(el('ul', { class: 'a-pagination' },
      page > 1 ? item('a-normal', link(pageHref(page - 1), t.previous)) : item('a-disabled', t.previous),
      ...numbers,
      // The last page has a disabled "Next" with no link (seller-central.md "Orders list").
      page < pages ? item('a-last', link(pageHref(page + 1), t.next)) : item('a-last a-disabled', t.next)));
  }, full ? ROWS_LATE_MS : PAGE_LATE_MS);
}

// --- An order's details (/orders-v3/order/{id}): #MYO-app, no #myo-layout, no div.push-right.

function renderDetails(root, id) {
  const t = locale.t;
  const o = orders.find((x) => x.amazonOrderId === id);
  const back = el('div', { class: 'myo-breadcrumb' }, link('/orders-v3', t.back));
  if (!o) {
    root.replaceChildren(back, el('h1', {}, t.notFound), el('p', {}, t.noOrder(id)));
    return;
  }
  const channel = o.nonAmazon ? t.nonAmazon : o.details?.marketplaceHidden ? '' : MARKETPLACES[o.marketplaceId]?.[0] ?? '';
  const hidden = o.nonAmazon || o.details?.marketplaceHidden;
  const button = (content, attrs = {}) => el('span', { class: 'a-button', ...attrs }, el('span', { class: 'a-button-inner' }, content));
  const action = (text) => button(el('button', { type: 'button', class: 'a-button-text' }, text));
  const status = statusOf(o);
  const items = o.details?.items ?? [];
  root.replaceChildren(
    back,
    el('div', { class: 'order-details-header', 'data-test-id': 'order-details-header' },
      el('div', {}, el('h1', {}, t.orderDetails), el('div', { class: 'order-id-line' }, el('span', {}, t.orderId), ' ', el('span', { 'data-test-id': 'order-id-value' }, o.amazonOrderId))),
      el('div', { 'data-test-id': 'order-details-header-action-buttons', class: 'order-details-header-action-buttons' },
        action(t.printSlip),
        status === 'unshipped' ? action(t.confirmShipment) : action(t.refund),
        o.nonAmazon ? null : button(el('a', { class: 'a-button-text', href: `/messaging/contact?orderID=${o.amazonOrderId}&marketplaceID=${o.marketplaceId}` }, t.contactBuyer)),
        // Amazon's own Request a Review: its link carries the order's marketplace id.
        hidden ? null : button(el('a', { class: 'a-button-text', href: `/messaging/reviews?orderId=${o.amazonOrderId}&marketplaceId=${o.marketplaceId}` }, t.requestReview), { 'data-test-id': 'plugin-button-requestAReview' }))),
    el('div', { class: 'order-details-body' },
      el('section', { class: 'a-box', 'data-test-id': 'order-summary' },
        el('div', { class: 'order-summary-status' }, el('span', { class: `main-status ${status}-status` }, t.status[status]),
          o.refunded ? el('span', { class: 'secondary-status refund-is-applied' }, t.refundApplied) : null),
        labelled(t.shipBy, date(o.latestShipDate ?? new Date((Date.parse(o.purchaseDate ?? '') || Date.now()) + 2 * DAY).toISOString()), { 'data-test-id': 'order-summary-shipby-value' }),
        labelled(t.deliverBy, deliveryWindow(o), { 'data-test-id': 'order-summary-deliverby-value' }),
        labelled(t.purchaseDate, `${date(o.purchaseDate)} ${locale.time(new Date(o.purchaseDate))}`, { 'data-test-id': 'order-summary-purchase-date-value' }),
        labelled(t.shippingService, t.standard, { 'data-test-id': 'order-summary-shipping-service-value' }),
        labelled(t.fulfillmentChannel, o.details?.fulfillment === 'Amazon' ? t.amazon : t.seller, { 'data-test-id': 'order-summary-fulfillment-channel-value' }),
        labelled(t.salesChannel, channel, { 'data-test-id': 'order-summary-sales-channel-value' })),
      el('section', { class: 'a-box' }, el('h2', {}, t.shipTo), el('div', {}, o.details?.buyerName ?? ''), el('div', {}, o.details?.shipTo ?? '')),
      el('section', { class: 'a-box order-contents' }, el('h2', {}, t.orderContents),
        ...items.map((item) => el('div', { class: 'a-row' }, el('div', {}, `${item.quantity ?? 1} × ${item.title ?? ''}`), labelled(t.asin, item.asin ?? ''), labelled(t.sku, item.sku ?? '')))),
      el('section', { class: 'a-box' }, el('h2', {}, t.orderTotal), el('div', {}, money(o.details?.orderTotal)))),
  );
}

// --- The app

/** Renders the current URL into the app's root: `#MYO-app` for an order, `#myo-layout` for a list. */
function route() {
  const chosen = chooseLocale();
  document.getElementById('sc-language').value = chosen;
  const app = document.getElementById('sc-app');
  const details = location.pathname.match(/^\/orders-v3\/order\/([^/?#]+)/);
  if (details) {
    renderSeq++;
    const root = el('div', { id: 'MYO-app' });
    app.replaceChildren(root);
    if (orders) renderDetails(root, decodeURIComponent(details[1]));
    return;
  }
  let root = document.getElementById('myo-layout');
  const wasList = !!root && root.dataset.path === location.pathname && root.dataset.locale === chosen;
  if (!root) {
    root = el('div', { id: 'myo-layout' });
    app.replaceChildren(root);
  }
  root.dataset.path = location.pathname;
  root.dataset.locale = chosen;
  if (!listPath(location.pathname)) {
    root.replaceChildren(el('h1', {}, locale.t.notFound));
    return;
  }
  if (orders) renderList(root, !wasList);
}

function header() {
  const host = location.hostname.match(/^sellercentral\.amazon\.(.+)$/)?.[1];
  chooseLocale();
  const languages = el('select', { id: 'sc-language', 'aria-label': locale.t.language }, ...Object.entries(LOCALES).map(([k, l]) => el('option', { value: k }, l.name)));
  languages.addEventListener('change', () => {
    // Like Seller Central's language menu: the same page again, in the chosen language.
    const url = new URL(location.href);
    url.searchParams.set('mons_sel_locale', languages.value);
    location.assign(url.href);
  });
  document.body.prepend(el('header', { class: 'sc-header' },
    el('span', { class: 'sc-logo' }, 'amazon ', el('b', {}, 'seller central')),
    el('span', { class: 'sc-market' }, host ? `Amazon.${host}` : location.hostname),
    languages));
}

/** A non-Amazon channel order (e.g. from the seller's own shop), as Seller Central lists them among
 * the others: its id is not an SP-API order id. */
function nonAmazonOrder(region) {
  return {
    amazonOrderId: 'S01-1234567-1234567', nonAmazon: true, marketplaceId: null, status: 'Shipped',
    purchaseDate: new Date(Date.now() - 3 * DAY).toISOString(), earliestDeliveryDate: null, latestDeliveryDate: null,
    details: { buyerName: 'Web shop customer', fulfillment: 'Amazon', shipTo: region === 'fe' ? '東京都' : region === 'eu' ? 'Berlin' : 'Portland, OR',
      items: [{ title: 'Multi-Channel Fulfillment order', asin: 'B000000000', sku: 'SKU-MCF-1', quantity: 1 }] },
  };
}

async function start() {
  header();
  route();
  const res = await fetch('/_sandbox/orders');
  const all = (await res.json()).orders ?? [];
  const region = hostRegion(location.hostname);
  orders = all.filter((o) => !region || MARKETPLACES[o.marketplaceId]?.[1] === region);
  orders.sort((a, b) => (b.purchaseDate ?? '').localeCompare(a.purchaseDate ?? ''));
  orders.splice(Math.min(1, orders.length), 0, nonAmazonOrder(region));
  route();
}

// The back and forward buttons (pushState itself fires no popstate).
window.addEventListener('popstate', route);
start();
