// Type-checks the way the extension uses the core against the generated .d.ts (tests/js/sp_outreach.d.ts,
// kept equal to build/pkg's by `make test-js`). It is compiled, never run.
import init, { buildRequest, checkBody, lintText, parseResponse, queueReview, Client, type CoreError, type Finding, type ReviewResult, type QueuedReviewState } from './sp_outreach.js';

export async function example(wasm: ArrayBuffer): Promise<string[]> {
  await init({ module_or_path: wasm });
  const request = buildRequest({ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: ['ATVPDKIKX0DER'], body: { text: 'Arrives Tuesday.' } }, { region: 'na' }, 'Atza|token');
  const url: string = request.url;
  const headers: [string, string][] = request.headers;
  const report = checkBody('confirmDeliveryDetails', { text: 'Hi <b>there</b>' }, undefined);
  const underline = report.findings.map((f: Finding) => [f.start, f.end] as const);
  const findings = lintText('5 stars please');
  const success = parseResponse('GetAttributes', { status: 200, body: '{"buyer":{"locale":"de-DE"}}' });
  const locale = success.type === 'attributes' ? success.locale : null;
  const stored: Record<string, string> = {};
  const client = new Client({
    clientId: 'amzn1.application-oa2-client.x', clientSecret: 's', refreshToken: 'Atzr|x', region: 'eu',
    state: stored.session, saveState: (state) => { stored.session = state; },
    onRetry: (info) => console.log(info.operation, info.attempt, info.waitMs, info.reason),
    logRequest: (op, req) => console.log(op, req.method, req.url),
  });
  try {
    const result: ReviewResult = await client.requestReview('123-1234567-1234567', 'A1PA6795UKMFR9', { state: stored.review, onSave: (s) => { stored.review = s; } });
    const first: QueuedReviewState = queueReview('123-1234567-1234567', 'A1PA6795UKMFR9', Date.now() - 9 * 86400000, null, 0, Date.now());
    const later = await client.runQueuedReview(first.state, async (s) => { stored.order = s; });
    const when: string = later.due === null ? later.stage : new Date(later.due).toISOString();
    const actions = await client.getActions('messaging', '123-1234567-1234567', 'A1PA6795UKMFR9');
    const kinds: string[] = actions.actions.map((a) => a.name);
    const sent = await client.sendMessage('invoice', '123-1234567-1234567', 'A1PA6795UKMFR9', {}, [{ fileName: 'i.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1]) }], false);
    return [url, String(headers.length), String(underline.length), String(findings.length), locale ?? '', result.status, when, ...kinds, sent.status, stored.session ?? ''];
  } catch (e) {
    const err = e as CoreError;
    return [err.kind, err.source, err.message];
  }
}
