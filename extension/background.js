// The background: the only place that holds the seller's credentials, loads the wasm core and talks
// to Amazon. Content scripts and the extension's own pages ask it by message (messages.d.ts has
// every type: what it takes and answers); it checks who is asking and what, and never answers with
// a secret. Which marketplace an order is in, and whether it can be sent, is decided here from
// Amazon's answers (orders.js), never from what a page claims.
import init, { Client, checkBody, checkCredential, lookSince, marketplaces, marketplaceForChannel, operations, planAutopilot, queueReview, regionForHost, reviewWindow, rules } from './core/sp_outreach.js';
import { autopilot as makeAutopilot } from './autopilot.js';
import { bulkQueue } from './bulk.js';
import { orderBook } from './orders.js';
import * as store from './store.js';
import { ORDER_ID, MARKETPLACE_ID } from './ids.js';
import { checkedBody, checkedFileNames, decodedFiles } from './limits.js';

/**
 * @typedef {import('./messages').MessageType} MessageType
 * @typedef {import('./messages').Hint} Hint
 * @typedef {import('./messages').OrderView} OrderView
 * @typedef {import('./messages').HistoryEntry} HistoryEntry
 * @typedef {import('./core/sp_outreach.js').Region} Region
 * @typedef {{ kind: 'page' } | { kind: 'content', region: Region }} Sender
 * @typedef {{ clientId?: string, clientSecret?: string, refreshTokens?: Partial<Record<Region, string>>, refreshToken?: string, region?: Region, sandbox?: boolean,
 *   schedule?: import('./messages').Schedule, autopilot?: import('./messages').AutopilotSettings }} StoredSettings
 */

const api = globalThis.browser ?? globalThis.chrome;
// Nothing is kept in storage.local any more (store.js); Chrome closes it to content scripts too.
store.closeStorageLocal().catch(() => {});
const ready = init({ module_or_path: api.runtime.getURL('core/sp_outreach_bg.wasm') });
const SETTINGS = 'settings';
const HISTORY = 'history';
const AUTH = 'auth';
const CLOCK = 'clock';

// Registered synchronously at top level, so a woken service worker hears the message that woke it.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || typeof sender.url !== 'string') return false;
  handle(message, sender)
    .then((result) => sendResponse({ ok: true, result }))
    .catch((e) => {
      noteAuth(e);
      sendResponse({ ok: false, error: publicError(e) });
    });
  return true;
});

/** The extension's own pages, or its content scripts on a Seller Central host (the core knows the
 * hosts and their regions): anyone else is not answered. @returns {Promise<Sender>} */
async function who(/** @type {chrome.runtime.MessageSender} */ sender) {
  const url = String(sender.url);
  if (url.startsWith(api.runtime.getURL(''))) return { kind: 'page' };
  await ready;
  try {
    const u = new URL(url);
    const region = u.protocol === 'https:' && sender.tab ? regionForHost(u.hostname) : null;
    if (region) return { kind: 'content', region };
  } catch { /* not a URL */ }
  throw userError('forbidden', 'Not a page of the extension or of Seller Central.');
}

function userError(/** @type {string} */ kind, /** @type {string} */ message) {
  return Object.assign(new Error(message), { kind });
}

/** Only the kind and the seller-facing message cross to pages: details could carry request data.
 * @returns {import('./messages').PublicError} */
function publicError(/** @type {unknown} */ e) {
  const x = /** @type {any} */ (e);
  return { kind: typeof x?.kind === 'string' ? x.kind : 'internal', message: String(x?.message ?? e) };
}

/** Who may ask what (messages.d.ts `from`). */
const PAGE_ONLY = new Set(['getSettings', 'saveSettings', 'checkShape', 'testConnection', 'historyAll', 'orderResolution', 'pendingAction', 'confirmAction', 'cancelAction',
  'autopilotStatus', 'autopilotRun', 'autopilotResume']);
const CONTENT_ONLY = new Set(['resolveOrders', 'chooseMarketplace', 'reviewStatus', 'prepareReview', 'prepareBulk', 'messagingOptions', 'prepareMessage']);
/** Sends of earlier versions, asked directly: refused to everyone (a send is confirmed in the
 * extension's confirm frame, issue #12 item 2). */
const SENDS = new Set(['requestReview', 'sendMessage', 'bulkStart']);

async function handle(/** @type {any} */ message, /** @type {chrome.runtime.MessageSender} */ sender) {
  if (SENDS.has(message?.type)) throw userError('forbidden', 'Sends are confirmed in the extension\'s own frame, not asked for by a page.');
  if (!message || typeof message !== 'object' || typeof message.type !== 'string' || !Object.hasOwn(HANDLERS, message.type)) {
    throw userError('badMessage', `Unknown message ${typeof message?.type === 'string' ? message.type.slice(0, 40) : ''}.`);
  }
  const from = await who(sender);
  if (PAGE_ONLY.has(message.type) && from.kind !== 'page') throw userError('forbidden', `${message.type} is only for the extension's own pages.`);
  if (CONTENT_ONLY.has(message.type) && from.kind !== 'content') throw userError('forbidden', `${message.type} is only for Seller Central pages.`);
  await ready;
  const type = /** @type {MessageType} */ (message.type);
  return HANDLERS[type](message, from, sender);
}

