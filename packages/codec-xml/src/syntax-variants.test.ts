import { isFault } from '@openstack-image/faults';
import { seedDocuments } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { arbitraries } from './test-arbitraries.ts';
import { faultOf } from './test-fault-of.ts';
import { Random, writeListVariant, writeVariant } from './test-variant-writer.ts';
import { libxml2Accepts, libxml2Meta } from './test-xml-meaning.ts';

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

/** Pieces of text and attribute values that XML reads in other than the obvious way. */
const VALUE_PIECES = [
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'x',
  '&#13;',
  '&#10;',
  '&#9;',
  '&amp;',
  '&lt;',
  '&#x263A;',
  ']]',
  ']',
  '>',
  '<!---->',
  '<!-- c -->',
  '<?pi?>',
  '<?pi x?>',
  '<![CDATA[\r\n]]>',
  '<![CDATA[&amp;]]>',
  '\u0085',
  '\u2028',
];

describe('the reader reads text and attribute values as libxml2 does', () => {
  it('reads every mix of line ends, references, CDATA, comments and processing instructions alike', () => {
    const values = fc.array(fc.constantFrom(...VALUE_PIECES), { maxLength: 10 }).map((pieces) => pieces.join(''));
    const attributeValues = values.map((value) => value.replace(/<[^>]*>/g, ''));
    fc.assert(
      fc.property(attributeValues, values, fc.boolean(), (key, text, inList) => {
        const meta = `<meta key="k${key}">${text}</meta>`;
        const xml = inList
          ? `<?xml version="1.0"?>\r<!-- a -->\r\n<images xmlns="${NS.compute}">\r<image id="1"><metadata>${meta}</metadata></image></images>`
          : `<?xml version="1.0"?>\r<!-- a -->\r\n<metadata xmlns="${NS.compute}"><?pi?>\r${meta}\r<!-- b -->\n</metadata>`;
        const decode = () =>
          Object.entries(inList ? xmlCodec.decodeImageList(xml).images[0]!.metadata : xmlCodec.decodeMetadata(xml));
        if (libxml2Accepts(xml)) expect(decode(), JSON.stringify(xml)).toStrictEqual([libxml2Meta(xml)]);
        else expect(faultOf(decode).name, JSON.stringify(xml)).toBe('badRequest');
      }),
      { ...RUNS, numRuns: 3000 },
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
