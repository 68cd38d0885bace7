import { Fault } from '@openstack-image/faults';
import { type Image, type ImageList, Image as ImageSchema, type Metadata } from '@openstack-image/schema';
import { canonicalArbitraries } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultOf, faultSummary } from './test-helpers.ts';
import { writeImage } from './write-json.ts';
import { orderedImage } from './write-list.ts';

const arbitraries = canonicalArbitraries();
const RUNS = { numRuns: 1000, seed: 7159, interruptAfterTimeLimit: 20_000 } as const;

const FULL: Image = {
  'OS-DCF:diskConfig': 'MANUAL',
  'OS-EXT-IMG-SIZE:size': 74185822,
  server: { links: [{ rel: 'self', href: 'http://s' }], id: 's1' },
  links: [{ type: 'application/vnd.openstack.image', rel: 'alternate', href: 'http://g' }],
  metadata: { b: '2', a: '1', A: '0', é: '3', '10': 'ten', '9': 'nine' },
  updated: '2011-01-01T01:02:03Z',
  created: '2011-01-01T01:02:03Z',
  minRam: 0,
  minDisk: 0,
  progress: 100,
  status: 'ACTIVE',
  name: 'fakeimage7',
  id: '70a599e0-31e7-49b7-b260-868f441e862b',
};

/** A second, obviously right writer: the schema's member order, sorted metadata, JSON.stringify for every value. */
function referenceImage(image: Image): string {
  const json = JSON.stringify;
  const links = (list: Image['links']) =>
    `[${list.map((link) => json({ href: link.href, rel: link.rel, ...(link.type === undefined ? {} : { type: link.type }) })).join(',')}]`;
  // Keys inserted in code-unit order into an object come out in the order the codec writes.
  const metadata = (record: Image['metadata']) => {
    const sorted = {};
    for (const key of Object.keys(record).sort()) Object.defineProperty(sorted, key, { enumerable: true, value: 0 });
    return `{${Object.keys(sorted)
      .map((key) => `${json(key)}:${json(record[key])}`)
      .join(',')}}`;
  };
  const parts: string[] = [];
  for (const key of Object.keys(ImageSchema.properties) as (keyof Image)[]) {
    const value = image[key];
    if (value === undefined) continue;
    const written =
      key === 'metadata'
        ? metadata(image.metadata)
        : key === 'links'
          ? links(image.links)
          : key === 'server' && image.server !== undefined
            ? `{"id":${json(image.server.id)},"links":${links(image.server.links)}}`
            : json(value);
    parts.push(`${json(key)}:${written}`);
  }
  return `{${parts.join(',')}}`;
}

