import { Fault } from '@openstack-image/faults';
import { DecodeOptionsError } from '@openstack-image/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { arbitraries } from './test-arbitraries.ts';
import { faultOf } from './test-fault-of.ts';

const NS = 'http://docs.openstack.org/compute/api/v1.1';
const INTEGER_FIELDS = ['progress', 'minDisk', 'minRam', 'OS-EXT-IMG-SIZE:size'] as const;

describe('-0 in a value is written as 0 and read back as 0 (XML refuses the text "-0")', () => {
  it('for every image holding -0 in any of its integer fields', () => {
    fc.assert(
      fc.property(arbitraries.image, fc.subarray([...INTEGER_FIELDS], { minLength: 1 }), (value, fields) => {
        const withMinusZero = { ...value, ...Object.fromEntries(fields.map((field) => [field, -0])) };
        const withZero = { ...value, ...Object.fromEntries(fields.map((field) => [field, 0])) };
        const written = xmlCodec.encodeImage(withMinusZero);
        expect(written).toBe(xmlCodec.encodeImage(withZero));
        const decoded = xmlCodec.decodeImage(written) as unknown as Record<string, unknown>;
        for (const field of fields) expect(Object.is(decoded[field], 0), field).toBe(true);
      }),
      { numRuns: 300, seed: 1213 },
    );
  });
});

describe('fault codes: one rule for both codecs, an HTTP error status 400..599', () => {
  it.each(['100', '200', '302', '399', '600'])('decodeFault refuses code %s', (code) => {
    const body = `<itemNotFound xmlns="${NS}" code="${code}"><message>m</message></itemNotFound>`;
    expect(faultOf(() => xmlCodec.decodeFault(body)).name).toBe('badRequest');
  });

  it('reads 400 and 599, and encodeFault refuses what decodeFault would', () => {
    expect(
      xmlCodec.decodeFault(`<itemNotFound xmlns="${NS}" code="400"><message>m</message></itemNotFound>`).code,
    ).toBe(400);
    expect(faultOf(() => xmlCodec.encodeFault(new Fault('badRequest', 'm', { code: 302 }))).where).toBe(
      '/badRequest/code',
    );
  });
});

describe('maxBytes the decoder cannot work with is a TypeError at the call, not a Fault', () => {
  it.each([-1, Number.NaN, 1.5, '5', null])('maxBytes %s', (maxBytes) => {
    const body = `<metadata xmlns="${NS}"/>`;
    expect(() => xmlCodec.decodeMetadata(body, { maxBytes } as never)).toThrow(DecodeOptionsError);
  });
});

describe('every badRequest names its place', () => {
  it.each([42, {}, null, new ArrayBuffer(2)])('a body that is neither a string nor bytes: %s', (body) => {
    const fault = faultOf(() => xmlCodec.decodeImage(body as never));
    expect(fault.name).toBe('badRequest');
    expect(fault.where).toBe('body');
  });
});
