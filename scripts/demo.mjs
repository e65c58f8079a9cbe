// `make demo` (for now, until the browser demo of issue #4): a scripted tour of the core in Node.
// Prints the request built for each operation, then a validation report for messages a seller
// might write, then what the core makes of Amazon's answers. Secrets are shown redacted.
import { readFileSync } from 'node:fs';
import { initSync, buildRequest, checkBody, operations, parseResponse, version } from '../build/pkg/sp_outreach.js';

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
  const r = buildRequest({ operation: op.operationId, orderId: ORDER, marketplaceIds: [US], body }, { region: 'na' }, 'Atza|demo-access-token');
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
