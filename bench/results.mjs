// The figures each part of `make bench` hands to the summary table (bench/summary.mjs): one JSON
// file per part under target/bench/, written when the part ends, with the machine's load then.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export const DIR = new URL('../target/bench/', import.meta.url).pathname;

/**
 * @param {string} part the file's name, e.g. "wake"
 * @param {{ what: string, figure: string, goal: string, met: boolean | null }[]} rows `met` null: information, no goal
 */
export function record(part, rows) {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}${part}.json`, `${JSON.stringify({ at: new Date().toISOString(), load: loadavg()[0], rows }, null, 1)}\n`);
}
