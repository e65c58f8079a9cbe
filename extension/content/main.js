// Runs the features for the page, and again when Seller Central (a single-page app) navigates with
// pushState or re-renders: each run gets an abort signal that the next navigation aborts. Features
// mark what they inject, so nothing is injected twice.
'use strict';

(() => {
  let href = null;
  let controller = null;

  function runAll() {
    const page = SPO.selectors.page(location);
    if (location.href !== href) {
      href = location.href;
      controller?.abort();
      controller = new AbortController();
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
})();
