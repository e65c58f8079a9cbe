// A tiny stand-in for SP-API and Login with Amazon, for the core's wasm tests only (the full
// emulator is sp-sandbox, issue #3). It listens on 127.0.0.1 on a free port, prints its URL as
// the first line, answers with CORS so the browsers' test pages can call it, and keeps a log.
//
// Orders behave by their last seven digits, so each test can use fresh orders (any prefix):
//   …-2222222  not eligible: no actions, and a create answers 403
//   …-3333333  the first create is processed, then the connection is dropped (outcome unknown)
//   …-4444444  the first actions read answers 503 with an HTML page, then works
//   …-9999999  never answers (the socket is closed after 10 s): for client time-outs
//   …-3030303  every request answers 302 to another host (never to be followed)
//   …-6666667  the upload destination points at a host that is not Amazon S3 (never to be used)
//   any other  eligible for one review request (a second create answers 403)
import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';

const CLIENT_ID = 'amzn1.application-oa2-client.standin';
const CLIENT_SECRET = 'standin-secret';
const REFRESH_TOKEN = 'Atzr|standin-refresh';

let state;
function reset() {
  state = { tokens: new Set(), solicited: new Set(), dropped: new Set(), failedOnce: new Set(), uploads: new Map(), log: [], messages: [] };
}
reset();

const MESSAGE_SCHEMA = (max) => ({
  type: 'object', $schema: 'http://json-schema.org/draft-04/schema#',
  properties: { text: { type: 'string', minLength: 1, maxLength: max }, attachments: { type: 'array', maxLength: 5, items: { $ref: '#/definitions/Attachment' } } },
  definitions: { Attachment: { type: 'object', required: ['uploadDestinationId', 'fileName'], properties: { uploadDestinationId: { type: 'string' }, fileName: { type: 'string' } } } },
});

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
    'x-amzn-RequestId': randomUUID(),
    ...(status !== 429 ? { 'x-amzn-RateLimit-Limit': '1.0' } : {}),
    ...headers,
  });
  res.end(text);
}
const errors = (code, message) => ({ errors: [{ code, message, details: '' }] });

function actions(base, order, market, names, schemas) {
  const href = (n) => `${base}/${order}/${n}?marketplaceIds=${market}`;
  return {
    _links: { actions: names.map((n) => ({ href: href(n), name: n })), self: { href: `${base}/${order}?marketplaceIds=${market}` } },
    _embedded: { actions: names.map((n) => ({ _links: { self: { href: href(n), name: n } }, _embedded: schemas[n] ? { schema: schemas[n] } : undefined, name: n, title: n })) },
  };
}

