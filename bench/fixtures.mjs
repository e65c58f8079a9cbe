// Inputs shared by the benchmarks: a typical message (bench/text.txt), its schema, and a typical
// messaging actions response with an embedded schema for every action (bench/actions.json, the
// shape of the tutorial seed 001). The native bench (examples/bench.rs) reads the same files.
import { readFileSync } from 'node:fs';

export const ORDER = '902-3159896-1390916';
export const US = 'ATVPDKIKX0DER';
export const SCHEMA = {
  type: 'object', $schema: 'http://json-schema.org/draft-04/schema#',
  properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } },
  additionalProperties: false, required: ['text'],
};
export const ACTIONS = readFileSync(new URL('actions.json', import.meta.url), 'utf8');
export const TEXT = readFileSync(new URL('text.txt', import.meta.url), 'utf8');
