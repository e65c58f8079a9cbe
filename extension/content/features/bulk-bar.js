// Feature: on the orders list, Request reviews for every order on the page (or on every page of the
// current filter), run by the background queue, with a progress bar (done / total, sent, skipped,
// failed, time left) and pause, resume and cancel. The run goes on with the tab closed; reopening the
// list shows it again. The bar follows its run through pushState paging and toolbar re-renders
// (issue 10 item 7): it is put back when its anchor is re-rendered, and its polling belongs to the
// bar, not to the navigation that happened to inject it.
'use strict';

SPO.features.push({
  id: 'bulk-bar',
  pages: ['list'],
  run(page) {
    const { ui, selectors } = SPO;
    const anchor = selectors.bulkAnchor(document);
    if (anchor.fallback && !ui.mayUseFallback(page)) return;
    const existing = /** @type {HTMLElement | null} */ (document.querySelector('[data-sp-outreach="bulk-bar"]'));
    if (existing) {
      ui.place(anchor, existing);
      return;
    }
    const { el, root } = ui.host('bulk-bar');
    ui.place(anchor, el);
    const start = ui.button(ui.t('requestReviewsPage'), { primary: true });
    const startAll = ui.button(ui.t('requestReviewsAll'));
    const progress = Object.assign(document.createElement('progress'), { max: 1, value: 0, hidden: true });
    progress.setAttribute('aria-label', ui.t('bulkProgress'));
    const line = ui.status('');
    const pause = ui.button(ui.t('pause'));
    const resume = ui.button(ui.t('resume'));
    const cancel = ui.button(ui.t('cancel'));
    const style = document.createElement('style');
    style.textContent = 'progress { width: 140px; } [hidden] { display: none !important; }';
    root.append(style, start, startAll, progress, line, pause, resume, cancel);

    const render = (/** @type {import('../../messages').BulkStatus} */ s) => {
      const active = s.state === 'running' || s.state === 'paused';
      // Which run the bar shows (its start time): tells a new run's end from an earlier one's.
      el.dataset.run = s.run ?? '';
      el.dataset.state = s.state;
      start.hidden = active;
      startAll.hidden = active;
      progress.hidden = s.state === 'none';
      progress.max = Math.max(1, s.total);
      progress.value = s.done;
      pause.hidden = s.state !== 'running';
      resume.hidden = s.state !== 'paused';
      cancel.hidden = !active;
      line.textContent = s.state === 'none' ? '' : ui.t('bulkLine', `${s.done}/${s.total}`, String(s.sent), String(s.skipped), String(s.failed))
        + (s.secondsLeft != null ? ` · ${ui.t('secondsLeft', String(s.secondsLeft))}` : '')
        + (s.scheduled ? ` · ${ui.t('bulkScheduled', String(s.scheduled), ui.date(s.nextDue))}` : '')
        + (s.state === 'done' ? ` · ${ui.t('bulkDone')}` : s.state === 'paused' ? ` · ${ui.t('bulkPaused')}` : s.state === 'cancelled' ? ` · ${ui.t('bulkCancelled')}` : '');
      return active;
    };
    // One poll loop per bar, for as long as the bar is on the page (a navigation does not stop it;
    // a re-rendered toolbar takes the bar away, and the new bar polls instead).
    /** @type {ReturnType<typeof setTimeout> | null} */
    let timer = null;
    const poll = async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!el.isConnected) return;
      try {
        const s = await ui.ask({ type: 'bulkStatus' });
        if (!el.isConnected) return;
        const active = render(s);
        // The rows' badges follow the run (listeners in this isolated world only, not the page's).
        for (const listener of SPO.bulkListeners ?? []) listener(s);
        el.dataset.polled = 'true';
        if (active && !timer) timer = setTimeout(poll, 700);
      } catch (e) {
        line.textContent = /** @type {any} */ (e).message;
        if (!timer) timer = setTimeout(poll, 2000);
      }
    };
    const act = (/** @type {'pause' | 'resume' | 'cancel'} */ action) => async () => {
      render(await ui.ask({ type: 'bulkControl', action }));
      poll();
    };
    pause.addEventListener('click', ui.trusted(act('pause')));
    resume.addEventListener('click', ui.trusted(act('resume')));
    cancel.addEventListener('click', ui.trusted(act('cancel')));
    // The run starts when the seller confirms it in the extension's confirm frame (issue #12 item 2).
    const launch = async (/** @type {import('../../messages').BulkOrder[]} */ orders) => {
      try {
        const { token } = await ui.ask({ type: 'prepareBulk', orders });
        await new Promise((resolve) => {
          const frame = ui.confirmFrame(token, 'wide', (d) => {
            frame.remove();
            if (d.action === 'bulk') {
              if (d.answer.ok) render(d.answer.result);
              else line.textContent = ui.t('reviewError', d.answer.error.message);
              poll();
            }
            resolve(undefined);
          });
          root.append(frame);
        });
      } catch (e) {
        line.textContent = ui.t('reviewError', /** @type {any} */ (e).message);
      }
    };
    start.addEventListener('click', ui.trusted(async () => {
      start.disabled = true;
      await launch(pageOrders());
      start.disabled = false;
    }));
    startAll.addEventListener('click', ui.trusted(async () => {
      startAll.disabled = start.disabled = true;
      line.textContent = ui.t('collecting');
      try {
        await launch(await allPagesOrders());
      } catch (e) {
        line.textContent = ui.t('reviewError', /** @type {any} */ (e).message);
      } finally {
        startAll.disabled = start.disabled = false;
      }
    }));
    render({ state: 'none', total: 0, done: 0, orders: [] });
    poll();
  },
});

