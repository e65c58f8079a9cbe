// The background: the only place that holds the seller's credentials, loads the wasm core and talks
// to Amazon. Content scripts and the extension's own pages ask it by message; it checks who is
// asking and what, and never answers with a secret.
import init, { Client, checkBody, marketplaces } from './core/sp_outreach.js';
import { bulkQueue } from './bulk.js';
import { ORDER_ID, MARKETPLACE_ID } from './ids.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init({ module_or_path: api.runtime.getURL('core/sp_outreach_bg.wasm') });
const SETTINGS = 'settings';
const HISTORY = 'history';
const AUTH = 'auth';

// Registered synchronously at top level, so a woken service worker hears the message that woke it.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const from = senderKind(sender);
  if (!from) return false;
  handle(message, from)
    .then((result) => sendResponse({ ok: true, result }))
    .catch((e) => {
      noteAuth(e);
      sendResponse({ ok: false, error: publicError(e) });
    });
  return true;
});

// Seller Central hosts (seller-central.md "Hosts"): content scripts run only there.
const SELLER_CENTRAL = /^sellercentral(-europe|-japan)?\.amazon\.(com|ca|com\.mx|com\.br|co\.uk|de|fr|it|es|nl|se|pl|com\.tr|ae|sa|eg|in|sg|com\.au|co\.jp)$/;

/** 'page' for the extension's own pages, 'content' for its content scripts on Seller Central. */
function senderKind(sender) {
  if (sender.id !== api.runtime.id || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(api.runtime.getURL(''))) return 'page';
  try {
    const url = new URL(sender.url);
    if (sender.tab && url.protocol === 'https:' && SELLER_CENTRAL.test(url.hostname)) return 'content';
  } catch { /* not a URL */ }
  return null;
}


function order(message) {
  if (typeof message.orderId !== 'string' || !ORDER_ID.test(message.orderId)) throw userError('invalidOrderId', 'That is not an Amazon order id.');
  if (typeof message.marketplaceId !== 'string' || !MARKETPLACE_ID.test(message.marketplaceId)) throw userError('invalidMarketplace', 'That is not a marketplace id.');
  return [message.orderId, message.marketplaceId];
}

function userError(kind, message) {
  return Object.assign(new Error(message), { kind });
}

/** Only the kind and the seller-facing message cross to pages: details could carry request data. */
function publicError(e) {
  return { kind: typeof e?.kind === 'string' ? e.kind : 'internal', message: String(e?.message ?? e) };
}

async function handle(message, from) {
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') throw userError('badMessage', 'Malformed message.');
  const pageOnly = () => {
    if (from !== 'page') throw userError('forbidden', `${message.type} is only for the extension's own pages.`);
  };
  switch (message.type) {
    case 'status':
      return status();
    case 'getSettings':
      pageOnly();
      return publicSettings(await settings());
    case 'saveSettings':
      pageOnly();
      return saveSettings(message.settings);
    case 'testConnection':
      pageOnly();
      return testConnection();
    case 'reviewStatus':
      return reviewStatus(...order(message));
    case 'requestReview':
      return requestReview(...order(message));
    case 'reviewHistory':
      return reviewHistory(message.orderIds);
    case 'historyAll':
      pageOnly();
      return history();
    case 'bulkStart':
      return bulk.start(message.orders);
    case 'bulkControl':
      if (!['pause', 'resume', 'cancel'].includes(message.action)) throw userError('badMessage', 'Unknown bulk action.');
      return bulk.control(message.action);
    case 'bulkStatus':
      bulk.kick();
      return bulk.status();
    case 'messagingOptions':
      return messagingOptions(...order(message));
    case 'checkMessage':
      return checkMessage(message);
    case 'sendMessage':
      return sendMessage(message, ...order(message));
    default:
      throw userError('badMessage', `Unknown message type ${message.type}.`);
  }
}

/**
 * @typedef {{ clientId?: string, clientSecret?: string, refreshToken?: string, region?: 'na' | 'eu' | 'fe', defaultMarketplace?: string, sandbox?: boolean, schedule?: Record<string, any> }} Settings
 * @returns {Promise<Settings>}
 */
async function settings() {
  return (await api.storage.local.get(SETTINGS))[SETTINGS] ?? {};
}

