/* tslint:disable */
/* eslint-disable */

/** A response as JS hands it to `parseResponse` (and as loggers receive it). */
export interface HttpResponse { status: number; headers?: [string, string][]; body?: string }
export interface Endpoint { region: Region; sandbox?: boolean; baseUrl?: string | null }
export interface Call {
    /** operationId or message kind, e.g. "createConfirmDeliveryDetails" or "confirmDeliveryDetails" */
    operation: string;
    orderId: string;
    /** exactly one */
    marketplaceIds: string[];
    body?: unknown;
    /** the JSON Schema the API returned for the action (`_embedded.schema`) */
    schema?: unknown;
    /** the seller confirmed the links in the text relate to this message */
    confirmLinks?: boolean;
}
export type Rule =
| "empty" | "tooLong" | "html" | "email" | "phone" | "link"
| "positiveReview" | "reviewGating" | "reviewIncentive" | "reviewChange";
/**
 * start/end are UTF-16 offsets: `text.slice(start, end)` is the offending part, from the first
 * triggering word to the last; `words` are each triggering word's span. `message` is English;
 * a UI shows its own `finding_<rule>` text with `excerpt` (the original text, ≤ 60 characters).
 */
export interface Finding {
    rule: Rule; severity: "error" | "confirm"; start: number; end: number; message: string;
    excerpt: string; words: [number, number][];
}
/** Every error thrown by this module. `kind` is stable; `details` carries the typed error. */
export interface CoreError extends Error {
    name: "SpOutreachError";
    kind: string;
    /** "build" (nothing was sent), "api" (Amazon answered), "lwa", "network", "timeout", "outcome" */
    source: "build" | "api" | "lwa" | "network" | "timeout" | "outcome";
    details: unknown;
}
export interface ClientConfig {
    clientId: string; clientSecret: string; refreshToken: string;
    region: Region; sandbox?: boolean;
    /** explicit SP-API base URL for local testing (uploads may then go to its origin too) */
    baseUrl?: string;
    /** explicit Login with Amazon base URL for local testing (the path /auth/o2/token is added) */
    lwaUrl?: string;
    /** kept between 100 ms and 2 minutes; 30 s when not given */
    timeoutMs?: number;
    /** a previous client's `state()` (access token, rate-limit buckets), to go on where it was */
    state?: string;
    /** stores the client's state; called, and awaited, before every request */
    saveState?: (state: string) => unknown;
    onRetry?: (info: RetryInfo) => void;
    /** loggers never receive a secret: the access token's header and the token request's and answer's bodies are hidden */
    logRequest?: (operation: string, request: HttpRequest) => void;
    logResponse?: (operation: string, response: HttpResponse) => void;
    logError?: (operation: string, error: CoreError) => void;
}
export interface FileUpload { fileName: string; contentType: string; bytes: Uint8Array }
/** A run that goes on from a stored state, and stores the state when a create is about to leave. */
export interface RunOptions { state?: string | null; onSave?: (state: string) => unknown }