/** The region of a content script's page (CONTENT_ONLY messages have one). */
const regionOf = (/** @type {Sender} */ from) => (from.kind === 'content' ? from.region : /** @type {never} */ (null));

/** @type {{ [K in MessageType]: (message: import('./messages').Request<K>, from: Sender, sender: chrome.runtime.MessageSender) => Promise<import('./messages').Response<K>> }} */
const HANDLERS = {
  status: () => status(),
  getSettings: async () => publicSettings(await settings()),
  saveSettings: (m) => saveSettings(m.settings),
  checkShape: async (m) => checkShape(m.field, m.value),
  testConnection: (m) => testConnection(m.region),
  autopilotStatus: () => pilot.status(),
  autopilotRun: async () => {
    await pilot.run({ force: true });
    return pilot.status();
  },
  autopilotResume: async () => {
    await pilot.resume();
    await badge(null);
    await pilot.run({ force: true });
    return pilot.status();
  },
  marketplaces: async () => marketplaces(),
  resolveOrders: (m, from) => book.resolve(regionOf(from), m.orders),
  chooseMarketplace: (m, from) => book.choose(regionOf(from), m.orderId, m.marketplaceId),
  orderResolution: (m) => book.counts(typeof m.host === 'string' ? regionForHost(m.host) : null, m.orders),
  reviewStatus: (m, from) => reviewStatus(regionOf(from), orderId(m), hints(m)),
  prepareReview: (m, from, sender) => prepare(sender, { action: 'review', region: regionOf(from), orderId: orderId(m), hints: hints(m), compact: m.compact === true }),
  prepareMessage: (m, from, sender) => prepareMessage(m, regionOf(from), sender),
  prepareBulk: (m, from, sender) => {
    if (!Array.isArray(m.orders) || m.orders.length === 0 || m.orders.length > 2000) throw userError('badMessage', 'Malformed order list.');
    return prepare(sender, { action: 'bulk', region: regionOf(from), orders: m.orders });
  },
  pendingAction: (m, _, sender) => pendingAction(m.token, sender),
  confirmAction: (m, _, sender) => confirmAction(m.token, sender),
  cancelAction: (m, _, sender) => cancelAction(m.token, sender),
  reviewHistory: (m) => reviewHistory(m.orderIds),
  historyAll: () => history(),
  bulkControl: (m) => {
    if (!['pause', 'resume', 'cancel'].includes(m.action)) throw userError('badMessage', 'Unknown bulk action.');
    return bulk.control(m.action);
  },
  bulkStatus: () => {
    bulk.kick();
    return bulk.status();
  },
  messagingOptions: (m, from) => messagingOptions(regionOf(from), orderId(m), hints(m)),
  checkMessage: (m, from) => checkMessage(m, from),
};

function orderId(/** @type {{ orderId?: unknown }} */ m) {
  if (typeof m.orderId !== 'string' || !ORDER_ID.test(m.orderId)) throw userError('invalidOrderId', 'That is not an Amazon order id.');
  return m.orderId;
}

/** The page's hints for one order, as the order book checks them. @returns {Hint[]} */
function hints(/** @type {{ hints?: unknown }} */ m) {
  return Array.isArray(m.hints) ? m.hints.slice(0, 10) : [];
}

// --- Settings and clients

/** @returns {Promise<StoredSettings>} */
async function settings() {
  /** @type {StoredSettings} */
  const s = (await store.get(SETTINGS)) ?? {};
  // Settings of versions with one refresh token for one region: that region's token.
  if (s.refreshToken && !s.refreshTokens) return { ...s, refreshTokens: { [s.region ?? 'na']: s.refreshToken } };
  return s;
}

const regions = () => new Set(marketplaces().map((m) => m.region));

/** @returns {import('./messages').Settings} */
function publicSettings(/** @type {StoredSettings} */ s) {
  const tokens = /** @type {Record<Region, boolean>} */ (Object.fromEntries([...regions()].map((r) => [r, !!s.refreshTokens?.[r]])));
  return {
    clientId: s.clientId ?? '', hasClientSecret: !!s.clientSecret, hasRefreshToken: Object.values(tokens).some(Boolean), tokens,
    region: s.region ?? 'na', sandbox: !!s.sandbox, schedule: s.schedule ?? { day: 0 }, autopilot: cleanAutopilot(s.autopilot),
  };
}

/** The core's shape check of a pasted credential, as the options page shows it while the seller pastes. */
function checkShape(/** @type {unknown} */ field, /** @type {unknown} */ value) {
  if (!['clientId', 'clientSecret', 'refreshToken'].includes(/** @type {string} */ (field)) || typeof value !== 'string') throw userError('badMessage', 'Malformed check.');
  return { problem: checkCredential(/** @type {'clientId'} */ (field), value.slice(0, 5000)) };
}