/** The orders on the page as the page names them: id, marketplace hints and purchase day (the
 * background resolves each through Amazon's Orders API; none is dropped for a marketplace the page
 * does not show), and the status classes — refunds and returns only the page can tell.
 * @returns {import('../../messages').BulkOrder[]} */
function pageOrders() {
  return SPO.selectors.orderRows(document).map((o) => ({
    orderId: o.orderId, hints: o.hints, purchasedAt: o.purchasedAt, refunded: o.refunded, returned: o.returned, canceled: o.canceled, unshipped: o.unshipped,
  }));
}

/** Every page of the current filter: from the first page to the last with the list's own page
 * links and "Next" (pushState; the rows re-render late), then back to the page the seller started
 * on — the page's own link to it, else a plain load of its URL. At most 100 pages. */
async function allPagesOrders() {
  const { selectors } = SPO;
  const startPage = selectors.pageNumber(document, location);
  const startHref = location.href;
  const seen = new Map();
  await goToPage(1);
  for (let i = 0; i < 100; i++) {
    for (const o of pageOrders()) seen.set(o.orderId, o);
    const next = selectors.nextPageLink(document);
    if (!next) break;
    await turnPage(() => next.click(), selectors.pageNumber(document, location) + 1);
  }
  if (!(await goToPage(startPage)) && location.href !== startHref) location.assign(startHref);
  return [...seen.values()];
}

/** Shows page `n` through its link; false when the pagination has no link to it. */
async function goToPage(/** @type {number} */ n) {
  const { selectors } = SPO;
  if (selectors.pageNumber(document, location) === n) return true;
  const link = selectors.pageLink(document, n);
  if (!link) return false;
  await turnPage(() => link.click(), n);
  return true;
}

/** Clicks, then waits until the list shows page `n` with its rows (re-rendered, not the old ones). */
async function turnPage(/** @type {() => void} */ click, /** @type {number} */ n) {
  const { selectors } = SPO;
  const before = selectors.orderRows(document)[0]?.row;
  click();
  await changed(() => selectors.shownPage(document) === n && selectors.orderRows(document)[0]?.row !== before);
}

function changed(/** @type {() => boolean} */ test, ms = 15000) {
  return /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const check = () => (test() ? resolve() : Date.now() > end ? reject(new Error('the list did not change')) : setTimeout(check, 100));
    check();
  }));
}