/** What `buildRequest` builds: an order's Messaging/Solicitations call, or an Orders or Sellers read. */
export type ApiCall = Call | GetOrderCall | SearchOrdersCall | { operation: "getMarketplaceParticipations" };
export type IncludedData = "BUYER" | "RECIPIENT" | "PROCEEDS" | "EXPENSE" | "PROMOTION" | "CANCELLATION" | "FULFILLMENT" | "PACKAGES" | "TAX" | "PAYMENT" | "FULFILLMENT_ORDERS";
export type FulfillmentStatus = "PENDING_AVAILABILITY" | "PENDING" | "UNSHIPPED" | "PARTIALLY_SHIPPED" | "SHIPPED" | "CANCELLED" | "UNFULFILLABLE";
/** Orders 2026-01-01 getOrder. Ask for FULFILLMENT (and PACKAGES): without it an order has no status or delivery window. */
export interface GetOrderCall { operation: "getOrder"; orderId: string; includedData?: IncludedData[] }
/** Orders 2026-01-01 searchOrders: exactly one of createdAfter / lastUpdatedAfter; dates as RFC 3339 text. */
export interface SearchOrdersCall {
    operation: "searchOrders";
    createdAfter?: string; createdBefore?: string; lastUpdatedAfter?: string; lastUpdatedBefore?: string;
    fulfillmentStatuses?: FulfillmentStatus[];
    /** at most 50, all of the endpoint's region */
    marketplaceIds?: string[];
    fulfilledBy?: ("MERCHANT" | "AMAZON")[];
    /** 1 to 100 (Amazon's default: 100) */
    maxResultsPerPage?: number;
    /** `nextToken` of the previous page */
    paginationToken?: string;
    includedData?: IncludedData[];
}
/** Times are milliseconds since the Unix epoch. */
export interface DateRange { earliest: number | null; latest: number | null }
export interface Package { packageReferenceId: string; status: string | null; detailedStatus: string | null; shippedAt: number | null }
export interface Order {
    orderId: string;
    /** "AMAZON" or "NON_AMAZON" */
    salesChannel: string;
    /** the marketplace every call about this order must name */
    marketplaceId: string | null;
    marketplaceName: string | null;
    purchasedAt: number;
    lastUpdatedAt: number;
    /** null without includedData FULFILLMENT; a status the model does not list comes as Amazon wrote it */
    fulfillmentStatus: FulfillmentStatus | (string & {}) | null;
    fulfilledBy: "AMAZON" | "MERCHANT" | (string & {}) | null;
    /** the promised delivery dates the review window counts from */
    deliverBy: DateRange | null;
    /** with includedData PACKAGES (merchant-fulfilled orders only) */
    packages: Package[] | null;
}
export interface Participation {
    marketplaceId: string; countryCode: string; name: string; domainName: string | null; storeName: string | null;
    /** null for a marketplace id the core does not know */
    region: Region | null;
    participating: boolean; suspendedListings: boolean;
}
export type WindowState = "notYet" | "open" | "closed" | "notShipped" | "unknown";
/** `opensAt` / `closesAt` in ms ("opens around …", "closed since …"), null when the delivery dates are unknown. */
export interface ReviewWindow { state: WindowState; opensAt: number | null; closesAt: number | null }
/** The autopilot's decision for one order (issue #14): hand it to the queue at `at` (ms), skip it for good, or wait for a later look. */
export type AutopilotPlan = { plan: "send"; at: number } | { plan: "skip" | "wait"; reason: string };
/** An order as the autopilot plans it, from its Orders API read. */
export interface AutopilotOrder { status: string | null; earliest: number | null; latest: number | null }
/** A marketplace's autopilot setting: the day within the window (0: the first eligible day) and an optional daily cap. */
export interface AutopilotSetting { day: number; cap: number | null }
export interface CoreRules {
    /** the uploadDestinationId an attachment carries while the body is checked before its upload */
    uploadPlaceholderId: string;
    reviewWindowOpensAfterDays: number;
    reviewWindowClosesAfterDays: number;
    maxAttachments: number;
}


