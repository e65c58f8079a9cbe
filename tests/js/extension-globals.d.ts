// Globals of the extension's scripts, for `tsc --checkJs` (tests/js/extension.tsconfig.json).
// Firefox exposes the same API as `browser`; the code uses whichever exists.
declare var browser: typeof chrome | undefined;

/** The content scripts' shared namespace (classic scripts in one isolated world). */
declare var SPO: {
  selectors: {
    ORDER_ID: RegExp;
    page(location: Location): { kind: 'details'; orderId: string } | { kind: 'list'; orderId?: undefined } | null;
    region(hostname: string): 'na' | 'eu' | 'fe' | null;
    elements(root: Node | null, budget?: { left: number }): Generator<Element>;
    deepQuery(root: ParentNode | null, selector: string): Element | null;
    deepText(node: Node, budget?: { left: number }): string;
    marketplaceHints(root: ParentNode): SpoHint[];
    statusHints(root: ParentNode): { status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean };
    deliveryHint(root: ParentNode): SpoDelivery | null;
    dates(text: string): number[];
    scanList(doc: Document): { orders: SpoListOrder[]; ignored: { key: string; rows: Element[] }[]; continuationRows: number; rows: number };
    orderRows(doc: Document): SpoListOrder[];
    nextPageLink(doc: Document): HTMLElement | null;
    shownPage(doc: Document): number | null;
    pageNumber(doc: Document, location: Location): number;
    pageLink(doc: Document, n: number): HTMLElement | null;
    ready(doc: Document, page: { kind: string; orderId?: string } | null): boolean;
    detailsOrder(doc: Document, orderId: string): { orderId: string; ready: boolean; hints: SpoHint[]; status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean; delivery: SpoDelivery | null };
    detailsAnchor(doc: Document): SpoAnchor;
    bulkAnchor(doc: Document): SpoAnchor;
    rowAnchor(order: { row: Element }): SpoAnchor;
    check(doc: Document, location: Location): SpoPageCheck;
    marketplaceFromHints(hints: SpoHint[], hostRegion?: string | null): string | null;
  };
  ui: {
    t(key: string, ...subs: string[]): string;
    host(feature: string): { el: HTMLElement; root: ShadowRoot };
    button(label: string, options?: { primary?: boolean }): HTMLButtonElement;
    status(text: string, kind?: string): HTMLSpanElement;
    ask(message: Record<string, unknown>): Promise<any>;
    date(iso: string | undefined): string;
    show(root: ShadowRoot, ...nodes: Node[]): void;
    place(anchor: SpoAnchor, el: HTMLElement): void;
    SETTLE_MS: number;
    mayUseFallback(page: { kind: string; orderId?: string } | null): boolean;
    until<T>(test: () => T | null | false | undefined, ms: number, signal?: AbortSignal): Promise<T | null>;
    reviewError(e: unknown): HTMLSpanElement;
    reviewButton(put: (...nodes: Node[]) => void, request: { orderId: string; marketplaceId: string | null }, options: { primary?: boolean; compact?: boolean; done: (result: any) => void }): void;
  };
  features: { id: string; pages: string[]; run(page: { kind: string; orderId?: string }, signal: AbortSignal): void }[];
  navigatedAt?: number;
  bulkListeners?: ((status: { orders?: { orderId: string; stage: string; reason?: string | null }[] }) => void)[];
  messageDialog(options: { orderId: string; marketplaceId: string | null; opener?: HTMLElement; signal?: AbortSignal }): void;
  messageForm(form: HTMLElement, kind: { name: string; title: string | null; schema: any }, onValid: (valid: boolean) => void): { message(): Promise<{ kind: string; body: Record<string, unknown>; files: { fileName: string; contentType: string; base64: string }[]; confirmLinks: boolean }> };
};

/** A marketplace hint from the page (SPO.selectors.marketplaceHints), raw. */
type SpoHint = { marketplaceId: string; source: 'reviewLink' } | { channel: string; source: 'salesChannel' };
type SpoDelivery = { earliest: number; latest: number };
/** Where a control goes: inside `el` (first, last, or in the extension's own row at its top). */
type SpoAnchor = { el: Element; fallback: boolean; mode: 'prepend' | 'append' | 'slot' };
type SpoListOrder = { orderId: string; row: Element; rows: Element[]; hints: SpoHint[]; status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean; delivery: SpoDelivery | null };
type SpoPageCheck = {
  kind: 'details' | 'list' | null; region: string | null; orders: number; orderIds: string[]; ignored: number; continuationRows: number;
  anchor: 'preferred' | 'fallback' | null; rowAnchors: { preferred: number; fallback: number }; placed: number; ready: boolean; summary: string;
};
