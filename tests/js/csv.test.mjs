// The dashboard's CSV export: cells a spreadsheet would run as formulas are neutralised (issue #12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell, csv } from '../../extension/dashboard/csv.js';

test('cells that start like a formula get a leading apostrophe; others are as they were', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    assert.equal(cell(`${start}HYPERLINK("http://x","y")`), `"'${start}HYPERLINK(""http://x"",""y"")"`);
  }
  assert.equal(cell('114-3941689-8772232'), '"114-3941689-8772232"');
  assert.equal(cell('a=b, "c"'), '"a=b, ""c"""');
  assert.equal(cell(undefined), '""');
  assert.equal(cell(-3), `"'-3"`);
});

test('the export has a header and one neutralised line per send', () => {
  const text = csv([{ orderId: '114-3941689-8772232', what: 'review', outcome: 'requested', at: '2026-11-29T10:00:00Z', requestId: '=cmd|/C calc!A0' }]);
  assert.deepEqual(text.split('\r\n'), ['order,sent,outcome,at,requestId', `"114-3941689-8772232","review","requested","2026-11-29T10:00:00Z","'=cmd|/C calc!A0"`]);
});
