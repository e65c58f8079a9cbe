// `make demo` (for now, until the browser demo of issue #4): a scripted tour of the core in Node.
// Prints the request built for each operation, then a validation report for messages a seller
// might write, then what the core makes of Amazon's answers. Secrets are shown redacted. With
// SP_SANDBOX_URL set (make demo starts sp-sandbox on the demo scenario), it then runs the review and
// messaging flows of the wasm client against the emulator.
import { readFileSync } from 'node:fs';
import { initSync, buildRequest, checkBody, operations, parseResponse, version, Client } from '../build/pkg/sp_outreach.js';

initSync({ module: readFileSync(new URL('../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const ORDER = '114-3941689-8772232';
const US = 'ATVPDKIKX0DER';
const bodies = {
  text: { text: 'Your parcel will arrive on Tuesday.' },
  files: { attachments: [{ uploadDestinationId: '4e936e26-7b72-4b84-af27-e6baee1d546d', fileName: 'invoice.pdf' }] },
};

console.log(`SP Outreach core ${version()}: one request per operation (endpoint: North America)\n`);
for (const op of operations()) {
  if (op.operationId === 'createUploadDestinationForResource') continue;
  const body = op.body ? (op.body.textMax ? bodies.text : bodies.files) : undefined;
  // The Orders and Sellers reads take their own fields (Orders 2026-01-01 has no marketplaceIds on getOrder).
  const reads = {
    getOrder: { operation: 'getOrder', orderId: ORDER, includedData: ['FULFILLMENT'] },
    searchOrders: { operation: 'searchOrders', createdAfter: '2026-11-01T00:00:00Z', marketplaceIds: [US], fulfillmentStatuses: ['SHIPPED'] },
    getMarketplaceParticipations: { operation: 'getMarketplaceParticipations' },
  };
  const call = reads[op.operationId] ?? { operation: op.operationId, orderId: ORDER, marketplaceIds: [US], body };
  const r = buildRequest(call, { region: 'na' }, 'Atza|demo-access-token');
  const legacy = op.legacy ? ' (legacy)' : '';
  console.log(`${op.operationId}${legacy}\n  ${r.method} ${r.url}${r.body ? `\n  body ${r.body}` : ''}`);
}
console.log('  (uploads: createUploadDestinationForResource is built by the client for each attachment)\n');

console.log('Validation report: messages a seller might write\n');
const samples = [
  ['confirmDeliveryDetails', { text: 'Your parcel will arrive on Tuesday between 9 and 12.' }],
  ['confirmDeliveryDetails', { text: 'Track it at https://track.example.com/123 or write to help@myshop.com' }],
  ['unexpectedProblem', { text: 'Sorry! <b>Please</b> leave us a 5-star review and get a free gift.' }],
  ['confirmOrderDetails', { text: 'Bitte bestätigen Sie die Größe. Für eine positive Bewertung gibt es einen Gutschein.' }],
  ['digitalAccessKey', { text: 'レビューを書いていただいた方にクーポンをプレゼント。' }],
  ['confirmCustomizationDetails', { text: 'x'.repeat(801) }],
  ['invoice', { attachments: [] }],
  ['warranty', { attachments: bodies.files.attachments, coverageStartDate: '2027-01-01T00:00:00Z', coverageEndDate: '2026-01-01' }],
];
for (const [kind, body] of samples) {
  const report = checkBody(kind, body, undefined);
  const shown = JSON.stringify(body).slice(0, 90);
  console.log(`${report.valid ? (report.needsLinkConfirmation ? 'CONFIRM' : 'OK     ') : 'BLOCKED'} ${kind} ${shown}`);
  for (const v of report.violations) console.log(`          ${v.path} [${v.keyword}] ${v.message}`);
  for (const f of report.findings) console.log(`          "${body.text.slice(f.start, f.end)}" [${f.rule}, ${f.severity}] ${f.message}`);
}

console.log('\nWhat Amazon\'s answers mean\n');
const answers = [
  ['createProductReviewAndSellerFeedbackSolicitation', 201, '{}'],
  ['createProductReviewAndSellerFeedbackSolicitation', 403, '{"errors":[{"code":"Unauthorized","message":"The requested solicitation is not available for this amazonOrderId.","details":""}]}'],
  ['createConfirmDeliveryDetails', 403, '{"errors":[{"code":"Unauthorized","message":"Invalid amazonOrderId and template combination.","details":""}]}'],
  ['getMessagingActionsForOrder', 503, '<html><body>Service Unavailable</body></html>'],
];
for (const [op, status, body] of answers) {
  try {
    console.log(`${op} ${status}: ${JSON.stringify(parseResponse(op, { status, headers: [['x-amzn-RequestId', 'demo-1']], body }))}`);
  } catch (e) {
    console.log(`${op} ${status}: ${e.kind} (retryable: ${e.details.retryable}, outcome unknown: ${e.details.outcomeUnknown})\n  ${e.message}`);
  }
}

const sandbox = process.env.SP_SANDBOX_URL;
if (sandbox) {
  console.log(`\nAgainst sp-sandbox (${sandbox}, www/demo/orders.json, Amazon's rate limits, the first create dropped mid-answer)\n`);
  const scenario = JSON.parse(readFileSync(new URL('../www/demo/orders.json', import.meta.url)));
  const app = scenario.applications[0];
  const client = (region) => new Client({
    clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: app.refreshToken, region, baseUrl: sandbox, lwaUrl: sandbox,
    onRetry: (i) => console.log(`          (${i.operation}: attempt ${i.attempt}, waiting ${i.waitMs} ms: ${i.reason})`),
  });
  const clients = { na: client('na'), eu: client('eu'), fe: client('fe') };
  const regionOf = { ATVPDKIKX0DER: 'na', A1F83G8C2ARO7P: 'eu', A1PA6795UKMFR9: 'eu', A1VC38T7YXB528: 'fe' };
  const { orders } = await (await fetch(`${sandbox}/_sandbox/orders`)).json();
  // One of each kind from each marketplace, in turn.
  const pick = (state, n) => {
    const of = orders.filter((o) => o.reviewRequest === state);
    const markets = [...new Set(of.map((o) => o.marketplaceId))];
    return of.sort((a, b) => markets.indexOf(a.marketplaceId) - markets.indexOf(b.marketplaceId) || 0)
      .filter((o, i, all) => all.findIndex((x) => x.marketplaceId === o.marketplaceId) === i).slice(0, n);
  };
  const chosen = [...pick('eligible', 4), ...pick('alreadyRequested', 1), ...pick('outsideWindow', 2), ...pick('notShipped', 1)];
  console.log('Request review');
  for (const o of chosen) {
    try {
      const r = await clients[regionOf[o.marketplaceId]].requestReview(o.amazonOrderId, o.marketplaceId);
      console.log(`  ${o.amazonOrderId} ${o.details.salesChannel.padEnd(12)} ${r.status.padEnd(11)}${r.verified ? ' (outcome unknown, settled by re-reading the actions)' : ''} ${r.explanation}`);
    } catch (e) {
      console.log(`  ${o.amazonOrderId} error ${e.kind}: ${e.message}`);
    }
  }
  console.log('\nBuyer language and a message');
  const transit = orders.find((o) => o.messageKinds.includes('confirmDeliveryDetails') && o.status === 'Shipped');
  const c = clients[regionOf[transit.marketplaceId]];
  const locale = await c.getAttributes(transit.amazonOrderId, transit.marketplaceId);
  console.log(`  ${transit.amazonOrderId}: buyer's language ${JSON.stringify(locale)}`);
  const sent = await c.sendMessage('confirmDeliveryDetails', transit.amazonOrderId, transit.marketplaceId, { text: 'Your parcel is on its way and will arrive on Thursday.' }, [], false);
  console.log(`  confirmDeliveryDetails: ${sent.status} (request id ${sent.requestId})`);
  try {
    await c.sendMessage('unexpectedProblem', transit.amazonOrderId, transit.marketplaceId, { text: 'Leave us a 5-star review and get a free gift!' }, [], false);
  } catch (e) {
    console.log(`  unexpectedProblem "Leave us a 5-star review…": refused before sending (${e.kind})`);
  }
  const log = await (await fetch(`${sandbox}/_sandbox/log?operation=createProductReviewAndSellerFeedbackSolicitation`)).json();
  const accepted = new Map();
  for (const e of log) if (e.status === 201) accepted.set(e.path, (accepted.get(e.path) ?? 0) + 1);
  console.log(`\nsp-sandbox log: ${log.length} review creates received, ${accepted.size} orders requested, ${[...accepted.values()].filter((n) => n > 1).length} requested twice`);
}
