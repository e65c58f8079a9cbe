// Feature: a Message buyer button on an order's details page, opening a dialog that lists only the
// message kinds Amazon offers for the order, in the buyer's language, with a form made from the
// kind's JSON Schema: text with a live character count and the core's findings underlined, file
// pickers for attachments, dates for warranties. Send stays disabled while anything is invalid.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'message-buyer',
  pages: ['details'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const anchor = selectors.detailsAnchor(document);
    if (anchor.fallback && !ui.mayUseFallback(page)) return;
    const existing = /** @type {HTMLElement | null} */ (document.querySelector('[data-sp-outreach="message-buyer"]'));
    if (existing?.dataset.orderId === page.orderId) {
      ui.place(anchor, existing);
      return;
    }
    existing?.remove();
    const { el, root } = ui.host('message-buyer');
    el.dataset.orderId = page.orderId;
    ui.place(anchor, el);
    signal.addEventListener('abort', () => el.remove());
    const open = ui.button(ui.t('messageBuyer'));
    open.setAttribute('aria-haspopup', 'dialog');
    root.append(open);
    open.addEventListener('click', async () => {
      // The page's hints (Amazon's review link, then the sales channel), else the seller's default
      // for now (issue 10 item 3: the API's answer replaces it).
      const shown = selectors.detailsOrder(document, page.orderId);
      const fromPage = selectors.marketplaceFromHints(shown.hints, selectors.region(location.hostname));
      const marketplaceId = fromPage ?? (await ui.ask({ type: 'status' }).catch(() => ({}))).defaultMarketplace;
      SPO.messageDialog({ orderId: page.orderId, marketplaceId, opener: open, signal });
    });
  },
});

