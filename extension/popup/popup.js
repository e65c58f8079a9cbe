// The toolbar popup: whether credentials are set, and the last few review requests.
import { api, ask, t } from '../pages.js';

document.getElementById('settings').addEventListener('click', () => api.runtime.openOptionsPage());
document.getElementById('dashboard').addEventListener('click', () => api.tabs.create({ url: api.runtime.getURL('dashboard/dashboard.html') }));

const line = document.getElementById('credentials');
const answer = await ask({ type: 'status' }).then((result) => ({ result, error: null }), (error) => ({ result: null, error }));
if (answer.error) {
  line.textContent = answer.error.message;
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
