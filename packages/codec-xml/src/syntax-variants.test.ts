import { isFault } from '@openstack-image/faults';
import { seedDocuments } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { arbitraries } from './test-arbitraries.ts';
import { Random, writeListVariant, writeVariant } from './test-variant-writer.ts';
import { libxml2Accepts } from './test-xml-meaning.ts';

const RUNS = { numRuns: 1500, seed: 20100801, interruptAfterTimeLimit: 20_000 } as const;

describe('the reader reads any spelling XML allows, as libxml2 does', () => {
  it('decodes every random spelling of a generated image to that image', () => {
    fc.assert(
      fc.property(arbitraries.image, fc.integer(), (image, seed) => {
        const xml = writeVariant(image, new Random(seed));
        expect(libxml2Accepts(xml.replace(/^\ufeff/, '')), xml).toBe(true);
        expect(xmlCodec.decodeImage(xml)).toStrictEqual(image);
      }),
      RUNS,
    );
  });

  it('decodes every random spelling of a generated detail list to that list', () => {
    fc.assert(
      fc.property(arbitraries.imageList, fc.integer(), (list, seed) => {
        const xml = writeListVariant(list, new Random(seed));
        expect(libxml2Accepts(xml), xml).toBe(true);
        expect(xmlCodec.decodeImageList(xml)).toStrictEqual(list);
      }),
      { ...RUNS, numRuns: 500 },
    );
  });
});

/** Edits that break documents in the ways people and attackers do. */
const PIECES = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '/',
  '=',
  ' ',
  ':',
  ']]>',
  '<!--',
  '-->',
  '&#0;',
  '&#x41;',
  'x',
  '<a>',
  '</a>',
  '\u0001',
  '\ud800',
  '<!DOCTYPE a>',
  '<?pi?>',
  'xmlns:p="urn:p"',
  'p:',
];

function mutate(document: string, random: Random): string {
  let out = document;
  const edits = 1 + Math.floor(random.next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random.next() * (out.length + 1));
    const kind = random.next();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random.next() * 4));
    else if (kind < 0.8) out = out.slice(0, at) + random.pick(PIECES) + out.slice(at);
    else {
      const from = Math.floor(random.next() * out.length);
      out = out.slice(0, at) + out.slice(from, from + 12) + out.slice(at);
    }
  }
  return out;
}

describe('a broken document is refused with a Fault, and only with one', () => {
  it('refuses whatever libxml2 refuses, and returns only values or Faults', () => {
    const seedImage = xmlCodec.decodeImage(seedDocuments().xml);
    const documents = [
      { xml: seedDocuments().xml, decode: xmlCodec.decodeImage },
      { xml: xmlCodec.encodeImage(seedImage), decode: xmlCodec.decodeImage },
      {
        xml: xmlCodec.encodeImageList({
          images: [seedImage, { ...seedImage, id: '2' }],
          images_links: [{ href: 'n', rel: 'next' }],
        }),
        decode: xmlCodec.decodeImageList,
      },
    ];
    let refusedByBoth = 0;
    fc.assert(
      fc.property(fc.constantFrom(...documents), fc.integer(), ({ xml, decode }, seed) => {
        const broken = mutate(xml, new Random(seed));
        let outcome: 'value' | 'fault';
        try {
          decode(broken);
          outcome = 'value';
        } catch (error) {
          expect(isFault(error), String(error)).toBe(true);
          outcome = 'fault';
        }
        if (!libxml2Accepts(broken.replace(/^\ufeff/, ''))) {
          expect(outcome, broken).toBe('fault');
          refusedByBoth++;
        }
      }),
      { ...RUNS, numRuns: 4000 },
    );
    expect(refusedByBoth).toBeGreaterThan(1000);
  });
});
