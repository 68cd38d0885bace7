import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { isFault } from '@openstack-image/faults';
import type { Codec, Image, ImageList } from '@openstack-image/schema';
import { describe, expect, it } from 'vitest';
import { parseFailureList } from './failure-list.ts';
import { loadVectors } from './load-vectors.ts';
import type { LoadedVector } from './manifest.ts';
import { conformancePassed, countByStatus, type VectorResult } from './result.ts';
import { runConformance } from './run-conformance.ts';

const vectors = loadVectors();
const idsWith = (results: readonly VectorResult[], status: string) =>
  results.filter((r) => r.status === status).map((r) => r.id);

describe("the project's own codecs pass the whole suite with empty failure lists", () => {
  const results = runConformance([jsonCodec, xmlCodec], { failureList: [], level: 'recommended' });

  it('every vector runs and passes, recommended ones included', () => {
    expect(results).toHaveLength(vectors.length);
    expect(results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    expect(conformancePassed(results)).toBe(true);
  });

  it('one codec alone runs its own media type and skips the rest, cross-format pairs included', () => {
    const json = runConformance(jsonCodec);
    const skipped = json.filter((r) => r.status === 'skipped');
    expect(skipped.length).toBe(vectors.filter((v) => v.mediaType !== 'application/json' || v.pair).length);
    expect(skipped.every((r) => r.message?.startsWith('no codec for application/xml'))).toBe(true);
    expect(conformancePassed(json)).toBe(true);
  });
});

/** A codec that reads or writes everything right but one attribute: minDisk of every image. */
function withoutMinDisk(codec: Codec, side: 'decode' | 'encode'): Codec {
  const drop = (image: Image): Image => {
    const { minDisk: _, ...rest } = image;
    return rest;
  };
  const dropList = (list: ImageList): ImageList => ({ ...list, images: list.images.map(drop) });
  return side === 'decode'
    ? {
        ...codec,
        decodeImage: (body, options) => drop(codec.decodeImage(body, options)),
        decodeImageList: (body, options) => dropList(codec.decodeImageList(body, options)),
      }
    : {
        ...codec,
        encodeImage: (image) => codec.encodeImage(drop(image)),
        encodeImageList: (list) => codec.encodeImageList(dropList(list)),
      };
}

const hasMinDisk = (value: unknown): boolean => {
  const images = (value as { images?: unknown[] })?.images ?? [value];
  return images.some((image) => typeof image === 'object' && image !== null && 'minDisk' in image);
};
const decoded = (vector: LoadedVector) =>
  vector.kind === 'image' ? jsonCodec.decodeImage(vector.body!) : jsonCodec.decodeImageList(vector.body!);
const imageKinds = (v: LoadedVector) => v.kind === 'image' || v.kind === 'imageList';

describe('the runner catches a broken codec: one dropped attribute fails the right vectors, and only those', () => {
  it('an XML decoder that drops minDisk fails the XML decode vectors and the pairs whose value has one', () => {
    const results = runConformance([jsonCodec, withoutMinDisk(xmlCodec, 'decode')]);
    const expected = vectors
      .filter((v) => imageKinds(v))
      .filter(
        (v) =>
          (v.operation === 'decode' && v.mediaType === 'application/xml' && hasMinDisk(v.value)) ||
          (v.operation === 'cross-format' && hasMinDisk(decoded(v))),
      )
      .map((v) => v.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(idsWith(results, 'failed').sort()).toEqual(expected.sort());
    const failure = results.find((r) => r.id === 'decode/xml/seed/get-image-details')!;
    expect(failure.message).toContain('/minDisk: missing');
    expect(conformancePassed(results)).toBe(false);
  });

  it('a JSON encoder that drops minDisk fails the JSON encode and round-trip vectors whose value has one', () => {
    const results = runConformance([withoutMinDisk(jsonCodec, 'encode'), xmlCodec]);
    const expected = vectors
      .filter((v) => imageKinds(v) && v.mediaType === 'application/json')
      .filter(
        (v) =>
          (v.operation === 'encode' && hasMinDisk(v.value)) || (v.operation === 'round-trip' && hasMinDisk(decoded(v))),
      )
      .map((v) => v.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(idsWith(results, 'failed').sort()).toEqual(expected.sort());
  });

  it('a decoder that throws a TypeError, or refuses nothing, fails with words that say so', () => {
    const throwing: Codec = {
      ...jsonCodec,
      decodeImage: () => {
        throw new TypeError('boom');
      },
    };
    const results = runConformance(throwing, { filter: 'image' });
    const decode = results.find((r) => r.id === 'decode/json/seed/get-image-details')!;
    expect(decode).toMatchObject({ status: 'failed', message: 'threw TypeError: boom' });
    const refuse = results.find((r) => r.id === 'refuse/json/image/not-json')!;
    expect(refuse.message).toBe('threw TypeError: boom, not the Fault badRequest');

    const lax: Codec = { ...jsonCodec, decodeImage: () => jsonCodec.decodeImage('{"image": {"id": "1"}}') };
    const laxResults = runConformance(lax, { filter: 'refuse' });
    expect(laxResults.find((r) => r.id === 'refuse/json/image/doctype')).toBeUndefined();
    expect(laxResults.find((r) => r.id === 'refuse/json/image/bad-utf8')).toMatchObject({
      status: 'failed',
      message: 'decoded instead of refusing with badRequest',
    });
  });
});

describe('failure lists', () => {
  const broken = withoutMinDisk(xmlCodec, 'decode');
  const failing = idsWith(runConformance([jsonCodec, broken]), 'failed');

  it('listing every failure makes the run pass, as expected failures', () => {
    const results = runConformance([jsonCodec, broken], { failureList: failing });
    expect(countByStatus(results)['expected-failure']).toBe(failing.length);
    expect(conformancePassed(results)).toBe(true);
  });

  it('a listed vector that passes is stale, and fails the run', () => {
    const results = runConformance([jsonCodec, xmlCodec], { failureList: [failing[0]!] });
    expect(results.find((r) => r.id === failing[0])).toMatchObject({
      status: 'stale',
      message: expect.stringContaining('remove it from the failure list'),
    });
    expect(conformancePassed(results)).toBe(false);
  });

  it('a listed id that names no vector is stale, and fails the run', () => {
    const results = runConformance([jsonCodec, xmlCodec], { failureList: ['decode/json/no-such-vector'] });
    expect(results.at(-1)).toMatchObject({ id: 'decode/json/no-such-vector', status: 'stale' });
    expect(results).toHaveLength(vectors.length + 1);
    expect(conformancePassed(results)).toBe(false);
  });

  it('a filtered-out listed vector is neither stale nor unknown', () => {
    const results = runConformance([jsonCodec, xmlCodec], { failureList: [failing[0]!], filter: 'faults' });
    expect(conformancePassed(results)).toBe(true);
  });

  it('the text form: one id a line, comments and blank lines ignored, a repeated id refused', () => {
    expect(parseFailureList('# known\n\n  decode/xml/a  # why\r\nencode/json/b\n')).toEqual([
      'decode/xml/a',
      'encode/json/b',
    ]);
    expect(() => parseFailureList('a\na\n')).toThrow('line 2: a is listed twice');
    expect(() => parseFailureList('a b\n')).toThrow('line 1: one id a line');
  });
});

describe('levels and filters', () => {
  const laxJson: Codec = {
    ...jsonCodec,
    decodeFault: (body, options) => {
      const fault = jsonCodec.decodeFault(body, options);
      if (/notAFault|teapot/.test(typeof body === 'string' ? body : new TextDecoder().decode(body))) {
        throw new (class extends Error {})('unknown fault');
      }
      return fault;
    },
  };

  it('a failing recommended vector is advisory by default, and fails a strict (recommended) run', () => {
    const results = runConformance(laxJson, { filter: 'faults' });
    expect(idsWith(results, 'advisory').length).toBeGreaterThan(0);
    expect(idsWith(results, 'failed')).toEqual([]);
    expect(conformancePassed(results)).toBe(true);
    const strict = runConformance(laxJson, { filter: 'faults', level: 'recommended' });
    expect(idsWith(strict, 'failed')).toEqual(idsWith(results, 'advisory'));
    expect(conformancePassed(strict)).toBe(false);
  });

  it('a filter runs vectors with the tag, or the id, and skips the others', () => {
    const results = runConformance([jsonCodec, xmlCodec], {
      filter: ['doctype', 'decode/json/seed/get-image-details'],
    });
    const ran = results.filter((r) => r.status !== 'skipped');
    expect(ran.length).toBeGreaterThan(2);
    expect(ran.every((r) => r.tags?.includes('doctype') || r.id === 'decode/json/seed/get-image-details')).toBe(true);
  });

  it('something that is not a codec is a Fault, not a TypeError', () => {
    let thrown: unknown;
    try {
      runConformance([null as never]);
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown)).toBe(true);
  });
});
