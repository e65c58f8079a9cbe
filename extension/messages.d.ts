// Every message the background answers, in one union: what each `type` takes and what it answers.
// The background's handlers, the content scripts' `SPO.ui.ask` and the pages' `ask` are typed by it
// (tsc --checkJs, strict: tests/js/extension.tsconfig.json). Not shipped (scripts/build-extension.mjs).
import type { BodySpec, DateRange, MarketplaceInfo, Region, Report, ReviewWindow } from './core/sp_outreach.js';

/** A marketplace hint from the page (content/selectors.js `marketplaceHints`), raw: the id in
 * Amazon's own Request-a-Review link, or the sales-channel value ("Amazon.ca"). */
export type Hint = { marketplaceId: string; source: 'reviewLink' } | { channel: string; source: 'salesChannel' };

/** An order as a page names it: the id, the page's marketplace hints, and the purchase day it shows
 * (UTC midnight, ms; the date range a search covers). */
export interface NamedOrder {
  orderId: string;
  hints?: Hint[];
  purchasedAt?: number | null;
}

/** What the page's classes say of a list row (never its text): the API has no refund or return
 * field, so those two come only from here. */
export interface PageFlags {
  refunded?: boolean;
  returned?: boolean;
  canceled?: boolean;
  unshipped?: boolean;
}

/** Where an order's marketplace came from: Amazon's Orders API; when it could not say, the page's
 * hints in their order; then the seller's own choice. */
export type MarketplaceSource = 'api' | 'reviewLink' | 'salesChannel' | 'chosen';

export interface PublicError {
  kind: string;
  message: string;
}

/** An order as the background knows it (orders.js): every decision shown on a page uses this. */
export interface OrderView {
  orderId: string;
  /** null: nobody knows yet, and nothing is sent until the seller picks one of `choices` */
  marketplaceId: string | null;
  source: MarketplaceSource | null;
  /** the Orders API's fulfillment status; null when it could not say */
  status: string | null;
  /** the core's review window for the API's status and delivery dates; null without the API */
  window: ReviewWindow | null;
  /** the API's deliver-by window (ms), which the review window counts from */
  deliverBy: DateRange | null;
  /** when Amazon's Orders API was read for this order (ms) */
  readAt: number | null;
  /** why the Orders API could not say, when it could not */
  apiError: PublicError | null;
  /** the marketplaces of the page's region, for the seller to pick from when none is known */
  choices: MarketplaceInfo[];
}

/** How many of a page's orders Amazon resolved (the popup's page check). */
export interface Resolution {
  region: Region | null;
  named: number;
  /** marketplace, status and window from the Orders API */
  resolved: number;
  /** being read now */
  resolving: number;
  /** the API could not say: the marketplace from the page's hints or the seller's choice */
  fromPage: number;
  /** no marketplace known */
  unknown: number;
}

export interface ReviewState {
  state: 'requested' | 'offered' | 'notOffered' | 'needsMarketplace';
  at?: string;
  explanation?: string;
  verified?: boolean;
  order?: OrderView;
}

export interface MessageKind {
  /** the action's name, e.g. "confirmDeliveryDetails"; shown by its title from _locales (`kind_<name>`) */
  name: string;
  /** the payload schema Amazon gave (embedded, or read from its link); null: the built-in rules */
  schema: Record<string, unknown> | null;
  schemaSource: 'embedded' | 'link' | 'builtIn';
  /** the operation's built-in body rules (the core's catalogue) */
  body: BodySpec | null;
}

export interface MessagingOptions {
  kinds: MessageKind[];
  locale: string | null;
  order: OrderView;
  /** the most attachments a message takes (the core's rules) */
  maxAttachments: number;
}

export interface SentMessage {
  status: 'sent';
  kind: string;
  requestId: string | null;
}

export interface Settings {
  clientId: string;
  hasClientSecret: boolean;
  /** a refresh token is stored for at least one region */
  hasRefreshToken: boolean;
  /** which regions have a refresh token (one "Authorize app" per region); a region without one is off */
  tokens: Record<Region, boolean>;
  /** the region the options page's token field and Test connection are for */
  region: Region;
  sandbox: boolean;
  schedule: Schedule;
  autopilot: AutopilotSettings;
}

/** Autopilot per marketplace (off until the seller turns it on): the day within the review window to
 * send on (0: the first eligible day), an optional daily cap; and how long finished orders are kept. */
export interface AutopilotSettings {
  markets: Record<string, { enabled: boolean; day: number; cap: number | null }>;
  retentionDays: number;
}

export type AutopilotState = 'waiting' | 'planned' | 'queued' | 'sent' | 'skipped' | 'unknown' | 'failed';

