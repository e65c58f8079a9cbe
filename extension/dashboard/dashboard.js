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
/** Autopilot per marketplace: what it did, what it sends next, what it skipped and why. */
function autopilot(/** @type {import('../messages').AutopilotStatus} */ ap) {
  const stopped = $('apStopped');
  stopped.hidden = !ap.stopped;
  stopped.textContent = ap.stopped ? t('apStopped', ap.stopped.message) : '';
  $('apResume').hidden = !ap.stopped;
  const looks = Object.entries(ap.lastLook).map(([r, at]) => `${r.toUpperCase()} ${new Date(Number(at)).toLocaleString()}`);
  $('apLook').textContent = [looks.length ? t('apLastLook', looks.join(', ')) : '', ap.lastError ? t('apError', ap.lastError.message) : ''].filter(Boolean).join(' · ');
  const date = (/** @type {number | null} */ ms) => (ms === null ? '' : new Date(ms).toLocaleDateString());
  const boxes = ap.markets.map((m) => {
    const box = document.createElement('div');
    box.className = 'market';
    box.dataset.marketplace = m.marketplaceId;
    const h = document.createElement('h3');
    h.textContent = m.name;
    const line = document.createElement('p');
    line.className = 'ap-line';
    line.textContent = t('apLine', m.name, String(m.sent), String(m.planned), String(m.queued), String(m.waiting), String(m.skipped)) + (m.regionOff ? ` · ${t('apRegionOff')}` : '');
    box.append(h, line);
    const why = Object.entries(m.skippedWhy);
    if (why.length) {
      const p = document.createElement('p');
      p.className = 'ap-skipped';
      p.textContent = t('apSkippedWhy', why.map(([r, n]) => `${t(`skip_${r}`) === `skip_${r}` ? r : t(`skip_${r}`)} (${n})`).join(', '));
      box.append(p);
    }
    if (m.next.length) {
      const p = document.createElement('p');
      p.className = 'ap-next';
      p.textContent = t('apNext', m.next.map((n) => `${n.orderId} ${date(n.due)}`).join(', '));
      box.append(p);
    }
    const ul = document.createElement('ul');
    for (const r of m.recent) {
      const li = document.createElement('li');
      const reason = r.reason ? ` (${[`skip_${r.reason}`, `wait_${r.reason}`].map((k) => t(k)).find((x) => !x.startsWith('skip_') && !x.startsWith('wait_')) ?? r.reason})` : '';
      li.textContent = `${r.orderId}: ${t(`state_${r.state}`)}${reason} · ${new Date(r.at).toLocaleDateString()}`;
      li.dataset.order = r.orderId;
      li.dataset.state = r.state;
      ul.append(li);
    }
    box.append(ul);
    return box;
  });
  $('apMarkets').replaceChildren(...boxes);
  if (!ap.markets.some((m) => m.enabled)) $('apKept').textContent = t('apNone');
  else $('apKept').textContent = t('apKept', String(ap.kept), String(ap.retentionDays));
}
autopilot(await ask({ type: 'autopilotStatus' }));
$('apCheck').addEventListener('click', async () => {
  const button = /** @type {HTMLButtonElement} */ ($('apCheck'));
  button.disabled = true;
  try {
    autopilot(await ask({ type: 'autopilotRun' }));
  } catch (e) {
    $('apLook').textContent = String(/** @type {any} */ (e)?.message ?? e);
  } finally {
    button.disabled = false;
  }
});
$('apResume').addEventListener('click', async () => autopilot(await ask({ type: 'autopilotResume' })));
// The queue works while the page is open: what it did shows without a reload.
setInterval(() => ask({ type: 'autopilotStatus' }).then(autopilot, () => {}), 5000);

$('csv').addEventListener('click', () => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv(list)], { type: 'text/csv' }));
  a.download = `sp-outreach-history-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
document.documentElement.dataset.ready = 'true';
