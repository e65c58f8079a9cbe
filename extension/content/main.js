// Runs the features for the page, and again when Seller Central (a single-page app) navigates with
// pushState or re-renders: each run gets an abort signal that the next navigation aborts (the bulk
// bar, which follows a run across pages, does not use it). Features mark what they inject, so nothing
// is injected twice. Answers the extension's own `pageCheck` question with what the page shows.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  /** @type {string | null} */
  let href = null;
  let controller = new AbortController();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let settle;

  function runAll() {
    const page = SPO.selectors.page(location);
    if (location.href !== href) {
      href = location.href;
      controller.abort();
      controller = new AbortController();
      // Controls wait this long for the page's own place before taking a fallback (ui.mayUseFallback);
      // a run then places them even if the page changes nothing more.
      SPO.navigatedAt = Date.now();
      clearTimeout(settle);
      settle = setTimeout(runAll, SPO.ui.SETTLE_MS + 50);
    }
    if (!page) return;
    for (const f of SPO.features ?? []) {
      if (!f.pages.includes(page.kind)) continue;
      try {
        f.run(page, controller.signal);
      } catch (e) {
        console.error(`SP Outreach: ${f.id}`, e);
      }
    }
  }

  // Content scripts cannot see the page's pushState calls; DOM changes follow every navigation and
  // re-render, so they are the signal. Batched to one run per frame.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      runAll();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  runAll();

  // The page check (SPO.selectors.check) for the popup, asked with tabs.sendMessage: only the
  // extension itself can reach a content script's onMessage, and only its own id is answered.
  api?.runtime?.onMessage?.addListener((message, sender, respond) => {
    if (sender?.id !== api.runtime.id || message?.type !== 'pageCheck') return undefined;
    respond({ ok: true, result: SPO.selectors.check(document, location) });
    return undefined;
  });
})();