/** One order the autopilot found (stored per order: `ap-<orderId>`). */
export interface AutopilotRecord {
  orderId: string;
  region: Region;
  marketplaceId: string;
  state: AutopilotState;
  /** why skipped or waiting (the core's plan, or the queue's reason) */
  reason: string | null;
  /** when it goes to the queue (ms, Amazon's time), when planned */
  due: number | null;
  /** when the state was set (ms, Amazon's time) */
  at: number;
  status: string | null;
}

export interface AutopilotMarket {
  marketplaceId: string;
  name: string;
  region: Region;
  enabled: boolean;
  day: number;
  cap: number | null;
  /** no refresh token for the marketplace's region: nothing is looked for there */
  regionOff: boolean;
  sent: number;
  skipped: number;
  unknown: number;
  failed: number;
  planned: number;
  queued: number;
  waiting: number;
  skippedWhy: Record<string, number>;
  next: { orderId: string; due: number | null }[];
  recent: { orderId: string; state: AutopilotState; reason: string | null; at: number }[];
}

export interface AutopilotStatus {
  /** the autopilot stopped because the credentials stopped working: nothing is looked for or sent until the seller saves them again or resumes */
  stopped: { at: number; region: Region | null; kind: string; message: string } | null;
  lastError: { at: number; region: Region; kind: string; message: string } | null;
  lastRun: number | null;
  lastLook: Partial<Record<Region, number>>;
  /** Amazon's time as the background knows it (ms) */
  now: number;
  retentionDays: number;
  /** orders kept in detail (the rest are in the totals) */
  kept: number;
  markets: AutopilotMarket[];
}

export type RoleCheck = 'works' | 'missing' | 'unknown';

/** Test connection's answer for one region: the token worked (else the call rejects). */
export interface ConnectionReport {
  region: Region;
  /** the marketplaces the seller sells in (Sellers API), null when they could not be listed */
  sellsIn: string[] | null;
  participations: RoleCheck;
  roles: { solicitation: RoleCheck; communication: RoleCheck; orders: RoleCheck };
}

/** `{ day, <marketplaceId>: { enabled } }`: the day within the window to send on, and which
 * marketplaces send scheduled requests by themselves. */
export type Schedule = { day: number } & { [marketplaceId: string]: { enabled: boolean } | number };

export interface SettingsInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: string;
  sandbox: boolean;
  schedule: Record<string, unknown>;
  /** regions whose refresh token is removed (the region is then off) */
  removeTokens?: string[];
  autopilot?: AutopilotSettings;
}

export interface HistoryEntry {
  review?: 'sending' | 'requested' | 'notOffered' | 'failed' | 'unknown' | 'settled';
  at?: string;
  marketplaceId?: string;
  requestId?: string | null;
  explanation?: string;
  error?: PublicError;
  flow?: string;
  messages?: { kind: string; at: string; requestId: string | null }[];
  pendingMessages?: Record<string, string>;
}

export interface Status {
  configured: boolean;
  auth: { ok: boolean; at: string; message?: string } | null;
  recent: { orderId: string; review?: string; at?: string }[];
  autopilot: { stopped: AutopilotStatus['stopped']; on: number };
}

export type BulkOrder = NamedOrder & PageFlags;

export interface BulkStatus {
  run?: string;
  state: 'none' | 'running' | 'paused' | 'scheduled' | 'done' | 'cancelled';
  total: number;
  done: number;
  scheduled?: number;
  nextDue?: string | null;
  sent?: number;
  skipped?: number;
  failed?: number;
  secondsLeft?: number | null;
  orders: { orderId: string; stage: string; reason: string | null; due: string | null }[];
}

export interface DraftFile {
  fileName: string;
  contentType: string;
  base64: string;
}

/** Each message type: what it takes (besides `type`) and what it answers. `from` says who may ask:
 * the extension's own pages, its content scripts on Seller Central, or both. */
