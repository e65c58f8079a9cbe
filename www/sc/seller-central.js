// The look-alike's own script: renders /orders-v3 (the list, with paging and filters) and
// /orders-v3/order/{id} (an order's details) from the sp-sandbox scenario, navigating with
// pushState like Seller Central. Built with createElement/textContent only.
'use strict';

const PAGE_SIZE = 25;
const CHANNEL = { ATVPDKIKX0DER: 'Amazon.com', A1F83G8C2ARO7P: 'Amazon.co.uk', A1PA6795UKMFR9: 'Amazon.de', A1VC38T7YXB528: 'Amazon.co.jp' };
let orders = [];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

// A Katal-like element whose order link lives inside its shadow root, invisible to a
// document-level query (seller-central.md: "much of the UI is Katal web components").
class KatOrderLink extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const id = this.getAttribute('order-id');
    const a = el('a', { href: `/orders-v3/order/${id}`, style: 'color:#007185' }, id);
    a.addEventListener('click', (e) => { e.preventDefault(); navigate(a.getAttribute('href')); });
    root.append(a);
  }
}
customElements.define('kat-order-link', KatOrderLink);

function date(iso) {
  return iso ? new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' }) : '—';
}

function money(m) {
  return m ? `${m.currency} ${Number(m.amount).toFixed(m.currency === 'JPY' ? 0 : 2)}` : '';
}

function navigate(url) {
  history.pushState({}, '', url);
  render();
}

function link(href, text, attrs = {}) {
  return el('a', { href, ...attrs, on: { click: (e) => { e.preventDefault(); navigate(href); } } }, text);
}

function filtered() {
  const path = location.pathname;
  if (path.endsWith('/mfn/unshipped')) return orders.filter((o) => o.status === 'Unshipped');
  if (path.endsWith('/mfn/shipped')) return orders.filter((o) => o.status === 'Shipped');
  if (path.endsWith('/fba/all')) return orders.filter((o) => o.details.fulfillment === 'Amazon');
  return orders;
}

function row(o, index) {
  // The fourth order of each page shows its id only inside a shadow root.
  const idNode = index % 25 === 3 ? el('kat-order-link', { 'order-id': o.amazonOrderId }) : link(`/orders-v3/order/${o.amazonOrderId}`, o.amazonOrderId);
  const item = o.details.items?.[0] ?? {};
  const status = el('td', { class: 'cell-status' }, el('div', { class: 'main-status' }, o.status));
  if (o.refunded) status.append(el('div', { class: 'secondary-status refund-is-applied' }, 'Refunded'));
  if (o.returned) status.append(el('div', { class: 'secondary-status return-requested' }, 'Return requested'));
  return el('tr', {},
    el('td', {}, el('input', { type: 'checkbox', 'aria-label': 'Select order' })),
    el('td', {}, el('div', { class: 'cell-body-title' }, 'Order date'), date(o.purchaseDate)),
    el('td', { class: 'cell-order' }, idNode, el('div', { class: 'cell-body-title' }, `Buyer name: ${o.details.buyerName ?? ''}`),
      el('div', { class: 'cell-body-title' }, `Sales channel: ${o.details.salesChannel ?? CHANNEL[o.marketplaceId] ?? ''}`),
      el('div', { class: 'cell-body-title' }, `Fulfillment method: ${o.details.fulfillment ?? ''}`),
      o.earliestDeliveryDate ? el('div', { class: 'cell-body-title' }, `Deliver by: ${date(o.earliestDeliveryDate)} – ${date(o.latestDeliveryDate)}`) : null),
    el('td', {}, item.title ?? '', el('div', { class: 'cell-body-title' }, `ASIN: ${item.asin ?? ''} · Qty: ${item.quantity ?? 1}`)),
    el('td', {}, money(o.details.orderTotal)),
    status,
  );
}

