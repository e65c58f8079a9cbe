// The options page: the seller's LWA credentials (secrets are write-only here: the background never
// sends them back), region, scheduling per marketplace (the core's list of marketplaces), and Test
// connection. There is no default marketplace: each order's comes from Amazon (or, when Amazon's
// Orders API can't say, from the page or the seller's pick on it), never from a setting.
import { ask, t } from '../pages.js';

/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

function say(/** @type {string} */ text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

function fill(/** @type {import('../messages').Settings} */ s) {
  $('clientId').value = s.clientId;
  $('clientSecret').value = '';
  $('refreshToken').value = '';
  $('clientSecret').placeholder = s.hasClientSecret ? t('keepStored') : '';
  $('refreshToken').placeholder = s.hasRefreshToken ? t('keepStored') : '';
  $('region').value = s.region;
  $('sandbox').checked = s.sandbox;
  $('scheduleDay').value = String(s.schedule?.day ?? 0);
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('#scheduleMarkets input'))) {
    const m = s.schedule?.[box.value];
    box.checked = typeof m !== 'object' || m.enabled !== false;
  }
}

/** One checkbox per marketplace of the core's list, for scheduling. */
async function markets() {
  for (const m of await ask({ type: 'marketplaces' })) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: m.id, checked: true });
    label.append(box, document.createTextNode(m.name));
    $('scheduleMarkets').append(label);
  }
}

markets()
  .then(() => ask({ type: 'getSettings' }))
  .then(fill, (e) => say(e.message, 'error'))
  // Tests (and impatient sellers) must not type before the stored settings are filled in.
  .finally(() => {
    for (const b of document.querySelectorAll('button')) b.disabled = false;
    document.documentElement.dataset.ready = 'true';
  });

$('settings').addEventListener('submit', async (/** @type {SubmitEvent} */ event) => {
  event.preventDefault();
  const settings = {
    clientId: $('clientId').value, clientSecret: $('clientSecret').value, refreshToken: $('refreshToken').value,
    region: $('region').value, sandbox: $('sandbox').checked,
    schedule: Object.fromEntries([['day', Number($('scheduleDay').value) || 0], ...[...document.querySelectorAll('#scheduleMarkets input')].map((b) => [/** @type {HTMLInputElement} */ (b).value, { enabled: /** @type {HTMLInputElement} */ (b).checked }])]),
  };
  try {
    fill(await ask({ type: 'saveSettings', settings }));
    say(t('saved'), 'ok');
  } catch (e) {
    say(/** @type {any} */ (e).message, 'error');
  }
});

$('test').addEventListener('click', async () => {
  say(t('checking'));
  try {
    await ask({ type: 'testConnection' });
    say(t('connectionWorks'), 'ok');
  } catch (e) {
    say(t('connectionFailed', /** @type {any} */ (e).message), 'error');
  }
});
