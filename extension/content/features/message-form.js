// The Message buyer form for one kind. Its fields come from the payload schema Amazon gave for the
// kind (embedded in the actions, or read by the background from its `_links.schema`), else from the
// operation's built-in body rules (the core's catalogue): text with a live character count and the
// core's findings underlined, file pickers for attachments, dates for warranties. Every keystroke
// is checked by the core (through the background); the dialog's Send stays disabled while anything
// is invalid.
'use strict';

/**
 * What the form shows, from the schema's properties or the built-in rules.
 * @typedef {{ text: boolean, textMax: number | null, attachments: { min: number, max: number } | null, coverageDates: boolean, required: Set<string> }} FormSpec
 */

/** @returns {FormSpec} */
function formSpec(/** @type {import('../../messages').MessageKind} */ kind, /** @type {number} */ maxAttachments) {
  const props = /** @type {Record<string, any> | undefined} */ (kind.schema?.properties);
  if (props && typeof props === 'object') {
    const a = props.attachments;
    // The models write the attachment limit as `maxLength` on the array (facts.md "Model quirks").
    const max = Math.min(maxAttachments, Number(a?.maxItems ?? a?.maxLength ?? maxAttachments) || maxAttachments);
    const required = new Set(Array.isArray(kind.schema?.required) ? /** @type {string[]} */ (kind.schema.required) : []);
    return {
      text: !!props.text, textMax: Number(props.text?.maxLength) || null, attachments: a ? { min: Number(a.minItems) || 0, max } : null,
      coverageDates: !!(props.coverageStartDate || props.coverageEndDate), required,
    };
  }
  const b = kind.body;
  const required = new Set([...(b?.textMax != null ? ['text'] : []), ...(b?.attachmentsMin ? ['attachments'] : [])]);
  return {
    text: b?.textMax != null, textMax: b?.textMax ?? null, attachments: b?.attachmentsMin != null ? { min: b.attachmentsMin, max: maxAttachments } : null,
    coverageDates: !!b?.coverageDates, required,
  };
}

/**
 * Builds the form for `kind` into `form`; calls `onValid(bool)` as the draft changes; returns
 * `{ message() }` giving what to send.
 * @param {HTMLElement} form
 * @param {import('../../messages').MessageKind} kind
 * @param {number} maxAttachments
 * @param {(valid: boolean) => void} onValid
 * @param {{ orderId: string, hints: SpoHint[] }} order  the order the draft is for: the background checks it against the schema it read for it
 */
SPO.messageForm = (form, kind, maxAttachments, onValid, order) => {
  const { ui } = SPO;
  const spec = formSpec(kind, maxAttachments);
  const field = (/** @type {string} */ labelText, /** @type {HTMLElement} */ input) => {
    const label = Object.assign(document.createElement('label'), { textContent: labelText });
    label.append(input);
    return label;
  };
  /** @type {HTMLElement[]} */
  const nodes = [];
  const text = spec.text ? document.createElement('textarea') : null;
  const count = Object.assign(document.createElement('span'), { className: 'count' });
  const preview = Object.assign(document.createElement('div'), { className: 'preview', hidden: true });
  if (text) {
    text.maxLength = 100000; // the limit is shown, not enforced by truncation
    nodes.push(field(ui.t('messageText'), text), count, preview);
  }
  const files = spec.attachments ? SPO.attachments.picker(spec.attachments.max) : null;
  if (files && spec.attachments) nodes.push(field(ui.t('attachments', String(spec.attachments.max)), files));
  /** @type {Record<string, HTMLInputElement>} */
  const dates = {};
  if (spec.coverageDates) {
    for (const d of ['coverageStartDate', 'coverageEndDate']) {
      dates[d] = Object.assign(document.createElement('input'), { type: 'date' });
      nodes.push(field(ui.t(d), dates[d]));
    }
  }
  const confirm = Object.assign(document.createElement('input'), { type: 'checkbox' });
  const confirmLabel = document.createElement('label');
  confirmLabel.style.flexDirection = 'row';
  confirmLabel.hidden = true;
  confirmLabel.append(confirm, document.createTextNode(ui.t('confirmLinks')));
  const problems = Object.assign(document.createElement('ul'), { className: 'problems' });
  nodes.push(confirmLabel, problems);
  form.replaceChildren(...nodes);

  /** The body as typed (attachments apart: the background puts the core's placeholder for each). */
  const payload = () => {
    /** @type {Record<string, unknown>} */
    const body = {};
    if (text && text.value !== '') body.text = text.value;
    for (const [k, input] of Object.entries(dates)) if (input.value) body[k] = `${input.value}T00:00:00Z`;
    return body;
  };
  let seq = 0;
  const check = async () => {
    const mine = ++seq;
    const body = payload();
    const fileNames = SPO.attachments.names(files);
    if (text) {
      const n = [...text.value].length;
      count.textContent = spec.textMax ? `${n} / ${spec.textMax}` : `${n}`;
      count.classList.toggle('over', !!spec.textMax && n > spec.textMax);
    }
    /** @type {import('../../messages').Response<'checkMessage'>} */
    let report;
    try {
      report = await ui.ask({ type: 'checkMessage', orderId: order.orderId, hints: order.hints, kind: kind.name, body, fileNames });
    } catch (e) {
      report = { valid: false, violations: [{ path: '$', keyword: 'error', message: /** @type {any} */ (e).message }], findings: [], needsLinkConfirmation: false };
    }
    if (mine !== seq) return;
    if (text) underline(preview, text.value, report.findings);
    confirmLabel.hidden = !report.needsLinkConfirmation;
    const present = (/** @type {string} */ k) => (k === 'attachments' ? fileNames.length > 0 : body[k] !== undefined);
    const missing = [...spec.required].filter((k) => !present(k));
    const shown = [...report.violations.filter((v) => !missing.some((m) => v.path?.endsWith(m))).map((v) => v.message), ...report.findings.filter((f) => f.severity === 'error').map(findingText)];
    problems.replaceChildren(...shown.map((m) => Object.assign(document.createElement('li'), { textContent: m })));
    onValid(report.valid && missing.length === 0 && (!report.needsLinkConfirmation || confirm.checked));
  };
  for (const input of [text, files, confirm, ...Object.values(dates)]) input?.addEventListener('input', check);
  confirm.addEventListener('change', check);
  files?.addEventListener('change', check);
  check();

  return {
    /** @returns {Promise<{ kind: string, body: Record<string, unknown>, files: import('../../messages').DraftFile[], confirmLinks: boolean }>} */
    async message() {
      return { kind: kind.name, body: payload(), files: await SPO.attachments.read(files), confirmLinks: confirm.checked };
    },
  };
};

/** A finding in the seller's UI language: `finding_<rule>` from _locales with the excerpt, else the core's English. */
function findingText(/** @type {import('../../core/sp_outreach.js').Finding} */ f) {
  const key = `finding_${f.rule}`;
  const text = SPO.ui.t(key, f.excerpt ?? '');
  return text && text !== key ? text : f.message;
}

/** The text again, with the findings' UTF-16 spans underlined (textContent only). */
function underline(/** @type {HTMLElement} */ preview, /** @type {string} */ value, /** @type {import('../../core/sp_outreach.js').Finding[]} */ findings) {
  const marks = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  preview.hidden = marks.length === 0;
  /** @type {Node[]} */
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