const server = createServer((req, res) => {
  let chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://standin');
    const path = url.pathname;
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'x-amzn-RequestId, x-amzn-RateLimit-Limit');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, PUT' });
      return res.end();
    }
    if (path === '/_standin/log') return send(res, 200, state.log);
    if (path === '/_standin/reset') { reset(); return send(res, 200, {}); }
    if (path === '/_standin/expire-tokens') { state.tokens.clear(); return send(res, 200, {}); }
    state.log.push({ method: req.method, path, query: url.search, hasToken: !!req.headers['x-amz-access-token'] });
    if (path.includes('-9999999')) return setTimeout(() => req.socket.destroy(), 10_000);
    if (path.includes('-3030303')) {
      res.writeHead(302, { location: 'http://127.0.0.2:9/elsewhere' });
      return res.end();
    }

    if (path === '/auth/o2/token' && req.method === 'POST') {
      const form = new URLSearchParams(body.toString());
      if (form.get('grant_type') !== 'refresh_token') return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      if (form.get('refresh_token') !== REFRESH_TOKEN) return send(res, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
      const token = `Atza|${randomUUID()}`;
      state.tokens.add(token);
      return send(res, 200, { access_token: token, token_type: 'bearer', expires_in: 3600, refresh_token: REFRESH_TOKEN });
    }
    const upload = path.match(/^\/_upload\/([\w-]+)$/);
    if (upload && req.method === 'PUT') {
      const u = state.uploads.get(upload[1]);
      const md5 = createHash('md5').update(body).digest('base64');
      if (!u || req.headers['content-md5'] !== u.md5 || md5 !== u.md5 || req.headers['x-amz-server-side-encryption'] !== 'AES256') return send(res, 400, '<Error><Code>InvalidDigest</Code></Error>');
      u.done = true;
      return send(res, 200, '');
    }
    if (!state.tokens.has(req.headers['x-amz-access-token'])) return send(res, 403, errors('Unauthorized', 'The security token included in the request is expired'));
    const market = url.searchParams.getAll('marketplaceIds');
    if (market.length !== 1) return send(res, 400, errors('InvalidInput', 'marketplaceIds is required'));

    const up = path.match(/^\/uploads\/2020-11-01\/uploadDestinations\/(messaging\/v1\/orders\/[\d-]+\/messages\/\w+)$/);
    if (up && req.method === 'POST') {
      const id = randomUUID();
      const md5 = url.searchParams.get('contentMD5');
      state.uploads.set(id, { md5, done: false });
      const host = path.includes('-6666667') ? 'https://uploads.example.net' : `http://${req.headers.host}`;
      return send(res, 201, { payload: { uploadDestinationId: id, url: `${host}/_upload/${id}`, headers: { 'Content-MD5': md5, 'x-amz-server-side-encryption': 'AES256' } } });
    }
    const sol = path.match(/^\/solicitations\/v1\/orders\/([\d-]+)(\/solicitations\/productReviewAndSellerFeedback)?$/);
    if (sol) {
      const order = sol[1];
      const eligible = !order.endsWith('-2222222') && !state.solicited.has(order);
      if (!sol[2] && req.method === 'GET') {
        if (order.endsWith('-4444444') && !state.failedOnce.has(order)) {
          state.failedOnce.add(order);
          return send(res, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>');
        }
        return send(res, 200, actions('/solicitations/v1/orders', order, market[0], eligible ? ['productReviewAndSellerFeedback'] : [], {}));
      }
      if (sol[2] && req.method === 'POST') {
        if (!eligible) return send(res, 403, errors('Unauthorized', 'The requested solicitation is not available for this amazonOrderId.'));
        state.solicited.add(order);
        if (order.endsWith('-3333333') && !state.dropped.has(order)) {
          state.dropped.add(order);
          // Processed, then the connection drops mid-answer: the outcome is unknown to the client.
          // (Dropping before any byte would let Chrome resend the POST on its own, as it does on a
          // reused keep-alive socket; a partial answer is never resent by the browser.)
          res.writeHead(201, { 'content-type': 'application/json', 'content-length': '64' });
          res.write('{');
          return setTimeout(() => req.socket.destroy(), 20);
        }
        return send(res, 201, {});
      }
    }
    const msg = path.match(/^\/messaging\/v1\/orders\/([\d-]+)(\/attributes|\/messages\/(\w+))?$/);
    if (msg) {
      const [, order, suffix, kind] = msg;
      if (!suffix && req.method === 'GET') {
        return send(res, 200, actions('/messaging/v1/orders', order, market[0], ['confirmDeliveryDetails', 'invoice', 'attributes'], { confirmDeliveryDetails: MESSAGE_SCHEMA(2000), invoice: MESSAGE_SCHEMA(0) }));
      }
      if (suffix === '/attributes' && req.method === 'GET') return send(res, 200, { buyer: { locale: 'de-DE' } });
      if (kind && req.method === 'POST') {
        if (!['confirmDeliveryDetails', 'invoice'].includes(kind)) return send(res, 403, errors('Unauthorized', 'Invalid amazonOrderId and template combination.'));
        let parsed;
        try { parsed = JSON.parse(body.toString()); } catch { return send(res, 400, errors('InvalidInput', 'Invalid Input')); }
        for (const a of parsed.attachments ?? []) {
          if (!state.uploads.get(a.uploadDestinationId)?.done) return send(res, 400, errors('InvalidInput', `Attachment with ID ${a.uploadDestinationId} does not exist`));
        }
        state.messages.push({ order, kind, body: parsed });
        return send(res, 201, {});
      }
    }
    return send(res, 404, errors('NotFound', 'Resource not found'));
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}`);
});
// Held connections would keep close() waiting: exit at once.
process.on('SIGTERM', () => process.exit(0));