SPO.messageDialog = ({ orderId, marketplaceId, opener, signal }) => {
  const { ui } = SPO;
  const { el, root } = ui.host('message-dialog');
  const style = document.createElement('style');
  style.textContent = `
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
    .row { display: flex; gap: 8px; justify-content: flex-end; }
    .hint { color: #565959; font-size: 12px; }
    [hidden] { display: none !important; }
  `;
  root.append(style);
  const backdrop = Object.assign(document.createElement('div'), { className: 'backdrop' });
  const dialog = Object.assign(document.createElement('div'), { className: 'dialog' });
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  const title = Object.assign(document.createElement('h2'), { id: 'title', textContent: `${ui.t('messageBuyer')} · ${orderId}` });
  dialog.setAttribute('aria-labelledby', 'title');
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
  root.append(backdrop);
  document.body.append(el);

  const onEscape = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
  const close = () => {
    document.removeEventListener('keydown', onEscape, true);
    el.remove();
    opener?.focus();
  };
  cancel.addEventListener('click', close);
  signal?.addEventListener('abort', close);
  // Esc closes wherever the focus is; Tab stays inside the dialog.
  document.addEventListener('keydown', onEscape, true);
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') {
      const focusable = [.../** @type {NodeListOf<HTMLButtonElement>} */ (dialog.querySelectorAll('button, select, textarea, input'))].filter((x) => !x.disabled);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = root.activeElement;
      if (e.shiftKey && active === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  cancel.focus();
  line.textContent = ui.t('checking');

  let draft = null;
  ui.ask({ type: 'messagingOptions', orderId, marketplaceId }).then(({ kinds, locale }) => {
    line.textContent = '';
    if (!kinds.length) {
      line.textContent = ui.t('noMessageKinds');
      return;
    }
    const select = document.createElement('select');
    for (const k of kinds) select.append(Object.assign(document.createElement('option'), { value: k.name, textContent: k.title ?? k.name }));
    const kindLabel = Object.assign(document.createElement('label'), { textContent: ui.t('messageKind') });
    kindLabel.append(select);
    const lang = Object.assign(document.createElement('p'), { className: 'hint', textContent: ui.t('buyerLanguage', locale ?? '?') });
    const form = document.createElement('div');
    form.style.display = 'contents';
    body.replaceChildren(kindLabel, lang, form);
    const build = () => {
      draft = SPO.messageForm(form, kinds.find((k) => k.name === select.value), (valid) => { send.disabled = !valid; });
    };
    select.addEventListener('change', build);
    build();
    select.focus();
  }, (e) => { line.textContent = ui.t('reviewError', e.message); line.className = 'status error'; });

  send.addEventListener('click', async () => {
    if (!draft) return;
    send.disabled = cancel.disabled = true;
    line.className = 'status';
    line.textContent = ui.t('sending');
    try {
      const message = await draft.message();
      // The core uploads each file through the Uploads API before the message goes out.
      if (message.files.length) line.textContent = ui.t('uploading', String(message.files.length), message.files.map((f) => f.fileName).join(', '));
      const r = await ui.ask({ type: 'sendMessage', orderId, marketplaceId, ...message });
      line.className = 'status ok';
      line.textContent = ui.t('messageSent', r.kind);
      cancel.textContent = ui.t('close');
      cancel.disabled = false;
      cancel.focus();
    } catch (e) {
      line.className = 'status error';
      line.textContent = ui.t('reviewError', e.message);
      send.disabled = false;
    }
    cancel.disabled = false;
  });
};

/** Builds the form for one kind from its JSON Schema into `form`; calls `onValid(bool)` as the
 * draft changes; returns { message() } giving what to send. */
SPO.messageForm = (form, kind, onValid) => {
  const { ui } = SPO;
  const props = kind.schema?.properties ?? {};
  const required = new Set(kind.schema?.required ?? []);
  const field = (labelText, input) => {
    const label = Object.assign(document.createElement('label'), { textContent: labelText });
    label.append(input);
    return label;
  };
  const nodes = [];
  let text = null;
  let count = null;
  let preview = null;
  let files = null;
  let confirm = null;
  const dates = {};
  const problems = Object.assign(document.createElement('ul'), { className: 'problems' });
  if (props.text) {
    text = document.createElement('textarea');
    text.maxLength = 100000; // the limit is shown, not enforced by truncation
    count = Object.assign(document.createElement('span'), { className: 'count' });
    preview = Object.assign(document.createElement('div'), { className: 'preview', hidden: true });
    nodes.push(field(ui.t('messageText'), text), count, preview);
  }
  if (props.attachments) {
    files = Object.assign(document.createElement('input'), { type: 'file', multiple: true });
    nodes.push(field(ui.t('attachments', String(props.attachments.maxLength ?? props.attachments.maxItems ?? 5)), files));
  }
  for (const d of ['coverageStartDate', 'coverageEndDate']) {
    if (!props[d]) continue;
    dates[d] = Object.assign(document.createElement('input'), { type: 'date' });
    nodes.push(field(ui.t(d), dates[d]));
  }
  confirm = Object.assign(document.createElement('input'), { type: 'checkbox' });
  const confirmLabel = document.createElement('label');
  confirmLabel.style.flexDirection = 'row';
  confirmLabel.hidden = true;
  confirmLabel.append(confirm, document.createTextNode(ui.t('confirmLinks')));
  nodes.push(confirmLabel, problems);
  form.replaceChildren(...nodes);

  const payload = () => {
    /** @type {Record<string, unknown>} */
    const body = {};
    if (text && text.value !== '') body.text = text.value;
    if (files?.files.length) body.attachments = [...files.files].map((f) => ({ uploadDestinationId: 'pending-upload', fileName: f.name }));
    for (const [k, input] of Object.entries(dates)) if (input.value) body[k] = `${input.value}T00:00:00Z`;
    return body;
  };
  let seq = 0;
  const check = async () => {
    const mine = ++seq;
    const body = payload();
    const max = props.text?.maxLength;
    if (text) {
      const n = [...text.value].length;
      count.textContent = max ? `${n} / ${max}` : `${n}`;
      count.classList.toggle('over', !!max && n > max);
    }
    let report;
    try {
      report = await ui.ask({ type: 'checkMessage', kind: kind.name, body, schema: kind.schema });
    } catch (e) {
      report = { valid: false, violations: [{ message: e.message }], findings: [], needsLinkConfirmation: false };
    }
    if (mine !== seq) return;
    if (text) underline(preview, text.value, report.findings);
    confirmLabel.hidden = !report.needsLinkConfirmation;
    const missing = [...required].filter((k) => body[k] === undefined);
    problems.replaceChildren(...[...report.violations.filter((v) => !missing.some((m) => v.path?.endsWith(m))).map((v) => v.message), ...report.findings.filter((f) => f.severity === 'error').map(findingText)]
      .map((m) => Object.assign(document.createElement('li'), { textContent: m })));
    onValid(report.valid && missing.length === 0 && (!report.needsLinkConfirmation || confirm.checked));
  };
  for (const input of [text, files, confirm, ...Object.values(dates)]) input?.addEventListener('input', check);
  confirm.addEventListener('change', check);
  files?.addEventListener('change', check);
  check();

  return {
    /** @returns {Promise<{ kind: string, body: Record<string, unknown>, files: { fileName: string, contentType: string, base64: string }[], confirmLinks: boolean }>} */
    async message() {
      const body = payload();
      delete body.attachments;
      const picked = files ? await Promise.all([...files.files].map(async (f) => ({ fileName: f.name, contentType: f.type || 'application/octet-stream', base64: toBase64(new Uint8Array(await f.arrayBuffer())) }))) : [];
      return { kind: kind.name, body, files: picked, confirmLinks: confirm.checked };
    },
  };
};

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A finding in the seller's UI language: `finding_<rule>` from _locales with the excerpt, else the core's English. */
function findingText(f) {
  const key = `finding_${f.rule}`;
  const text = SPO.ui.t(key, f.excerpt ?? '');
  return text && text !== key ? text : f.message;
}

/** The text again, with the findings' UTF-16 spans underlined (textContent only). */
function underline(preview, value, findings) {
  const marks = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  preview.hidden = marks.length === 0;
  const parts = [];
  let at = 0;
  for (const f of marks) {
    if (f.start < at) continue;
    parts.push(document.createTextNode(value.slice(at, f.start)));
    const span = Object.assign(document.createElement('span'), { className: `finding ${f.severity}`, textContent: value.slice(f.start, f.end), title: findingText(f) });
    parts.push(span);
    at = f.end;
  }
  parts.push(document.createTextNode(value.slice(at)));
  preview.replaceChildren(...parts);
}
