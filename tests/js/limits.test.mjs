// The background's caps before the core (extension/limits.js, issue #12 item 3): hostile drafts
// and files get a typed error quickly, whatever their size or shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedBody, checkedFileNames, decodedFiles, MAX_BASE64, MAX_TEXT } from '../../extension/limits.js';

const kind = (f) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e.kind;
  }
};

test('drafts: plain objects within the caps pass; anything else is a typed error, quickly', () => {
  assert.deepEqual(checkedBody({ text: 'Hello', attachments: [{ uploadDestinationId: 'x', fileName: 'a.pdf' }] }), { text: 'Hello', attachments: [{ uploadDestinationId: 'x', fileName: 'a.pdf' }] });
  let deep = {};
  for (let i = 0; i < 10000; i++) deep = { a: deep };
  const wide = Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`k${i}`, 1]));
  const cases = [
    [null, 'badMessage'], ['text', 'badMessage'], [[], 'badMessage'], [{ text: 1n }, 'badMessage'], [{ text: NaN }, 'badMessage'],
    [{ text: () => 1 }, 'badMessage'], [{ d: new Date() }, 'badMessage'], [{ text: 'x'.repeat(MAX_TEXT + 1) }, 'tooLarge'],
    [{ a: 'x'.repeat(60000), b: 'x'.repeat(60000) }, 'tooLarge'], [{ text: 'x'.repeat(10 * 1024 * 1024) }, 'tooLarge'],
    [deep, 'tooLarge'], [wide, 'tooLarge'], [{ ['k'.repeat(300)]: 1 }, 'badMessage'], [JSON.parse('{"__proto__": {"x": 1}}'), 'ok'],
    [{ text: '\uD800 lone' }, 'ok'], [{ text: 'x'.repeat(MAX_TEXT) }, 'ok'],
  ];
  for (const [i, [body, want]] of cases.entries()) {
    const t = performance.now();
    assert.equal(kind(() => checkedBody(body)), want, `case ${i}`);
    assert.ok(performance.now() - t < 200, 'quickly');
  }
});

test('files: count, name, type and size are checked before anything is decoded', () => {
  const ok = { fileName: 'invoice.pdf', contentType: 'application/pdf', base64: Buffer.from('%PDF-1.4').toString('base64') };
  const [f] = decodedFiles([ok], 1);
  assert.deepEqual([...f.bytes], [...Buffer.from('%PDF-1.4')]);
  assert.equal(f.contentType, 'application/pdf');
  const cases = [
    ['x', 'badMessage'], [[ok, ok], 'badMessage'], [[{ ...ok, fileName: '../etc/passwd' }], 'badMessage'], [[{ ...ok, fileName: 'a\u0000b' }], 'badMessage'],
    [[{ ...ok, fileName: '' }], 'badMessage'], [[{ ...ok, contentType: 'text/html; charset=x' }], 'badMessage'], [[{ ...ok, contentType: '' }], 'badMessage'],
    [[{ ...ok, base64: 'A'.repeat(MAX_BASE64 + 4) }], 'tooLarge'], [[{ ...ok, base64: 'not base64!' }], 'badMessage'], [[{ ...ok, base64: 5 }], 'badMessage'], [[null], 'badMessage'],
  ];
  for (const [files, want] of cases) assert.equal(kind(() => decodedFiles(files, 1)), want, JSON.stringify(files).slice(0, 80));
  assert.deepEqual(checkedFileNames(['a.pdf'], 1), ['a.pdf']);
  assert.equal(kind(() => checkedFileNames(['a', 'b'], 1)), 'badMessage');
  assert.equal(kind(() => checkedFileNames(['a/b'], 1)), 'badMessage');
});