export interface Messages {
  status: { request: {}; response: Status; from: 'any' };
  getSettings: { request: {}; response: Settings; from: 'page' };
  saveSettings: { request: { settings: SettingsInput }; response: Settings; from: 'page' };
  /** the core's shape check of a pasted credential (null: its shape is right) */
  checkShape: { request: { field: 'clientId' | 'clientSecret' | 'refreshToken'; value: string }; response: { problem: string | null }; from: 'page' };
  testConnection: { request: { region?: Region }; response: ConnectionReport; from: 'page' };
  autopilotStatus: { request: {}; response: AutopilotStatus; from: 'page' };
  /** look now (the dashboard's "Check now"), then the status */
  autopilotRun: { request: {}; response: AutopilotStatus; from: 'page' };
  autopilotResume: { request: {}; response: AutopilotStatus; from: 'page' };
  /** the 23 marketplaces, from the core */
  marketplaces: { request: {}; response: MarketplaceInfo[]; from: 'any' };
  /** the orders a content script's page names, resolved on the region of its host */
  resolveOrders: { request: { orders: NamedOrder[] }; response: OrderView[]; from: 'content' };
  /** the seller's pick when nobody knows an order's marketplace */
  chooseMarketplace: { request: { orderId: string; marketplaceId: string }; response: OrderView; from: 'content' };
  /** how far the background got with a page's orders (the popup's page check) */
  orderResolution: { request: { orders: NamedOrder[]; host: string }; response: Resolution; from: 'page' };
  reviewStatus: { request: { orderId: string; hints?: Hint[] }; response: ReviewState; from: 'content' };
  // Sends (issue #12 item 2): a content script prepares one (the background checks it and keeps it
  // under a random token) and shows the extension's confirm frame (confirm/confirm.html#token); the
  // seller's click there confirms it, and the outcome goes to the content script as `actionDone`.
  // The background takes no send from a content script itself.
  prepareReview: { request: { orderId: string; hints?: Hint[]; compact?: boolean }; response: { token: string }; from: 'content' };
  prepareMessage: {
    request: { orderId: string; hints?: Hint[]; kind: string; body: Record<string, unknown>; files?: DraftFile[]; confirmLinks?: boolean };
    response: { token: string };
    from: 'content';
  };
  prepareBulk: { request: { orders: BulkOrder[] }; response: { token: string }; from: 'content' };
  /** what the confirm frame shows for its token */
  pendingAction: { request: { token: string }; response: PendingAction; from: 'page' };
  /** the seller's click on Send in the confirm frame (in the tab that prepared it) */
  confirmAction: { request: { token: string }; response: { ok: true }; from: 'page' };
  cancelAction: { request: { token: string }; response: { ok: true }; from: 'page' };
  reviewHistory: { request: { orderIds: string[] }; response: Record<string, { review?: string; at?: string }>; from: 'any' };
  historyAll: { request: {}; response: Record<string, HistoryEntry>; from: 'page' };
  bulkControl: { request: { action: 'pause' | 'resume' | 'cancel' }; response: BulkStatus; from: 'any' };
  bulkStatus: { request: {}; response: BulkStatus; from: 'any' };
  messagingOptions: { request: { orderId: string; hints?: Hint[] }; response: MessagingOptions; from: 'content' };
  /** a draft checked as it will be sent: `fileNames` stand for the attachments (the core's upload placeholder) */
  checkMessage: {
    /** the schema is the one the background read for this order and kind (messagingOptions), never the page's */
    request: { orderId: string; hints?: Hint[]; kind: string; body: Record<string, unknown>; fileNames?: string[] };
    response: Report & { valid: boolean; needsLinkConfirmation: boolean };
    from: 'any';
  };
}

export interface PendingAction {
  prompt: 'review' | 'message' | 'bulk';
  /** the message kind's title (message), the number of orders (bulk) */
  title?: string;
  count?: number;
  /** a list row's confirmation: Send and Cancel only */
  compact?: boolean;
  /** a message: what will be sent, as the background holds it (its texts, then its files' names) */
  draft?: string;
}

/** The outcome of a confirmed (or cancelled) send, to the content script that prepared it. */
export type ActionDone =
  | { type: 'actionDone'; token: string; action: 'review'; answer: Answer<'reviewStatus'> }
  | { type: 'actionDone'; token: string; action: 'message'; answer: { ok: true; result: SentMessage } | { ok: false; error: PublicError } }
  | { type: 'actionDone'; token: string; action: 'bulk'; answer: Answer<'bulkStatus'> }
  | { type: 'actionDone'; token: string; action: 'cancelled' };

export type MessageType = keyof Messages;
/** A message as it is sent: its `type` and what that type takes. */
export type Request<K extends MessageType = MessageType> = K extends MessageType ? { type: K } & Messages[K]['request'] : never;
export type Response<K extends MessageType> = Messages[K]['response'];
/** The background's answer to any message. */
export type Answer<K extends MessageType = MessageType> = { ok: true; result: Response<K> } | { ok: false; error: PublicError };

/** What a content script answers to the extension (tabs.sendMessage): its page check. */
export interface ContentMessages {
  pageCheck: { request: {}; response: PageCheck };
}

export interface PageCheck {
  kind: 'details' | 'list' | null;
  host: string;
  orders: number;
  orderIds: string[];
  /** the orders as the page names them, with their hints (for the background's resolution state) */
  named: NamedOrder[];
  ignored: number;
  continuationRows: number;
  anchor: 'preferred' | 'fallback' | null;
  rowAnchors: { preferred: number; fallback: number };
  placed: number;
  ready: boolean;
  summary: string;
}