describe('encoding writes compact JSON in a stable key order', () => {
  it("writes an image's members in the order of the schema's properties, links as href, rel, type", () => {
    const text = jsonCodec.encodeImage(FULL);
    const image = JSON.parse(text).image;
    expect(Object.keys(image)).toEqual(Object.keys(ImageSchema.properties));
    expect(Object.keys(image.links[0])).toEqual(['href', 'rel', 'type']);
    expect(Object.keys(image.server)).toEqual(['id', 'links']);
  });

  it('sorts metadata keys: array indices by number, then the others by UTF-16 code units', () => {
    const text = jsonCodec.encodeMetadata(FULL.metadata);
    expect(text).toBe('{"metadata":{"9":"nine","10":"ten","A":"0","a":"1","b":"2","é":"3"}}');
    expect(jsonCodec.encodeMetadata({ '4294967295': 'not an index', '01': 'nor this', '2': 'two' })).toBe(
      '{"metadata":{"2":"two","01":"nor this","4294967295":"not an index"}}',
    );
  });

  it('writes lists with the same text as one image at a time', () => {
    fc.assert(
      fc.property(arbitraries.image, (image) => {
        expect(JSON.stringify(orderedImage(image))).toBe(writeImage(image));
        expect(jsonCodec.encodeImageList({ images: [image, image] })).toBe(
          `{"images":[${writeImage(image)},${writeImage(image)}]}`,
        );
      }),
      RUNS,
    );
  });

  it('writes a list as the one-image writer does, whatever order and kind of object its metadata and links are', () => {
    const variants = (metadata: Metadata): Metadata[] => {
      const keys = Object.keys(metadata);
      const rebuilt = (order: string[], target: Metadata): Metadata => {
        for (const key of order) Object.defineProperty(target, key, { value: metadata[key], enumerable: true });
        return target;
      };
      class Bag {}
      return [
        metadata,
        rebuilt([...keys].sort(), {}),
        rebuilt([...keys].sort().reverse(), {}),
        rebuilt([...keys].reverse(), Object.create(null) as Metadata),
        rebuilt(keys, new Bag() as Metadata),
      ];
    };
    fc.assert(
      fc.property(
        arbitraries.image,
        fc.dictionary(fc.constantFrom('__proto__', 'constructor', '0', '10', '01', 'a', 'B', 'é', '😀'), fc.string()),
        fc.option(fc.array(fc.record({ href: fc.string(), rel: fc.string() }), { minLength: 1, maxLength: 2 }), {
          nil: undefined,
        }),
        (image, extra, next) => {
          const metadata: Metadata = {};
          for (const [key, value] of [...Object.entries(image.metadata), ...Object.entries(extra)]) {
            Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
          }
          // Links in the written order (kept as they are) and in others (copied in order).
          const reordered = image.links.map((link) =>
            link.type === undefined
              ? { rel: link.rel, href: link.href }
              : { type: link.type, href: link.href, rel: link.rel },
          );
          const images = variants(metadata).flatMap((each) => [
            { ...image, metadata: each },
            { ...image, metadata: each, links: reordered },
          ]);
          const expected = images.map(writeImage);
          for (const entry of images) expect(writeImage(entry)).toBe(expected[0]);
          const list: ImageList = next === undefined ? { images } : { images, images_links: next };
          const tail =
            next === undefined ? '' : `,"images_links":${JSON.stringify(next.map(({ href, rel }) => ({ href, rel })))}`;
          expect(jsonCodec.encodeImageList(list)).toBe(`{"images":[${expected.join(',')}]${tail}}`);
        },
      ),
      RUNS,
    );
  });

  it("writes exactly what a reference built on JSON.stringify writes: no whitespace, the engine's escapes", () => {
    fc.assert(
      fc.property(arbitraries.image, (image) => {
        const text = jsonCodec.encodeImage(image);
        expect(text).toBe(`{"image":${referenceImage(image)}}`);
        expect(JSON.parse(text)).toEqual({ image });
      }),
      RUNS,
    );
  });

  it('writes the seed image as Nova did, members aside', () => {
    expect(
      jsonCodec.encodeImage({
        id: '1',
        name: null,
        created: null,
        updated: null,
        metadata: { kernel_id: 'nokernel' },
        links: [{ href: 'h', rel: 'self' }],
      }),
    ).toBe(
      '{"image":{"id":"1","name":null,"created":null,"updated":null,"metadata":{"kernel_id":"nokernel"},"links":[{"href":"h","rel":"self"}]}}',
    );
  });

  it('leaves out optional members that are undefined', () => {
    const image = { ...FULL, status: undefined, server: undefined } as unknown as Image;
    const written = JSON.parse(jsonCodec.encodeImage(image)).image;
    expect('status' in written || 'server' in written).toBe(false);
  });

  it('writes lists, the index and meta items', () => {
    const list: ImageList = { images: [], images_links: [{ href: 'n', rel: 'next' }] };
    expect(jsonCodec.encodeImageList(list)).toBe('{"images":[],"images_links":[{"href":"n","rel":"next"}]}');
    expect(jsonCodec.encodeImageIndex({ images: [{ id: '1', name: 'n', links: [] }] })).toBe(
      '{"images":[{"id":"1","name":"n","links":[]}]}',
    );
    expect(jsonCodec.encodeMetaItem({ k: 'v' })).toBe('{"meta":{"k":"v"}}');
  });

  it('escapes what JSON needs escaped, and lone surrogates', () => {
    const metadata = { 'q"\\': 'line\nbreak\u0000', astral: '😀', lone: '\ud800x' };
    const text = jsonCodec.encodeMetadata(metadata);
    expect(text).toBe('{"metadata":{"astral":"😀","lone":"\\ud800x","q\\"\\\\":"line\\nbreak\\u0000"}}');
    expect(jsonCodec.decodeMetadata(text)).toEqual(metadata);
  });
});

