// Starts sp-sandbox on a free port for the browser tests, with the demo scenario and the
// look-alike pages, and reads its admin API: with --tls (Chromium maps the Amazon host names to it
// with --host-resolver-rules) or, with `{ proxy: true }`, with --proxy (Firefox reaches the real
// host names through it as its HTTP proxy, on any port).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

const root = new URL('../..', import.meta.url).pathname;
export const scenario = JSON.parse(readFileSync(`${root}www/demo/orders.json`, 'utf8'));

export async function startSandbox(args = [], { scenarioFile = `${root}www/demo/orders.json`, binary = `${root}target/debug/sp-sandbox`, proxy = false } = {}) {
  const mode = proxy ? '--proxy' : '--tls';
  const child = spawn(binary, [mode, ...(args.includes('--port') ? [] : ['--port', '0']), '--scenario', scenarioFile, '--www', `${root}www`, '--seed', '1', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sp-sandbox exited with ${code}`)));
  });
  const base = first.trim();
  const port = Number(new URL(base).port);
  // The admin API over loopback. The certificate is made at start-up: fetched once without
  // verification (with --proxy, the port itself speaks plain HTTP), then every call trusts
  // exactly it.
  const ca = await request(`${base}/_sandbox/certificate`, { rejectUnauthorized: false });
  const admin = async (path, init = {}) => JSON.parse(await request(`${base}/_sandbox/${path}`, { ca, method: init.method, body: init.body }) || 'null');
  return { port, url: base, ca, admin, proxy, stop: () => child.kill('SIGTERM') };
}

function request(url, { ca, rejectUnauthorized = true, method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    // Checked against the name localhost, which the certificate holds.
    const plain = url.startsWith('http:');
    const options = plain ? { method } : { method, ca, rejectUnauthorized, servername: 'localhost', checkServerIdentity: (_, cert) => tls.checkServerIdentity('localhost', cert) };
    const req = (plain ? http : https).request(url, { ...options, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Orders of the scenario in a review state, from the emulator's view of them now. */
export async function ordersIn(sb, state) {
  const { orders } = await sb.admin('orders');
  return orders.filter((o) => o.reviewRequest === state);
}
