// The Orders and Sellers reads and Amazon's rules as the shipped package (build/pkg) gives them to
// the JS shell: buildRequest for getOrder / searchOrders / getMarketplaceParticipations,
// parseResponse of their answers, reviewWindow, marketplaceForChannel, regionForHost, rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, buildRequest, parseResponse, reviewWindow, marketplaceForChannel, regionForHost, rules, marketplaces, operations } from '../../build/pkg/sp_outreach.js';

initSync({ module: readFileSync(new URL('../../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const ORDER = '123-1234567-1234567';
const DAY = 86400000;
const thrown = (f) => { try { f(); } catch (e) { return e; } assert.fail('did not throw'); };

test('Orders and Sellers requests: typed parameters, checked before anything is built', () => {
  const get = buildRequest({ operation: 'getOrder', orderId: ORDER, includedData: ['FULFILLMENT', 'PACKAGES'] }, { region: 'eu' }, 'Atza|t');
  assert.equal(get.url, `https://sellingpartnerapi-eu.amazon.com/orders/2026-01-01/orders/${ORDER}?includedData=FULFILLMENT,PACKAGES`);
  assert.equal(get.method, 'GET');
  const search = buildRequest({ operation: 'searchOrders', lastUpdatedAfter: '2026-11-01T00:00:00Z', marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'], maxResultsPerPage: 100 }, { region: 'eu' }, 't');
  assert.equal(search.url, 'https://sellingpartnerapi-eu.amazon.com/orders/2026-01-01/orders?lastUpdatedAfter=2026-11-01T00%3A00%3A00Z&marketplaceIds=A1PA6795UKMFR9,A13V1IB3VIYZZH&maxResultsPerPage=100');
  assert.equal(buildRequest({ operation: 'getMarketplaceParticipations' }, { region: 'fe' }, 't').url, 'https://sellingpartnerapi-fe.amazon.com/sellers/v1/marketplaceParticipations');
  for (const [call, kind, details] of [
    [{ operation: 'searchOrders' }, 'invalidParameter', { parameter: 'createdAfter' }],
    [{ operation: 'searchOrders', createdAfter: '2026-11-01T00:00:00Z', marketplaceIds: ['ATVPDKIKX0DER'] }, 'marketplaceRegion', { marketplace: 'ATVPDKIKX0DER' }],
    [{ operation: 'searchOrders', createdAfter: '2026-11-01T00:00:00Z', maxResultsPerPage: 500 }, 'invalidParameter', { parameter: 'maxResultsPerPage' }],
    [{ operation: 'getOrder', orderId: 'S01-1234567-1234567' }, 'invalidOrderId', undefined],
    [{ operation: 'getOrder', orderId: ORDER, marketplaceIds: ['A1PA6795UKMFR9'] }, 'invalidArgument', undefined],
  ]) {
    const e = thrown(() => buildRequest(call, { region: 'eu' }, 't'));
    assert.equal(e.name, 'SpOutreachError');
    assert.equal(e.kind, kind, JSON.stringify(call));
    assert.equal(e.source, 'build');
    if (details) for (const [k, v] of Object.entries(details)) assert.equal(e.details.details[k], v, JSON.stringify(call));
  }
  const ops = operations().filter((o) => o.api === 'orders' || o.api === 'sellers');
  assert.deepEqual(ops.map((o) => [o.operationId, o.rate.perSecond, o.rate.burst]), [['getOrder', 0.5, 30], ['searchOrders', 0.0056, 20], ['getMarketplaceParticipations', 0.016, 15]]);
  assert.equal(ops[0].role, 'Inventory and Order Tracking');
});

test('orders read into the shape the shell keeps; a 400 carries Amazon\'s reason', () => {
  const body = JSON.stringify({ order: { orderId: ORDER, createdTime: '2026-11-01T10:00:00Z', lastUpdatedTime: '2026-11-02T10:00:00Z', orderItems: [],
    salesChannel: { channelName: 'AMAZON', marketplaceId: 'A2EUQ1WTGCTBG2', marketplaceName: 'Amazon.ca' },
    fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT', deliverByWindow: { earliestDateTime: '2026-11-05T00:00:00Z', latestDateTime: '2026-11-07T00:00:00Z' } } } });
  const { type, order } = parseResponse('getOrder', { status: 200, body });
  assert.equal(type, 'order');
  assert.equal(order.marketplaceId, 'A2EUQ1WTGCTBG2');
  assert.equal(order.deliverBy.earliest, Date.parse('2026-11-05T00:00:00Z'));
  assert.equal(order.packages, null);
  const page = parseResponse('searchOrders', { status: 200, body: JSON.stringify({ orders: [JSON.parse(body).order], pagination: { nextToken: 'abc' } }) });
  assert.equal(page.orders.length, 1);
  assert.equal(page.nextToken, 'abc');
  const p = parseResponse('getMarketplaceParticipations', { status: 200, body: JSON.stringify({ payload: [{ marketplace: { id: 'A2EUQ1WTGCTBG2', countryCode: 'CA', name: 'Amazon.ca', domainName: 'www.amazon.ca' }, storeName: 'S', participation: { isParticipating: true, hasSuspendedListings: false } }] }) });
  assert.deepEqual(p.participations[0], { marketplaceId: 'A2EUQ1WTGCTBG2', countryCode: 'CA', name: 'Amazon.ca', domainName: 'www.amazon.ca', storeName: 'S', region: 'na', participating: true, suspendedListings: false });
  const malformed = thrown(() => parseResponse('getOrder', { status: 200, body: '{"order":{"orderId":"1"}}' }));
  assert.equal(malformed.kind, 'malformedResponse');
  assert.equal(malformed.details.detail, '$.order.salesChannel.channelName is missing');
  const refused = thrown(() => parseResponse('createConfirmDeliveryDetails', { status: 400, body: JSON.stringify({ errors: [{ code: 'InvalidInput', message: 'marketplaceIds: Missing or invalid request parameter: marketplaceId' }] }) }));
  assert.equal(refused.kind, 'invalidInput');
  assert.equal(refused.message, 'Amazon refused the request: marketplaceIds: Missing or invalid request parameter: marketplaceId.');
  const denied = thrown(() => parseResponse('searchOrders', { status: 403, body: JSON.stringify({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] }) }));
  assert.equal(denied.kind, 'accessDenied');
  assert.match(denied.message, /Inventory and Order Tracking/);
});

test('the review window, once, from the order Amazon gave', () => {
  const earliest = Date.parse('2026-11-05T00:00:00Z');
  const latest = Date.parse('2026-11-07T00:00:00Z');
  assert.deepEqual(reviewWindow('SHIPPED', earliest, latest, earliest), { state: 'notYet', opensAt: earliest + 5 * DAY, closesAt: latest + 30 * DAY });
  assert.equal(reviewWindow('SHIPPED', earliest, latest, earliest + 5 * DAY).state, 'open');
  assert.equal(reviewWindow('SHIPPED', earliest, latest, latest + 30 * DAY + 1).state, 'closed');
  assert.equal(reviewWindow('UNSHIPPED', earliest, latest, earliest + 6 * DAY).state, 'notShipped');
  assert.deepEqual(reviewWindow('SHIPPED', null, undefined, earliest), { state: 'unknown', opensAt: null, closesAt: null });
  assert.equal(reviewWindow(null, earliest, latest, earliest).state, 'unknown');
  for (const bad of [NaN, Infinity, 1.5]) assert.equal(thrown(() => reviewWindow('SHIPPED', earliest, latest, bad)).kind, 'invalidArgument');
  assert.equal(thrown(() => reviewWindow('SHIPPED', 'yesterday', latest, 0)).kind, 'invalidArgument');
});

test('marketplaces, channel names and Seller Central hosts', () => {
  assert.equal(marketplaceForChannel('Amazon.ca'), 'A2EUQ1WTGCTBG2');
  assert.equal(marketplaceForChannel(' www.amazon.co.uk '), 'A1F83G8C2ARO7P');
  assert.equal(marketplaceForChannel('Non-Amazon'), null);
  for (const bad of [5, null, undefined, {}]) {
    assert.equal(thrown(() => marketplaceForChannel(bad)).kind, 'invalidArgument');
    assert.equal(thrown(() => regionForHost(bad)).kind, 'invalidArgument');
  }
  assert.equal(regionForHost('sellercentral.amazon.de'), 'eu');
  assert.equal(regionForHost('sellercentral-japan.amazon.com'), 'fe');
  assert.equal(regionForHost('example.com'), null);
  for (const m of marketplaces()) assert.equal(marketplaceForChannel(m.name), m.id);
  assert.deepEqual(rules(), { uploadPlaceholderId: 'pending-upload', reviewWindowOpensAfterDays: 5, reviewWindowClosesAfterDays: 30, maxAttachments: 5 });
});

test('a schema that refers to itself is a typed error, not minutes of work (issue #12)', async () => {
  const { checkBody } = await import('../../build/pkg/sp_outreach.js');
  for (const schema of [{ anyOf: [{ $ref: '#' }, { $ref: '#' }] }, { allOf: [{ $ref: '#' }, { $ref: '#' }] }]) {
    const e = thrown(() => checkBody('confirmDeliveryDetails', { text: 'Arrives Tuesday.' }, schema));
    assert.equal(e.kind, 'schemaTooComplex');
    assert.equal(e.source, 'build');
    const b = thrown(() => buildRequest({ operation: 'confirmDeliveryDetails', orderId: ORDER, marketplaceIds: ['ATVPDKIKX0DER'], body: { text: 'Arrives Tuesday.' }, schema }, { region: 'na' }, 't'));
    assert.equal(b.kind, 'schemaTooComplex');
  }
  const big = thrown(() => checkBody('invoice', { attachments: new Array(2000).fill({ uploadDestinationId: 'u', fileName: 'a.pdf' }) }, undefined));
  assert.equal(big.kind, 'bodyTooLarge');
});