/** A pasted value that is not blank must have its shape (the core's rule); the error names the
 * field and the problem (`badShape`, message `field:code`: the options page words it). */
function shaped(/** @type {'clientId' | 'clientSecret' | 'refreshToken'} */ field, /** @type {string} */ value) {
  const problem = value ? checkCredential(field, value) : null;
  if (problem) throw userError('badShape', `${field}:${problem}`);
  return value;
}

/** @returns {import('./messages').AutopilotSettings} */
function cleanAutopilot(/** @type {any} */ v) {
  /** @type {import('./messages').AutopilotSettings['markets']} */
  const markets = {};
  for (const [k, m] of Object.entries(v?.markets ?? {})) {
    if (!MARKETPLACE_ID.test(k) || typeof m !== 'object' || !m) continue;
    const day = Number.isInteger(m.day) && m.day >= 0 && m.day <= 24 ? m.day : 0;
    const cap = Number.isInteger(m.cap) && m.cap >= 1 && m.cap <= 100000 ? m.cap : null;
    markets[k] = { enabled: m.enabled === true, day, cap };
  }
  const retentionDays = Number.isInteger(v?.retentionDays) && v.retentionDays >= 7 && v.retentionDays <= 3650 ? v.retentionDays : 90;
  return { markets, retentionDays };
}

async function saveSettings(/** @type {import('./messages').SettingsInput} */ input) {
  if (!input || typeof input !== 'object') throw userError('badMessage', 'Malformed settings.');
  const current = await settings();
  const text = (/** @type {unknown} */ v, /** @type {number} */ max) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const region = /** @type {Region} */ (regions().has(/** @type {Region} */ (input.region)) ? input.region : 'na');
  // A refresh token per region (one app, one "Authorize app" per region: facts.md "How a seller
  // gets credentials"); the token field names the selected region's. Blank keeps the stored one.
  const refreshTokens = { ...current.refreshTokens };
  const pasted = shaped('refreshToken', text(input.refreshToken, 2000));
  if (pasted) refreshTokens[region] = pasted;
  for (const r of Array.isArray(input.removeTokens) ? input.removeTokens : []) if (regions().has(/** @type {Region} */ (r))) delete refreshTokens[/** @type {Region} */ (r)];
  /** @type {StoredSettings} */
  const next = {
    clientId: shaped('clientId', text(input.clientId, 200)),
    // Left blank: keep the stored secret (the options page never receives it back).
    clientSecret: shaped('clientSecret', text(input.clientSecret, 500)) || current.clientSecret || '',
    refreshTokens,
    region,
    sandbox: input.sandbox === true,
    schedule: cleanSchedule(input.schedule),
    autopilot: input.autopilot === undefined ? cleanAutopilot(current.autopilot) : cleanAutopilot(input.autopilot),
  };
  await store.set({ [SETTINGS]: next });
  // New credentials: a stopped autopilot goes on (the next pass tells if they work).
  await pilot.resume();
  await badge(null);
  clients.clear();
  // The clients' saved states hold tokens of the old credentials (the core would not use them).
  await store.remove([AUTH, ...[...regions()].map(sessionKey)]);
  return publicSettings(next);
}

/** @returns {import('./messages').Schedule} */
function cleanSchedule(/** @type {any} */ v) {
  /** @type {import('./messages').Schedule} */
  const out = { day: Number.isInteger(v?.day) && v.day >= 0 && v.day <= 24 ? v.day : 0 };
  for (const [k, m] of Object.entries(v ?? {})) if (MARKETPLACE_ID.test(k) && typeof m?.enabled === 'boolean') out[k] = { enabled: m.enabled };
  return out;
}

/** @type {Map<Region, Promise<Client>>} */
const clients = new Map();
const sessionKey = (/** @type {string} */ region) => `session-${region}`;

/** The client of a region's SP-API endpoint, with the seller's credentials. */
async function clientFor(/** @type {Region} */ region) {
  await ready;
  const s = await settings();
  const { clientId, clientSecret } = s;
  const refreshToken = s.refreshTokens?.[region];
  if (!clientId || !clientSecret || !Object.values(s.refreshTokens ?? {}).some(Boolean)) throw userError('notConfigured', 'Enter your SP-API credentials on the options page first.');
  // A region without its refresh token is off: its pages say so instead of failing.
  if (!refreshToken) throw userError('regionOff', `No refresh token for ${REGION_NAMES[region] ?? region}: this region is off. Authorize the app for it in Seller Central and paste its token on the options page.`);
  // One client per region, set before any await: two clients would keep two sets of buckets
  // against Amazon's one (bulk's first sends start together; measured: a 429 per bench run).
  if (!clients.has(region)) {
    const key = sessionKey(region);
    const made = (async () => {
      // A woken worker goes on with the token and the rate-limit buckets its predecessor saved:
      // Amazon's buckets did not refill because ours were forgotten (issue #16).
      const saved = await store.get(key);
      return new Client({
        clientId, clientSecret, refreshToken, region, sandbox: !!s.sandbox,
        state: typeof saved === 'string' ? saved : undefined,
        saveState: (/** @type {string} */ state) => saveSession(key, state),
        logResponse: (/** @type {string} */ _label, /** @type {any} */ r) => learnTime(r?.headers),
      });
    })();
    clients.set(region, made);
    made.catch(() => { if (clients.get(region) === made) clients.delete(region); });
  }
  return /** @type {Promise<Client>} */ (clients.get(region));
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
      return store.set({ ...sessions });
    });
    nextSessionWrite = write;
    sessionWrite = write.catch(() => {});
  }
  return nextSessionWrite;
}

