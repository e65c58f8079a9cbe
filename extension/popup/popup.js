// The toolbar popup: whether credentials are set, and the last few review requests.
const api = globalThis.browser ?? globalThis.chrome;
const t = (key, ...subs) => api.i18n.getMessage(key, subs) || key;

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n);
document.getElementById('settings').addEventListener('click', () => api.runtime.openOptionsPage());
document.getElementById('dashboard').addEventListener('click', () => api.tabs.create({ url: api.runtime.getURL('dashboard/dashboard.html') }));

const answer = await api.runtime.sendMessage({ type: 'status' });
const line = document.getElementById('credentials');
if (!answer?.ok) {
  line.textContent = answer?.error?.message ?? 'No answer from the extension.';
  line.className = 'error';
} else {
  const { configured, auth } = answer.result;
  if (!configured) line.textContent = t('popupNotConfigured');
  else if (auth?.ok === false) {
    line.textContent = t('popupAuthFailed', auth.message);
    line.className = 'error';
  } else if (auth?.ok) line.textContent = t('popupAuthWorks', new Date(auth.at).toLocaleString());
  else line.textContent = t('popupConfigured');
  for (const r of answer.result.recent) {
    const li = document.createElement('li');
    li.textContent = `${r.orderId}: ${r.review}${r.at ? ` (${new Date(r.at).toLocaleString()})` : ''}`;
    document.getElementById('recent').append(li);
  }
}

export {};
