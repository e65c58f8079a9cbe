// The background's one way to storage: every key it keeps (settings, history, the bulk queue, the
// orders read from Amazon, the clients' states) is read and written here and nowhere else, so where
// the data lives can change in one place (issue #12 moves it out of content scripts' reach).

const api = globalThis.browser ?? globalThis.chrome;

/** The stored value of `key`, or undefined (what it holds is each caller's to check). @returns {Promise<any>} */
export async function get(/** @type {string} */ key) {
  return (await api.storage.local.get(key))[key];
}

/** Stores every key of `values`. */
export function set(/** @type {Record<string, unknown>} */ values) {
  return api.storage.local.set(values);
}

export function remove(/** @type {string | string[]} */ keys) {
  return api.storage.local.remove(keys);
}

/** Calls `listener` when `key` is removed from storage (the seller cleared the extension's data). */
export function onRemoved(/** @type {string} */ key, /** @type {() => void} */ listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && key in changes && changes[key].newValue === undefined) listener();
  });
}