describe('encoding validates its input first: a badRequest naming the pointer', () => {
  it.each([
    [{ ...FULL, minDisk: -1 }, 'minDisk must be an integer >= 0 at /image/minDisk'],
    [{ ...FULL, progress: 101 }, 'progress must be an integer from 0 to 100 at /image/progress'],
    [{ ...FULL, name: undefined }, 'name must be a string or null at /image/name'],
    [{ ...FULL, metadata: { k: 1 } }, 'k must be a string at /image/metadata/k'],
    [{ ...FULL, extra: 1 }, 'extra is not a member of this resource at /image/extra'],
    [{ ...FULL, links: [{ href: 'h' }] }, 'rel is required at /image/links/0/rel'],
    [
      { ...FULL, 'OS-EXT-IMG-SIZE:size': '74185822' },
      'OS-EXT-IMG-SIZE:size must be an integer >= 0 at /image/OS-EXT-IMG-SIZE:size',
    ],
  ])('encodeImage(%j)', (image, message) => {
    const fault = faultSummary(() => jsonCodec.encodeImage(image as never));
    expect(fault).toEqual({
      name: 'badRequest',
      code: 400,
      message,
      where: message.slice(message.lastIndexOf(' at ') + 4),
    });
  });

  it('names pointers inside lists, metadata bodies and meta items', () => {
    expect(faultSummary(() => jsonCodec.encodeImageList({ images: [FULL, { ...FULL, id: '' }] })).where).toBe(
      '/images/1/id',
    );
    expect(faultSummary(() => jsonCodec.encodeImageIndex({ images: [{ id: '1', links: [] } as never] })).where).toBe(
      '/images/0/name',
    );
    expect(faultSummary(() => jsonCodec.encodeMetadata({ k: null } as never)).where).toBe('/metadata/k');
    expect(faultSummary(() => jsonCodec.encodeMetaItem({ a: 'b', c: 'd' })).where).toBe('/meta');
  });

  it('refuses what is not a resource at all, and lets only Faults escape', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      'image',
      [],
      Object.defineProperty({ ...FULL }, 'id', {
        get() {
          throw new TypeError('boom');
        },
        enumerable: true,
      }),
      new Proxy(
        {},
        {
          ownKeys() {
            throw new RangeError('boom');
          },
        },
      ),
    ];
    for (const value of hostile) {
      for (const encode of [
        jsonCodec.encodeImage,
        jsonCodec.encodeImageList,
        jsonCodec.encodeImageIndex,
        jsonCodec.encodeMetadata,
        jsonCodec.encodeMetaItem,
        jsonCodec.encodeFault,
      ]) {
        expect(faultOf(() => encode(value as never)).name).toBe('badRequest');
      }
    }
  });

  it('refuses a metadata value nested 100 000 deep without overflowing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(faultSummary(() => jsonCodec.encodeMetadata({ k: deep } as never)).where).toBe('/metadata/k');
  });
});

describe('encoding faults', () => {
  it('writes the wire shape, code and message first', () => {
    const fault = new Fault('overLimit', 'Too many requests.', { code: 429, retryAfter: '60', details: 'slow down' });
    expect(jsonCodec.encodeFault(fault)).toBe(
      '{"overLimit":{"code":429,"message":"Too many requests.","details":"slow down","retryAfter":"60"}}',
    );
    expect(jsonCodec.encodeFault(new Fault('itemNotFound', 'Image not found.'))).toBe(
      '{"itemNotFound":{"code":404,"message":"Image not found."}}',
    );
  });

  it('refuses a look-alike that is not a Fault, and a code that is not an HTTP status', () => {
    expect(faultOf(() => jsonCodec.encodeFault({ name: 'badRequest', code: 400, message: 'x' } as never)).where).toBe(
      '/',
    );
    expect(faultOf(() => jsonCodec.encodeFault(new Error('x') as never)).where).toBe('/');
    for (const code of [99, 600, 1.5, Number.NaN]) {
      expect(faultOf(() => jsonCodec.encodeFault(new Fault('badRequest', 'x', { code }))).where).toBe(
        '/badRequest/code',
      );
    }
  });
});
