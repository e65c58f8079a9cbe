// The confirmation of one send the content script prepared (the background holds it under the
// token in this page's URL fragment): the seller's click on Send here, and only here, lets the
// background send it (issue #12 item 2). A page script cannot reach into this frame (another
// origin), and a click it synthesizes is not trusted (`isTrusted` false) and is ignored.

const api = globalThis.browser ?? globalThis.chrome;
const t = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => api.i18n.getMessage(key, subs) || key;
const token = location.hash.slice(1);
const line = /** @type {HTMLElement} */ (document.getElementById('prompt'));
const send = /** @type {HTMLButtonElement} */ (document.getElementById('send'));
const cancel = /** @type {HTMLButtonElement} */ (document.getElementById('cancel'));
send.textContent = t('confirmSend');
cancel.textContent = t('cancel');
document.documentElement.lang = api.i18n.getUILanguage();

/** Asks the background; rejects with its `{ kind, message }`. @template {import('../messages').MessageType} K */
async function ask(/** @type {import('../messages').Request<K>} */ message) {
  /** @type {import('../messages').Answer<K> | undefined} */
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.ok) throw answer?.error ?? { kind: 'internal', message: 'No answer from the extension.' };
  return /** @type {import('../messages').Response<K>} */ (answer.result);
}

const failed = (/** @type {unknown} */ e) => {
  line.className = 'error';
  line.textContent = t('reviewError', /** @type {any} */ (e)?.message ?? String(e));
};

(async () => {
  const action = await ask({ type: 'pendingAction', token });
  line.textContent = action.prompt === 'review' ? t('confirmReview')
    : action.prompt === 'bulk' ? t('confirmBulk', String(action.count))
      : action.prompt === 'message' ? t('confirmMessage', action.title ?? '') : '';
  document.body.dataset.action = action.prompt;
  if (action.prompt === 'message') {
    document.body.classList.add('message');
    const draft = /** @type {HTMLElement} */ (document.getElementById('draft'));
    draft.textContent = action.draft ?? '';
    draft.hidden = false;
  }
  if (action.compact) line.hidden = true;
  line.title = line.textContent;
  send.disabled = false;
  send.focus();
})().catch(failed);

send.addEventListener('click', async (e) => {
  // A person's click only: the frame's own events are trusted only when they come from input.
  if (!e.isTrusted) return;
  send.disabled = cancel.disabled = true;
  line.className = '';
  line.hidden = false;
  line.textContent = t('sending');
  // The background answers the content script (which shows the outcome) and this frame goes away;
  // an error is shown here too.
  await ask({ type: 'confirmAction', token }).catch(failed);
});

cancel.addEventListener('click', async (e) => {
  if (!e.isTrusted) return;
  await ask({ type: 'cancelAction', token }).catch(failed);
});
