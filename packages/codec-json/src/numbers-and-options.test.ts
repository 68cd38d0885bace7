import { DecodeOptionsError } from '@openstack-image/schema';
import { canonicalArbitraries } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultOf } from './test-helpers.ts';

const INTEGER_FIELDS = ['progress', 'minDisk', 'minRam', 'OS-EXT-IMG-SIZE:size'] as const;

describe('-0 reads as 0, so that decode(encode(v)) is v for what a decoder gives', () => {
  it('for every image, with any of its integer fields sent as -0', () => {
    const { image } = canonicalArbitraries();
    fc.assert(
      fc.property(image, fc.subarray([...INTEGER_FIELDS], { minLength: 1 }), (value, fields) => {
        let text = jsonCodec.encodeImage({ ...value, ...Object.fromEntries(fields.map((field) => [field, 0])) });
        for (const field of fields) text = text.replace(`"${field}":0`, `"${field}":-0`);
        const decoded = jsonCodec.decodeImage(text) as unknown as Record<string, unknown>;
        for (const field of fields) expect(Object.is(decoded[field], 0), field).toBe(true);
        expect(jsonCodec.decodeImage(jsonCodec.encodeImage(decoded as never))).toStrictEqual(decoded);
      }),
      { numRuns: 300, seed: 1211 },
    );
  });

  it('for every image holding -0 in any of its integer fields: written as 0, read back as 0', () => {
    const { image } = canonicalArbitraries();
    fc.assert(
      fc.property(image, fc.subarray([...INTEGER_FIELDS], { minLength: 1 }), (value, fields) => {
        const withMinusZero = { ...value, ...Object.fromEntries(fields.map((field) => [field, -0])) };
        const withZero = { ...value, ...Object.fromEntries(fields.map((field) => [field, 0])) };
        expect(jsonCodec.encodeImage(withMinusZero)).toBe(jsonCodec.encodeImage(withZero));
        const decoded = jsonCodec.decodeImage(jsonCodec.encodeImage(withMinusZero)) as unknown as Record<
          string,
          unknown
        >;
        for (const field of fields) expect(Object.is(decoded[field], 0), field).toBe(true);
        expect(decoded).toStrictEqual(jsonCodec.decodeImage(jsonCodec.encodeImage(withZero)));
      }),
      { numRuns: 300, seed: 1212 },
    );
  });
});

describe('fault codes: one rule for both codecs, an HTTP error status 400..599', () => {
  it.each([100, 200, 302, 399, 600, '399'])('decodeFault refuses code %s', (code) => {
    const body = JSON.stringify({ itemNotFound: { code, message: 'm' } });
    expect(faultOf(() => jsonCodec.decodeFault(body))).toMatchObject({
      name: 'badRequest',
      where: '/itemNotFound/code',
    });
  });

  it('reads 400 and 599, and encodeFault refuses what decodeFault would', async () => {
    const { Fault } = await import('@openstack-image/faults');
    expect(jsonCodec.decodeFault('{"itemNotFound": {"code": 400, "message": "m"}}').code).toBe(400);
    expect(jsonCodec.decodeFault('{"computeFault": {"code": "599", "message": "m"}}').code).toBe(599);
    expect(faultOf(() => jsonCodec.encodeFault(new Fault('badRequest', 'm', { code: 302 }))).where).toBe(
      '/badRequest/code',
    );
  });
});

describe('maxBytes the decoder cannot work with is a TypeError at the call, not a Fault', () => {
  it.each([-1, Number.NaN, 1.5, '5', null])('maxBytes %s', (maxBytes) => {
    expect(() => jsonCodec.decodeMetadata('{"metadata": {}}', { maxBytes } as never)).toThrow(DecodeOptionsError);
    expect(() => jsonCodec.decodeMetadata('{"metadata": {}}', { maxBytes } as never)).toThrow(TypeError);
  });

  it('Infinity and 0 are limits like any other', () => {
    expect(jsonCodec.decodeMetadata('{"metadata": {}}', { maxBytes: Number.POSITIVE_INFINITY })).toEqual({});
    expect(faultOf(() => jsonCodec.decodeMetadata('{"metadata": {}}', { maxBytes: 0 })).name).toBe('overLimit');
  });
});

describe('every badRequest names its place', () => {
  it.each([42, {}, null, [1, 2], new ArrayBuffer(2)])('a body that is neither a string nor bytes: %s', (body) => {
    const fault = faultOf(() => jsonCodec.decodeImage(body as never));
    expect(fault.name).toBe('badRequest');
    expect(fault.where).toBe('body');
  });
});

describe('non-string metadata values: exactly what is kept', () => {
  it.each([
    ['{"a": 1}', '{"a":1}'],
    ['1.0', '1'],
    ['12345678901234567890', '12345678901234567000'],
    ['-0', '0'],
    ['[true, null]', '[true,null]'],
    ['null', 'null'],
  ])('%s is kept as %s', (source, kept) => {
    expect(jsonCodec.decodeMetadata(`{"metadata": {"k": ${source}}}`)).toEqual({ k: kept });
  });

  it.each(['1e400', '[-1e999]', '{"x": 1e309}'])('%s, which no double holds, is refused naming the item', (source) => {
    expect(faultOf(() => jsonCodec.decodeMetadata(`{"metadata": {"k": ${source}}}`))).toMatchObject({
      name: 'badRequest',
      where: '/metadata/k',
    });
  });
});
