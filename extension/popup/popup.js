// The toolbar popup: whether credentials are set and work, the page check of the tab the seller is
// looking at ("this page: 25 orders found, 25 resolved by Amazon, buttons placed": the content
// script's check of the page and the background's resolution of its orders), and the last few
// review requests.
import { api, ask, t } from '../pages.js';

/** @type {(id: string) => HTMLElement} */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

$('settings').addEventListener('click', () => api.runtime.openOptionsPage());
$('dashboard').addEventListener('click', () => api.tabs.create({ url: api.runtime.getURL('dashboard/dashboard.html') }));

/** The tab the seller was looking at: the active one; when this page is itself a tab (opened
 * outside the toolbar), the most recently used other one. */
async function sellerTab() {
  const [active] = await api.tabs.query({ active: true, currentWindow: true });
  const own = await api.tabs.getCurrent();
  if (active && active.id !== own?.id) return active;
  const others = (await api.tabs.query({})).filter((tab) => tab.id !== own?.id);
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

async function pageCheck() {
  const line = $('page');
  const tab = await sellerTab();
  /** @type {import('../messages').PageCheck | null} */
  let check = null;
  try {
    const answer = tab?.id === undefined ? null : await api.tabs.sendMessage(tab.id, { type: 'pageCheck' });
    check = answer?.ok ? answer.result : null;
  } catch {
    // No content script there: not a Seller Central order page.
  }
  if (!check?.kind) {
    line.textContent = t('pageCheckNone');
    line.className = 'hint';
    return;
  }
  const res = await ask({ type: 'orderResolution', orders: check.named, host: check.host });
  const placed = !check.placed ? t('pageCheckNotPlaced') : check.anchor === 'fallback' || check.rowAnchors.fallback ? t('pageCheckFallback') : t('pageCheckPlaced');
  const parts = [t('pageCheckLine', String(check.orders), String(res.resolved), placed)];
  if (res.resolving) parts.push(t('pageCheckResolving', String(res.resolving)));
  if (res.fromPage) parts.push(t('pageCheckFromPage', String(res.fromPage)));
  if (res.unknown) parts.push(t('pageCheckUnknown', String(res.unknown)));
  line.textContent = parts.join(' · ');
  line.dataset.resolved = String(res.resolved);
}

async function credentials() {
  const line = $('credentials');
  const answer = await ask({ type: 'status' }).then((result) => ({ result, error: null }), (error) => ({ result: null, error }));
  if (!answer.result) {
    line.textContent = answer.error?.message ?? '';
    line.className = 'error';
    return;
  }
  const { configured, auth } = answer.result;
  if (!configured) line.textContent = t('popupNotConfigured');
  else if (auth?.ok === false) {
    line.textContent = t('popupAuthFailed', auth.message ?? '');
    line.className = 'error';
  } else if (auth?.ok) line.textContent = t('popupAuthWorks', new Date(auth.at).toLocaleString());
  else line.textContent = t('popupConfigured');
  const ap = answer.result.autopilot;
  if (ap?.stopped) {
    const p = Object.assign(document.createElement('p'), { className: 'error', id: 'autopilot' });
    p.textContent = t('popupAutopilotStopped', ap.stopped.message);
    line.after(p);
  } else if (ap?.on) {
    const p = Object.assign(document.createElement('p'), { id: 'autopilot' });
    p.textContent = t('popupAutopilotOn', String(ap.on));
    line.after(p);
  }
  for (const r of answer.result.recent) {
    const li = document.createElement('li');
    li.textContent = `${r.orderId}: ${r.review}${r.at ? ` (${new Date(r.at).toLocaleString()})` : ''}`;
    $('recent').append(li);
  }
}

await Promise.all([credentials(), pageCheck().catch((e) => { $('page').textContent = String(e?.message ?? e); })]);
document.documentElement.dataset.ready = 'true';
