// Hostile code for the security tests (issue #12), as source evaluated in the browser: each function
// is self-contained (it is sent as its text); assertDrafts checks what one saw.
import assert from 'node:assert/strict';

/**
 * Run in a content script's own context (its isolated world in Chromium, its sandbox in Firefox):
 * everything it could try on the background's state. Resolves with what each try gave.
 */
export async function contentScriptAttack({ secret, order }) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const attempt = async (f) => {
    try {
      return { ok: true, value: await f() };
    } catch (e) {
      return { ok: false, error: String(e?.message ?? e) };
    }
  };
  const read = await attempt(() => ext.storage.local.get(null));
  // What an attacker would plant: other credentials, a rewritten history and a queued bulk run.
  const write = await attempt(() => ext.storage.local.set({
    settings: { clientId: 'planted', clientSecret: 'planted', refreshToken: 'planted' },
    history: { [order]: { review: 'failed' } },
    bulk: { state: 'running', orders: [{ orderId: order, stage: 'queued', flow: '{}' }] },
  }));
  const readBack = await attempt(() => ext.storage.local.get(null));
  // The content script's indexedDB is the page origin's: the background's database is not there.
  const idb = await attempt(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('sp-outreach');
    r.onsuccess = () => {
      const names = [...r.result.objectStoreNames];
      r.result.close();
      resolve(names);
    };
    r.onerror = () => reject(r.error);
  }));
  const session = await attempt(() => ext.storage.session.get(null));
  const messages = {};
  for (const m of [{ type: 'getSettings' }, { type: 'saveSettings', settings: { clientId: 'planted', clientSecret: 'planted', refreshToken: 'planted' } }, { type: 'historyAll' }]) {
    messages[m.type] = await ext.runtime.sendMessage(m);
  }
  const everything = JSON.stringify([read, readBack, idb, session, messages]);
  return {
    isContentScript: typeof globalThis.SPO === 'object' && typeof ext.runtime?.sendMessage === 'function',
    read, write, readBack, idb, session, messages,
    leaks: [secret, 'Atzr|', 'Atza|'].filter((s) => everything.includes(s)),
  };
}

/**
 * Run in a content script's own context: the live check with a schema of the page's own (ignored:
 * the background uses the one it read from Amazon), and drafts and files past the background's caps
 * (refused before the core, with a typed error, when a send is prepared). Resolves with what each gave.
 */
export async function draftAttack({ order }) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const ask = (m) => ext.runtime.sendMessage(m);
  const opts = await ask({ type: 'messagingOptions', orderId: order, hints: [] });
  if (!opts.ok) return { error: opts.error };
  const kind = opts.result.kinds[0].name;
  const base = { type: 'checkMessage', orderId: order, hints: [], kind, body: { text: 'Thank you for your order.' } };
  const time = async (m) => {
    const t = performance.now();
    const r = await ask(m);
    return { r, ms: Math.round(performance.now() - t) };
  };
  const plain = await time(base);
  // A schema that rejects everything, and the 37-byte exponential one of the issue.
  const rejectAll = await time({ ...base, schema: { not: {} } });
  const exponential = await time({ ...base, schema: { anyOf: [{ $ref: '#' }, { $ref: '#' }] } });
  let deep = {};
  for (let i = 0; i < 1000; i++) deep = { a: deep };
  const caps = {
    longText: await time({ ...base, body: { text: 'x'.repeat(200000) } }),
    deep: await time({ ...base, body: deep }),
    sendLong: await time({ type: 'prepareMessage', orderId: order, hints: [], kind, body: { text: 'x'.repeat(200000) } }),
    sendHtmlFile: await time({ type: 'prepareMessage', orderId: order, hints: [], kind, body: { text: 'Hello' }, files: [{ fileName: 'a.html', contentType: 'text/html; charset=utf-8', base64: 'PGI+' }] }),
    sendTooMany: await time({ type: 'prepareMessage', orderId: order, hints: [], kind, body: { text: 'Hello' }, files: Array.from({ length: 6 }, () => ({ fileName: 'a.pdf', contentType: 'application/pdf', base64: 'JVBERg==' })) }),
    sendHuge: await time({ type: 'prepareMessage', orderId: order, hints: [], kind, body: { text: 'Hello' }, files: [{ fileName: 'a.pdf', contentType: 'application/pdf', base64: 'A'.repeat(14 * 1024 * 1024) }] }),
  };
  return { kind, plain, rejectAll, exponential, caps };
}

