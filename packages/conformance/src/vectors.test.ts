import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { isFault } from '@openstack-image/faults';
import { samples, seedDocuments, sharedPath } from '@openstack-image/test-support';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkManifest } from './check-manifest.ts';
import { loadVectors, VECTORS_DIR } from './load-vectors.ts';
import { KINDS, OPERATIONS, type Vector } from './manifest.ts';

const manifestText = readFileSync(join(VECTORS_DIR, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { vectors: Vector[] };
const vectors = manifest.vectors;
const MEDIA_TYPES = ['application/json', 'application/xml'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(VECTORS_DIR, path).split(sep).join('/')];
  });
}

describe('the manifest', () => {
  it('is valid by the JSON Schema it ships with (Ajv, draft 2020-12)', () => {
    const schema = JSON.parse(readFileSync(join(VECTORS_DIR, 'manifest.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('passes the runner’s own check, and every document it names is there', () => {
    expect(() => checkManifest(manifest)).not.toThrow();
    const loaded = loadVectors();
    expect(loaded).toHaveLength(vectors.length);
    for (const vector of loaded) {
      if (vector.document !== undefined) expect(vector.body?.length, vector.id).toBeGreaterThanOrEqual(0);
    }
  });

  it('names every file under vectors/, and no file twice for two meanings', () => {
    const named = new Set(vectors.flatMap((v) => [v.document, v.pair?.document].filter((d) => d !== undefined)));
    const files = filesUnder(VECTORS_DIR).filter((file) => !file.startsWith('manifest.'));
    expect(files.filter((file) => !named.has(file))).toEqual([]);
  });

  it('holds at least 300 vectors, every kind in both media types, decode, encode and refuse ones included', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(300);
    for (const kind of KINDS) {
      for (const mediaType of MEDIA_TYPES) {
        for (const operation of ['decode', 'encode', 'round-trip'] as const) {
          const n = vectors.filter((v) => v.kind === kind && v.mediaType === mediaType && v.operation === operation);
          expect(n.length, `${operation} ${kind} ${mediaType}`).toBeGreaterThan(0);
        }
      }
      expect(
        vectors.some((v) => v.kind === kind && v.operation === 'cross-format'),
        kind,
      ).toBe(true);
    }
    for (const operation of OPERATIONS)
      expect(
        vectors.some((v) => v.operation === operation),
        operation,
      ).toBe(true);
    expect(vectors.some((v) => v.operation === 'refuse' && v.value !== undefined)).toBe(true);
  });

  it.each([
    'escaping',
    'namespaces',
    'extensions',
    'nulls',
    'tolerance',
    'huge',
    'deep',
    'doctype',
    'entities',
    'prototype',
    'utf8',
    'unwritable',
    'exception',
  ])('has vectors tagged %s', (tag) => {
    expect(vectors.filter((v) => v.tags.includes(tag)).length).toBeGreaterThan(0);
  });

  it('tags each vector with its kind, operation and format, so that --filter can pick them', () => {
    for (const v of vectors) {
      expect(v.tags).toEqual(
        expect.arrayContaining([v.kind, v.operation, v.mediaType.endsWith('json') ? 'json' : 'xml']),
      );
    }
  });
});

describe('the copies of the shared reference stay equal to it', () => {
  const copies = new Set(filesUnder(join(VECTORS_DIR, 'samples')));
  it.each([...samples('json'), ...samples('xml')].map((s) => [s.name, s] as const))('%s', (name, original) => {
    expect(copies.has(`samples/${name}`)).toBe(true);
    expect(readFileSync(join(VECTORS_DIR, 'samples', name))).toEqual(readFileSync(original.path));
  });

  it('has no sample that shared/ does not have', () => {
    const names = new Set([...samples('json'), ...samples('xml')].map((s) => `samples/${s.name}`));
    expect([...copies].filter((copy) => !names.has(copy))).toEqual([]);
  });

  it.each(['versions-get-resp.json', 'versions-get-resp.xml'])("holds Nova's version document %s", (name) => {
    expect(readFileSync(join(VECTORS_DIR, 'versions', name))).toEqual(
      readFileSync(sharedPath('reference', 'versions', name)),
    );
  });

  it("holds the seed's two examples", () => {
    const seed = seedDocuments();
    expect(readFileSync(join(VECTORS_DIR, 'seed', 'get-image-details.json'), 'utf8')).toBe(seed.json);
    expect(readFileSync(join(VECTORS_DIR, 'seed', 'get-image-details.xml'), 'utf8')).toBe(seed.xml);
    expect(sharedPath('seed', 'get-image-details.txt')).toContain('seed');
  });

  it('decodes every sample, and each reference vector names its origin under shared/', () => {
    for (const s of [...samples('json'), ...samples('xml')]) {
      const format = s.name.endsWith('.json') ? 'json' : 'xml';
      expect(vectors.map((v) => v.id)).toContain(`decode/${format}/${s.name.replace(/\.(json|xml)$/, '')}`);
    }
    for (const v of vectors.filter((v) => v.source.type === 'reference')) {
      expect(v.source.type === 'reference' && v.source.origin).toMatch(
        /^shared\/(seed|reference\/(samples|versions))\//,
      );
    }
  });
});

describe("the named cross-format exception: Nova's null metadata value, None in its XML", () => {
  const excepted = vectors.filter((v) => v.exception !== undefined);

  it('is carried by exactly the four Nova list pairs that hold it, with its reason', () => {
    expect(excepted.map((v) => v.id).sort()).toEqual([
      'cross-format/nova/OS-DCF/image-list-resp',
      'cross-format/nova/OS-EXT-IMG-SIZE/images-details-get-resp',
      'cross-format/nova/images-details-get-resp',
      'cross-format/nova/images-details-resp',
    ]);
    for (const v of excepted) {
      expect(v.exception!.name).toBe('nova-null-metadata-value');
      expect(v.exception!.reason).toContain('None');
      expect(v.exception!.differences).toEqual([
        expect.objectContaining({
          pointer: expect.stringMatching(/^\/images\/\d+\/metadata\/ramdisk_id$/),
          values: { 'application/json': 'null', 'application/xml': 'None' },
        }),
      ]);
    }
  });

  it('is the only one: every other Nova pair and the seed are plain cross-format vectors', () => {
    const pairs = vectors.filter((v) => v.operation === 'cross-format' && v.source.type === 'reference');
    expect(pairs.length).toBeGreaterThanOrEqual(25);
    expect(pairs.filter((v) => v.exception === undefined).length).toBe(pairs.length - 4);
    expect(pairs.map((v) => v.id)).toContain('cross-format/seed/get-image-details');
  });
});

describe('checkManifest: a broken manifest is a Fault naming the vector and the member', () => {
  const good = vectors[0]!;
  it.each([
    [null, 'expected an object at '],
    [{ version: 2, vectors: [] }, 'expected version 1 at /version'],
    [{ version: 1, vectors: {} }, 'expected an array at /vectors'],
    [{ version: 1, vectors: [good, good] }, 'is used twice at /vectors/1/id'],
    [{ version: 1, vectors: [{ ...good, kind: 'server' }] }, 'at /vectors/0/kind'],
    [{ version: 1, vectors: [{ ...good, operation: 'refuse', fault: { name: 'nope' } }] }, 'at /vectors/0'],
    [{ version: 1, vectors: [{ ...good, source: { type: 'project' } }] }, 'at /vectors/0/source'],
    [{ version: 1, vectors: [{ ...good, options: { maxBytes: -1 } }] }, 'at /vectors/0/options'],
    [{ version: 1, vectors: [{ ...good, document: undefined }] }, 'needs a document and a value'],
  ])('%j', (value, message) => {
    expect(() => checkManifest(value)).toThrow(message);
  });

  it('property: any JSON value is a Manifest or a badRequest Fault, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          checkManifest(value);
        } catch (error) {
          expect(isFault(error) && error.name === 'badRequest').toBe(true);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('loadVectors refuses a document path that leaves the folder, and a folder with no manifest', () => {
    expect(() => loadVectors('/nonexistent-dir')).toThrow(/cannot be read as JSON/);
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    try {
      const escaping = { ...good, id: 'x', document: '../outside.json' };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, vectors: [escaping] }));
      expect(() => loadVectors(dir)).toThrow(/leaves the manifest's folder/);
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({ version: 1, vectors: [{ ...good, document: 'none.json' }] }),
      );
      expect(() => loadVectors(join(dir, '.'))).toThrow(/cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README tells the counts as they are', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const count = (pick: (v: Vector) => string) => {
    const counts = new Map<string, number>();
    for (const v of vectors) counts.set(pick(v), (counts.get(pick(v)) ?? 0) + 1);
    return counts;
  };

  it('the total, and the counts by kind, media type, operation and level', () => {
    expect(readme).toContain(`names ${vectors.length} vectors`);
    for (const [kind, n] of count((v) => v.kind)) expect(readme).toContain(`${kind} ${n}`);
    for (const [type, n] of count((v) => (v.mediaType.endsWith('json') ? 'JSON' : 'XML'))) {
      expect(readme).toContain(`${type} ${n}`);
    }
    for (const [operation, n] of count((v) => v.operation)) expect(readme).toContain(`${operation} ${n}`);
    for (const [level, n] of count((v) => v.level)) expect(readme).toContain(`${n} \`${level}\``);
  });
});
