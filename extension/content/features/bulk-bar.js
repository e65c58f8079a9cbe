// Feature: on the orders list, Request reviews for every order on the page, run by the background
// queue, with a progress bar (done / total, sent, skipped, failed, time left) and pause, resume and
// cancel. The run goes on with the tab closed; reopening the list shows it again.
'use strict';

SPO.features = SPO.features ?? [];
SPO.features.push({
  id: 'bulk-bar',
  pages: ['list'],
  run(page, signal) {
    const { ui, selectors } = SPO;
    const toolbar = selectors.toolbar(document);
    if (!toolbar || toolbar.querySelector('[data-sp-outreach="bulk-bar"]')) return;
    const { el, root } = ui.host('bulk-bar');
    toolbar.prepend(el);
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

    const render = (s) => {
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
    let timer = null;
    const poll = async () => {
      if (signal.aborted || !el.isConnected) return;
      try {
        const s = await ui.ask({ type: 'bulkStatus' });
        const active = render(s);
        // The rows' badges follow the run (listeners in this isolated world only, not the page's).
        for (const listener of SPO.bulkListeners ?? []) listener(s);
        el.dataset.polled = 'true';
        if (active) timer = setTimeout(poll, 700);
      } catch (e) {
        line.textContent = e.message;
        timer = setTimeout(poll, 2000);
      }
    };
    signal.addEventListener('abort', () => clearTimeout(timer));
    const act = (action) => async () => {
      render(await ui.ask({ type: 'bulkControl', action }));
      clearTimeout(timer);
      poll();
    };
    pause.addEventListener('click', act('pause'));
    resume.addEventListener('click', act('resume'));
    cancel.addEventListener('click', act('cancel'));
    const launch = async (orders) => {
      if (!window.confirm(ui.t('confirmBulk', String(orders.length)))) return;
      try {
        render(await ui.ask({ type: 'bulkStart', orders }));
        poll();
      } catch (e) {
        line.textContent = ui.t('reviewError', e.message);
      }
    };
    start.addEventListener('click', async () => {
      start.disabled = true;
      await launch(pageOrders());
      start.disabled = false;
    });
    startAll.addEventListener('click', async () => {
      startAll.disabled = start.disabled = true;
      line.textContent = ui.t('collecting');
      try {
        await launch(await allPagesOrders());
      } finally {
        startAll.disabled = start.disabled = false;
      }
    });
    render({ state: 'none', total: 0, done: 0 });
    poll();
  },
});

/** The orders on the page as the page shows them. */
function pageOrders() {
  const rows = SPO.selectors.orderRows(document);
  const market = rows.find((r) => r.marketplaceId)?.marketplaceId;
  return rows.map((r) => ({ orderId: r.orderId, marketplaceId: r.marketplaceId ?? market, refunded: r.refunded, returned: r.returned, canceled: r.canceled, unshipped: r.unshipped, delivery: r.delivery }))
    .filter((o) => o.marketplaceId);
}

/** Every page of the current filter: pages forward with the list's own "Next" link (pushState),
 * waiting for the rows to re-render, and comes back to the first page. At most 100 pages. */
async function allPagesOrders() {
  const start = location.href;
  const seen = new Map();
  for (let i = 0; i < 100; i++) {
    for (const o of pageOrders()) seen.set(o.orderId, o);
    const next = SPO.selectors.nextPageLink(document);
    if (!next) break;
    const first = SPO.selectors.orderRows(document)[0]?.orderId;
    next.click();
    await changed(() => SPO.selectors.orderRows(document)[0]?.orderId !== first);
  }
  if (location.href !== start) {
    history.back();
    // The page handles popstate itself (Seller Central re-renders on back navigation).
  }
  return [...seen.values()];
}

function changed(test, ms = 10000) {
  return new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const check = () => (test() ? resolve() : Date.now() > end ? reject(new Error('the list did not change')) : setTimeout(check, 100));
    check();
  });
}