const REGION_NAMES = /** @type {Record<string, string>} */ ({ na: 'North America', eu: 'Europe', fe: 'Far East' });

/**
 * Test connection for one region: a token (the app's client id and secret, the region's refresh
 * token), the marketplaces the seller sells in, and one harmless call per API to see which roles
 * work: the review-request actions and the messaging actions of an order that does not exist, and
 * getOrder of it (404 or 400: the role is there; a 403 access denial: it is missing). A 403 on
 * marketplace participations only means it can't list them (Amazon's role table for the Sellers
 * API differs), never that the credentials are broken.
 * @returns {Promise<import('./messages').ConnectionReport>}
 */
async function testConnection(/** @type {unknown} */ asked) {
  const s = await settings();
  const region = /** @type {Region} */ (regions().has(/** @type {Region} */ (asked)) ? asked : s.region ?? 'na');
  const c = await clientFor(region);
  await c.checkCredentials();
  await noteAuth(null);
  const market = marketplaces().find((m) => m.region === region)?.id ?? 'ATVPDKIKX0DER';
  const fake = '000-0000000-0000000';
  /** How a harmless call went: the role works, is missing, or Amazon failed otherwise. */
  /** @returns {Promise<import('./messages').RoleCheck>} */
  const probe = async (/** @type {() => Promise<unknown>} */ call) => {
    try {
      await call();
      return 'works';
    } catch (e) {
      const kind = /** @type {any} */ (e)?.kind;
      if (kind === 'accessDenied') return 'missing';
      if (['notFound', 'invalidInput'].includes(kind)) return 'works';
      if (kind === 'tokenRejected' || String(kind).startsWith('lwa')) throw e;
      return 'unknown';
    }
  };
  /** @type {string[] | null} */
  let sellsIn = null;
  let participations = /** @type {'works' | 'missing' | 'unknown'} */ ('unknown');
  try {
    const r = await c.read({ operation: 'getMarketplaceParticipations' });
    if (r.type === 'participations') {
      sellsIn = r.participations.filter((p) => p.participating).map((p) => p.name).slice(0, 30);
      participations = 'works';
    }
  } catch (e) {
    if (/** @type {any} */ (e)?.kind === 'accessDenied') participations = 'missing';
    else if (/** @type {any} */ (e)?.kind === 'tokenRejected') throw e;
  }
  const roles = {
    solicitation: await probe(() => c.getActions('solicitations', fake, market)),
    communication: await probe(() => c.getActions('messaging', fake, market)),
    orders: await probe(() => c.read({ operation: 'getOrder', orderId: fake, includedData: ['FULFILLMENT'] })),
  };
  return { region, sellsIn, participations, roles };
}

// --- Orders: what Amazon says of them

const book = orderBook({ store, clientFor, core: { reviewWindow, marketplaces, marketplaceForChannel } });

/** The order's marketplace as the book decides it, or the seller is asked (nothing is sent). */
async function decided(/** @type {Region} */ region, /** @type {string} */ id, /** @type {Hint[]} */ pageHints) {
  const [view] = await book.resolve(region, [{ orderId: id, hints: pageHints }]);
  if (!view?.marketplaceId) {
    const why = view?.apiError ? ` (Amazon's Orders API: ${view.apiError.message})` : '';
    throw userError('needsMarketplace', `Which marketplace is this order in? Neither Amazon nor the page says${why}: choose it first.`);
  }
  return /** @type {OrderView & { marketplaceId: string }} */ (view);
}

// --- History

/** @returns {Promise<Record<string, HistoryEntry>>} */
async function history() {
  return (await store.get(HISTORY)) ?? {};
}

// History writes read, change and write the whole map: one at a time, or concurrent sends (the bulk
// queue has several in flight) would overwrite each other's records.
let historyWrites = Promise.resolve();

/** Changes one order's entry: `entry` is merged in, or, as a function, makes the new entry from the old.
 * @param {string} id @param {HistoryEntry | ((old: HistoryEntry) => HistoryEntry)} entry */
function record(id, entry) {
  const write = historyWrites.then(async () => {
    const h = await history();
    const old = h[id] ?? {};
    h[id] = typeof entry === 'function' ? entry(old) : { ...old, ...entry };
    await store.set({ [HISTORY]: h });
    return h[id];
  });
  historyWrites = write.then(() => {}, () => {});
  return write;
}

