// Starts sp-sandbox with --tls on a free port for the browser tests, with the demo scenario and
// the look-alike pages, and reads its admin API.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';

const root = new URL('../..', import.meta.url).pathname;
export const scenario = JSON.parse(readFileSync(`${root}www/demo/orders.json`, 'utf8'));

export async function startSandbox(args = [], { scenarioFile = `${root}www/demo/orders.json`, binary = `${root}target/debug/sp-sandbox` } = {}) {
  const child = spawn(binary, ['--tls', ...(args.includes('--port') ? [] : ['--port', '0']), '--scenario', scenarioFile, '--www', `${root}www`, '--seed', '1', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sp-sandbox exited with ${code}`)));
  });
  const base = first.trim();
  const port = Number(new URL(base).port);
  // The admin API over loopback. The certificate is made at start-up: fetched once without
  // verification, then every call trusts exactly it.
  const ca = await request(`${base}/_sandbox/certificate`, { rejectUnauthorized: false });
  const admin = async (path, init = {}) => JSON.parse(await request(`${base}/_sandbox/${path}`, { ca, method: init.method, body: init.body }) || 'null');
  return { port, url: base, ca, admin, stop: () => child.kill('SIGTERM') };
}

function request(url, { ca, rejectUnauthorized = true, method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    // Checked against the name localhost, which the certificate holds.
    const req = https.request(url, { method, ca, rejectUnauthorized, servername: 'localhost', checkServerIdentity: (_, cert) => tls.checkServerIdentity('localhost', cert), headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
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
