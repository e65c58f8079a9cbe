// What the extension's own pages (options, popup, dashboard) share: the browser API, translated
// strings — the page's `data-i18n` texts are filled in on import — and asking the background.
export const api = globalThis.browser ?? globalThis.chrome;
export const t = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => api.i18n.getMessage(key, subs) || key;

/**
 * Asks the background (messages.d.ts); rejects with its `{ kind, message }`.
 * @template {import('./messages').MessageType} K
 * @param {import('./messages').Request<K>} message
 * @returns {Promise<import('./messages').Response<K>>}
 */
export async function ask(message) {
  /** @type {import('./messages').Answer<K> | undefined} */
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.ok) throw answer?.error ?? { kind: 'internal', message: 'No answer from the extension.' };
  return answer.result;
}

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(/** @type {string} */ (/** @type {HTMLElement} */ (node).dataset.i18n));
