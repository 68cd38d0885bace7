import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValid, jsonSchemaOf, type ResourceName, Schemas } from './index.ts';

const names = Object.keys(Schemas) as ResourceName[];
/** A fresh validator per document: each document carries its own `$id`. */
const compileWithAjv = (name: ResourceName) => new Ajv2020({ strict: false }).compile(jsonSchemaOf(name) as object);

/** The document `npm run build` publishes as @openstack-image/schema/json-schema/<Name>.schema.json. */
function published(name: ResourceName): unknown {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'json-schema', `${name}.schema.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is missing or unreadable: run \`npm run build\` in packages/schema first (${error})`);
  }
}

describe('the published JSON Schema documents', () => {
  it.each(names)('%s is the TypeBox source, as plain JSON', (name) => {
    expect(published(name)).toEqual(jsonSchemaOf(name));
    expect(JSON.stringify(jsonSchemaOf(name))).not.toMatch(/Symbol|TypeBox/);
  });

  it.each(names)('%s compiles in an independent validator (Ajv, draft 2020-12)', (name) => {
    expect(() => compileWithAjv(name)).not.toThrow();
  });
});

// Values near the edges of the model: right and wrong types in every place a field can be.
const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('', 'k'.repeat(256), 'AUTO', 'MANUAL', 'ACTIVE'),
  fc.integer({ min: -2, max: 200 }),
  fc.constantFrom(1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, null, true),
);
const link = fc.record(
  { href: fc.oneof(fc.string(), scalar), rel: fc.oneof(fc.string(), scalar) },
  { requiredKeys: [] },
);
const loose = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('a', '', '__proto__', 'k'.repeat(256)), scalar, { maxKeys: 2 }),
    link,
  ),
})).value;
const validLink = fc.record(
  { href: fc.string(), rel: fc.string(), type: fc.string() },
  { requiredKeys: ['href', 'rel'] },
);
const validImage = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 3 }),
    name: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
    status: fc.constantFrom('ACTIVE', 'OS-EXT:foo'),
    progress: fc.integer({ min: 0, max: 100 }),
    minDisk: fc.nat(),
    minRam: fc.nat(),
    created: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
    updated: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
    metadata: fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), fc.string({ maxLength: 3 })),
    links: fc.array(validLink, { maxLength: 2 }),
    server: fc.record({ id: fc.string(), links: fc.array(validLink, { maxLength: 1 }) }),
    'OS-EXT-IMG-SIZE:size': fc.nat(),
    'OS-DCF:diskConfig': fc.constantFrom('AUTO', 'MANUAL'),
  },
  { requiredKeys: ['id', 'name', 'created', 'updated', 'metadata', 'links'] },
);
// A valid image with one member replaced by something else or taken away.
const image = fc.oneof(
  validImage,
  fc
    .tuple(validImage, fc.constantFrom(...Object.keys(Schemas.Image.properties), 'extra'), fc.option(loose))
    .map(([value, key, replacement]) => {
      const copy: Record<string, unknown> = { ...value };
      if (replacement === null) delete copy[key];
      else copy[key] = replacement;
      return copy;
    }),
);
const mediaType = fc.record({ base: fc.string(), type: fc.string() });
const validVersion = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 3 }),
    status: fc.constantFrom('CURRENT', 'SUPPORTED', 'DEPRECATED'),
    updated: fc.string({ maxLength: 3 }),
    links: fc.array(validLink, { maxLength: 2 }),
    'media-types': fc.array(mediaType, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['id', 'status', 'updated', 'links'] },
);
// A valid version with one member replaced by something else (an empty media-types among them) or taken away.
const version = fc.oneof(
  validVersion,
  fc
    .tuple(
      validVersion,
      fc.constantFrom(...Object.keys(Schemas.Version.properties), 'extra'),
      fc.option(fc.oneof(loose, fc.constant([]))),
    )
    .map(([value, key, replacement]) => {
      const copy: Record<string, unknown> = { ...value };
      if (replacement === null) delete copy[key];
      else copy[key] = replacement;
      return copy;
    }),
);
// Keys on both sides of the 255-character line, spelled with surrogate pairs, lone surrogates or both:
// TypeBox runs the key pattern without the `u` flag, Ajv with it; both must count code points.
const edgeKey = fc
  .tuple(fc.integer({ min: 250, max: 260 }), fc.constantFrom('\u{1F600}', '\ud800', '\udc00', 'k', '\udc00\ud800'))
  .map(([count, unit]) => unit.repeat(count));
const candidates: Record<ResourceName, fc.Arbitrary<unknown>> = {
  Link: link,
  ServerRef: fc.record({ id: scalar, links: fc.oneof(fc.array(link, { maxLength: 2 }), loose) }, { requiredKeys: [] }),
  Metadata: fc.oneof(
    fc.dictionary(
      fc.oneof(fc.constantFrom('a', '', '__proto__', 'k'.repeat(256)), edgeKey),
      fc.oneof(fc.string(), scalar),
    ),
    loose,
  ),
  MetaItem: fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b', ''), fc.oneof(fc.string(), scalar), { maxKeys: 3 }),
    loose,
  ),
  Image: image,
  ImageSummary: fc.record({ id: scalar, name: scalar, links: fc.array(link, { maxLength: 2 }) }, { requiredKeys: [] }),
  ImageList: fc.record(
    { images: fc.array(image, { maxLength: 2 }), images_links: fc.array(link, { maxLength: 1 }) },
    { requiredKeys: [] },
  ),
  ImageIndex: fc.record(
    {
      images: fc.array(fc.record({ id: scalar, name: scalar, links: fc.array(link) }), { maxLength: 2 }),
      images_links: loose,
    },
    { requiredKeys: [] },
  ),
  MediaType: fc.record({ base: scalar, type: scalar, extra: scalar }, { requiredKeys: [] }),
  Version: version,
  VersionList: fc.oneof(fc.record({ versions: fc.array(version, { maxLength: 2 }) }, { requiredKeys: [] }), loose),
};

describe('the JSON Schema documents accept exactly what the TypeBox schemas accept', () => {
  it.each(names)('%s', (name) => {
    const validate = compileWithAjv(name);
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(candidates[name], (value) => {
        const expected = isValid(name, value);
        if (expected) accepted++;
        else rejected++;
        expect(validate(value)).toBe(expected);
      }),
      { numRuns: 2000, seed: 20261126, interruptAfterTimeLimit: 10_000 },
    );
    // The generators reach both sides of the line, or the agreement says little.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