/** What the history knows of these orders (for the list's badges); nothing is fetched. */
async function reviewHistory(/** @type {unknown} */ orderIds) {
  if (!Array.isArray(orderIds) || orderIds.length > 500 || !orderIds.every((id) => typeof id === 'string' && ORDER_ID.test(id))) {
    throw userError('badMessage', 'Malformed order list.');
  }
  const h = await history();
  return Object.fromEntries(orderIds.filter((id) => h[id]).map((id) => [id, { review: h[id].review, at: h[id].at }]));
}

// --- Review requests

/** Whether a review can be requested now. An order the Orders API shows as not shipped or canceled
 * is not offered (nothing is asked of Solicitations); otherwise Amazon's actions say. @returns {Promise<import('./messages').ReviewState>} */
async function reviewStatus(/** @type {Region} */ region, /** @type {string} */ id, /** @type {Hint[]} */ pageHints) {
  const past = (await history())[id];
  const [order] = await book.resolve(region, [{ orderId: id, hints: pageHints }]);
  if (past?.review === 'requested') return { state: 'requested', at: past.at, order };
  if (!order.marketplaceId) return { state: 'needsMarketplace', order };
  if (order.window?.state === 'notShipped') return { state: 'notOffered', order };
  const actions = await (await clientFor(region)).getActions('solicitations', id, order.marketplaceId);
  const offered = actions.actions.some((a) => a.name === 'productReviewAndSellerFeedback');
  return { state: offered ? 'offered' : 'notOffered', order };
}

/** @returns {Promise<import('./messages').ReviewState>} */
async function requestReview(/** @type {Region} */ region, /** @type {string} */ id, /** @type {Hint[]} */ pageHints) {
  const past = (await history())[id];
  // The history blocks a second send even if Amazon would accept it.
  if (past?.review === 'requested') return { state: 'requested', at: past.at };
  const order = await decided(region, id, pageHints);
  // A request whose create may have left when the worker stopped goes on from its saved state:
  // the core verifies it rather than sending it again.
  const pending = typeof past?.flow === 'string' ? past.flow : null;
  await record(id, { review: 'sending', marketplaceId: order.marketplaceId, at: new Date().toISOString() });
  // Stored before the create leaves (the core asks, and waits).
  const onSave = (/** @type {string} */ flow) => record(id, { flow });
  try {
    const r = await (await clientFor(region)).requestReview(id, order.marketplaceId, { state: pending, onSave });
    await noteAuth(null);
    const state = r.status === 'requested' ? 'requested' : 'notOffered';
    const at = new Date().toISOString();
    await record(id, (old) => ({ ...old, flow: undefined, review: state, at, requestId: r.requestId, explanation: r.explanation }));
    return { state, at, explanation: r.explanation, verified: r.verified, order };
  } catch (e) {
    // An unknown outcome keeps its state: the next request verifies it first.
    await record(id, (old) => ({ ...old, flow: /** @type {any} */ (e)?.kind === 'outcomeUnknown' ? old.flow : undefined, review: 'failed', error: publicError(e) }));
    throw e;
  }
}

// Whether the credentials still work, as the last call to Amazon showed: the popup warns when they
// stop (seller-central.md: commercial tools' users complain that expiry goes unnoticed).
const AUTH_FAILURES = new Set(['lwaInvalidClient', 'lwaInvalidGrant', 'lwaUnauthorizedClient', 'accessDenied', 'tokenRejected', 'notConfigured', 'credentials']);

async function noteAuth(/** @type {unknown} */ e) {
  if (e === null) return store.set({ [AUTH]: { ok: true, at: new Date().toISOString() } });
  const x = /** @type {any} */ (e);
  if (AUTH_FAILURES.has(x?.kind)) return store.set({ [AUTH]: { ok: false, at: new Date().toISOString(), message: String(x.message) } });
}

/** @returns {Promise<import('./messages').Status>} */
async function status() {
  const s = await settings();
  /** @type {import('./messages').Status['auth']} */
  const auth = (await store.get(AUTH)) ?? null;
  const h = await history();
  const recent = Object.entries(h).sort((a, b) => (b[1].at ?? '').localeCompare(a[1].at ?? '')).slice(0, 5)
    .map(([id, e]) => ({ orderId: id, review: e.review, at: e.at }));
  const ap = await pilot.status();
  return { configured: !!(s.clientId && s.clientSecret && Object.values(s.refreshTokens ?? {}).some(Boolean)), auth, recent, autopilot: { stopped: ap.stopped, on: ap.markets.filter((m) => m.enabled).length } };
}

// --- Buyer messages

const KIND = /^[a-zA-Z]{3,40}$/;

/**
 * The message kinds Amazon offers for this order now, and the buyer's language (GetAttributes) to
 * write in. Each kind's form comes from the schema Amazon embedded, else from the one its
 * `_links.schema` points at (read by the core from the same SP-API host), else from the
 * operation's built-in body rules (issue #10 item 6). @returns {Promise<import('./messages').MessagingOptions>}
 */