function publicSettings(s) {
  return {
    clientId: s.clientId ?? '', hasClientSecret: !!s.clientSecret, hasRefreshToken: !!s.refreshToken,
    region: s.region ?? 'na', defaultMarketplace: s.defaultMarketplace ?? 'ATVPDKIKX0DER', sandbox: !!s.sandbox,
    schedule: s.schedule ?? { day: 0 },
  };
}

async function saveSettings(input) {
  if (!input || typeof input !== 'object') throw userError('badMessage', 'Malformed settings.');
  const current = await settings();
  const text = (v, max) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const next = {
    clientId: text(input.clientId, 200),
    // Left blank: keep the stored secret (the options page never receives it back).
    clientSecret: text(input.clientSecret, 500) || current.clientSecret || '',
    refreshToken: text(input.refreshToken, 2000) || current.refreshToken || '',
    region: ['na', 'eu', 'fe'].includes(input.region) ? input.region : 'na',
    defaultMarketplace: MARKETPLACE_ID.test(input.defaultMarketplace ?? '') ? input.defaultMarketplace : 'ATVPDKIKX0DER',
    sandbox: input.sandbox === true,
    schedule: cleanSchedule(input.schedule),
  };
  await api.storage.local.set({ [SETTINGS]: next });
  clients.clear();
  // The clients' saved states hold tokens of the old credentials (the core would not use them).
  await api.storage.local.remove([AUTH, ...['na', 'eu', 'fe'].map(sessionKey)]);
  return publicSettings(next);
}

/** `{ day, <marketplaceId>: { enabled } }`: the day within the window to send on, and which
 * marketplaces send scheduled requests by themselves. */
function cleanSchedule(v) {
  const out = { day: Number.isInteger(v?.day) && v.day >= 0 && v.day <= 24 ? v.day : 0 };
  for (const [k, m] of Object.entries(v ?? {})) if (MARKETPLACE_ID.test(k) && typeof m?.enabled === 'boolean') out[k] = { enabled: m.enabled };
  return out;
}

const clients = new Map();
const sessionKey = (/** @type {string} */ region) => `session-${region}`;

async function client(marketplaceId) {
  await ready;
  const s = await settings();
  if (!s.clientId || !s.clientSecret || !s.refreshToken) throw userError('notConfigured', 'Enter your SP-API credentials on the options page first.');
  const market = marketplaces().find((m) => m.id === marketplaceId);
  if (!market) throw userError('invalidMarketplace', `Unknown marketplace ${marketplaceId}.`);
  // One client per region, set before any await: two clients would keep two sets of buckets
  // against Amazon's one (bulk's first sends start together; measured: a 429 per bench run).
  if (!clients.has(market.region)) {
    const key = sessionKey(market.region);
    const made = (async () => {
      // A woken worker goes on with the token and the rate-limit buckets its predecessor saved:
      // Amazon's buckets did not refill because ours were forgotten (issue #16).
      const saved = (await api.storage.local.get(key))[key];
      return new Client({
        clientId: s.clientId, clientSecret: s.clientSecret, refreshToken: s.refreshToken, region: market.region, sandbox: !!s.sandbox,
        state: typeof saved === 'string' ? saved : undefined,
        saveState: (/** @type {string} */ state) => saveSession(key, state),
      });
    })();
    clients.set(market.region, made);
    made.catch(() => { if (clients.get(market.region) === made) clients.delete(market.region); });
  }
  return clients.get(market.region);
}

// The clients' states, stored before every send (the core hands them over and waits): one write at
// a time, each with the latest state of every region that changed.
/** @type {Record<string, string>} */
const sessions = {};
let sessionWrite = Promise.resolve();
/** @type {Promise<void> | null} */
let nextSessionWrite = null;
function saveSession(/** @type {string} */ key, /** @type {string} */ state) {
  sessions[key] = state;
  if (!nextSessionWrite) {
    const write = sessionWrite.then(() => {
      nextSessionWrite = null;
      return api.storage.local.set({ ...sessions });
    });
    nextSessionWrite = write;
    sessionWrite = write.catch(() => {});
  }
  return nextSessionWrite;
}

async function testConnection() {
  const s = await settings();
  const c = await client(s.defaultMarketplace ?? 'ATVPDKIKX0DER');
  await c.checkCredentials();
  // A harmless call: the actions of an order that does not exist. 404/400 means the role is there;
  // a 403 access denial names what is missing.
  try {
    await c.getActions('solicitations', '000-0000000-0000000', s.defaultMarketplace ?? 'ATVPDKIKX0DER');
  } catch (e) {
    if (e.kind === 'accessDenied' || e.kind === 'tokenRejected') throw e;
  }
  await noteAuth(null);
  return { ok: true };
}

