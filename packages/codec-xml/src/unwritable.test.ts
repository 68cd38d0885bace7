import { Fault } from '@openstack-image/faults';
import type { Image } from '@openstack-image/schema';
import { plainObject } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { arbitraries, unwritableText } from './test-arbitraries.ts';
import { faultOf } from './test-fault-of.ts';

const RUNS = { numRuns: 1000, seed: 20150430, interruptAfterTimeLimit: 20_000 } as const;

/** JSON pointer escaping of one key. */
function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Where in an image a text can sit: puts `bad` there, and says what pointer a Fault must name. */
const places: readonly (readonly [string, (image: Image, bad: string) => [Image, string]])[] = [
  ['id', (image, bad) => [{ ...image, id: bad }, '/image/id']],
  ['name', (image, bad) => [{ ...image, name: bad }, '/image/name']],
  ['status', (image, bad) => [{ ...image, status: bad }, '/image/status']],
  ['created', (image, bad) => [{ ...image, created: bad }, '/image/created']],
  ['updated', (image, bad) => [{ ...image, updated: bad }, '/image/updated']],
  [
    'a metadata key',
    (image, bad) => [{ ...image, metadata: plainObject([[bad, 'v']]) }, `/image/metadata/${token(bad)}`],
  ],
  ['a metadata value', (image, bad) => [{ ...image, metadata: plainObject([['k/~', bad]]) }, '/image/metadata/k~1~0']],
  ['a link href', (image, bad) => [{ ...image, links: [{ href: bad, rel: 'self' }] }, '/image/links/0/href']],
  ['a link rel', (image, bad) => [{ ...image, links: [{ href: 'h', rel: bad }] }, '/image/links/0/rel']],
  ['a link type', (image, bad) => [{ ...image, links: [{ href: 'h', rel: 'r', type: bad }] }, '/image/links/0/type']],
  ['the server id', (image, bad) => [{ ...image, server: { id: bad, links: [] } }, '/image/server/id']],
  [
    'a server link',
    (image, bad) => [
      { ...image, server: { id: 's', links: [{ href: bad, rel: 'self' }] } },
      '/image/server/links/0/href',
    ],
  ],
];

describe('guarantee 5: an encoder never writes an ill-formed document', () => {
  it('refuses a character XML 1.0 cannot carry, wherever it is in an image, naming the field', () => {
    fc.assert(
      fc.property(arbitraries.image, fc.constantFrom(...places), unwritableText, (image, [, put], bad) => {
        const [value, pointer] = put(image, bad);
        const fault = faultOf(() => xmlCodec.encodeImage(value));
        expect(fault.name).toBe('badRequest');
        expect(fault.where).toBe(pointer);
        expect(fault.message).toContain(`cannot carry, at ${pointer}`);
      }),
      RUNS,
    );
  });

  it('names the image of a list, the entry of an index and the next link', () => {
    fc.assert(
      fc.property(arbitraries.image, unwritableText, (image, bad) => {
        expect(faultOf(() => xmlCodec.encodeImageList({ images: [image, { ...image, name: bad }] })).where).toBe(
          '/images/1/name',
        );
        expect(
          faultOf(() => xmlCodec.encodeImageList({ images: [image], images_links: [{ href: bad, rel: 'next' }] }))
            .where,
        ).toBe('/images_links/0/href');
        expect(faultOf(() => xmlCodec.encodeImageIndex({ images: [{ id: bad, name: null, links: [] }] })).where).toBe(
          '/images/0/id',
        );
      }),
      { ...RUNS, numRuns: 300 },
    );
  });

  it('refuses it in metadata, a meta item and a fault', () => {
    fc.assert(
      fc.property(unwritableText, (bad) => {
        expect(faultOf(() => xmlCodec.encodeMetadata(plainObject([['k', bad]]))).where).toBe('/metadata/k');
        expect(faultOf(() => xmlCodec.encodeMetaItem(plainObject([[bad, 'v']]))).where).toBe(`/meta/${token(bad)}`);
        expect(faultOf(() => xmlCodec.encodeFault(new Fault('itemNotFound', bad))).where).toBe('/itemNotFound/message');
        expect(faultOf(() => xmlCodec.encodeFault(new Fault('overLimit', 'm', { retryAfter: bad }))).where).toBe(
          '/overLimit/retryAfter',
        );
      }),
      { ...RUNS, numRuns: 300 },
    );
  });

  it('writes tab, newline and carriage return in attributes as references, so they survive normalisation', () => {
    const image: Image = { id: 'a\tb\nc\rd\r\ne', name: ' x ', created: null, updated: null, metadata: {}, links: [] };
    const xml = xmlCodec.encodeImage(image);
    expect(xml).toContain('id="a&#9;b&#10;c&#13;d&#13;&#10;e"');
    expect(xmlCodec.decodeImage(xml)).toStrictEqual(image);
  });

  it('escapes markup in attributes and text', () => {
    const image: Image = {
      id: '<&>"\'',
      name: ']]>',
      created: null,
      updated: null,
      metadata: plainObject([['<k&>', '<v&>"\r\n]]>']]),
      links: [],
    };
    const xml = xmlCodec.encodeImage(image);
    expect(xml).toContain(`id="&lt;&amp;&gt;&quot;'"`);
    expect(xml).toContain('<meta key="&lt;k&amp;&gt;">&lt;v&amp;&gt;&quot;&#13;\n]]&gt;</meta>');
    expect(xmlCodec.decodeImage(xml)).toStrictEqual(image);
  });
});
