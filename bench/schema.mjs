// `make bench`, fresh schema (issue #16 item 3): a schema received from the API at run time, used
// once. The core (the shipped wasm under Node) reads the schema where it validates — nothing is
// compiled, so every validation is a first one — beside ajv (ajv-draft-04 + ajv-formats, pinned in
// package.json), which compiles the schema to a function and then validates: the way a JS
// extension would check a schema it just received. Each call gets a schema object neither side has
// seen (ajv caches compiled schemas by object). The core's call is the composer's checkBody (the
// kind's rules, the schema, the text policy of the body's text); the schema's own part is the
// same call with the schema minus without it, and that is what the goal compares with ajv. Rounds alternate between the
// two, so a busy machine slows both alike; each side's best round is shown. Prints a table; asserts
// nothing.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { initSync, checkBody } from '../build/pkg/sp_outreach.js';
import { SCHEMA, ACTIONS } from './fixtures.mjs';
import { record } from './results.mjs';

initSync({ module: readFileSync(new URL('../build/pkg/sp_outreach_bg.wasm', import.meta.url)) });

// What Amazon embeds for a text kind (bench/actions.json, the shape of tutorial seed 001), and a
// warranty body as messaging.json's CreateWarrantyRequest writes it: attachments through a $ref,
// RFC 3339 dates.
const embedded = JSON.parse(ACTIONS)._embedded.actions.find((a) => a.name === 'confirmDeliveryDetails')._embedded.schema;
const warranty = {
  $schema: 'http://json-schema.org/draft-04/schema#', type: 'object',
  properties: {
    attachments: { type: 'array', maxItems: 5, minItems: 1, items: { $ref: '#/definitions/Attachment' } },
    coverageStartDate: { type: 'string', format: 'date-time' },
    coverageEndDate: { type: 'string', format: 'date-time' },
  },
  definitions: {
    Attachment: { type: 'object', required: ['fileName', 'uploadDestinationId'], properties: { uploadDestinationId: { type: 'string' }, fileName: { type: 'string' } } },
  },
};
const cases = [
  ['embedded (Amazon\'s, 310-character text)', 'confirmDeliveryDetails', embedded, { text: readFileSync(new URL('text.txt', import.meta.url), 'utf8') }],
  ['minimal (text only, short text)', 'confirmDeliveryDetails', SCHEMA, { text: 'Your parcel arrives on Thursday.' }],
  ['warranty ($ref, attachments, dates)', 'warranty', warranty, {
    attachments: [{ uploadDestinationId: '6a8ef2a7-6a7c-4bd5-9a4d-0ddc3c1e5d32', fileName: 'warranty.pdf' }],
    coverageStartDate: '2026-01-01T00:00:00Z', coverageEndDate: '2028-01-01T00:00:00Z',
  }],
];

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const ROUNDS = 9;
const CALLS = 100;
// Best round: a shared machine's slow moments show up as slow rounds, not as slow code.
const best = (xs) => Math.min(...xs);

console.log('fresh schema: the first validation against a schema received at run time (µs per schema, Node, best of 9 alternating rounds)');
console.log('| schema                                  | core: validation against it µs | ajv compile + validate µs | core ÷ ajv (goal ≤ 0.10) | core\'s whole check µs (+ kind rules, text policy) | whole ÷ ajv |');
console.log('|-----------------------------------------|--------------------------------|---------------------------|--------------------------|---------------------------------------------------|-------------|');
let worst = 0;
const figures = [];
for (const [name, kind, schema, body] of cases) {
  // Both sides agree on the body (the core's report also has the text policy's findings).
  const core = checkBody(kind, body, structuredClone(schema));
  const js = ajv.compile(structuredClone(schema))(body);
  if (core.violations.length || !js) throw new Error(`${name}: the fixture does not validate (${JSON.stringify(core.violations)})`);
  // One warm-up round each.
  for (let i = 0; i < CALLS; i++) checkBody(kind, body, structuredClone(schema));
  for (let i = 0; i < CALLS; i++) ajv.compile(structuredClone(schema))(body);
  const coreRounds = [];
  const bareRounds = [];
  const ajvRounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = Array.from({ length: CALLS }, () => structuredClone(schema));
    const b = Array.from({ length: CALLS }, () => structuredClone(schema));
    let t = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) checkBody(kind, body, a[i]);
    coreRounds.push(Number(process.hrtime.bigint() - t) / 1000 / CALLS);
    // The same check without the schema: the kind's rules and the text policy alone.
    t = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) checkBody(kind, body, undefined);
    bareRounds.push(Number(process.hrtime.bigint() - t) / 1000 / CALLS);
    t = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) ajv.compile(b[i])(body);
    ajvRounds.push(Number(process.hrtime.bigint() - t) / 1000 / CALLS);
    // ajv keeps every schema it compiled: let them go between rounds.
    ajv.removeSchema();
  }
  const c = best(coreRounds);
  const j = best(ajvRounds);
  // The schema's part: the same check with the schema minus without it (the schema crossing into
  // wasm and the validation against it).
  const part = Math.max(0, c - best(bareRounds));
  worst = Math.max(worst, part / j);
  figures.push(`${name.split(' (')[0]} ${(part / j).toFixed(3)}× (${part.toFixed(0)} vs ${j.toFixed(0)} µs)`);
  console.log(`| ${name.padEnd(39)} | ${part.toFixed(1).padStart(30)} | ${j.toFixed(1).padStart(25)} | ${(part / j).toFixed(3).padStart(24)} | ${c.toFixed(1).padStart(49)} | ${(c / j).toFixed(3).padStart(11)} |`);
}
console.log(`goal: the core's validation against a fresh schema ≤ 0.1× ajv's compile + validate; worst ${worst.toFixed(3)}× ${worst <= 0.1 ? '(met)' : '(NOT met)'}`);
record('schema', [{ what: 'Fresh schema: the core\'s validation ÷ ajv compile + validate (Node)', figure: figures.join('; '), goal: '≤ 0.1×', met: worst <= 0.1 }]);
console.log();
