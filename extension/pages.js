// What the extension's own pages (options, popup, dashboard) share: the browser API, translated
// strings — the page's `data-i18n` texts are filled in on import — and asking the background.
export const api = globalThis.browser ?? globalThis.chrome;
export const t = (key, ...subs) => api.i18n.getMessage(key, subs) || key;

/** Asks the background; rejects with its `{ kind, message }`. */
export async function ask(message) {
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.ok) throw answer?.error ?? { message: 'No answer from the extension.' };
  return answer.result;
}

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n);