async function messagingOptions(/** @type {Region} */ region, /** @type {string} */ id, /** @type {Hint[]} */ pageHints) {
  const order = await decided(region, id, pageHints);
  const c = await clientFor(region);
  const [actions, attributes] = await Promise.all([c.getActions('messaging', id, order.marketplaceId), c.getAttributes(id, order.marketplaceId)]);
  const ops = operations();
  const offered = actions.actions.filter((a) => a.operationId && a.name !== 'attributes').slice(0, 20);
  const kinds = await Promise.all(offered.map(async (a) => {
    const linked = !a.schema && a.schemaHref ? await c.getSchema(a.schemaHref).then((r) => r.schema, () => null) : null;
    const schema = a.schema ?? linked;
    /** @type {import('./messages').MessageKind} */
    const kind = { name: a.name, schema, schemaSource: a.schema ? 'embedded' : linked ? 'link' : 'builtIn', body: ops.find((o) => o.operationId === a.operationId)?.body ?? null };
    return kind;
  }));
  for (const k of kinds) remember(id, k.name, k.schema);
  return { kinds, locale: attributes.locale, order, maxAttachments: rules().maxAttachments };
}

// The schemas Amazon gave for an order's message kinds, as this background read them
// (messagingOptions): the live check uses these, never a schema a page sends (issue #12 item 3).
// The send itself is checked by the core against the actions it reads again.
/** @type {Map<string, Record<string, unknown> | null>} */
const schemas = new Map();
const MAX_SCHEMAS = 200;
function remember(/** @type {string} */ id, /** @type {string} */ kind, /** @type {Record<string, unknown> | null} */ schema) {
  const key = `${id} ${kind}`;
  schemas.delete(key);
  schemas.set(key, schema);
  // The oldest go first: a seller composes a few messages at a time.
  for (const k of schemas.keys()) {
    if (schemas.size <= MAX_SCHEMAS) break;
    schemas.delete(k);
  }
}

/** The schema of `kind` for this order from the background's own read of Amazon (read again when a
 * restarted worker forgot it, if the asker is a Seller Central page, whose region says where). */
async function schemaFor(/** @type {Sender} */ from, /** @type {string} */ id, /** @type {string} */ kind, /** @type {Hint[]} */ pageHints) {
  const key = `${id} ${kind}`;
  if (!schemas.has(key) && from.kind === 'content') await messagingOptions(from.region, id, pageHints);
  return schemas.get(key) ?? null;
}

/** The core's live check of a draft: schema violations and text-policy findings with spans. Each
 * file to attach stands in the body as the core's upload placeholder until it is uploaded. The
 * background's caps come first (limits.js), then the core, with the schema the background read. */
async function checkMessage(/** @type {{ orderId?: unknown, hints?: unknown, kind?: unknown, body?: unknown, fileNames?: unknown }} */ m, /** @type {Sender} */ from) {
  if (typeof m.kind !== 'string' || !KIND.test(m.kind)) throw userError('badMessage', 'Malformed draft.');
  const id = orderId(m);
  const draft = checkedBody(m.body);
  const names = checkedFileNames(m.fileNames, rules().maxAttachments);
  const schema = await schemaFor(from, id, m.kind, hints(m));
  const placeholder = rules().uploadPlaceholderId;
  const body = names.length ? { ...draft, attachments: names.map((fileName) => ({ uploadDestinationId: placeholder, fileName })) } : draft;
  return checkBody(m.kind, body, schema ?? undefined);
}

/** A message to send, checked when it was prepared (prepareMessage). */
/** @typedef {{ kind: string, body: Record<string, unknown>, files: { fileName: string, contentType: string, bytes: Uint8Array }[], confirmLinks: boolean }} CheckedMessage */

/** @returns {Promise<import('./messages').SentMessage>} */
async function sendMessage(/** @type {Region} */ region, /** @type {string} */ id, /** @type {Hint[]} */ pageHints, /** @type {CheckedMessage} */ message) {
  const { kind, body, files, confirmLinks } = message;
  const order = await decided(region, id, pageHints);
  // A message of this kind whose create may have left when the worker stopped goes on from its
  // saved state (verified, never sent again on a guess); whatever it ends with, it is not pending
  // any more: a later Send is the seller's own.
  const slot = `${kind}`;
  const pending = (await history())[id]?.pendingMessages?.[slot];
  const onSave = (/** @type {string} */ flow) => record(id, (old) => ({ ...old, pendingMessages: { ...old.pendingMessages, [slot]: flow } }));
  try {
    const c = await clientFor(region);
    const r = await c.sendMessage(kind, id, order.marketplaceId, body, files, confirmLinks === true, { state: typeof pending === 'string' ? pending : null, onSave });
    const sent = { kind, at: new Date().toISOString(), requestId: r.requestId };
    await record(id, (old) => ({ ...old, messages: [...(old.messages ?? []), sent] }));
    return { status: r.status, kind, requestId: r.requestId };
  } finally {
    await record(id, (old) => {
      const { [slot]: _, ...rest } = old.pendingMessages ?? {};
      return { ...old, pendingMessages: rest };
    });
  }
}