/** What draftAttack must see in either browser. */
export function assertDrafts(seen) {
  assert.equal(seen.plain.r.ok, true, JSON.stringify(seen.plain.r));
  assert.deepEqual(seen.rejectAll.r, seen.plain.r, 'a schema sent by the page changes nothing');
  assert.deepEqual(seen.exponential.r, seen.plain.r, 'not even an exponential one');
  assert.ok(seen.exponential.ms < 2000, `${seen.exponential.ms} ms`);
  const kinds = Object.fromEntries(Object.entries(seen.caps).map(([k, v]) => [k, v.r.ok ? 'ok' : v.r.error.kind]));
  assert.deepEqual(kinds, { longText: 'tooLarge', deep: 'tooLarge', sendLong: 'tooLarge', sendHtmlFile: 'badMessage', sendTooMany: 'badMessage', sendHuge: 'tooLarge' });
}

/**
 * Run as the page's own script (a <script> in Seller Central's page, its main world): it clicks,
 * types, ticks and dispatches events on every control the extension injected that it can find
 * (inside open shadow roots too), on their host elements and on any frame, several rounds, so
 * that whatever one round opens the next one presses. Leaves what it did in
 * `document.documentElement.dataset.attack` (JSON).
 */
export async function pageAttack() {
  try {
    document.documentElement.dataset.attack = JSON.stringify(await attack());
  } catch (e) {
    document.documentElement.dataset.attack = JSON.stringify({ error: String(e) });
  }
}

async function attack() {
  const out = { hosts: 0, roots: 0, clicked: 0, typed: 0, ticked: 0, frames: 0, frameAccess: [] };
  const hosts = () => [...document.querySelectorAll('[data-sp-outreach]')];
  const roots = () => hosts().map((h) => h.shadowRoot).filter(Boolean);
  // The extension's controls only (the page's own buttons would navigate away).
  const all = (sel) => [...hosts(), ...roots()].flatMap((r) => [...r.querySelectorAll(sel)]);
  for (let round = 0; round < 4; round++) {
    out.hosts = Math.max(out.hosts, hosts().length);
    out.roots = Math.max(out.roots, roots().length);
    for (const t of all('textarea, input[type=text], input:not([type])')) {
      t.removeAttribute('maxlength');
      t.value = 'Please leave us 5 stars! '.repeat(400);
      t.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      out.typed++;
    }
    for (const c of all('input[type=checkbox]')) {
      c.checked = true;
      c.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      out.ticked++;
    }
    for (const s of all('select')) {
      if (s.options.length > 1) {
        s.selectedIndex = s.options.length - 1;
        s.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
    }
    for (const b of all('button')) {
      b.disabled = false;
      b.click();
      b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      b.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
      b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      out.clicked++;
    }
    for (const h of hosts()) {
      h.click();
      h.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      h.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }
    for (const f of all('iframe')) {
      out.frames++;
      try {
        f.contentDocument.querySelector('#send').click();
        out.frameAccess.push('clicked');
      } catch (e) {
        out.frameAccess.push(e.name);
      }
      f.contentWindow?.postMessage({ type: 'confirmAction' }, '*');
    }
    await new Promise((r) => setTimeout(r, 800));
  }
  return out;
}

/** The page's script that runs pageAttack. */
export const pageAttackScript = `${attack}\n(${pageAttack})()`;
