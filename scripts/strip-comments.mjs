// Drops the comments from wasm-bindgen's JS glue before it ships: they repeat the Rust doc
// comments, which the .d.ts keeps for developers. The code itself is left exactly as generated
// (no minifying), so store reviewers read what wasm-bindgen wrote. Measured on build/pkg:
// 38.0 KB → 33.5 KB raw, 7.9 KB → 6.2 KB gzip.
// Usage: node scripts/strip-comments.mjs build/pkg/sp_outreach.js
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'acorn';

const file = process.argv[2];
const source = readFileSync(file, 'utf8');
const comments = [];
// `@ts-self-types` tells TypeScript where the module's types are: it stays.
const keep = (text) => text.trim().startsWith('@ts-');
parse(source, { ecmaVersion: 'latest', sourceType: 'module', onComment: (block, text, start, end) => keep(text) || comments.push([start, end]) });
let out = '';
let at = 0;
for (const [start, end] of comments) {
  // A comment alone on its lines goes with its indentation and line break.
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', end);
  const alone = source.slice(lineStart, start).trim() === '' && source.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() === '';
  const [from, to] = alone ? [lineStart, lineEnd === -1 ? source.length : lineEnd + 1] : [start, end];
  out += source.slice(at, Math.max(at, from));
  at = Math.max(at, to);
}
out += source.slice(at);
// What is left must still be the same program.
parse(out, { ecmaVersion: 'latest', sourceType: 'module' });
writeFileSync(file, out);
console.log(`${file}: ${source.length} → ${out.length} bytes without comments`);