// --- Bulk

/** Scheduling per marketplace (options page): on by default, on the first eligible day. */
async function schedule(/** @type {string} */ marketplaceId) {
  const s = (await settings()).schedule ?? { day: 0 };
  const m = s[marketplaceId];
  const enabled = typeof m === 'object' ? m.enabled !== false : true;
  return { enabled, day: Number.isInteger(s.day) && s.day >= 0 && s.day <= 24 ? s.day : 0 };
}

const bulk = bulkQueue({
  store, ready, clientFor, book, history, record, userError, schedule, queueReview,
  authFailed: (message) => {
    noteAuth({ kind: 'credentials', message });
    return pilot.credentialsFailed(message);
  },
});

// --- Amazon's time, and the autopilot

// How far Amazon's clock is ahead of this machine's, from the `Date` of its answers (RFC 9110: an
// origin server sends it; 1-second resolution). The review window is Amazon's rule on Amazon's
// clock, so the autopilot plans by it; a machine whose clock is off by hours does not send a day
// early. Tests move sp-sandbox's clock (Amazon's), nothing in the extension.
let skew = 0;
const skewLoaded = store.get(CLOCK).then((v) => { if (Number.isFinite(v)) skew = v; }, () => {});
const amazonNow = () => Date.now() + skew;
function learnTime(/** @type {unknown} */ headers) {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  const date = pairs.find((h) => Array.isArray(h) && String(h[0]).toLowerCase() === 'date')?.[1];
  const t = typeof date === 'string' ? Date.parse(date) : NaN;
  if (!Number.isFinite(t)) return;
  // Mid-second: the header drops the milliseconds. Changes under 2 s are the header's resolution.
  const next = t + 500 - Date.now();
  if (Math.abs(next - skew) < 2000) return;
  skew = next;
  return store.set({ [CLOCK]: skew });
}

/** The toolbar's warning: set when the autopilot stopped, cleared when it goes on. */
async function badge(/** @type {{ message: string } | null} */ stopped) {
  try {
    await api.action.setBadgeText({ text: stopped ? '!' : '' });
    if (stopped) {
      await api.action.setBadgeBackgroundColor({ color: '#b12704' });
      await api.action.setTitle({ title: `SP Outreach: ${api.i18n.getMessage('autopilotStopped') || 'autopilot stopped'} — ${stopped.message}`.slice(0, 300) });
    } else await api.action.setTitle({ title: 'SP Outreach' });
  } catch { /* no toolbar button (tests without one) */ }
}

const pilot = makeAutopilot({
  store, clientFor, bulk, history, settings,
  core: { lookSince, planAutopilot, marketplaces },
  now: amazonNow,
  onStop: (stopped) => badge(stopped),
});
// A worker that was stopped mid-run picks the queue up again when it starts — a second after, so
// that reading the whole queue does not hold up the message that woke the worker (with 5,000 orders
// stored the read took 370 ms, and the message's own reads waited behind it: bench/wake.mjs,
// issue #16) — and an alarm wakes it while a run is unfinished (no tab needed). A bar's bulkStatus
// kicks it at once.
setTimeout(() => {
  bulk.kick();
  // The rate limiters' states of versions before the client's state (session-*) held them.
  store.remove(['limiter-na', 'limiter-eu', 'limiter-fe']);
}, 1000);
api.alarms.create('bulk', { periodInMinutes: 1 });
// The autopilot's pass: at start (a restarted browser or worker goes on) and every 5 minutes; each
// region is searched at most every 30 (autopilot.js LOOK_EVERY).
api.alarms.create('autopilot', { periodInMinutes: 5 });
Promise.all([ready, skewLoaded]).then(() => pilot.run()).catch(() => {});
pilot.status().then((st) => badge(st.stopped)).catch(() => {});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === 'bulk') bulk.kick();
  if (alarm.name === 'autopilot') skewLoaded.then(() => pilot.run()).catch(() => {});
});

// --- Sends confirmed in the extension's own frame (issue #12 item 2)
//
// A content script cannot send: it prepares a send, which is checked here and kept under a random
// token, and shows confirm/confirm.html#token in its page. That frame is an extension page: the
// page around it cannot script it, and a click it synthesizes is not trusted (confirm.js ignores
// it). Only a confirmAction from that frame, in the tab that prepared the send, sends it; the
// outcome goes to the content script that prepared it (tabs.sendMessage, `actionDone`). Prepared
// sends are stored (the worker may sleep while the seller reads) and last PENDING_MS.

/** @typedef {{ action: 'review', region: Region, orderId: string, hints: Hint[], compact: boolean }
 *   | { action: 'message', region: Region, orderId: string, hints: Hint[], message: CheckedMessage }
 *   | { action: 'bulk', region: Region, orders: unknown[] }} Prepared */
