// The Message buyer dialog: the message kinds Amazon offers for the order now, each shown by its
// title in the seller's language (`kind_<name>` in _locales, never the raw operation name), the
// buyer's language to write in, the kind's form (message-form.js), and Send. Which marketplace the
// order is in is the background's to decide (Amazon's Orders API, then the page's hints); when
// nobody knows, the seller picks it here before anything is read or sent.
'use strict';

/** The kind's title in the seller's language. */
SPO.kindTitle = (/** @type {string} */ name) => SPO.ui.t(`kind_${name}`);

const DIALOG_STYLE = `
  .backdrop { position: fixed; inset: 0; background: rgba(15,17,17,.45); display: flex; align-items: center; justify-content: center; z-index: 2147483647; }
  .dialog { background: #fff; border-radius: 10px; padding: 18px 22px; width: min(640px, 92vw); max-height: 88vh; overflow: auto; display: flex; flex-direction: column; gap: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.3); }
  h2 { font-size: 17px; margin: 0; }
  label { display: flex; flex-direction: column; gap: 4px; }
  textarea { font: inherit; min-height: 120px; padding: 6px; border: 1px solid #888c8c; border-radius: 6px; }
  select, input { font: inherit; padding: 4px; }
  .count { align-self: flex-end; color: #565959; font-size: 12px; }
  .count.over { color: #b12704; }
  .preview { white-space: pre-wrap; border-left: 3px solid #eee; padding-left: 8px; color: #333; }
  .finding { text-decoration: underline wavy #b12704; }
  .finding.confirm { text-decoration-color: #c45500; }
  ul.problems { margin: 0; padding-left: 18px; color: #b12704; }
  .row { display: flex; gap: 8px; justify-content: flex-end; align-items: center; flex-wrap: wrap; }
  .hint { color: #565959; font-size: 12px; }
  [hidden] { display: none !important; }
`;

/**
 * The dialog's frame: a modal with a title, a body, a status line, Cancel and Send; Esc closes it
 * wherever the focus is and Tab stays inside.
 * @param {string} orderId
 * @param {HTMLElement | undefined} opener
 */
function dialogFrame(orderId, opener) {
  const { ui } = SPO;
  const { el, root } = ui.host('message-dialog');
  const style = document.createElement('style');
  style.textContent = DIALOG_STYLE;
  const backdrop = Object.assign(document.createElement('div'), { className: 'backdrop' });
  const dialog = Object.assign(document.createElement('div'), { className: 'dialog' });
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'title');
  const title = Object.assign(document.createElement('h2'), { id: 'title', textContent: `${ui.t('messageBuyer')} · ${orderId}` });
  const body = document.createElement('div');
  body.style.display = 'contents';
  const send = ui.button(ui.t('confirmSend'), { primary: true });
  const cancel = ui.button(ui.t('cancel'));
  send.disabled = true;
  const line = ui.status('');
  const buttons = Object.assign(document.createElement('div'), { className: 'row' });
  buttons.append(cancel, send);
  dialog.append(title, body, line, buttons);
  backdrop.append(dialog);
  root.append(style, backdrop);
  document.body.append(el);
  const onKey = (/** @type {KeyboardEvent} */ e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
  };
  const close = () => {
    document.removeEventListener('keydown', onKey, true);
    el.remove();
    opener?.focus();
  };
  cancel.addEventListener('click', SPO.ui.trusted(close));
  document.addEventListener('keydown', onKey, true);
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const focusable = [.../** @type {NodeListOf<HTMLButtonElement>} */ (dialog.querySelectorAll('button, select, textarea, input'))].filter((x) => !x.disabled);
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (e.shiftKey && root.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && root.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  cancel.focus();
  return { body, line, send, cancel, close };
}

/**
 * @param {{ orderId: string, hints: import('../../messages').Hint[], opener?: HTMLElement, signal?: AbortSignal }} options
 */
