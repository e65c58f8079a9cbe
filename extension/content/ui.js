// Small UI helpers shared by the features: a shadow-DOM host so page styles don't leak in or out,
// elements built with createElement/textContent only, and the message call to the background.
'use strict';

SPO.ui = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, ...subs) => api.i18n.getMessage(key, subs) || key;

  const STYLE = `
    :host { all: initial; display: inline-flex; align-items: center; gap: 8px; font: 13px/1.4 "Amazon Ember", Arial, sans-serif; color: #0f1111; }
    button { font: inherit; border-radius: 8px; padding: 5px 12px; cursor: pointer; border: 1px solid #888c8c; background: #fff; color: #0f1111; }
    button.primary { background: #ffd814; border-color: #fcd200; }
    button:focus-visible { outline: 2px solid #007185; outline-offset: 2px; }
    button[disabled] { opacity: .6; cursor: default; }
    .status { color: #565959; }
    .status.ok { color: #067d62; }
    .status.error { color: #b12704; }
  `;

  /** A host element marked with `data-sp-outreach=feature`, with an open shadow root. */
  function host(feature) {
    const el = document.createElement('span');
    el.dataset.spOutreach = feature;
    const root = el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
    return { el, root };
  }

  function button(label, { primary = false } = {}) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (primary) b.className = 'primary';
    return b;
  }

  function status(text, kind = '') {
    const s = document.createElement('span');
    s.className = `status ${kind}`;
    s.setAttribute('role', 'status');
    s.textContent = text;
    return s;
  }

  /** Asks the background; rejects with { kind, message }. */
  async function ask(message) {
    const answer = await api.runtime.sendMessage(message);
    if (!answer?.ok) throw answer?.error ?? { kind: 'internal', message: 'No answer from the extension.' };
    return answer.result;
  }

  function date(iso) {
    return iso ? new Date(iso).toLocaleDateString(api.i18n.getUILanguage()) : '';
  }

  /**
   * Puts a control's host at an anchor from SPO.selectors (detailsAnchor, bulkAnchor, rowAnchor):
   * first or last inside it, or — for a fallback anchor — in one row of the extension's own at its
   * top. A host already there stays; one elsewhere (in the fallback before the page's own place
   * appeared) moves, keeping its state. `data-anchor` tells which place was used.
   */
  function place(anchor, el) {
    let parent = anchor.el;
    if (anchor.mode === 'slot') {
      parent = [...anchor.el.children].find((c) => c.getAttribute('data-sp-outreach') === 'slot');
      if (!parent) {
        parent = document.createElement('div');
        parent.setAttribute('data-sp-outreach', 'slot');
        parent.style.cssText = 'display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0';
        anchor.el.prepend(parent);
      }
    }
    if (el.parentElement !== parent) {
      if (anchor.mode === 'prepend') parent.prepend(el);
      else parent.append(el);
    }
    el.dataset.anchor = anchor.fallback ? 'fallback' : 'preferred';
  }

  /**
   * Whether a control may go to its fallback place now: the page shows what its URL names, or it
   * had SETTLE_MS since the last navigation to render its own place (main.js runs the features
   * again then). Before that a fallback would only flash and move.
   */
  const SETTLE_MS = 3000;
  function mayUseFallback(page) {
    return SPO.selectors.ready(document, page) || Date.now() - (SPO.navigatedAt ?? 0) >= SETTLE_MS;
  }

  /** Resolves with `test()`'s first truthy value, checked every 100 ms; null after `ms` or on abort. */
  function until(test, ms, signal) {
    return new Promise((resolve) => {
      const end = Date.now() + ms;
      const tick = () => {
        if (signal?.aborted) return resolve(null);
        const v = test();
        if (v) return resolve(v);
        if (Date.now() > end) return resolve(null);
        setTimeout(tick, 100);
      };
      tick();
    });
  }

  /** A host's content replaced by `nodes`, keeping its style. */
  function show(root, ...nodes) {
    root.replaceChildren(root.querySelector('style'), ...nodes);
  }

  /** What went wrong with a review request, for the seller. */
  function reviewError(e) {
    return status(t('reviewError', e?.message ?? String(e)), 'error');
  }

  /**
   * Request review → the seller confirms → the background sends `request` ({ orderId,
   * marketplaceId }) through the core; `done` shows its answer. `put` puts nodes in the host.
   * One flow for the details page's button and the list's row buttons (compact: no prompt text).
   */
  function reviewButton(put, request, { primary = false, compact = false, done }) {
    const offer = () => {
      const b = button(t('requestReview'), { primary });
      b.addEventListener('click', confirm);
      put(b);
    };
    const confirm = () => {
      const send = button(t('confirmSend'), { primary: true });
      const cancel = button(t('cancel'));
      cancel.addEventListener('click', offer);
      send.addEventListener('click', async () => {
        send.disabled = cancel.disabled = true;
        put(status(t('sending')));
        try {
          done(await ask({ type: 'requestReview', ...request }));
        } catch (e) {
          put(reviewError(e));
        }
      });
      put(...(compact ? [] : [status(t('confirmReview'))]), send, cancel);
      send.focus();
    };
    offer();
  }

  return { t, host, button, status, ask, date, show, place, until, SETTLE_MS, mayUseFallback, reviewError, reviewButton };
})();
