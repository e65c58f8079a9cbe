// The dashboard's CSV export, apart from the page so it can be tested in Node.
// A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by
// spreadsheets (OWASP "CSV Injection"): an order id or Amazon's request id never does, but an
// error message or a value a page put in the history could, so such cells get a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised, quoted, inner quotes doubled. */
export function cell(/** @type {unknown} */ value) {
  const text = String(value ?? '');
  return `"${(FORMULA_START.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
}

/** @param {{ orderId: string, what: string, outcome: string, at?: string, requestId?: string }[]} list */
export function csv(list) {
  return ['order,sent,outcome,at,requestId', ...list.map((s) => [s.orderId, s.what, s.outcome, s.at, s.requestId].map(cell).join(','))].join('\r\n');
}
