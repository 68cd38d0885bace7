import { FAULT_NAMES, Fault, type FaultName } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';
import { canonicalArbitraries, type FaultInit, faultInitArbitrary } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';

/*
 * The round-trip guarantees 1 and 2 of CONTRACT.md, property-based over generated canonical
 * values of every resource kind (guarantee 3, the reference samples, is in samples.test.ts).
 */

const arbitraries = canonicalArbitraries();
const RUNS = { numRuns: 2000, seed: 1_100_000, interruptAfterTimeLimit: 20_000 } as const;
const utf8 = new TextEncoder();

function toFault(init: FaultInit): Fault {
  return new Fault(init.name as FaultName, init.message, {
    ...(init.code === undefined ? {} : { code: init.code }),
    ...(init.details === undefined ? {} : { details: init.details }),
    ...(init.retryAfter === undefined ? {} : { retryAfter: init.retryAfter }),
  });
}

interface Kind {
  readonly name: string;
  readonly values: fc.Arbitrary<unknown>;
  readonly encode: (value: never) => string;
  readonly decode: Codec['decodeImage'] | ((body: string | Uint8Array) => unknown);
}

const KINDS: readonly Kind[] = [
  { name: 'Image', values: arbitraries.image, encode: jsonCodec.encodeImage, decode: jsonCodec.decodeImage },
  {
    name: 'ImageList',
    values: arbitraries.imageList,
    encode: jsonCodec.encodeImageList,
    decode: jsonCodec.decodeImageList,
  },
  {
    name: 'ImageIndex',
    values: arbitraries.imageIndex,
    encode: jsonCodec.encodeImageIndex,
    decode: jsonCodec.decodeImageIndex,
  },
  {
    name: 'Metadata',
    values: arbitraries.metadata,
    encode: jsonCodec.encodeMetadata,
    decode: jsonCodec.decodeMetadata,
  },
  {
    name: 'MetaItem',
    values: arbitraries.metaItem,
    encode: jsonCodec.encodeMetaItem,
    decode: jsonCodec.decodeMetaItem,
  },
  {
    name: 'Version',
    values: arbitraries.version,
    encode: jsonCodec.encodeVersion,
    decode: jsonCodec.decodeVersion,
  },
  {
    name: 'VersionList',
    values: arbitraries.versionList,
    encode: jsonCodec.encodeVersionList,
    decode: jsonCodec.decodeVersionList,
  },
  {
    name: 'Fault',
    values: faultInitArbitrary(FAULT_NAMES).map(toFault),
    encode: jsonCodec.encodeFault,
    decode: jsonCodec.decodeFault,
  },
];

describe('guarantee 1: decode(encode(v)) deep-equals v for every valid canonical value', () => {
  it.each(KINDS)('$name, from a string and from UTF-8 bytes', ({ values, encode, decode }) => {
    fc.assert(
      fc.property(values, (value) => {
        const text = encode(value as never);
        expect(decode(text)).toStrictEqual(value);
        expect(decode(utf8.encode(text))).toStrictEqual(value);
      }),
      RUNS,
    );
  });

  it('Fault: name, code, message, details and retryAfter all survive', () => {
    fc.assert(
      fc.property(faultInitArbitrary(FAULT_NAMES), (init) => {
        const fault = toFault(init);
        const decoded = jsonCodec.decodeFault(jsonCodec.encodeFault(fault));
        expect(decoded).toBeInstanceOf(Fault);
        expect([decoded.name, decoded.code, decoded.message, decoded.details, decoded.retryAfter]).toEqual([
          fault.name,
          fault.code,
          fault.message,
          fault.details,
          fault.retryAfter,
        ]);
      }),
      RUNS,
    );
  });

  it('Metadata: prototype keys come back as own data properties of a plain object', () => {
    fc.assert(
      fc.property(arbitraries.metadata, (metadata) => {
        const decoded = jsonCodec.decodeMetadata(jsonCodec.encodeMetadata(metadata));
        expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
        for (const key of Object.keys(metadata)) {
          expect(Object.getOwnPropertyDescriptor(decoded, key)).toEqual({
            value: metadata[key],
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
      }),
      RUNS,
    );
  });
});

describe('guarantee 2: encode(decode(encode(v))) === encode(v)', () => {
  it.each(KINDS)('$name', ({ values, encode, decode }) => {
    fc.assert(
      fc.property(values, (value) => {
        const text = encode(value as never);
        expect(encode(decode(text) as never)).toBe(text);
      }),
      RUNS,
    );
  });

  it('deep-equal values encode to the same text, whatever the order of their keys', () => {
    fc.assert(
      fc.property(arbitraries.image, (image) => {
        const reordered = Object.fromEntries(Object.entries(image).reverse()) as typeof image;
        const metadata: Record<string, string> = {};
        for (const key of Object.keys(image.metadata).reverse()) {
          Object.defineProperty(metadata, key, {
            value: image.metadata[key],
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
        reordered.metadata = metadata;
        expect(jsonCodec.encodeImage(reordered)).toBe(jsonCodec.encodeImage(image));
      }),
      RUNS,
    );
  });
});