/** @returns {Promise<Record<string, any>>} */
async function history() {
  return (await api.storage.local.get(HISTORY))[HISTORY] ?? {};
}

// History writes read, change and write the whole map: one at a time, or concurrent sends (the bulk
// queue has several in flight) would overwrite each other's records.
let historyWrites = Promise.resolve();

/** Changes one order's entry: `entry` is merged in, or, as a function, makes the new entry from the old. */
function record(orderId, entry) {
  const write = historyWrites.then(async () => {
    const h = await history();
    const old = h[orderId] ?? {};
    h[orderId] = typeof entry === 'function' ? entry(old) : { ...old, ...entry };
    await api.storage.local.set({ [HISTORY]: h });
    return h[orderId];
  });
  historyWrites = write.catch(() => {});
  return write;
}

/** What the history knows of these orders (for the list's badges); nothing is fetched. */
async function reviewHistory(orderIds) {
  if (!Array.isArray(orderIds) || orderIds.length > 500 || !orderIds.every((id) => typeof id === 'string' && ORDER_ID.test(id))) {
    throw userError('badMessage', 'Malformed order list.');
  }
  const h = await history();
  return Object.fromEntries(orderIds.filter((id) => h[id]).map((id) => [id, { review: h[id].review, at: h[id].at }]));
}

async function reviewStatus(orderId, marketplaceId) {
  const past = (await history())[orderId];
  if (past?.review === 'requested') return { state: 'requested', at: past.at };
  const actions = await (await client(marketplaceId)).getActions('solicitations', orderId, marketplaceId);
  const offered = actions.actions.some((a) => a.name === 'productReviewAndSellerFeedback');
  return { state: offered ? 'offered' : 'notOffered' };
}

async function requestReview(orderId, marketplaceId) {
  const past = (await history())[orderId];
  // The history blocks a second send even if Amazon would accept it.
  if (past?.review === 'requested') return { state: 'requested', at: past.at };
  // A request whose create may have left when the worker stopped goes on from its saved state:
  // the core verifies it rather than sending it again.
  const pending = typeof past?.flow === 'string' ? past.flow : null;
  await record(orderId, { review: 'sending', marketplaceId, at: new Date().toISOString() });
  // Stored before the create leaves (the core asks, and waits).
  const onSave = (/** @type {string} */ flow) => record(orderId, { flow });
  try {
    const r = await (await client(marketplaceId)).requestReview(orderId, marketplaceId, { state: pending, onSave });
    await noteAuth(null);
    const state = r.status === 'requested' ? 'requested' : 'notOffered';
    await record(orderId, (old) => ({ ...old, flow: undefined, review: state, at: new Date().toISOString(), requestId: r.requestId, explanation: r.explanation }));
    return { state, at: new Date().toISOString(), explanation: r.explanation, verified: r.verified };
  } catch (e) {
    // An unknown outcome keeps its state: the next request verifies it first.
    await record(orderId, (old) => ({ ...old, flow: e?.kind === 'outcomeUnknown' ? old.flow : undefined, review: 'failed', error: publicError(e) }));
    throw e;
  }
}

// Whether the credentials still work, as the last call to Amazon showed: the popup warns when they
// stop (seller-central.md: commercial tools' users complain that expiry goes unnoticed).
const AUTH_FAILURES = new Set(['lwaInvalidClient', 'lwaInvalidGrant', 'lwaUnauthorizedClient', 'accessDenied', 'tokenRejected', 'notConfigured', 'credentials']);

async function noteAuth(e) {
  if (e === null) return api.storage.local.set({ [AUTH]: { ok: true, at: new Date().toISOString() } });
  if (AUTH_FAILURES.has(e?.kind)) return api.storage.local.set({ [AUTH]: { ok: false, at: new Date().toISOString(), message: String(e.message) } });
}

async function status() {
  const s = await settings();
  const auth = (await api.storage.local.get(AUTH))[AUTH] ?? null;
  const h = await history();
  const recent = Object.entries(h).sort((a, b) => (b[1].at ?? '').localeCompare(a[1].at ?? '')).slice(0, 5)
    .map(([orderId, e]) => ({ orderId, review: e.review, at: e.at }));
  return { configured: !!(s.clientId && s.clientSecret && s.refreshToken), auth, defaultMarketplace: s.defaultMarketplace ?? null, recent };
}

