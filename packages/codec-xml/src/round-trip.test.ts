import type { Fault } from '@openstack-image/faults';
import { isValid } from '@openstack-image/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { arbitraries } from './test-arbitraries.ts';

const RUNS = { numRuns: 1500, seed: 20140925, interruptAfterTimeLimit: 20_000 } as const;

/** Each resource kind: its arbitrary, its encoder and decoder, and what its schema calls it. */
const kinds = [
  ['Image', arbitraries.image, xmlCodec.encodeImage, xmlCodec.decodeImage],
  ['ImageList', arbitraries.imageList, xmlCodec.encodeImageList, xmlCodec.decodeImageList],
  ['ImageIndex', arbitraries.imageIndex, xmlCodec.encodeImageIndex, xmlCodec.decodeImageIndex],
  ['Metadata', arbitraries.metadata, xmlCodec.encodeMetadata, xmlCodec.decodeMetadata],
  ['MetaItem', arbitraries.metaItem, xmlCodec.encodeMetaItem, xmlCodec.decodeMetaItem],
  ['Version', arbitraries.version, xmlCodec.encodeVersion, xmlCodec.decodeVersion],
  ['VersionList', arbitraries.versionList, xmlCodec.encodeVersionList, xmlCodec.decodeVersionList],
] as const;

/** A Fault as plain data, to compare two of them. */
function faultData(fault: Fault): Record<string, unknown> {
  return { name: fault.name, ...fault.toJSON() };
}

describe('guarantee 1: decode(encode(v)) deep-equals v', () => {
  for (const [name, arbitrary, encode, decode] of kinds) {
    it(`holds for every generated ${name}`, () => {
      fc.assert(
        fc.property(arbitrary as fc.Arbitrary<never>, (value) => {
          expect(isValid(name, value)).toBe(true);
          const decoded = (decode as (body: string) => unknown)((encode as (v: never) => string)(value));
          expect(decoded).toStrictEqual(value);
        }),
        RUNS,
      );
    });
  }

  it('holds for every generated fault', () => {
    fc.assert(
      fc.property(arbitraries.fault, (fault) => {
        const decoded = xmlCodec.decodeFault(xmlCodec.encodeFault(fault));
        expect(faultData(decoded)).toStrictEqual(faultData(fault));
      }),
      RUNS,
    );
  });

  it('keeps prototype keys as data, without polluting anything', () => {
    const metadata = JSON.parse('{"__proto__": "p", "constructor": "c", "prototype": "t", "toString": "s"}');
    const decoded = xmlCodec.decodeMetadata(xmlCodec.encodeMetadata(metadata));
    expect(Object.keys(decoded)).toEqual(['__proto__', 'constructor', 'prototype', 'toString']);
    expect(decoded).toStrictEqual(metadata);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});

describe('guarantee 2: encode(decode(encode(v))) === encode(v)', () => {
  for (const [name, arbitrary, encode, decode] of kinds) {
    it(`is byte-exact for every generated ${name}`, () => {
      fc.assert(
        fc.property(arbitrary as fc.Arbitrary<never>, (value) => {
          const once = (encode as (v: never) => string)(value);
          const twice = (encode as (v: unknown) => string)((decode as (body: string) => unknown)(once));
          expect(twice).toBe(once);
        }),
        RUNS,
      );
    });
  }

  it('is byte-exact for every generated fault', () => {
    fc.assert(
      fc.property(arbitraries.fault, (fault) => {
        const once = xmlCodec.encodeFault(fault);
        expect(xmlCodec.encodeFault(xmlCodec.decodeFault(once))).toBe(once);
      }),
      RUNS,
    );
  });
});
