// The shipped package (build/pkg: wasm-pack --target web, then wasm-opt -Oz) loads and works in
// Node: this catches a broken optimiser (toolchain.md: Debian's binaryen produced wasm that fails
// at load) and checks the JS-facing shapes the extension relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, buildRequest, checkBody, lintText, parseActions, parseResponse, operations, marketplaces, contentMd5, queueReview, version, Client, checkCredential, lookSince, planAutopilot } from '../../build/pkg/sp_outreach.js';

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

// Every export with arguments of every wrong type and absurd size: the product's typed error or a
// valid result, never a glue TypeError or a trap, and each call quick (issue #12 item 3). Bound
// generously: a call that took seconds (the quadratic and exponential cases of #12) would fail it.
test('hostile arguments to every export: a typed error or a result, quickly', async () => {
  const big = 'x'.repeat(10_000_000);
  const hostile = [undefined, null, 0, -1, 1e308, NaN, true, '', big, '\uD800', [], {}, { __proto__: { operation: 'x' } }, Symbol('s'), () => 1, 10n, new Uint8Array(0)];
  const client = new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'na', baseUrl: 'http://127.0.0.1:9', lwaUrl: 'http://127.0.0.1:9', timeoutMs: 100 });
  const calls = {
    buildRequest: (a) => buildRequest(a, a, a),
    buildRequestEndpoint: (a) => buildRequest({ operation: 'confirmDeliveryDetails', orderId: '123-1234567-1234567', marketplaceIds: [US], body: { text: 'Hi' } }, a, 't'),
    buildRequestToken: (a) => buildRequest({ operation: 'productReviewAndSellerFeedback', orderId: '123-1234567-1234567', marketplaceIds: [US] }, { region: 'na' }, a),
    checkBody: (a) => checkBody(a, a, a),
    checkBodyBody: (a) => checkBody('confirmDeliveryDetails', a, undefined),
    checkBodySchema: (a) => checkBody('confirmDeliveryDetails', { text: 'Hi' }, a),
    lintText: (a) => lintText(a),
    parseActions: (a) => parseActions(a, a),
    parseActionsBody: (a) => parseActions('messaging', a),
    parseResponse: (a) => parseResponse(a, a),
    parseResponseBody: (a) => parseResponse('getMessagingActionsForOrder', a),
    contentMd5: (a) => contentMd5(a),
    queueReview: (a) => queueReview(a, a, a, a, a, a),
    queueReviewDates: (a) => queueReview('123-1234567-1234567', US, a, a, a, Date.now()),
    Client: (a) => new Client(a),
    checkCredential: (a) => checkCredential(a, a),
    checkCredentialValue: (a) => checkCredential('refreshToken', a),
    lookSince: (a) => lookSince(a, a),
    planAutopilot: (a) => planAutopilot(a, a, a, a),
    planAutopilotParts: (a) => planAutopilot({ status: 'SHIPPED', earliest: a, latest: a }, { day: a, cap: a }, [], Date.now()),
    ClientFields: (a) => new Client({ clientId: a, clientSecret: a, refreshToken: a, region: a, timeoutMs: a, state: a }),
  };
  const asyncCalls = {
    getActions: (a) => client.getActions(a, a, a),
    getAttributes: (a) => client.getAttributes(a, a),
    requestReview: (a) => client.requestReview(a, a, a),
    requestReviewState: (a) => client.requestReview('123-1234567-1234567', US, { state: a }),
    sendMessage: (a) => client.sendMessage(a, a, a, a, a, a, a),
    sendMessageFiles: (a) => client.sendMessage('invoice', '123-1234567-1234567', US, {}, a),
    sendMessageFile: (a) => client.sendMessage('invoice', '123-1234567-1234567', US, {}, [{ fileName: a, contentType: a, bytes: a }]),
    runQueuedReview: (a) => client.runQueuedReview(a, a),
    read: (a) => client.read(a),
    readOrder: (a) => client.read({ operation: 'getOrder', orderId: a, includedData: a }),
    readSearch: (a) => client.read({ operation: 'searchOrders', createdAfter: a, paginationToken: a }),
    getSchema: (a) => client.getSchema(a),
  };
  const typed = (e) => e instanceof Error && e.name === 'SpOutreachError' && typeof e.kind === 'string' && e.kind.length > 0;
  let count = 0;
  for (const [name, call] of Object.entries(calls)) {
    for (const a of hostile) {
      const started = performance.now();
      try {
        call(a);
      } catch (e) {
        assert.ok(typed(e), `${name}(${String(typeof a)}): ${e}`);
      }
      assert.ok(performance.now() - started < 2000, `${name} took ${performance.now() - started} ms`);
      count++;
    }
  }
  for (const [name, call] of Object.entries(asyncCalls)) {
    for (const a of hostile) {
      const started = performance.now();
      // Nothing answers at 127.0.0.1:9: a call that gets as far as the network fails there, typed.
      await call(a).then(() => {}, (e) => assert.ok(typed(e), `${name}(${String(typeof a)}): ${e}`));
      assert.ok(performance.now() - started < 5000, `${name} took ${performance.now() - started} ms`);
      count++;
    }
  }
  // An 11 MB attachment and six files are refused before anything is copied or sent.
  const huge = new Uint8Array(11 * 1024 * 1024);
  assert.throws(() => contentMd5(huge), (e) => e.kind === 'invalidArgument');
  await assert.rejects(client.sendMessage('invoice', '123-1234567-1234567', US, {}, [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: huge }]), (e) => e.kind === 'invalidArgument');
  const six = Array.from({ length: 6 }, () => ({ fileName: 'a.pdf', contentType: 'application/pdf', bytes: new Uint8Array(1) }));
  await assert.rejects(client.sendMessage('invoice', '123-1234567-1234567', US, {}, six), (e) => e.kind === 'invalidArgument');
  await assert.rejects(client.sendMessage('invoice', '123-1234567-1234567', US, {}, [{ fileName: 'a.exe', contentType: 'application/x-msdownload', bytes: new Uint8Array(1) }]), (e) => e.kind === 'invalidAttachment');
  assert.ok(count >= 200, `${count} hostile calls`);
});

