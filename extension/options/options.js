// The options page: the guided setup (issue #14) — the seller's LWA credentials (secrets are
// write-only here: the background never sends them back), a refresh token per region (a region
// without one is off), pasted values checked for their shape by the core as they are pasted, Test
// connection per region in plain words (which marketplaces, which roles work), scheduling per
// marketplace, and autopilot per marketplace. There is no default marketplace: each order's comes
// from Amazon (or, when Amazon's Orders API can't say, from the page or the seller's pick on it).
import { ask, t } from '../pages.js';

/** @typedef {import('../messages').Settings} Settings */
/** @typedef {'clientId' | 'clientSecret' | 'refreshToken'} Field */

/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const REGIONS = /** @type {const} */ (['na', 'eu', 'fe']);
const regionName = (/** @type {string} */ r) => t(`region${r[0].toUpperCase()}${r.slice(1)}`);
/** The marketplaces of the core's list. @type {import('../core/sp_outreach.js').MarketplaceInfo[]} */
let markets = [];
/** @type {Settings | null} */
let current = null;

function say(/** @type {string} */ text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
  $('report').replaceChildren();
}

/** A shape problem in the seller's language: `shape_<code>`, naming the field. */
function shapeText(/** @type {Field} */ field, /** @type {string} */ code) {
  return t(`shape_${code}`, t(field));
}

function fill(/** @type {Settings} */ s) {
  current = s;
  $('clientId').value = s.clientId;
  $('clientSecret').value = '';
  $('refreshToken').value = '';
  $('clientSecret').placeholder = s.hasClientSecret ? t('keepStored') : '';
  $('region').value = s.region;
  $('sandbox').checked = s.sandbox;
  $('scheduleDay').value = String(s.schedule?.day ?? 0);
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('#scheduleMarkets input'))) {
    const m = s.schedule?.[box.value];
    box.checked = typeof m !== 'object' || m.enabled !== false;
  }
  for (const row of /** @type {NodeListOf<HTMLTableRowElement>} */ (document.querySelectorAll('#autopilot tr'))) {
    const id = /** @type {string} */ (row.dataset.marketplace);
    const m = s.autopilot.markets[id];
    const [on, day, cap] = /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll('input'));
    on.checked = m?.enabled === true;
    day.value = String(m?.day ?? 0);
    cap.value = m?.cap ? String(m.cap) : '';
  }
  $('retention').value = String(s.autopilot.retentionDays);
  for (const f of /** @type {Field[]} */ (['clientId', 'clientSecret', 'refreshToken'])) $(`${f}-problem`).textContent = '';
  tokens();
}

/** Which regions have a token: the others are off, and their pages say so. */
function tokens() {
  const s = current;
  if (!s) return;
  const list = REGIONS.map((r) => {
    const li = document.createElement('li');
    li.textContent = `${regionName(r)}: ${t(s.tokens[r] ? 'tokenStored' : 'tokenMissing')}`;
    li.className = s.tokens[r] ? 'on' : 'off';
    li.dataset.region = r;
    return li;
  });
  $('tokens').replaceChildren(...list);
  const r = /** @type {'na'} */ ($('region').value);
  $('refreshToken').placeholder = s.tokens[r] ? t('keepStored') : '';
  $('removeToken').disabled = !s.tokens[r];
  for (const row of /** @type {NodeListOf<HTMLTableRowElement>} */ (document.querySelectorAll('#autopilot tr'))) {
    const off = !s.tokens[/** @type {'na'} */ (row.dataset.region)];
    row.className = off ? 'off' : '';
    /** @type {HTMLElement} */ (row.querySelector('.note')).textContent = off ? t('regionOffShort') : '';
  }
}

/** One checkbox per marketplace for scheduling; one row per marketplace for autopilot. */
async function build() {
  markets = await ask({ type: 'marketplaces' });
  for (const m of markets) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: m.id, checked: true });
    label.append(box, document.createTextNode(m.name));
    $('scheduleMarkets').append(label);

    const row = document.createElement('tr');
    row.dataset.marketplace = m.id;
    row.dataset.region = m.region;
    const cell = (/** @type {Node[]} */ ...nodes) => {
      const td = document.createElement('td');
      td.append(...nodes);
      return td;
    };
    const note = Object.assign(document.createElement('span'), { className: 'note' });
    const on = Object.assign(document.createElement('input'), { type: 'checkbox', name: `autopilot-${m.id}` });
    on.setAttribute('aria-label', t('autopilotOnFor', m.name));
    const day = Object.assign(document.createElement('input'), { type: 'number', min: '0', max: '24', value: '0' });
    day.setAttribute('aria-label', t('autopilotDayFor', m.name));
    const cap = Object.assign(document.createElement('input'), { type: 'number', min: '1', max: '100000', placeholder: t('noCap') });
    cap.setAttribute('aria-label', t('autopilotCapFor', m.name));
    row.append(cell(document.createTextNode(`${m.name} `), note), cell(on), cell(day), cell(cap));
    $('autopilot').append(row);
  }
  // Which exclusions are active, said plainly: canceled orders come from the Orders API; Amazon's
  // Orders API has no refund or return field and none of the three roles shows them, so those are
  // not excluded by autopilot (never claimed).
  $('exclusions').textContent = t('exclusions');
}

