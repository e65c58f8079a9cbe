// The driver of the core's flows (src/flow): it decides nothing. It asks a run for its next step
// and does it — stores the states first when asked, sends with fetch (a redirect is handed back,
// never followed), waits — and hands the answer back with the time. Whether an answer is usable,
// too big, a redirect, worth a retry or a verification is the core's to say.
//
// In JS rather than in Rust with gloo-net and wasm-bindgen-futures: measured on the shipped
// package (make build, gzip -9 of wasm + glue), the Rust driver cost 7.6 KB gzip more than this
// file and its glue, and the core must fit 100 KB (README "Size and speed").

/**
 * @typedef {{ step: 'send', label: string, request: { method: string, url: string, headers: [string, string][], body: string | null }, file: number | null, timeoutMs: number, clientState: string, state: string | null, log: unknown }
 *   | { step: 'wait', ms: number, retry: unknown }
 *   | { step: 'done', result: unknown }} Step
 * @typedef {{ step(now: number): Step, answer(answer: object, now: number): unknown, free(): void }} Run
 */

/**
 * Runs `run` to its end: its result, or its CoreError thrown.
 * @param {Run} run
 * @param {Record<string, unknown>} config the client's configuration: saveState, onRetry, logRequest, logResponse, logError
 * @param {{ bytes: Uint8Array }[] | null | undefined} files the bytes of the run's files, by index
 * @param {((state: string) => unknown) | null | undefined} onSave stores the run's state when a step asks for that
 */
export async function drive(run, config, files, onSave) {
  // A hook is told, not asked: one that throws or rejects does not break a send.
  const tell = async (/** @type {string} */ name, /** @type {unknown[]} */ ...args) => {
    try {
      const f = config?.[name];
      if (typeof f === 'function') await f(...args);
    } catch {
      /* the hook's own failure */
    }
  };
  let label = '';
  try {
    for (;;) {
      const step = run.step(Date.now());
      if (step.step === 'done') return step.result;
      if (step.step === 'wait') {
        if (step.retry) await tell('onRetry', step.retry);
        await new Promise((resolve) => setTimeout(resolve, step.ms));
        continue;
      }
      // The client's state before every send; the run's when the core asks (a create), and then
      // nothing leaves without it: the product's error, as the core's errors are shaped.
      await tell('saveState', step.clientState);
      if (step.state !== null) {
        await Promise.resolve(onSave?.(step.state)).catch(() => {
          throw Object.assign(new Error('Nothing was sent: its state could not be stored first.'), { name: 'SpOutreachError', kind: 'stateNotSaved', source: 'build', details: null });
        });
      }
      label = step.label;
      if (step.log) await tell('logRequest', label, step.log);
      const logged = run.answer(await send(step, files), Date.now());
      if (logged) await tell('logResponse', label, logged);
    }
  } catch (e) {
    await tell('logError', label, e);
    throw e;
  } finally {
    run.free();
  }
}

/**
 * One request: the whole answer as fetch gives it, or how it failed.
 * @param {Extract<Step, { step: 'send' }>} step
 * @param {{ bytes: Uint8Array }[] | null | undefined} files
 */
async function send(step, files) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), step.timeoutMs);
  const { method, url, headers, body } = step.request;
  const failed = (/** @type {string} */ how) => ({ failure: abort.signal.aborted ? 'timeout' : how });
  try {
    const r = await fetch(url, { method, headers, redirect: 'manual', signal: abort.signal, body: step.file === null ? (body ?? undefined) : files?.[step.file]?.bytes });
    return await r.text().then((text) => ({ status: r.status, type: r.type, headers: [...r.headers], body: text }), () => failed('broken'));
  } catch {
    return failed('noAnswer');
  } finally {
    clearTimeout(timer);
  }
}