SPO.messageDialog = ({ orderId, hints, opener, signal }) => {
  const { ui } = SPO;
  const frame = dialogFrame(orderId, opener);
  signal?.addEventListener('abort', frame.close);
  /** @type {{ message(): Promise<{ kind: string, body: Record<string, unknown>, files: import('../../messages').DraftFile[], confirmLinks: boolean }> } | null} */
  let draft = null;
  const failed = (/** @type {unknown} */ e) => {
    frame.line.className = 'status error';
    frame.line.textContent = ui.t('reviewError', /** @type {any} */ (e)?.message ?? String(e));
  };

  /** The kinds Amazon offers now, once the order's marketplace is known (asked for if not). */
  const load = async () => {
    frame.line.textContent = ui.t('checking');
    const [order] = await ui.ask({ type: 'resolveOrders', orders: [{ orderId, hints }] });
    if (!order?.marketplaceId) {
      frame.line.textContent = '';
      const row = Object.assign(document.createElement('div'), { className: 'row' });
      row.append(...ui.marketplacePicker(order, () => load().catch(failed)));
      frame.body.replaceChildren(row);
      return;
    }
    const options = await ui.ask({ type: 'messagingOptions', orderId, hints });
    frame.line.textContent = '';
    if (!options.kinds.length) {
      frame.line.textContent = ui.t('noMessageKinds');
      frame.body.replaceChildren();
      return;
    }
    showKinds(options);
  };

  const showKinds = (/** @type {import('../../messages').MessagingOptions} */ options) => {
    const select = document.createElement('select');
    for (const k of options.kinds) select.append(Object.assign(document.createElement('option'), { value: k.name, textContent: SPO.kindTitle(k.name) }));
    const kindLabel = Object.assign(document.createElement('label'), { textContent: ui.t('messageKind') });
    kindLabel.append(select);
    const lang = Object.assign(document.createElement('p'), { className: 'hint', textContent: ui.t('buyerLanguage', options.locale ?? '?') });
    const form = document.createElement('div');
    form.style.display = 'contents';
    frame.body.replaceChildren(kindLabel, lang, form);
    const build = () => {
      const kind = options.kinds.find((k) => k.name === select.value) ?? options.kinds[0];
      draft = SPO.messageForm(form, kind, options.maxAttachments, (valid) => { frame.send.disabled = !valid; }, { orderId, hints });
    };
    select.addEventListener('change', build);
    build();
    select.focus();
  };

  // Send prepares the message (the background checks it and keeps it) and shows the extension's
  // confirm frame: the seller's click there sends it (issue #12 item 2).
  frame.send.addEventListener('click', ui.trusted(async () => {
    if (!draft) return;
    frame.send.disabled = true;
    frame.line.className = 'status';
    frame.line.textContent = '';
    try {
      const message = await draft.message();
      const { token } = await ui.ask({ type: 'prepareMessage', orderId, hints, ...message });
      const confirm = ui.confirmFrame(token, 'message', (d) => {
        confirm.remove();
        frame.send.hidden = false;
        if (d.action === 'cancelled') {
          frame.send.disabled = false;
          return;
        }
        if (d.action !== 'message') return;
        if (!d.answer.ok) {
          failed(d.answer.error);
          frame.send.disabled = false;
          return;
        }
        frame.line.className = 'status ok';
        frame.line.textContent = ui.t('messageSent', SPO.kindTitle(d.answer.result.kind));
        frame.send.hidden = true;
        frame.cancel.textContent = ui.t('close');
        frame.cancel.focus();
      });
      frame.send.hidden = true;
      // The core uploads each file through the Uploads API before the message goes out.
      if (message.files.length) frame.line.textContent = ui.t('uploading', String(message.files.length), message.files.map((f) => f.fileName).join(', '));
      // Above the dialog's buttons: the draft as it will go, then Send and Cancel.
      (frame.send.parentElement ?? frame.send).before(confirm);
    } catch (e) {
      failed(e);
      frame.send.disabled = false;
    }
  }));
  load().catch(failed);
};
