import { isValid, type ResourceName } from '@openstack-image/schema';
import { canonicalArbitraries } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conforms } from './conforms.ts';
import { readImage, readImageSummary, readLinks } from './read-image.ts';
import { readList } from './read-list.ts';
import { readMetadata } from './read-metadata.ts';
import { readVersion } from './read-version.ts';
import { type Mutation, mutate, pathsOf } from './test-helpers.ts';

/*
 * The codec checks values by hand on its hot paths instead of calling the schema's compiled
 * TypeBox check. These properties hold the hand-written checks to the schema's answer, on
 * generated valid values and on the same values broken at one place.
 */

const arbitraries = canonicalArbitraries();
const RUNS = { numRuns: 3000, seed: 20_140_214, interruptAfterTimeLimit: 20_000 } as const;

const KINDS: readonly [ResourceName, fc.Arbitrary<unknown>][] = [
  ['Link', arbitraries.link],
  ['ServerRef', arbitraries.serverRef],
  ['Metadata', arbitraries.metadata],
  ['MetaItem', arbitraries.metaItem],
  ['Image', arbitraries.image],
  ['ImageSummary', arbitraries.imageSummary],
  ['ImageList', arbitraries.imageList],
  ['ImageIndex', arbitraries.imageIndex],
  ['MediaType', arbitraries.mediaType],
  ['Version', arbitraries.version],
  ['VersionList', arbitraries.versionList],
];

/** Values that break a field of some kind, or happen to fit it. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -0,
    -1,
    1.5,
    100,
    101,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'x',
    'AUTO',
    'MANUAL',
    '74185822',
    [],
    [1],
    {},
    { a: 'b' },
    { href: 'h', rel: 'r' },
    { id: 'i', links: [] },
    { base: 'b', type: 't' },
    new Date(0),
    new Uint8Array(1),
  ),
  fc.integer({ min: -2, max: 102 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.jsonValue({ maxDepth: 2 }),
);
const extraKey = fc.constantFrom(
  'extra',
  '',
  'k'.repeat(256),
  '__proto__',
  'constructor',
  'type',
  'id',
  'links',
  'media-types',
  'base',
);
const mutation = fc.constantFrom<Mutation>('replace', 'delete', 'add');

/** A valid value of `valid`, or one broken at one place. */
function validOrBroken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const broken = fc.tuple(valid, fc.nat(), mutation, replacement, extraKey).map(([value, pick, how, by, key]) => {
    const paths = pathsOf(value);
    return mutate(value, paths[pick % paths.length]!, how, by, key);
  });
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 3, arbitrary: broken });
}

/** A copy through JSON, as a decoder sees a document (`undefined`, `NaN`, dates turn into what JSON has). */
function throughJson(value: unknown): unknown {
  const text = JSON.stringify(value === undefined ? null : value);
  return JSON.parse(text);
}

describe('every generated canonical value is valid by the schema', () => {
  it.each(KINDS)('%s', (kind, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        expect(isValid(kind, value)).toBe(true);
      }),
      { ...RUNS, numRuns: 500 },
    );
  });
});

describe("the encoders' check (conforms) agrees with the schema's isValid", () => {
  it.each(KINDS)('%s, on valid and broken values', (kind, arbitrary) => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(validOrBroken(arbitrary), (value) => {
        const expected = isValid(kind, value);
        seen[expected ? 'valid' : 'invalid']++;
        expect(conforms(kind, value)).toBe(expected);
      }),
      RUNS,
    );
    // Both answers were exercised, or the property says little.
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });
});

describe("the decoders' one-pass readers agree with the schema's isValid on what they leave", () => {
  const cases: readonly [
    string,
    ResourceName,
    fc.Arbitrary<unknown>,
    (document: unknown, strict: boolean) => boolean,
  ][] = [
    ['Image', 'Image', arbitraries.image, (image, strict) => readImage(image, '/image', 2, strict)],
    ['ImageSummary', 'ImageSummary', arbitraries.imageSummary, (summary) => readImageSummary(summary, '/images/0', 3)],
    [
      'Metadata',
      'Metadata',
      arbitraries.metadata,
      (metadata, strict) => readMetadata(metadata, '/metadata', 2, strict),
    ],
    ['Version', 'Version', arbitraries.version, (version) => readVersion(version, '/version', 2)],
  ];

  it.each(cases)('%s (tolerant and strict)', (_, kind, arbitrary, read) => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(validOrBroken(arbitrary), fc.boolean(), (value, strict) => {
        const document = throughJson(value);
        const said = read(document, strict);
        const expected = isValid(kind, document);
        seen[expected ? 'valid' : 'invalid']++;
        expect(said).toBe(expected);
      }),
      RUNS,
    );
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });

  it('links', () => {
    fc.assert(
      fc.property(validOrBroken(fc.array(arbitraries.link, { maxLength: 3 })), (value) => {
        const document = throughJson(value);
        const said = readLinks(document, '/image/links', 3);
        const expected = Array.isArray(document) && document.every((link) => isValid('Link', link));
        expect(said).toBe(expected);
      }),
      RUNS,
    );
  });

  it.each([
    ['ImageList', arbitraries.imageList, (entry: unknown, pointer: string) => readImage(entry, pointer, 3, false)],
    ['ImageIndex', arbitraries.imageIndex, (entry: unknown, pointer: string) => readImageSummary(entry, pointer, 3)],
  ] as const)('%s', (kind, arbitrary, readEntry) => {
    fc.assert(
      fc.property(validOrBroken(arbitrary), (value) => {
        const document = throughJson(value);
        if (typeof document !== 'object' || document === null || Array.isArray(document)) return;
        const { list, ok } = readList(JSON.stringify(document), undefined, readEntry);
        expect(ok).toBe(isValid(kind, list));
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });
});