// Generated from the Rust types by src/typescript.rs (cargo test): do not edit.
export type Region = "na" | "eu" | "fe";
export type Api = "messaging" | "solicitations" | "uploads" | "orders" | "sellers";
export type Method = "GET" | "POST" | "PUT";
export type HttpRequest = { method: Method, url: string, headers: Array<[string, string]>, body: string | null, };
export type Violation = { path: string, keyword: string, message: string, };
export type Report = { violations: Array<Violation>, findings: Finding[], };
export type Action = { name: string, operationId: string | null, href: string, title: string | null, schema: Record<string, unknown> | null, schemaHref: string | null, };
export type Actions = { selfHref: string | null, actions: Array<Action>, };
export type Rate = { perSecond: number, burst: number, };
export type BodySpec = { textMax: number | null, attachmentsMin: number | null, coverageDates: boolean, };
export type OperationInfo = { operationId: string, action: string, api: Api, method: Method, path: string, body: BodySpec | null, rate: Rate, role: string, legacy: boolean, creates: boolean, };
export type MarketplaceInfo = { id: string, country: string, region: Region, name: string, };
export type UploadDestination = { uploadDestinationId: string, url: string, headers: Array<[string, string]>, };
export type Success = { "type": "actions" } & Actions | { "type": "attributes", locale: string | null, } | { "type": "created" } | { "type": "uploadDestination" } & UploadDestination | { "type": "order", order: Order, } | { "type": "orders", orders: Order[], nextToken: string | null, } | { "type": "participations", participations: Participation[], } | { "type": "schema", schema: Record<string, unknown>, };
export type RetryInfo = { operation: string, attempt: number, waitMs: number, reason: string, };
export type ReviewResult = { status: "requested" | "notEligible", orderId: string, reason: string | null, requestId: string | null, verified: boolean, explanation: string, };
export type MessageResult = { status: "sent", kind: string, orderId: string, requestId: string | null, verified: boolean, attachments: { uploadDestinationId: string; fileName: string }[], };
export type OrderStage = "queued" | "checking" | "sending" | "verifying" | "sent" | "skipped" | "scheduled" | "unknown";
export type QueuedReviewState = { state: string, orderId: string, stage: OrderStage, reason: string | null, due: number | null, requestId: string | null, verified: boolean, explanation: string | null, attempts: number, };



/**
 * Runs SP-API flows with the seller's credentials. The credentials and tokens never leave it.
 */
