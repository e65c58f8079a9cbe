// The dashboard: what was sent, per day and per order, drawn here (an SVG chart, no remote library);
// a CSV export made in the page; and a warning when the credentials stopped working. Nothing leaves
// the browser.
import { ask, t } from '../pages.js';
import { csv } from './csv.js';

const SVG = 'http://www.w3.org/2000/svg';
const OUTCOMES = [['requested', '#067d62'], ['message', '#007185'], ['failed', '#b12704']];

/** @typedef {{ orderId: string, what: string, outcome: string, at?: string, requestId: string }} Send */
/** @type {(id: string) => HTMLElement} */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** One line per send: reviews and messages of every order. */
function sends(/** @type {Record<string, import('../messages').HistoryEntry>} */ history) {
  /** @type {Send[]} */
  const out = [];
  for (const [orderId, h] of Object.entries(history)) {
    if (h.review === 'requested' || h.review === 'settled') out.push({ orderId, what: 'review', outcome: 'requested', at: h.at, requestId: h.requestId ?? '' });
    if (h.review === 'failed') out.push({ orderId, what: 'review', outcome: 'failed', at: h.at, requestId: '' });
    for (const m of h.messages ?? []) out.push({ orderId, what: m.kind, outcome: 'message', at: m.at, requestId: m.requestId ?? '' });
  }
  return out.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

function chart(/** @type {Send[]} */ list) {
  /** @type {string[]} */
  const days = [];
  for (let i = 13; i >= 0; i--) days.push(new Date(Date.now() - i * 86400000).toISOString().slice(0, 10));
  const counts = days.map((d) => Object.fromEntries(OUTCOMES.map(([o]) => [o, list.filter((s) => s.outcome === o && (s.at ?? '').startsWith(d)).length])));
  const max = Math.max(1, ...counts.map((c) => OUTCOMES.reduce((n, [o]) => n + c[o], 0)));
  const [w, h, bar] = [640, 160, 36];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h + 20}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('perDay'));
  counts.forEach((c, i) => {
    let y = h;
    for (const [o, color] of OUTCOMES) {
      const height = (c[o] / max) * (h - 10);
      if (!height) continue;
      const r = document.createElementNS(SVG, 'rect');
      Object.entries({ x: i * (bar + 8) + 4, y: y - height, width: bar, height, fill: color }).forEach(([k, v]) => r.setAttribute(k, String(v)));
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${days[i]}: ${c[o]} ${o}`;
      r.append(title);
      svg.append(r);
      y -= height;
    }
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(i * (bar + 8) + 4));
    label.setAttribute('y', String(h + 14));
    label.textContent = days[i].slice(5);
    svg.append(label);
  });
  return svg;
}

const [history, status, bulk] = await Promise.all([ask({ type: 'historyAll' }), ask({ type: 'status' }), ask({ type: 'bulkStatus' })]);
// Scheduled review requests, soonest first.
for (const o of bulk.orders.filter((x) => x.stage === 'scheduled' && x.due).sort((a, b) => String(a.due).localeCompare(String(b.due)))) {
  const li = document.createElement('li');
  li.textContent = `${o.orderId}: ${new Date(String(o.due)).toLocaleDateString()}${o.reason === 'recheck' ? ` (${t('recheck')})` : ''}`;
  $('upcoming').append(li);
}
const list = sends(history);
if (status.auth?.ok === false) {
  const warning = $('warning');
  warning.hidden = false;
  warning.textContent = t('popupAuthFailed', status.auth.message ?? '');
}
const totals = $('totals');
/** @type {[string, number][]} */
const counted = [['totalReviews', list.filter((s) => s.what === 'review' && s.outcome === 'requested').length], ['totalMessages', list.filter((s) => s.outcome === 'message').length], ['totalFailed', list.filter((s) => s.outcome === 'failed').length]];
for (const [key, n] of counted) {
  const box = document.createElement('div');
  const b = document.createElement('b');
  b.textContent = String(n);
  box.append(b, t(key));
  box.dataset.total = key;
  totals.append(box);
}
$('chart').append(chart(list));
const rows = $('rows');
for (const [orderId, h] of Object.entries(history).sort((a, b) => (b[1].at ?? '').localeCompare(a[1].at ?? ''))) {
  const tr = document.createElement('tr');
  for (const v of [orderId, h.review ?? '', (h.messages ?? []).map((m) => m.kind).join(', '), h.at ? new Date(h.at).toLocaleString() : '']) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  rows.append(tr);
}
$('csv').addEventListener('click', () => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv(list)], { type: 'text/csv' }));
  a.download = `sp-outreach-history-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
document.documentElement.dataset.ready = 'true';