const KIND = /^[a-zA-Z]{3,40}$/;

/** The message kinds Amazon offers for this order now, each with its payload schema, and the
 * buyer's language (GetAttributes) to write in. */
async function messagingOptions(orderId, marketplaceId) {
  const c = await client(marketplaceId);
  const [actions, attributes] = await Promise.all([c.getActions('messaging', orderId, marketplaceId), c.getAttributes(orderId, marketplaceId)]);
  const kinds = actions.actions.filter((a) => a.operationId && a.name !== 'attributes').map((a) => ({ name: a.name, title: a.title, schema: a.schema }));
  return { kinds, locale: attributes.locale };
}

/** The core's live check of a draft: schema violations and text-policy findings with spans. */
async function checkMessage({ kind, body, schema }) {
  if (typeof kind !== 'string' || !KIND.test(kind) || !body || typeof body !== 'object') throw userError('badMessage', 'Malformed draft.');
  await ready;
  return checkBody(kind, body, schema ?? undefined);
}

/** Base64 characters of one attachment: 10 MB, the most Amazon takes in a message (the core's
 * caps.rs), measured before anything is decoded. */
const MAX_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

function decodeFiles(files) {
  if (files === undefined) return [];
  if (!Array.isArray(files) || files.length > 5) throw userError('badMessage', 'At most 5 attachments.');
  return files.map((f) => {
    if (typeof f?.fileName !== 'string' || typeof f.contentType !== 'string' || typeof f.base64 !== 'string') throw userError('badMessage', 'Malformed attachment.');
    if (f.base64.length > MAX_BASE64 || f.fileName.length > 1000 || f.contentType.length > 200) throw userError('tooLarge', 'An attachment is larger than 10 MB, the most Amazon takes in one message.');
    const bin = atob(f.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { fileName: f.fileName, contentType: f.contentType, bytes };
  });
}

async function sendMessage(message, orderId, marketplaceId) {
  const { kind, body, confirmLinks } = message;
  if (typeof kind !== 'string' || !KIND.test(kind) || !body || typeof body !== 'object') throw userError('badMessage', 'Malformed message.');
  const files = decodeFiles(message.files);
  // A message of this kind whose create may have left when the worker stopped goes on from its
  // saved state (verified, never sent again on a guess); whatever it ends with, it is not pending
  // any more: a later Send is the seller's own.
  const slot = `${kind}`;
  const pending = (await history())[orderId]?.pendingMessages?.[slot];
  const onSave = (/** @type {string} */ flow) => record(orderId, (old) => ({ ...old, pendingMessages: { ...old.pendingMessages, [slot]: flow } }));
  try {
    const r = await (await client(marketplaceId)).sendMessage(kind, orderId, marketplaceId, body, files, confirmLinks === true, { state: typeof pending === 'string' ? pending : null, onSave });
    const sent = { kind, at: new Date().toISOString(), requestId: r.requestId };
    await record(orderId, (old) => ({ ...old, messages: [...(old.messages ?? []), sent] }));
    return { status: r.status, kind, requestId: r.requestId };
  } finally {
    await record(orderId, (old) => {
      const { [slot]: _, ...rest } = old.pendingMessages ?? {};
      return { ...old, pendingMessages: rest };
    });
  }
}

/** Scheduling per marketplace (options page): on by default, on the first eligible day. */
async function schedule(marketplaceId) {
  const s = (await settings()).schedule ?? {};
  const m = s[marketplaceId] ?? {};
  return { enabled: m.enabled !== false, day: Number.isInteger(s.day) && s.day >= 0 && s.day <= 24 ? s.day : 0 };
}

const bulk = bulkQueue({ api, clientFor: client, history, record, userError, schedule, authFailed: (/** @type {string} */ message) => noteAuth({ kind: 'credentials', message }) });
// A worker that was stopped mid-run picks the queue up again when it starts, and an alarm wakes it
// while a run is unfinished (no tab needed).
bulk.kick();
api.alarms.create('bulk', { periodInMinutes: 1 });
// The rate limiters' states of versions before the client's state (session-*) held them.
api.storage.local.remove(['limiter-na', 'limiter-eu', 'limiter-fe']);
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === 'bulk') bulk.kick();
});