export class Client {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Fetch an access token now: checks the credentials work (the options page's Test connection).
     */
    checkCredentials(): Promise<null>;
    /**
     * The actions Amazon offers for an order: `api` is "messaging" or "solicitations".
     */
    getActions(api: "messaging" | "solicitations", order_id: string, marketplace_id: string): Promise<Actions & { type: "actions" }>;
    /**
     * The buyer's language (GetAttributes): write messages in it.
     */
    getAttributes(order_id: string, marketplace_id: string): Promise<{ type: "attributes"; locale: string | null }>;
    /**
     * An action's JSON Schema from its `schemaHref` (an answer that links the schema without
     * embedding it), read from the client's own SP-API host: a link to any other host, or any
     * path but a Messaging or Solicitations schema, is refused before a token could go there.
     */
    getSchema(href: string): Promise<{ type: "schema"; schema: Record<string, unknown> }>;
    constructor(config: ClientConfig);
    /**
     * A read of the Orders or Sellers API — `getOrder`, `searchOrders` or
     * `getMarketplaceParticipations`, the calls `buildRequest` takes — with the client's token,
     * rate limits and retries: an order's marketplace, status and delivery window (issue #10).
     */
    read(call: GetOrderCall | SearchOrdersCall | { operation: "getMarketplaceParticipations" }): Promise<Success>;
    /**
     * Request a product review and seller feedback, exactly once: checks the actions first, and
     * settles an unknown outcome by reading them again, never by resending blindly. With
     * `options.state` it goes on from a state `options.onSave` stored before a create left.
     */
    requestReview(order_id: string, marketplace_id: string, options?: RunOptions | null): Promise<ReviewResult>;
    /**
     * Run one order of the bulk queue from its saved state (`queueReview` makes the first) until
     * it rests: sent, skipped, scheduled or unknown. `onSave` stores the state before a create.
     */
    runQueuedReview(state: string, on_save: (state: string) => unknown): Promise<QueuedReviewState>;
    /**
     * Send a message of `kind` (e.g. "confirmDeliveryDetails"), uploading `files` first through
     * the Uploads API. The body is checked against the built-in rules, the action's schema and the
     * text policy before anything is sent. With `options.state` it goes on from a stored state.
     */
    sendMessage(kind: string, order_id: string, marketplace_id: string, body: Record<string, unknown>, files?: FileUpload[] | null, confirm_links?: boolean | null, options?: RunOptions | null): Promise<MessageResult>;
}

/**
 * One flow being run by the driver.
 */
export class Run {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The answer to the last send, as fetch gave it: `{status, type, headers, body}`, or
     * `{failure: "noAnswer" | "broken" | "timeout"}`. A redirect (never followed) and a body
     * over the cap are failures. Returns the response for a logger, redacted, when logging.
     */
    answer(answer: any, now: number): any;
    /**
     * The next step: `{step: "send", label, request, file, timeoutMs, clientState, state, log}`,
     * `{step: "wait", ms, retry}` or `{step: "done", result}`; a flow that failed throws its error.
     */
    step(now: number): any;
}

/**
 * Build the request for one call: method, URL, headers and body — or throw a CoreError and build nothing.
 */
export function buildRequest(call: ApiCall, endpoint: Endpoint, access_token: string): HttpRequest;

/**
 * Check a message body against the operation's rules, the API's schema (when given) and the text
 * policy, for live feedback as the seller types.
 */
export function checkBody(operation: string, body: unknown, schema: unknown): Report & { valid: boolean; needsLinkConfirmation: boolean };

/**
 * What is wrong with a pasted credential (`field`: "clientId", "clientSecret" or "refreshToken"),
 * as a code the options page words (`shape_<code>`), or null when its shape is right.
 */
export function checkCredential(field: "clientId" | "clientSecret" | "refreshToken", value: string): string | null;

/**
 * Base64 of the MD5 digest of `bytes`: the Uploads API's contentMD5. At most 10 MB, the most an
 * attachment can be (crate::caps).
 */
export function contentMd5(bytes: Uint8Array): string;

/**
 * Text-policy findings for a message text, with UTF-16 spans.
 */
export function lintText(text: string): Finding[];

/**
 * Where the autopilot's next `searchOrders` starts (`lastUpdatedAfter`, ms): the first time 35
 * days back, then a little before the previous look.
 */
export function lookSince(lastLookMs: number | null | undefined, nowMs: number): number;

/**
 * The id of the marketplace a sales-channel text names ("Amazon.ca" → "A2EUQ1WTGCTBG2"), or
 * null. A page hint, for when the Orders API can't say: never a default to send with.
 */
export function marketplaceForChannel(channel: string): string | null;

/**
 * The 23 marketplaces and their regions.
 */
export function marketplaces(): MarketplaceInfo[];

/**
 * The operation catalogue.
 */
export function operations(): OperationInfo[];

/**
 * Parse a Messaging or Solicitations actions document.
 */
export function parseActions(api: "messaging" | "solicitations", body: string): Actions;

/**
 * Parse any response of `operation`: the typed success, or throw a CoreError carrying Amazon's
 * error, request id, rate limit, retryability and a plain explanation.
 */
export function parseResponse(operation: string, response: HttpResponse): Success;

/**
 * The autopilot's rule for one order found by its search: canceled never, shipped ones on the
 * seller's day of the review window or the next day under the daily cap. `fullDays`: the UTC
 * days (ms at 00:00) already at the cap in the order's marketplace.
 */
export function planAutopilot(order: AutopilotOrder, setting: AutopilotSetting, fullDays: number[], nowMs: number): AutopilotPlan;

/**
 * An order joins the bulk queue: its first state, for `Client.runQueuedReview`. `earliest` and
 * `latest` (its delivery dates, ms) give the review window when known; `scheduleDay` is the day
 * of the window to send on when orders wait for their window (the marketplace's scheduling is
 * on), `null` when they do not.
 */
export function queueReview(order_id: string, marketplace_id: string, earliest: number | null | undefined, latest: number | null | undefined, schedule_day: number | null | undefined, now: number): QueuedReviewState;

/**
 * The region of a Seller Central host name (`location.hostname`), or null for any other host.
 */
export function regionForHost(host: string): Region | null;

/**
 * Where an order stands in Amazon's review window at `nowMs`: from 5 days after the earliest to
 * 30 days after the latest delivery date, shipped orders only (facts.md "Business rules"). Give
 * an `Order`'s `fulfillmentStatus`, `deliverBy.earliest` and `deliverBy.latest`.
 */
export function reviewWindow(fulfillmentStatus: string | null | undefined, earliestDelivery: number | null | undefined, latestDelivery: number | null | undefined, nowMs: number): ReviewWindow;

/**
 * The constants the shell shares with the core.
 */
export function rules(): CoreRules;

/**
 * The core's version, as in its user-agent.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput { readonly memory: WebAssembly.Memory }

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
