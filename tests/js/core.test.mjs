// The shipped package (build/pkg: wasm-pack --target web, then wasm-opt -Oz) loads and works in
// Node: this catches a broken optimiser (toolchain.md: Debian's binaryen produced wasm that fails
// at load) and checks the JS-facing shapes the extension relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, buildRequest, checkBody, lintText, parseActions, parseResponse, operations, marketplaces, contentMd5, version, Client } from '../../build/pkg/sp_outreach.js';

initSync({ module: readFileSync(new URL('../../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const US = 'ATVPDKIKX0DER';

test('builds a request for every operation in the catalogue', () => {
  const bodies = { text: { text: 'Your order arrives on Tuesday.' }, files: { attachments: [{ uploadDestinationId: 'u-1', fileName: 'a.pdf' }] } };
  let built = 0;
  for (const op of operations()) {
    // Uploads have their own builder; the Orders and Sellers reads take their own parameters (orders.test.mjs).
    if (op.operationId === 'createUploadDestinationForResource' || op.api === 'orders' || op.api === 'sellers') continue;
    const body = op.body ? (op.body.textMax ? bodies.text : bodies.files) : undefined;
    const r = buildRequest({ operation: op.operationId, orderId: '123-1234567-1234567', marketplaceIds: [US], body }, { region: 'na' }, 'Atza|t');
    assert.equal(r.method, op.method);
    assert.ok(r.url.startsWith('https://sellingpartnerapi-na.amazon.com/'));
    assert.deepEqual(r.headers.find(([k]) => k === 'x-amz-access-token'), ['x-amz-access-token', 'Atza|t']);
    built++;
  }
  assert.equal(built, 15);
  assert.equal(marketplaces().length, 23);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test('bad input throws one error shape and builds nothing', () => {
  const cases = [
    [{ operation: 'confirmDeliveryDetails', orderId: 'nope', marketplaceIds: [US], body: { text: 'x' } }, 'invalidOrderId'],
    [{ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: [US, US], body: { text: 'x' } }, 'marketplaceCount'],
    [{ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: ['A1PA6795UKMFR9'], body: { text: 'x' } }, 'marketplaceRegion'],
    [{ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: [US], body: { text: 'x'.repeat(2001) } }, 'invalidBody'],
    [{ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: [US], body: { text: 'mail a@b.com' } }, 'invalidBody'],
    [{ operation: 'sendEmail', orderId: '123-1234567-1234567', marketplaceIds: [US] }, 'unknownOperation'],
    [{ operation: 'confirmDeliveryDetails' }, 'invalidArgument'],
  ];
  for (const [call, kind] of cases) {
    assert.throws(() => buildRequest(call, { region: 'na' }, 'Atza|t'), (e) => e instanceof Error && e.name === 'SpOutreachError' && e.kind === kind && e.source === 'build' && e.message.length > 0, kind);
  }
  const e = (() => { try { buildRequest(cases[3][0], { region: 'na' }, 't'); } catch (err) { return err; } })();
  assert.deepEqual(e.details.details[0], { path: '$.text', keyword: 'maxLength', message: 'is 2001 characters long; the limit is 2000' });
});

test('live feedback: lint spans, body reports, link confirmation', () => {
  const text = 'Grüße! Bitte 5 Sterne ⭐ und schreib an info@shop.de';
  const f = lintText(text);
  assert.deepEqual(f.map((x) => [x.rule, text.slice(x.start, x.end)]), [['positiveReview', '5 Sterne'], ['email', 'info@shop.de']]);
  const r = checkBody('confirmCustomizationDetails', { text: 'Proof: https://shop.example/proof/1', attachments: new Array(6).fill({ uploadDestinationId: 'u', fileName: 'a.png' }) }, undefined);
  assert.equal(r.valid, false);
  assert.equal(r.needsLinkConfirmation, true);
  assert.deepEqual(r.violations.map((v) => [v.path, v.keyword]), [['$.attachments', 'maxItems']]);
});

test('responses: HAL actions, Amazon errors, HTML pages', () => {
  const a = parseActions('solicitations', JSON.stringify({ _links: { actions: [{ href: '/x/productReviewAndSellerFeedback', name: 'productReviewAndSellerFeedback' }], self: { href: '/x' } } }));
  assert.equal(a.actions[0].operationId, 'createProductReviewAndSellerFeedbackSolicitation');
  assert.throws(() => parseActions('messaging', '{"_links":{"actions":[{"name":"x"}]}}'), (e) => e.kind === 'malformedResponse' && e.details.path === '$._links.actions[0].href');
  assert.throws(
    () => parseResponse('createProductReviewAndSellerFeedbackSolicitation', { status: 403, headers: [['x-amzn-requestid', 'rid']], body: JSON.stringify({ errors: [{ code: 'Unauthorized', message: "You can't use this feature to request a review outside the 5-30 day range after the order delivery date." }] }) }),
    (e) => e.kind === 'outsideReviewWindow' && e.details.requestId === 'rid' && e.details.retryable === false && /5 to 30 days/.test(e.message),
  );
  assert.throws(() => parseResponse('getMessagingActionsForOrder', { status: 502, body: '<html><h1>Bad Gateway</h1></html>' }), (e) => e.kind === 'serverError' && e.details.retryable === true);
  assert.deepEqual(parseResponse('createConfirmOrderDetails', { status: 201, body: '{}' }), { type: 'created' });
});

test('uploads: Content-MD5 is base64 of the raw digest', () => {
  assert.equal(contentMd5(new TextEncoder().encode('abc')), 'kAFQmDzST7DWlj99KOF/cg==');
});

test('the client refuses incomplete credentials up front', () => {
  assert.throws(() => new Client({ clientId: 'x', clientSecret: 'y', refreshToken: '', region: 'na' }), (e) => e.kind === 'missingField');
  assert.throws(() => new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'us' }), (e) => e.kind === 'invalidRegion');
  assert.ok(new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'fe' }));
});
