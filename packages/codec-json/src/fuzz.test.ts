import { isFault } from '@openstack-image/faults';
import {
  fuzzRuns,
  fuzzSeed,
  fuzzTimeLimit,
  mutatedDocuments,
  prototypeKeys,
  samples,
  seedDocuments,
} from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';

/*
 * A bounded, seeded fuzz run of every decoder: documents made from the reference samples by random
 * edits. Nothing but a Fault may escape, nothing may touch Object.prototype. `npm test` runs a
 * few thousand documents in a few seconds; `npm run fuzz` (FUZZ_RUNS, FUZZ_SECONDS) many more,
 * and FUZZ_SEED replays a failure.
 */
const decoders = Object.entries(jsonCodec).filter(
  (entry): entry is [string, (body: string | Uint8Array) => unknown] =>
    entry[0].startsWith('decode') && typeof entry[1] === 'function',
);
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
      const before = prototypeKeys();
      let tried = 0;
      fc.assert(
        fc.property(mutatedDocuments(seeds, TOKENS), fc.boolean(), (document, asBytes) => {
          const body = asBytes ? new TextEncoder().encode(document) : document;
          for (const [name, decode] of decoders) {
            tried++;
            try {
              decode(body);
            } catch (error) {
              if (!isFault(error))
                throw new Error(`${name} let a non-Fault escape: ${String(error)}`, { cause: error });
            }
          }
          expect(prototypeKeys()).toBe(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: fuzzRuns(600), seed: fuzzSeed(120_012), interruptAfterTimeLimit: fuzzTimeLimit() },
      );
      expect(tried).toBeGreaterThan(0);
    },
    fuzzTimeLimit() + 30_000,
  );
});
