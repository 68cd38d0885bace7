import { isFault } from '@openstack-image/faults';
import { decodersOf, fuzzDecoders, fuzzTimeLimit, samples, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';

/*
 * A bounded, seeded fuzz run of every decoder: documents made from the reference samples by random
 * edits. Nothing but a Fault may escape, nothing may touch Object.prototype. `npm test` runs a
 * few thousand documents in a few seconds; `npm run fuzz` (FUZZ_RUNS, FUZZ_SECONDS) many more,
 * and FUZZ_SEED replays a failure.
 */
const decoders = decodersOf(jsonCodec);
const seeds = [seedDocuments().json, ...samples('json').map((sample) => sample.text)];
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  '\\',
  ':',
  ',',
  '-0',
  '1e400',
  '"__proto__"',
  '"constructor"',
  'null',
  'true',
  '\\u0000',
  '\\ud800',
  '\ufeff',
  '12345678901234567890',
  '[[[[[[[[',
  '"images"',
  '"metadata"',
  '"meta"',
  '"code"',
  ' ',
];

describe('fuzz: every decoder lets only Faults escape, on mutated documents', () => {
  it(
    `${decoders.map(([name]) => name).join(', ')}`,
    () => {
      const tried = fuzzDecoders(decoders, { seeds, tokens: TOKENS }, { quickRuns: 600, seed: 120_012, isFault });
      expect(tried).toBeGreaterThan(0);
    },
    fuzzTimeLimit() + 30_000,
  );
});
