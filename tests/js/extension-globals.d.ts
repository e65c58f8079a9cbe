// Globals of the extension's scripts, for `tsc --checkJs` (tests/js/extension.tsconfig.json).
// Firefox exposes the same API as `browser`; the code uses whichever exists.
declare var browser: typeof chrome | undefined;

type SpoMessages = import('../../extension/messages').Messages;
type SpoMessageType = import('../../extension/messages').MessageType;

/** The content scripts' shared namespace (classic scripts in one isolated world). */
declare var SPO: {
  selectors: {
    ORDER_ID: RegExp;
    page(location: Location | URL): { kind: 'details'; orderId: string } | { kind: 'list'; orderId?: undefined } | null;
    scope(root: ParentNode | ParentNode[] | null): ParentNode[];
    deepQuery(root: ParentNode | ParentNode[] | null, selector: string): Element | null;
    deepQueryAll(root: ParentNode | ParentNode[] | null, selector: string): Element[];
    deepText(node: Node, budget?: { left: number }): string;
    marketplaceHints(root: ParentNode | ParentNode[]): SpoHint[];
    statusHints(root: ParentNode | ParentNode[]): { status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean };
    purchaseHint(root: ParentNode | ParentNode[]): number | null;
    dates(text: string): number[];
    scanList(doc: Document): { orders: SpoListOrder[]; ignored: { key: string; rows: Element[] }[]; continuationRows: number; rows: number };
    orderRows(doc: Document): SpoListOrder[];
    nextPageLink(doc: Document): HTMLElement | null;
    shownPage(doc: Document): number | null;
    pageNumber(doc: Document, location: Location): number;
    pageLink(doc: Document, n: number): HTMLElement | null;
    ready(doc: Document, page: { kind: string; orderId?: string } | null): boolean;
    detailsOrder(doc: Document, orderId: string): { orderId: string; ready: boolean; hints: SpoHint[]; status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean; purchasedAt: number | null };
    detailsAnchor(doc: Document): SpoAnchor;
    bulkAnchor(doc: Document): SpoAnchor;
    rowAnchor(order: { row: Element }): SpoAnchor;
    check(doc: Document, location: Location | URL): SpoPageCheck;
  };
  ui: {
    t(key: string, ...subs: string[]): string;
    host(feature: string): { el: HTMLElement; root: ShadowRoot };
    button(label: string, options?: { primary?: boolean }): HTMLButtonElement;
    status(text: string, kind?: string): HTMLSpanElement;
    ask<K extends SpoMessageType>(message: import('../../extension/messages').Request<K>): Promise<SpoMessages[K]['response']>;
    date(at: string | number | null | undefined): string;
    show(root: ShadowRoot, ...nodes: Node[]): void;
    place(anchor: SpoAnchor, el: HTMLElement): void;
    SETTLE_MS: number;
    mayUseFallback(page: { kind: string; orderId?: string } | null): boolean;
    until<T>(test: () => T | null | false | undefined, ms: number, signal?: AbortSignal): Promise<T | null>;
    reviewError(e: unknown): HTMLSpanElement;
    reviewButton(put: (...nodes: Node[]) => void, request: { orderId: string; hints: SpoHint[] }, options: { primary?: boolean; compact?: boolean; done: (result: import('../../extension/messages').ReviewState) => void }): void;
    notOfferedText(order: import('../../extension/messages').OrderView | undefined, compact?: boolean): string;
    marketplacePicker(order: import('../../extension/messages').OrderView, chosen: (view: import('../../extension/messages').OrderView) => void, options?: { compact?: boolean }): HTMLElement[];
    trusted<E extends Event>(f: (e: E) => unknown): (e: E) => void;
    confirmFrame(token: string, size: 'compact' | 'inline' | 'wide' | 'message', onDone: (done: import('../../extension/messages').ActionDone) => void): HTMLIFrameElement;
  };
  features: { id: string; pages: string[]; run(page: { kind: string; orderId?: string }, signal: AbortSignal): void }[];
  navigatedAt?: number;
  bulkListeners?: ((status: import('../../extension/messages').BulkStatus) => void)[];
  rowHosts: Map<string, SpoListOrder & { el: HTMLElement; root: ShadowRoot; shown: string }>;
  attachments: {
    picker(max: number): HTMLInputElement;
    names(input: HTMLInputElement | null): string[];
    read(input: HTMLInputElement | null): Promise<import('../../extension/messages').DraftFile[]>;
  };
  kindTitle(name: string): string;
  messageDialog(options: { orderId: string; hints: SpoHint[]; opener?: HTMLElement; signal?: AbortSignal }): void;
  messageForm(
    form: HTMLElement,
    kind: import('../../extension/messages').MessageKind,
    maxAttachments: number,
    onValid: (valid: boolean) => void,
    order: { orderId: string; hints: SpoHint[] },
  ): { message(): Promise<{ kind: string; body: Record<string, unknown>; files: import('../../extension/messages').DraftFile[]; confirmLinks: boolean }> };
};

/** A marketplace hint from the page (SPO.selectors.marketplaceHints), raw. */
type SpoHint = import('../../extension/messages').Hint;
/** Where a control goes: inside `el` (first, last, or in the extension's own row at its top). */
type SpoAnchor = { el: Element; fallback: boolean; mode: 'prepend' | 'append' | 'slot' };
type SpoListOrder = { orderId: string; row: Element; rows: Element[]; hints: SpoHint[]; status: string | null; canceled: boolean; unshipped: boolean; refunded: boolean; returned: boolean; purchasedAt: number | null };
type SpoPageCheck = import('../../extension/messages').PageCheck;