function renderList(root) {
  const all = filtered();
  const page = Math.max(1, Number(new URLSearchParams(location.search).get('page') ?? 1));
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const tab = (href, text) => link(href, text, { class: location.pathname === href ? 'active' : '' });
  const tbody = el('tbody', {}, ...shown.map(row));
  const next = page < pages ? link(`${location.pathname}?page=${page + 1}`, 'Next') : el('span', { class: 'a-disabled' }, 'Next');
  const prev = page > 1 ? link(`${location.pathname}?page=${page - 1}`, 'Previous') : el('span', { class: 'a-disabled' }, 'Previous');
  root.append(
    el('h1', {}, 'Manage Orders'),
    el('div', { class: 'myo-toolbar' }, tab('/orders-v3', 'All'), tab('/orders-v3/mfn/unshipped', 'Unshipped'), tab('/orders-v3/mfn/shipped', 'Shipped'), tab('/orders-v3/fba/all', 'Fulfilled by Amazon'),
      el('div', { class: 'push-right' }, el('span', { id: 'myo-count' }, `${all.length} orders`))),
    el('table', { id: 'orders-table' },
      el('thead', {}, el('tr', {}, ...['', 'Order date', 'Order details', 'Product name', 'Order total', 'Order status'].map((h) => el('th', {}, h)))),
      tbody),
    el('ul', { class: 'a-pagination' }, el('li', { class: 'a-first' }, prev), el('li', { class: 'a-selected' }, `Page ${page} of ${pages}`), el('li', { class: 'a-last' }, next)),
  );
}

function renderDetails(root, id) {
  const o = orders.find((x) => x.amazonOrderId === id);
  if (!o) {
    root.append(el('h1', {}, 'Order not found'), el('p', {}, `No order ${id}.`));
    return;
  }
  const item = o.details.items?.[0] ?? {};
  root.append(
    el('div', { class: 'myo-toolbar' }, link('/orders-v3', '‹ Manage Orders'),
      el('div', { class: 'push-right' }, el('button', { class: 'a-button', type: 'button' }, 'Refund order'), el('button', { class: 'a-button', type: 'button' }, 'Request a Review'))),
    el('h1', {}, 'Order details'),
    el('div', { class: 'order-details', 'data-marketplace-id': o.marketplaceId },
      el('section', {}, el('h2', {}, 'Order summary'),
        el('div', {}, 'Order ID: ', el('span', { 'data-test-id': 'order-id-value' }, o.amazonOrderId)),
        el('div', {}, `Purchase date: ${date(o.purchaseDate)}`),
        el('div', {}, `Sales channel: ${o.details.salesChannel ?? CHANNEL[o.marketplaceId] ?? ''}`),
        el('div', {}, `Status: ${o.status}${o.refunded ? ' · Refunded' : ''}`),
        el('div', {}, `Deliver by: ${date(o.earliestDeliveryDate)} – ${date(o.latestDeliveryDate)}`)),
      el('section', {}, el('h2', {}, 'Ship to'), el('div', {}, o.details.buyerName ?? ''), el('div', {}, o.details.shipTo ?? '')),
      el('section', {}, el('h2', {}, 'Items'), el('div', {}, `${item.quantity ?? 1} × ${item.title ?? ''}`), el('div', { class: 'cell-body-title' }, `SKU ${item.sku ?? ''} · ${money(item.price)}`)),
      el('section', {}, el('h2', {}, 'Order total'), el('div', {}, money(o.details.orderTotal)))),
  );
}

function render() {
  const root = document.getElementById('myo-layout');
  root.replaceChildren();
  const m = location.pathname.match(/^\/orders-v3\/order\/(\d{3}-\d{7}-\d{7})/);
  if (m) renderDetails(root, m[1]);
  else renderList(root);
}

async function start() {
  const res = await fetch('/_sandbox/orders');
  ({ orders } = await res.json());
  orders.sort((a, b) => (b.purchaseDate ?? '').localeCompare(a.purchaseDate ?? ''));
  // Like Seller Central, the page state names the marketplace.
  window.__SC_STATE__ = { marketplaceId: orders[0]?.marketplaceId ?? null };
  document.getElementById('sc-market').textContent = 'Marketplace: all';
  render();
}

window.addEventListener('popstate', render);
start();
