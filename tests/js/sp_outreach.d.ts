/* tslint:disable */
/* eslint-disable */

export type Region = "na" | "eu" | "fe";
export type HttpMethod = "GET" | "POST" | "PUT";
export interface HttpRequest { method: HttpMethod; url: string; headers: [string, string][]; body: string | null }
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
export interface Violation { path: string; keyword: string; message: string }
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
export interface Report { violations: Violation[]; findings: Finding[]; valid: boolean; needsLinkConfirmation: boolean }
export interface Action { name: string; operationId: string | null; href: string; title: string | null; schema: Record<string, unknown> | null }
export interface Actions { selfHref: string | null; actions: Action[] }
export interface BodySpec { textMax: number | null; attachmentsMin: number | null; coverageDates: boolean }
export interface OperationInfo {
    operationId: string; action: string; api: "messaging" | "solicitations" | "uploads"; method: HttpMethod; path: string;
    body: BodySpec | null; rate: { perSecond: number; burst: number }; legacy: boolean; creates: boolean;
}
export interface MarketplaceInfo { id: string; country: string; region: Region }
export interface UploadDestination { uploadDestinationId: string; url: string; headers: [string, string][] }
export type Success =
| ({ type: "actions" } & Actions)
| { type: "attributes"; locale: string | null }
| { type: "created" }
| ({ type: "uploadDestination" } & UploadDestination);
/** Every error thrown by this module. `kind` is stable; `details` carries the typed error. */
export interface CoreError extends Error {
    name: "SpOutreachError";
    kind: string;
    /** "build" (nothing was sent), "api" (Amazon answered), "lwa", "network", "timeout", "outcome" */
    source: "build" | "api" | "lwa" | "network" | "timeout" | "outcome";
    details: unknown;
}
export interface RetryInfo { operation: string; attempt: number; waitMs: number; reason: string }
export interface ClientConfig {
    clientId: string; clientSecret: string; refreshToken: string;
    region: Region; sandbox?: boolean;
    /** explicit SP-API base URL for local testing */
    baseUrl?: string;
    /** explicit Login with Amazon base URL for local testing (the path /auth/o2/token is added) */
    lwaUrl?: string;
    timeoutMs?: number;
    /** a previous client's `limiterState()`, to go on with its rate-limit buckets */
    limiterState?: string;
    /** requests that may have left after that state was saved: a token less per bucket for each */
    limiterInFlight?: number;
    onRetry?: (info: RetryInfo) => void;
    /** loggers receive requests and responses with the access token, refresh token and client secret redacted */
    logRequest?: (operation: string, request: HttpRequest) => void;
    logResponse?: (operation: string, response: HttpResponse) => void;
    logError?: (operation: string, error: CoreError) => void;
}
export interface FileUpload { fileName: string; contentType: string; bytes: Uint8Array }
export interface ReviewResult {
    status: "requested" | "notEligible";
    orderId: string;
    /** why not, when notEligible: "notOffered" or Amazon's refusal kind */
    reason: string | null;
    requestId: string | null;
    /** the outcome was unknown after the send and was settled by reading the actions again */
    verified: boolean;
    explanation: string;
}
export interface MessageResult { status: "sent"; kind: string; orderId: string; requestId: string | null; verified: boolean; attachments: { uploadDestinationId: string; fileName: string }[] }



/**
 * Runs SP-API flows with the seller's credentials. The credentials and tokens never leave it.
 */
export class Client {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Fetch an access token now: checks the credentials work (the options page's Test connection).
     */
    checkCredentials(): Promise<void>;
    /**
     * The actions Amazon offers for an order: `api` is "messaging" or "solicitations".
     */
    getActions(api: "messaging" | "solicitations", order_id: string, marketplace_id: string): Promise<Actions>;
    /**
     * The buyer's language (GetAttributes): write messages in it.
     */
    getAttributes(order_id: string, marketplace_id: string): Promise<{ locale: string | null }>;
    /**
     * The rate limiter's buckets, as JSON text for `limiterState` of a client made later (after a
     * service worker restart): Amazon's buckets don't refill because ours were forgotten.
     */
    limiterState(): string;
    constructor(config: ClientConfig);
    /**
     * Request a product review and seller feedback, exactly once: checks the actions first, and
     * settles an unknown outcome by reading them again, never by resending blindly.
     */
    requestReview(order_id: string, marketplace_id: string): Promise<ReviewResult>;
    /**
     * Send a message of `kind` (e.g. "confirmDeliveryDetails"), uploading `files` first through
     * the Uploads API. The body is checked against the built-in rules, the action's schema and the
     * text policy before anything is sent.
     */
    sendMessage(kind: string, order_id: string, marketplace_id: string, body: Record<string, unknown>, files?: FileUpload[] | null, confirm_links?: boolean | null): Promise<MessageResult>;
}

/**
 * Build the request for one call: method, URL, headers and body — or throw a CoreError and build nothing.
 */
export function buildRequest(call: Call, endpoint: Endpoint, access_token: string): HttpRequest;

/**
 * Check a message body against the operation's rules, the API's schema (when given) and the text
 * policy, for live feedback as the seller types.
 */
export function checkBody(operation: string, body: unknown, schema: unknown): Report;

/**
 * Base64 of the MD5 digest of `bytes`: the Uploads API's contentMD5.
 */
export function contentMd5(bytes: Uint8Array | number[]): string;

/**
 * Text-policy findings for a message text, with UTF-16 spans.
 */
export function lintText(text: string): Finding[];

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