test('the bulk queue: an order joins with its window and the seller\'s scheduling, decided by the core', () => {
  const day = 86400000;
  const now = Date.now();
  const open = queueReview('123-1234567-1234567', US, now - 9 * day, now - 8 * day, 0, now);
  assert.equal(open.stage, 'queued');
  const later = queueReview('123-1234567-1234567', US, now + day, now + 2 * day, 3, now);
  assert.deepEqual([later.stage, later.reason, later.due], ['scheduled', 'windowOpens', now + day + 5 * day + 3 * day]);
  assert.deepEqual([queueReview('123-1234567-1234567', US, now + day, now + 2 * day, null, now).reason, queueReview('123-1234567-1234567', US, now - 60 * day, now - 50 * day, 0, now).reason], ['windowNotOpen', 'windowClosed']);
  assert.throws(() => queueReview('123', US, null, null, 0, now), (e) => e.kind === 'invalidOrderId');
  assert.equal(JSON.parse(open.state).flow, 'queuedReview');
});

test('a client\'s state: saved before every send, and a forged one is not trusted', async () => {
  const saved = [];
  const client = new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'na', baseUrl: 'http://127.0.0.1:9', lwaUrl: 'http://127.0.0.1:9', timeoutMs: 100, saveState: (s) => saved.push(s) });
  await assert.rejects(client.checkCredentials(), (e) => e.kind === 'network' || e.kind === 'timeout');
  assert.ok(saved.length >= 1, 'stored before the token request left');
  const state = JSON.parse(saved.at(-1));
  assert.equal(state.v, 1);
  assert.equal(state.buckets.length, operations().length);
  // A state with a rate Amazon does not document (1e-300 would overflow every timer) is ignored.
  const forged = JSON.stringify({ ...state, buckets: state.buckets.map((b) => ({ ...b, perSecond: 1e-300, tokens: 0 })) });
  const again = [];
  const next = new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'na', baseUrl: 'http://127.0.0.1:9', lwaUrl: 'http://127.0.0.1:9', timeoutMs: 100, state: forged, saveState: (s) => again.push(s) });
  await assert.rejects(next.checkCredentials());
  assert.ok(JSON.parse(again[0]).buckets.every((b) => b.perSecond >= 0.005), 'documented rates only');
  assert.ok(new Client({ clientId: 'x', clientSecret: 'y', refreshToken: 'z', region: 'na', state: '{"v":1,"buckets":5}' }));
});

test('autopilot rules through the exports: shapes, the first look, a plan under a cap', () => {
  assert.equal(checkCredential('clientId', 'amzn1.application-oa2-client.abc123'), null);
  assert.equal(checkCredential('refreshToken', 'Atza|IwEBIabcdefgh'), 'accessToken');
  assert.equal(checkCredential('clientSecret', 'amzn1.application-oa2-client.abc123'), 'clientIdInSecret');
  const DAY = 86400000;
  const now = Date.UTC(2026, 10, 1);
  assert.equal(lookSince(null, now), now - 35 * DAY);
  assert.equal(lookSince(now - DAY, now), now - DAY - 600000);
  const delivered = now - DAY;
  assert.deepEqual(planAutopilot({ status: 'SHIPPED', earliest: delivered, latest: delivered }, { day: 0, cap: null }, [], now), { plan: 'send', at: delivered + 5 * DAY });
  assert.deepEqual(planAutopilot({ status: 'SHIPPED', earliest: delivered, latest: delivered }, { day: 0, cap: 1 }, [delivered + 5 * DAY], now), { plan: 'send', at: delivered + 6 * DAY });
  assert.deepEqual(planAutopilot({ status: 'CANCELLED', earliest: null, latest: null }, { day: 0, cap: null }, [], now), { plan: 'skip', reason: 'canceled' });
  assert.throws(() => planAutopilot({ status: 'SHIPPED' }, { day: 0 }, Array(500).fill(0), now), (e) => e.kind === 'invalidArgument');
});
