// Small UI helpers shared by the features: a shadow-DOM host so page styles don't leak in or out,
// elements built with createElement/textContent only, the message call to the background, and what
// the background's order view means for the seller (why no request, which marketplace).
'use strict';

/**
 * @typedef {import('../messages').OrderView} SpoOrderView
 * @typedef {import('../messages').Hint} SpoPageHint
 */

SPO.ui = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => api.i18n.getMessage(key, subs) || key;

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
  function host(/** @type {string} */ feature) {
    const el = document.createElement('span');
    el.dataset.spOutreach = feature;
    const root = el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
    return { el, root };
  }

  function button(/** @type {string} */ label, { primary = false } = {}) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (primary) b.className = 'primary';
    return b;
  }

  function status(/** @type {string} */ text, kind = '') {
    const s = document.createElement('span');
    s.className = `status ${kind}`;
    s.setAttribute('role', 'status');
    s.textContent = text;
    return s;
  }

  /**
   * Asks the background (messages.d.ts); rejects with its `{ kind, message }`.
   * @template {import('../messages').MessageType} K
   * @param {import('../messages').Request<K>} message
   * @returns {Promise<import('../messages').Response<K>>}
   */
  async function ask(message) {
    /** @type {import('../messages').Answer<K> | undefined} */
    const answer = await api.runtime.sendMessage(message);
    if (!answer?.ok) throw answer?.error ?? { kind: 'internal', message: 'No answer from the extension.' };
    return answer.result;
  }

  /** A date for the seller, from ISO text or ms. */
  function date(/** @type {string | number | null | undefined} */ at) {
    return at || at === 0 ? new Date(at).toLocaleDateString(api.i18n.getUILanguage()) : '';
  }

  /**
   * Why no review request, from what Amazon's Orders API says of the order (the core's review
   * window: "opens around …", "closed since …"), in the list's short form or the details page's.
   * Without the API's answer, Amazon's actions said no and that is all that is known.
   */
  function notOfferedText(/** @type {SpoOrderView | undefined} */ order, compact = false) {
    const w = order?.source === 'api' ? order.window : null;
    if (order?.source === 'api' && order.status === 'CANCELLED') return t(compact ? 'skippedCanceled' : 'detailsCanceled');
    if (w?.state === 'notShipped') return t(compact ? 'skippedUnshipped' : 'detailsNotShipped');
    if (w?.state === 'notYet' && w.opensAt !== null) return t(compact ? 'rowOpens' : 'windowOpens', date(w.opensAt));
    if (w?.state === 'closed' && w.closesAt !== null) return t(compact ? 'rowClosed' : 'windowClosedSince', date(w.closesAt));
    return t('notEligible');
  }

  /**
   * Nobody knows the order's marketplace (the Orders API could not say and the page shows none):
   * the seller picks one of the region's, and nothing is sent before. `chosen` gets the new view.
   */
  function marketplacePicker(/** @type {SpoOrderView} */ order, /** @type {(view: SpoOrderView) => void} */ chosen, { compact = false } = {}) {
    const select = document.createElement('select');
    select.setAttribute('aria-label', t('marketplace'));
    select.append(Object.assign(document.createElement('option'), { value: '', textContent: t('marketplace') }));
    for (const m of order.choices) select.append(Object.assign(document.createElement('option'), { value: m.id, textContent: m.name }));
    const use = button(t('useMarketplace'));
    use.disabled = true;
    select.addEventListener('change', () => { use.disabled = !select.value; });
    const why = order.apiError ? order.apiError.message : t('apiCouldNotSay');
    const line = status(compact ? t('pickMarketplaceShort') : t('pickMarketplace', why));
    if (compact) line.title = t('pickMarketplace', why);
    use.addEventListener('click', trusted(async () => {
      use.disabled = select.disabled = true;
      try {
        chosen(await ask({ type: 'chooseMarketplace', orderId: order.orderId, marketplaceId: select.value }));
      } catch (e) {
        line.textContent = /** @type {any} */ (e)?.message ?? String(e);
        use.disabled = select.disabled = false;
      }
    }));
    return [line, select, use];
  }

  /**
   * Puts a control's host at an anchor from SPO.selectors (detailsAnchor, bulkAnchor, rowAnchor):
   * first or last inside it, or — for a fallback anchor — in one row of the extension's own at its
   * top. A host already there stays; one elsewhere (in the fallback before the page's own place
   * appeared) moves, keeping its state. `data-anchor` tells which place was used.
   */
  function place(/** @type {SpoAnchor} */ anchor, /** @type {HTMLElement} */ el) {
    let parent = anchor.el;
    if (anchor.mode === 'slot') {
      const slot = [...anchor.el.children].find((c) => c.getAttribute('data-sp-outreach') === 'slot');
      if (slot) parent = slot;
      else {
        const made = document.createElement('div');
        made.setAttribute('data-sp-outreach', 'slot');
        made.style.cssText = 'display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0';
        anchor.el.prepend(made);
        parent = made;
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
  function mayUseFallback(/** @type {{ kind: string, orderId?: string }} */ page) {
    return SPO.selectors.ready(document, page) || Date.now() - (SPO.navigatedAt ?? 0) >= SETTLE_MS;
  }

  /**
   * Resolves with `test()`'s first truthy value, checked every 100 ms; null after `ms` or on abort.
   * @template T
   * @param {() => T | null | false | undefined} test
   * @param {number} ms
   * @param {AbortSignal} [signal]
   * @returns {Promise<T | null>}
   */
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
  function show(/** @type {ShadowRoot} */ root, /** @type {Node[]} */ ...nodes) {
    const style = root.querySelector('style');
    root.replaceChildren(...(style ? [style] : []), ...nodes);
  }

  /** What went wrong with a request, for the seller: Amazon's reason as the core put it. */
  function reviewError(/** @type {unknown} */ e) {
    return status(t('reviewError', /** @type {any} */ (e)?.message ?? String(e)), 'error');
  }

  /**
   * Request review → the seller confirms → the background sends `request` ({ orderId, hints }:
   * the background decides the marketplace) through the core; `done` shows its answer. `put` puts
   * nodes in the host. One flow for the details page's button and the list's row buttons (compact:
   * no prompt text).
   * @param {(...nodes: Node[]) => void} put
   * @param {{ orderId: string, hints: SpoPageHint[] }} request
   * @param {{ primary?: boolean, compact?: boolean, done: (r: import('../messages').ReviewState) => void }} options
   */
  function reviewButton(put, request, { primary = false, compact = false, done }) {
    const offer = () => {
      const b = button(t('requestReview'), { primary });
      b.addEventListener('click', trusted(async () => {
        b.disabled = true;
        try {
          const { token } = await ask({ type: 'prepareReview', ...request, compact });
          put(confirmFrame(token, compact ? 'compact' : 'inline', (d) => {
            if (d.action === 'cancelled') offer();
            else if (d.action === 'review') {
              if (d.answer.ok) done(d.answer.result);
              else put(reviewError(d.answer.error));
            }
          }));
        } catch (e) {
          put(reviewError(e));
        }
      }));
      put(b);
    };
    offer();
  }

  /** A handler that runs for a person's input only: a page script's `click()` or dispatched event
   * is not trusted (issue #12 item 2). @template {Event} E */
  function trusted(/** @type {(e: E) => unknown} */ f) {
    return (/** @type {E} */ e) => {
      if (e.isTrusted) f(e);
    };
  }

  // The outcomes of confirmed sends, from the background (tabs.sendMessage): only the extension
  // reaches a content script's onMessage, and only its own id is listened to.
  /** @type {Map<string, (done: import('../messages').ActionDone) => void>} */
  const waiting = new Map();
  api?.runtime?.onMessage?.addListener((message, sender) => {
    if (sender?.id !== api.runtime.id || message?.type !== 'actionDone' || typeof message.token !== 'string') return undefined;
    const f = waiting.get(message.token);
    if (f) {
      waiting.delete(message.token);
      f(/** @type {import('../messages').ActionDone} */ (message));
    }
    return undefined;
  });

  /** Frame sizes: a row's Send/Cancel, a line with the question, the bulk bar's longer question. */
  const FRAME = { compact: 'width:170px;height:34px', inline: 'width:min(560px,100%);height:34px', wide: 'width:min(900px,100%);height:34px', message: 'width:100%;height:124px' };

  /**
   * The extension's confirm frame for a prepared send (confirm/confirm.html, web-accessible to
   * Seller Central only): the seller's click on its Send is what sends. `onDone` gets the outcome.
   */
  function confirmFrame(/** @type {string} */ token, /** @type {keyof typeof FRAME} */ size, /** @type {(done: import('../messages').ActionDone) => void} */ onDone) {
    const frame = document.createElement('iframe');
    frame.src = `${api.runtime.getURL('confirm/confirm.html')}#${token}`;
    frame.title = t('confirmSend');
    frame.setAttribute('data-sp-outreach', 'confirm');
    frame.style.cssText = `${FRAME[size]};border:0;background:transparent;vertical-align:middle`;
    // The seller just clicked to get here: the keyboard goes on in the frame, on its Send.
    frame.addEventListener('load', () => frame.focus(), { once: true });
    waiting.set(token, onDone);
    return frame;
  }

  return { t, host, button, status, ask, date, show, place, until, SETTLE_MS, mayUseFallback, reviewError, reviewButton, notOfferedText, marketplacePicker, trusted, confirmFrame };
})();
