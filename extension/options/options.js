// The options page: the seller's LWA credentials (secrets are write-only here: the background never
// sends them back), region, default marketplace, and Test connection.
import { ask, t } from '../pages.js';

/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

const MARKETPLACES = [
  ['ATVPDKIKX0DER', 'Amazon.com (US)'], ['A2EUQ1WTGCTBG2', 'Amazon.ca'], ['A1AM78C64UM0Y8', 'Amazon.com.mx'], ['A2Q3Y263D00KWC', 'Amazon.com.br'],
  ['A1F83G8C2ARO7P', 'Amazon.co.uk'], ['A1PA6795UKMFR9', 'Amazon.de'], ['A13V1IB3VIYZZH', 'Amazon.fr'], ['APJ6JRA9NG5V4', 'Amazon.it'],
  ['A1RKKUPIHCS9HS', 'Amazon.es'], ['A1805IZSGTT6HS', 'Amazon.nl'], ['A2NODRKZP88ZB9', 'Amazon.se'], ['A1C3SOZRARQ6R3', 'Amazon.pl'],
  ['AMEN7PMS3EDWL', 'Amazon.com.be'], ['A28R8C7NBKEWEA', 'Amazon.ie'], ['A33AVAJ2PDY3EV', 'Amazon.com.tr'], ['A2VIGQ35RCS4UG', 'Amazon.ae'],
  ['A17E79C6D8DWNP', 'Amazon.sa'], ['ARBP9OOSHTCHU', 'Amazon.eg'], ['A21TJRUUN4KGV', 'Amazon.in'], ['AE08WJ6YKNBMC', 'Amazon.co.za'],
  ['A1VC38T7YXB528', 'Amazon.co.jp'], ['A39IBJ37TRP1C6', 'Amazon.com.au'], ['A19VAU5U5O7RUS', 'Amazon.sg'],
];

function say(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

function fill(s) {
  $('clientId').value = s.clientId;
  $('clientSecret').value = '';
  $('refreshToken').value = '';
  $('clientSecret').placeholder = s.hasClientSecret ? t('keepStored') : '';
  $('refreshToken').placeholder = s.hasRefreshToken ? t('keepStored') : '';
  $('region').value = s.region;
  $('defaultMarketplace').value = s.defaultMarketplace;
  $('sandbox').checked = s.sandbox;
  $('scheduleDay').value = String(s.schedule?.day ?? 0);
  for (const box of document.querySelectorAll('#scheduleMarkets input')) {
    /** @type {HTMLInputElement} */ (box).checked = s.schedule?.[/** @type {HTMLInputElement} */ (box).value]?.enabled !== false;
  }
}

for (const [id, name] of MARKETPLACES) {
  const o = document.createElement('option');
  o.value = id;
  o.textContent = name;
  $('defaultMarketplace').append(o);
  const label = document.createElement('label');
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: id, checked: true });
  label.append(box, document.createTextNode(name));
  $('scheduleMarkets').append(label);
}
ask({ type: 'getSettings' })
  .then(fill, (e) => say(e.message, 'error'))
  // Tests (and impatient sellers) must not type before the stored settings are filled in.
  .finally(() => {
    for (const b of document.querySelectorAll('button')) b.disabled = false;
    document.documentElement.dataset.ready = 'true';
  });

$('settings').addEventListener('submit', async (event) => {
  event.preventDefault();
  const settings = {
    clientId: $('clientId').value, clientSecret: $('clientSecret').value, refreshToken: $('refreshToken').value,
    region: $('region').value, defaultMarketplace: $('defaultMarketplace').value, sandbox: $('sandbox').checked,
    schedule: Object.fromEntries([['day', Number($('scheduleDay').value) || 0], ...[...document.querySelectorAll('#scheduleMarkets input')].map((b) => [/** @type {HTMLInputElement} */ (b).value, { enabled: /** @type {HTMLInputElement} */ (b).checked }])]),
  };
  try {
    fill(await ask({ type: 'saveSettings', settings }));
    say(t('saved'), 'ok');
  } catch (e) {
    say(e.message, 'error');
  }
});

$('test').addEventListener('click', async () => {
  say(t('checking'));
  try {
    await ask({ type: 'testConnection' });
    say(t('connectionWorks'), 'ok');
  } catch (e) {
    say(t('connectionFailed', e.message), 'error');
  }
});
