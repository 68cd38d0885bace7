import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { FAULT_NAMES, Fault } from '@openstack-image/faults';
import { canonicalArbitraries, faultInitArbitrary, samples, xmlText } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Document, decodeDocument, detectFormat, detectKind, encodeDocument, type Format } from './documents.ts';

const decode = (text: string, format?: Format): Document =>
  decodeDocument(text, text, format ?? detectFormat(text)!, undefined, {});

describe('every reference sample is detected and decoded, and converts to the other format and back', () => {
  it.each([...samples('json'), ...samples('xml')].map((s) => [s.name, s.text] as const))('%s', (_name, text) => {
    const format = detectFormat(text)!;
    const document = decode(text);
    const other: Format = format === 'json' ? 'xml' : 'json';
    const there = encodeDocument(document, other);
    const back = decode(there, other);
    expect(back.kind).toBe(document.kind);
    if (document.kind === 'fault') expect((back.value as Fault).toJSON()).toEqual(document.value.toJSON());
    else expect(back.value).toEqual(document.value);
  });
});

describe('detection: for every value, what an encoder writes is read back as the same kind and value', () => {
  const arbitraries = canonicalArbitraries({ text: xmlText });
  const kinds = [
    ['image', arbitraries.image, (v: never) => ({ kind: 'image', value: v })],
    ['metadata', arbitraries.metadata, (v: never) => ({ kind: 'metadata', value: v })],
    ['meta', arbitraries.metaItem, (v: never) => ({ kind: 'meta', value: v })],
    ['list', arbitraries.imageList, (v: never) => ({ kind: 'list', value: v })],
    ['index', arbitraries.imageIndex, (v: never) => ({ kind: 'index', value: v })],
  ] as const;
  it.each(kinds)('%s, in JSON and XML', (kind, arbitrary, wrap) => {
    fc.assert(
      fc.property(arbitrary, fc.constantFrom('json' as const, 'xml' as const), (value, format) => {
        const document = wrap(value as never) as Document;
        const read = decode(encodeDocument(document, format), format);
        // An empty list and an empty index are the same document: it reads as the index.
        const empty = (kind === 'list' || kind === 'index') && (value as { images: unknown[] }).images.length === 0;
        // A detail list whose images carry nothing an index entry lacks is an index too.
        if (!empty && !(kind === 'list' && read.kind === 'index')) expect(read).toEqual(document);
        else expect(read.kind).toBe('index');
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('faults', () => {
    fc.assert(
      fc.property(
        faultInitArbitrary(FAULT_NAMES, { text: xmlText }),
        fc.constantFrom('json', 'xml'),
        (init, format) => {
          const fault = new Fault(init.name as never, init.message, init as never);
          const read = decode(encodeDocument({ kind: 'fault', value: fault }, format as Format), format as Format);
          expect(read.kind).toBe('fault');
          expect((read.value as Fault).toJSON()).toEqual(fault.toJSON());
        },
      ),
      { numRuns: 60, seed: 6 },
    );
  });
});

describe('detection of hostile input stays cheap and never throws anything but a Fault', () => {
  it('a seeded fuzz run of 500 inputs', () => {
    const prefixes = fc.constantFrom('', '{', '{"', '<', '<?xml', '<!--', '<!DOCTYPE', '\ufeff', ' \n');
    fc.assert(
      fc.property(prefixes, fc.string({ unit: 'binary', maxLength: 200 }), (prefix, rest) => {
        const text = prefix + rest;
        const format = detectFormat(text);
        if (format === undefined) return;
        detectKind(text, format);
        try {
          decodeDocument(text, text, format, undefined, {});
        } catch (error) {
          expect(error).toBeInstanceOf(Fault);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('a long run of unclosed comments is read without backtracking (the test timeout bounds it)', () => {
    expect(detectKind(`<!--${'<!--'.repeat(15_000)}`, 'xml')).toBeUndefined();
    expect(detectKind(`<!DOCTYPE${' ['.repeat(15_000)}`, 'xml')).toBeUndefined();
  });

  it('the sample pairs of each kind are told apart', () => {
    expect(detectKind(jsonCodec.encodeImageIndex({ images: [] }), 'json')).toBe('images');
    expect(detectKind(xmlCodec.encodeFault(new Fault('badMethod', 'x')), 'xml')).toBe('fault');
  });
});
