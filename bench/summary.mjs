// `make bench`, last: one table of every goal of issue #16 beside the figure this run measured,
// from the files the parts wrote (bench/results.mjs). A part that did not run says so.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DIR } from './results.mjs';

const PARTS = [
  ['size', 'node bench/bench.mjs'],
  ['wake', 'node bench/wake.mjs'],
  ['keystroke', 'node bench/policy.mjs'],
  ['schema', 'node bench/schema.mjs'],
  ['scale', 'node bench/scale.mjs'],
  ['bulk', 'node bench/bulk.mjs'],
];
console.log(`\nPerformance (issue #16): goals beside this run's figures (${cpus().length} cores; load average when each part ended)`);
console.log('| what | figure | goal | met | load |');
console.log('|---|---|---|---|---|');
for (const [part, how] of PARTS) {
  const file = `${DIR}${part}.json`;
  if (!existsSync(file)) {
    console.log(`| ${part}: not run (\`${how}\`) | | | | |`);
    continue;
  }
  const { rows, load } = JSON.parse(readFileSync(file, 'utf8'));
  for (const r of rows) console.log(`| ${r.what} | ${r.figure} | ${r.goal} | ${r.met === null ? 'info' : r.met ? 'yes' : '**no**'} | ${load.toFixed(1)} |`);
}
