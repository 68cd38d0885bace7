import { isFault } from '@openstack-image/faults';
import { decodersOf, fuzzDecoders, fuzzTimeLimit, samples, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';

/*
 * A bounded, seeded fuzz run of every decoder: documents made from the reference samples by random
 * edits. Nothing but a Fault may escape, nothing may touch Object.prototype. `npm test` runs a
 * few thousand documents in a few seconds; `npm run fuzz` (FUZZ_RUNS, FUZZ_SECONDS) many more,
 * and FUZZ_SEED replays a failure.
 */
const decoders = decodersOf(xmlCodec);
const seeds = [seedDocuments().xml, ...samples('xml').map((sample) => sample.text)];
const TOKENS = [
  '<',
  '>',
  '&',
  '&#0;',
  '&#x10FFFF;',
  '&amp;',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '&e;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  ' xmlns="',
  ' xmlns:x="',
  '"',
  "'",
  '</',
  '/>',
  '<?xml version="1.0"?>',
  '\t',
  '__proto__',
  ' key="',
  '&#0000000065;',
  '<meta key="k">v</meta>',
  ' code="',
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
