// Globals of the extension's scripts, for `tsc --checkJs` (tests/js/extension.tsconfig.json).
// Firefox exposes the same API as `browser`; the code uses whichever exists.
declare var browser: typeof chrome | undefined;

/** The content scripts' shared namespace (classic scripts in one isolated world). */
declare var SPO: {
  selectors: {
    ORDER_ID: RegExp;
    page(location: Location): { kind: 'details'; orderId: string } | { kind: 'list'; orderId?: undefined } | null;
    marketplaceIn(root: Node): string | null;
    marketplaceInState(doc: Document): string | null;
    deliveryDates(root: Document | Element): { earliest: number; latest: number } | null;
    toolbar(doc: Document): Element | null;
    content(doc: Document): HTMLElement;
    nextPageLink(doc: Document): HTMLElement | null;
    textNodes(root: Node): Generator<Text>;
    orderIdIn(root: ParentNode): string | null;
    orderRows(doc: Document): { row: HTMLTableRowElement; orderId: string; marketplaceId: string | null; refunded: boolean; returned: boolean; canceled: boolean; unshipped: boolean; statusCell: Element | null; delivery: { earliest: number; latest: number } | null }[];
  };
  ui: {
    t(key: string, ...subs: string[]): string;
    host(feature: string): { el: HTMLElement; root: ShadowRoot };
    button(label: string, options?: { primary?: boolean }): HTMLButtonElement;
    status(text: string, kind?: string): HTMLSpanElement;
    ask(message: Record<string, unknown>): Promise<any>;
    date(iso: string | undefined): string;
    show(root: ShadowRoot, ...nodes: Node[]): void;
    reviewError(e: unknown): HTMLSpanElement;
    reviewButton(put: (...nodes: Node[]) => void, request: { orderId: string; marketplaceId: string | null }, options: { primary?: boolean; compact?: boolean; done: (result: any) => void }): void;
  };
  features: { id: string; pages: string[]; run(page: { kind: string; orderId?: string }, signal: AbortSignal): void }[];
  bulkListeners?: ((status: { orders?: { orderId: string; stage: string; reason?: string | null }[] }) => void)[];
  messageDialog(options: { orderId: string; marketplaceId: string | null; opener?: HTMLElement; signal?: AbortSignal }): void;
  messageForm(form: HTMLElement, kind: { name: string; title: string | null; schema: any }, onValid: (valid: boolean) => void): { message(): Promise<{ kind: string; body: Record<string, unknown>; files: { fileName: string; contentType: string; base64: string }[]; confirmLinks: boolean }> };
};
