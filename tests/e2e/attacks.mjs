// Hostile code for the security tests (issue #12), as source evaluated in the browser: each function
// is self-contained (it is sent as its text).

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