build()
  .then(() => ask({ type: 'getSettings' }))
  .then(fill, (e) => say(e.message, 'error'))
  // Tests (and impatient sellers) must not type before the stored settings are filled in.
  .finally(() => {
    for (const b of document.querySelectorAll('button')) if (b.id !== 'removeToken') b.disabled = false;
    tokens();
    document.documentElement.dataset.ready = 'true';
  });

$('region').addEventListener('change', () => {
  $('refreshToken').value = '';
  $('refreshToken-problem').textContent = '';
  tokens();
});

// Shapes checked as the seller pastes (the core's rule, through the background).
for (const field of /** @type {Field[]} */ (['clientId', 'clientSecret', 'refreshToken'])) {
  $(field).addEventListener('input', async () => {
    const value = $(field).value;
    const { problem } = value.trim() ? await ask({ type: 'checkShape', field, value }) : { problem: null };
    if ($(field).value === value) $(`${field}-problem`).textContent = problem ? shapeText(field, problem) : '';
  });
}

function settingsInput(/** @type {string[]} */ removeTokens = []) {
  /** @type {import('../messages').AutopilotSettings['markets']} */
  const auto = {};
  for (const row of /** @type {NodeListOf<HTMLTableRowElement>} */ (document.querySelectorAll('#autopilot tr'))) {
    const [on, day, cap] = /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll('input'));
    const capValue = Number.parseInt(cap.value, 10);
    auto[/** @type {string} */ (row.dataset.marketplace)] = { enabled: on.checked, day: Number.parseInt(day.value, 10) || 0, cap: capValue > 0 ? capValue : null };
  }
  return {
    clientId: $('clientId').value, clientSecret: $('clientSecret').value, refreshToken: $('refreshToken').value,
    region: $('region').value, sandbox: $('sandbox').checked, removeTokens,
    schedule: Object.fromEntries([['day', Number($('scheduleDay').value) || 0], ...[...document.querySelectorAll('#scheduleMarkets input')].map((b) => [/** @type {HTMLInputElement} */ (b).value, { enabled: /** @type {HTMLInputElement} */ (b).checked }])]),
    autopilot: { markets: auto, retentionDays: Number.parseInt($('retention').value, 10) || 90 },
  };
}

/** The background's error in the seller's words: a shape problem names the field. */
function errorText(/** @type {any} */ e) {
  if (e?.kind === 'badShape') {
    const [field, code] = String(e.message).split(':');
    return shapeText(/** @type {Field} */ (field), code);
  }
  return String(e?.message ?? e);
}

async function save(/** @type {string[]} */ removeTokens = []) {
  try {
    fill(await ask({ type: 'saveSettings', settings: settingsInput(removeTokens) }));
    say(t('saved'), 'ok');
  } catch (e) {
    say(errorText(e), 'error');
  }
}

$('settings').addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
  event.preventDefault();
  save();
});

$('removeToken').addEventListener('click', () => save([$('region').value]));

const ROLE_NAMES = /** @type {const} */ ({ solicitation: 'roleSolicitation', communication: 'roleCommunication', orders: 'roleOrders' });

$('test').addEventListener('click', async () => {
  const region = $('region').value;
  say(t('checking'));
  try {
    const r = await ask({ type: 'testConnection', region });
    const missing = Object.entries(r.roles).filter(([, v]) => v === 'missing').map(([k]) => t(ROLE_NAMES[/** @type {'orders'} */ (k)]));
    say(missing.length ? t('connectionRolesMissing', regionName(region), missing.join(', ')) : t('connectionWorksIn', regionName(region)), missing.length ? 'error' : 'ok');
    const lines = [];
    lines.push(r.sellsIn ? t('youSellIn', r.sellsIn.join(', ')) : t(r.participations === 'missing' ? 'participationsDenied' : 'participationsUnknown'));
    for (const [k, v] of Object.entries(r.roles)) {
      const role = /** @type {'orders'} */ (k);
      lines.push([`${t(ROLE_NAMES[role])}: ${t(`role_${v}`)}`, v]);
    }
    $('report').replaceChildren(...lines.map((l) => {
      const li = document.createElement('li');
      const [text, kind] = Array.isArray(l) ? l : [l, ''];
      li.textContent = text;
      li.className = kind;
      return li;
    }));
  } catch (e) {
    say(t('connectionFailed', errorText(e)), 'error');
  }
});