/** @typedef {Prepared & { tabId: number, frameId: number, at: number }} Pending */

const PENDING_MS = 30 * 60 * 1000;
const pendingKey = (/** @type {string} */ token) => `pending-${token}`;
const TOKEN = /^[0-9a-f]{32}$/;

async function prepare(/** @type {chrome.runtime.MessageSender} */ sender, /** @type {Prepared} */ p) {
  if (typeof sender.tab?.id !== 'number') throw userError('forbidden', 'Not a page of Seller Central.');
  const token = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  /** @type {Pending} */
  const pending = { ...p, tabId: sender.tab.id, frameId: sender.frameId ?? 0, at: Date.now() };
  await store.set({ [pendingKey(token)]: pending });
  // Sends prepared and never confirmed (the tab was closed): dropped once expired.
  dropExpired().catch(() => {});
  return { token };
}

async function prepareMessage(/** @type {any} */ m, /** @type {Region} */ region, /** @type {chrome.runtime.MessageSender} */ sender) {
  if (typeof m.kind !== 'string' || !KIND.test(m.kind)) throw userError('badMessage', 'Malformed message.');
  // Caps before any core call (limits.js): the body's shape and size, the files' count, type, name
  // and size before one byte is decoded.
  const message = { kind: m.kind, body: checkedBody(m.body), files: decodedFiles(m.files, rules().maxAttachments), confirmLinks: m.confirmLinks === true };
  return prepare(sender, { action: 'message', region, orderId: orderId(m), hints: hints(m), message });
}

async function dropExpired() {
  const old = [];
  for (const k of await store.keys('pending-')) {
    const p = await store.get(k);
    if (!p || typeof p.at !== 'number' || Date.now() - p.at > PENDING_MS) old.push(k);
  }
  if (old.length) await store.remove(old);
}

/** The prepared send of `token`, if it is still valid and the frame asking is in its tab. @returns {Promise<Pending>} */
async function pendingFor(/** @type {unknown} */ token, /** @type {chrome.runtime.MessageSender} */ sender) {
  if (typeof token !== 'string' || !TOKEN.test(token)) throw userError('badMessage', 'Malformed token.');
  /** @type {Pending | undefined} */
  const p = await store.get(pendingKey(token));
  if (!p || Date.now() - p.at > PENDING_MS) throw userError('expired', 'This confirmation has expired: start again.');
  if (sender.tab?.id !== p.tabId) throw userError('forbidden', 'This confirmation belongs to another tab.');
  return p;
}

/** @returns {Promise<import('./messages').PendingAction>} */
async function pendingAction(/** @type {unknown} */ token, /** @type {chrome.runtime.MessageSender} */ sender) {
  const p = await pendingFor(token, sender);
  if (p.action === 'review') return { prompt: 'review', compact: p.compact };
  if (p.action === 'bulk') return { prompt: 'bulk', count: p.orders.length };
  const title = api.i18n.getMessage(`kind_${p.message.kind}`) || p.message.kind;
  // The seller confirms what the background will send, not what the page showed them: a page
  // script could have changed the composer's text before Send.
  const texts = Object.values(p.message.body).filter((v) => typeof v === 'string');
  const draft = [...texts, ...p.message.files.map((f) => `📎 ${f.fileName}`)].join('\n').slice(0, 4000);
  return { prompt: 'message', title, draft };
}

/** @returns {Promise<{ ok: true }>} */
async function confirmAction(/** @type {unknown} */ token, /** @type {chrome.runtime.MessageSender} */ sender) {
  const p = await pendingFor(token, sender);
  // Used once: removed before it runs.
  await store.remove(pendingKey(/** @type {string} */ (token)));
  /** @type {(answer: any) => void} */
  const tell = (answer) => {
    /** @type {import('./messages').ActionDone} */
    const done = /** @type {any} */ ({ type: 'actionDone', token, action: p.action, answer });
    api.tabs.sendMessage(p.tabId, done, { frameId: p.frameId }).catch(() => {});
  };
  try {
    const result = p.action === 'review' ? await requestReview(p.region, p.orderId, p.hints)
      : p.action === 'message' ? await sendMessage(p.region, p.orderId, p.hints, p.message)
        : await bulk.start(p.orders, p.region);
    tell({ ok: true, result });
  } catch (e) {
    noteAuth(e);
    tell({ ok: false, error: publicError(e) });
    throw e;
  }
  return { ok: true };
}

async function cancelAction(/** @type {unknown} */ token, /** @type {chrome.runtime.MessageSender} */ sender) {
  const p = await pendingFor(token, sender);
  await store.remove(pendingKey(/** @type {string} */ (token)));
  /** @type {import('./messages').ActionDone} */
  const done = { type: 'actionDone', token: /** @type {string} */ (token), action: 'cancelled' };
  api.tabs.sendMessage(p.tabId, done, { frameId: p.frameId }).catch(() => {});
  return /** @type {{ ok: true }} */ ({ ok: true });
}
