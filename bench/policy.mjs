// `make bench`, text policy in wasm: the live check the composer runs on every keystroke
// (checkBody: the kind's rules, the API's schema and the text policy), on 2,000-character
// messages — ordinary service text, text with links and phone numbers, and text full of
// findings — in the shipped package under Node. Goal: ≤ 1 ms per keystroke. Then the worst
// inputs the core's caps let through (src/caps.rs: 100,000 UTF-16 units of text; src/validate.rs:
// schemas of 10,000 parts, bodies of 1,000, a budget of 200,000 steps; JSON of 1,000,000 units):
// goal, no input blocks the worker more than 50 ms (issue #16 item 2).
import { readFileSync } from 'node:fs';
import { initSync, checkBody, lintText } from '../build/pkg/sp_outreach.js';
import { SCHEMA } from './fixtures.mjs';
import { record } from './results.mjs';

initSync({ module: readFileSync(new URL('../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

const fill = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const texts = {
  'service text': fill('Hello, your sofa was collected by the carrier this morning and will be delivered on Thursday between 8 and 12. If that day does not suit you, reply with a better one and we will rebook. We reviewed your claim about the scratch and refund 20 EUR today. ', 2000),
  'links and phones': fill('Manual: https://example-shop.com/manual/sofa-3.pdf — carrier hotline +44 7700 900123, depot 0161 496 0000, tracking www.example-carrier.co.uk/track. ', 2000),
  'many findings': fill('Please leave a 5-star review and get a free gift! Happy? Review us. Not happy? Write to a@b.com first. Could you update your review? ', 2000),
  'japanese': fill('ご注文ありがとうございます。商品は明日発送いたします。レビューを書いていただいた方にクーポンをプレゼント！高評価をお願いします。', 2000),
};

// Best of seven rounds (a shared machine's slow moments show up as slow rounds).
function msPerCall(iterations, f, rounds = iterations === 1 ? 3 : 7) {
  for (let i = 0; i < iterations / 10; i++) f();
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6 / iterations);
    // A call that takes seconds is not run again: one figure says enough.
    if (best > 1000) break;
  }
  return best;
}

console.log('text policy per keystroke in wasm (checkBody with the API schema, 2,000 characters)');
console.log('| message          | findings | ms per keystroke | lintText alone ms |');
console.log('|------------------|----------|------------------|-------------------|');
let worst = 0;
const perKey = [];
for (const [name, text] of Object.entries(texts)) {
  const body = { text };
  const findings = lintText(text).length;
  const check = msPerCall(200, () => checkBody('unexpectedProblem', body, SCHEMA));
  const lint = msPerCall(200, () => lintText(text));
  worst = Math.max(worst, check);
  perKey.push(`${name} ${check.toFixed(2)}`);
  console.log(`| ${name.padEnd(16)} | ${String(findings).padStart(8)} | ${check.toFixed(3).padStart(16)} | ${lint.toFixed(3).padStart(17)} |`);
}
console.log(`goal: ≤ 1 ms per keystroke; worst ${worst.toFixed(3)} ms ${worst <= 1 ? '(met)' : '(NOT met)'}`);

// The worst inputs under the caps: each is the composer's checkBody (what checkMessage runs), one
// call, best of three (a call that throws — a Limit — counts the time until it threw).
const CAP = 100_000;
const long = (unit) => fill(unit, CAP);
// Texts over the 2,000 characters a message takes get the length violation and no policy check:
// the policy's worst inputs are 2,000 characters long.
const adversarial = {
  'one word': 'a',
  'dotted-out letters (p.l.e.a.s.e)': 'p.l.e.a.s.e. .l.e.a.v.e. .a. .5.-.s.t.a.r. .r.e.v.i.e.w. ',
  'addresses (a@b.co)': 'a@b.co ',
  'digits (phone numbers)': '0161 496 0000 ',
  'links without spaces': 'http://a.b/',
  'emoji (surrogate pairs)': '😀',
  'combining marks': 'e\u0301\u0301',
  'full-width letters': 'ｒｅｖｉｅｗ ５ ｓｔａｒｓ ',
  'punctuation only': '.!?@-',
  'the same finding': 'leave a 5-star review ',
};
const values = (n, len) => Array.from({ length: n }, (_, i) => `${i}`.padStart(len, 'v'));
/** @type {[string, string, unknown, unknown][]} */
const worstInputs = [
  ...Object.entries(adversarial).map(([name, unit]) => [`${name}, 2,000 characters`, 'unexpectedProblem', { text: fill(unit, 2000) }, SCHEMA]),
  ...Object.entries({ ...texts, ...adversarial }).map(([name, unit]) => [`${name}, 100,000 characters`, 'unexpectedProblem', { text: long(unit) }, SCHEMA]),
  ['schema that refers to itself (budget)', 'unexpectedProblem', { text: 'x' }, { anyOf: [{ $ref: '#' }, { $ref: '#' }] }],
  ['enum of 9,990 values × 1 field', 'unexpectedProblem', { text: 'none of them' }, { type: 'object', properties: { text: { enum: values(9990, 8) } } }],
  ['enum of 199 × 5,000-char values, 998 failing items', 'invoice', { attachments: Array.from({ length: 998 }, () => 'x') }, { type: 'object', properties: { attachments: { type: 'array', items: { enum: values(199, 5000) } } } }],
  ['schema of 1,000,000 characters', 'unexpectedProblem', { text: 'x' }, { type: 'object', description: 'd'.repeat(999_000) }],
];
console.log('worst inputs under the caps: one checkBody call (ms, best of 3)');
console.log('| input                                                  | ms     | result |');
console.log('|--------------------------------------------------------|--------|--------|');
let worstCap = 0;
let worstName = '';
for (const [name, kind, body, schema] of worstInputs) {
  let result = '';
  const ms = msPerCall(1, () => {
    try {
      const r = checkBody(kind, body, schema);
      result = `${r.violations.length} violations, ${r.findings.length} findings`;
    } catch (e) {
      result = `refused: ${String(/** @type {any} */ (e)?.kind ?? e)}`;
    }
  });
  if (ms > worstCap) [worstCap, worstName] = [ms, name];
  console.log(`| ${name.padEnd(54)} | ${ms.toFixed(1).padStart(6)} | ${result} |`);
}
// lintText (exported, not called by the extension) takes the whole 100,000 units.
const paste = long(texts['many findings']);
const pasted = msPerCall(1, () => lintText(paste));
console.log(`lintText of 100,000 pasted characters (${lintText(paste).length} findings; not called by the extension): ${pasted.toFixed(1)} ms`);
console.log(`goal: no input blocks the worker more than 50 ms; worst ${worstCap.toFixed(1)} ms (${worstName}) ${worstCap <= 50 ? '(met)' : '(NOT met)'}`);
record('keystroke', [
  { what: 'Keystroke: checkBody on 2,000 characters (wasm in Node), ms', figure: perKey.join('; '), goal: '≤ 1 ms', met: worst <= 1 },
  { what: 'Worst input under the caps: one checkBody call', figure: `${worstCap.toFixed(1)} ms (${worstName})`, goal: '≤ 50 ms', met: worstCap <= 50 },
]);
console.log();
