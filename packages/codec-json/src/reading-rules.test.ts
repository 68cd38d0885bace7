import type { Image } from '@openstack-image/schema';
import { plainObject, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultSummary } from './test-helpers.ts';

/*
 * The reading rules of the schema package's README, one `describe` each: every decoder (this one
 * and the XML codec) reads the wire into the model by them, so that both decode to equal values.
 */

const { decodeImage, decodeImageIndex, decodeImageList, decodeMetadata, decodeMetaItem } = jsonCodec;

/** The body `{"image": {...}}` of the smallest image plus `members`. */
function imageBody(members: Record<string, unknown>): string {
  return JSON.stringify({ image: { id: '15', ...members } });
}

const SMALLEST: Image = { id: '15', name: null, created: null, updated: null, metadata: {}, links: [] };

describe('the seed document', () => {
  it("decodes the seed's JSON example to the image it shows", () => {
    expect(decodeImage(seedDocuments().json)).toStrictEqual({
      id: '70a599e0-31e7-49b7-b260-868f441e862b',
      name: 'fakeimage7',
      status: 'ACTIVE',
      progress: 100,
      minDisk: 0,
      minRam: 0,
      created: '2011-01-01T01:02:03Z',
      updated: '2011-01-01T01:02:03Z',
      metadata: { architecture: 'x86_64', auto_disk_config: 'True', kernel_id: 'nokernel', ramdisk_id: 'nokernel' },
      links: [
        { href: 'http://openstack.example.com/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b', rel: 'self' },
        { href: 'http://openstack.example.com/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b', rel: 'bookmark' },
        {
          href: 'http://glance.openstack.example.com/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b',
          rel: 'alternate',
          type: 'application/vnd.openstack.image',
        },
      ],
    });
  });
});

describe('name, created and updated: always present, absent or null reads as null', () => {
  it('reads an absent name, created and updated as null', () => {
    expect(decodeImage(imageBody({}))).toStrictEqual(SMALLEST);
  });

  it('reads null as null', () => {
    expect(decodeImage(imageBody({ name: null, created: null, updated: null }))).toStrictEqual(SMALLEST);
  });

  it('keeps the text of a time as it was sent', () => {
    const image = decodeImage(imageBody({ created: '2011-01-01T01:02:03Z', updated: 'yesterday' }));
    expect([image.created, image.updated]).toEqual(['2011-01-01T01:02:03Z', 'yesterday']);
  });

  it('reads an absent name in an index entry as null', () => {
    expect(decodeImageIndex('{"images": [{"id": "1"}]}')).toStrictEqual({
      images: [{ id: '1', name: null, links: [] }],
    });
  });
});

describe('status, progress, minDisk, minRam, OS-DCF:diskConfig, OS-EXT-IMG-SIZE:size, server: a JSON null reads as absent', () => {
  const nulls = {
    status: null,
    progress: null,
    minDisk: null,
    minRam: null,
    'OS-DCF:diskConfig': null,
    'OS-EXT-IMG-SIZE:size': null,
    server: null,
  };

  it('leaves each of them out, not null', () => {
    const image = decodeImage(imageBody(nulls));
    expect(image).toStrictEqual(SMALLEST);
    for (const key of Object.keys(nulls)) expect(Object.hasOwn(image, key)).toBe(false);
  });

  it('keeps an absent one absent', () => {
    expect(Object.keys(decodeImage(imageBody({}))).sort()).toEqual(
      ['id', 'name', 'created', 'updated', 'metadata', 'links'].sort(),
    );
  });

  it('keeps an unknown status as it is', () => {
    expect(decodeImage(imageBody({ status: 'OS-EXT:foo' })).status).toBe('OS-EXT:foo');
  });
});

describe('OS-EXT-IMG-SIZE:size, minDisk, minRam, progress: a decimal digit string reads as the number', () => {
  it("reads Nova's string size as its number", () => {
    expect(decodeImage(imageBody({ 'OS-EXT-IMG-SIZE:size': '74185822' }))['OS-EXT-IMG-SIZE:size']).toBe(74185822);
  });

  it("reads a 2011 Nova's string minDisk, minRam and progress (libcloud's fixtures) as their numbers", () => {
    const image = decodeImage(imageBody({ minDisk: '5', minRam: '256', progress: '100' }));
    expect([image.minDisk, image.minRam, image.progress]).toEqual([5, 256, 100]);
    expect(decodeImage(imageBody({ minDisk: '007' })).minDisk).toBe(7);
  });

  it('reads an integer as it is', () => {
    expect(decodeImage(imageBody({ 'OS-EXT-IMG-SIZE:size': 0 }))['OS-EXT-IMG-SIZE:size']).toBe(0);
  });

  it.each(['OS-EXT-IMG-SIZE:size', 'minDisk', 'minRam', 'progress'])(
    'refuses anything else in %s, naming the pointer',
    (field) => {
      for (const value of [
        'abc',
        '-1',
        '1.5',
        '',
        ' 1',
        '1 ',
        '+1',
        '1e3',
        '0x10',
        '99999999999999999999',
        -1,
        1.5,
        true,
        [],
      ]) {
        expect(faultSummary(() => decodeImage(imageBody({ [field]: value })))).toMatchObject({
          name: 'badRequest',
          where: `/image/${field}`,
        });
      }
    },
  );

  it('keeps the range: a progress string over 100 is refused', () => {
    expect(faultSummary(() => decodeImage(imageBody({ progress: '101' })))).toMatchObject({
      message: 'progress must be an integer from 0 to 100 at /image/progress',
    });
  });
});

describe('metadata: always present, absent reads as {}, non-string values kept as their JSON text', () => {
  it('reads absent or null metadata as {}', () => {
    expect(decodeImage(imageBody({})).metadata).toStrictEqual({});
    expect(decodeImage(imageBody({ metadata: null })).metadata).toStrictEqual({});
  });

  it.each([
    [[{ a: 1 }], '[{"a":1}]'],
    [null, 'null'],
    [5, '5'],
    [1.5, '1.5'],
    [true, 'true'],
    [{ b: [1, 'x', null] }, '{"b":[1,"x",null]}'],
    [[], '[]'],
  ])('keeps %j as the text %j', (value, text) => {
    const body = { metadata: { key: value, plain: 'as it is' } };
    expect(decodeImage(imageBody(body)).metadata).toStrictEqual({ key: text, plain: 'as it is' });
    expect(decodeMetadata(JSON.stringify(body))).toStrictEqual({ key: text, plain: 'as it is' });
    expect(decodeMetaItem(JSON.stringify({ meta: { key: value } }))).toStrictEqual({ key: text });
    expect(decodeImageList(JSON.stringify({ images: [{ id: '1', ...body }] })).images[0]?.metadata).toStrictEqual({
      key: text,
      plain: 'as it is',
    });
  });

  it('refuses a non-string value with { strict: true }, naming the pointer', () => {
    const strict = { strict: true };
    expect(faultSummary(() => decodeImage(imageBody({ metadata: { 'a/b': 5 } }), strict))).toEqual({
      name: 'badRequest',
      code: 400,
      message: 'a/b must be a string at /image/metadata/a~1b',
      where: '/image/metadata/a~1b',
    });
    expect(faultSummary(() => decodeMetadata('{"metadata": {"k": null}}', strict)).where).toBe('/metadata/k');
    expect(faultSummary(() => decodeMetaItem('{"meta": {"k": []}}', strict)).where).toBe('/meta/k');
    expect(faultSummary(() => decodeImageList('{"images": [{"id": "1", "metadata": {"k": 1}}]}', strict)).where).toBe(
      '/images/0/metadata/k',
    );
  });

  it('accepts string values with { strict: true }', () => {
    expect(decodeMetadata('{"metadata": {"k": "v"}}', { strict: true })).toStrictEqual({ k: 'v' });
  });

  it('keeps prototype keys as ordinary own keys', () => {
    const metadata = decodeMetadata('{"metadata": {"__proto__": "a", "constructor": "b", "toString": "c"}}');
    expect(metadata).toStrictEqual(
      plainObject([
        ['__proto__', 'a'],
        ['constructor', 'b'],
        ['toString', 'c'],
      ]),
    );
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toEqual(['__proto__', 'constructor', 'toString']);
  });
});

describe('links and server.links: always present, absent reads as []', () => {
  it('reads absent or null links as []', () => {
    expect(decodeImage(imageBody({})).links).toEqual([]);
    expect(decodeImage(imageBody({ links: null })).links).toEqual([]);
    expect(decodeImageIndex('{"images": [{"id": "1", "name": "n", "links": null}]}').images[0]?.links).toEqual([]);
  });

  it("reads a server without links (the guide's image-fault.json) with links []", () => {
    expect(decodeImage(imageBody({ server: { id: 's' } })).server).toStrictEqual({ id: 's', links: [] });
    expect(decodeImage(imageBody({ server: { id: 's', links: null } })).server).toStrictEqual({ id: 's', links: [] });
  });

  it('reads a null link type as absent', () => {
    expect(decodeImage(imageBody({ links: [{ href: 'h', rel: 'self', type: null }] })).links).toStrictEqual([
      { href: 'h', rel: 'self' },
    ]);
  });

  it('reads a null images_links as absent', () => {
    expect(decodeImageList('{"images": [], "images_links": null}')).toStrictEqual({ images: [] });
  });

  it('reads an empty images_links as absent (XML has no spelling for it)', () => {
    expect(decodeImageList('{"images": [], "images_links": []}')).toStrictEqual({ images: [] });
    expect(decodeImageIndex('{"images": [], "images_links": []}')).toStrictEqual({ images: [] });
  });
});

describe('anything else: not in the model, ignored', () => {
  it('drops unknown members at every level', () => {
    const body = JSON.stringify({
      image: {
        id: '1',
        tenant_id: '12345',
        user_id: 'joe',
        fault: { code: 500, message: 'x' },
        metadata_links: [{ rel: 'next', href: 'h' }],
        links: [{ href: 'h', rel: 'self', hreflang: 'en' }],
        server: { id: 's', links: [], name: 'web' },
        ['__proto__']: { polluted: true },
      },
      extra: [1, 2, 3],
    });
    expect(decodeImage(body)).toStrictEqual({
      ...SMALLEST,
      id: '1',
      links: [{ href: 'h', rel: 'self' }],
      server: { id: 's', links: [] },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops unknown members of lists and their entries', () => {
    const body =
      '{"images": [{"id": "1", "extra": 1}], "images_links": [{"href": "h", "rel": "next", "x": 1}], "x": {}}';
    expect(decodeImageIndex(body)).toStrictEqual({
      images: [{ id: '1', name: null, links: [] }],
      images_links: [{ href: 'h', rel: 'next' }],
    });
    expect(decodeImageList(body)).toStrictEqual({
      images: [{ ...SMALLEST, id: '1' }],
      images_links: [{ href: 'h', rel: 'next' }],
    });
  });

  it('reads a detail list with the index decoder as its summaries', () => {
    const detail = JSON.stringify({
      images: [{ id: '1', name: 'n', status: 'ACTIVE', metadata: { a: 'b' }, links: [] }],
    });
    expect(decodeImageIndex(detail)).toStrictEqual({ images: [{ id: '1', name: 'n', links: [] }] });
  });
});

describe('a meta item holds exactly one item', () => {
  it.each([['{"meta": {}}'], ['{"meta": {"a": "1", "b": "2"}}']])('refuses %s', (body) => {
    expect(faultSummary(() => decodeMetaItem(body))).toEqual({
      name: 'badRequest',
      code: 400,
      message: 'the value must hold exactly one item at /meta',
      where: '/meta',
    });
  });
});

describe('metadata keys are 1..255 characters, counted as code points', () => {
  const emoji = '\u{1F600}';
  it('reads a key of 255 surrogate pairs and refuses one of 256, naming it', () => {
    const fits = emoji.repeat(255);
    expect(decodeMetadata(JSON.stringify({ metadata: { [fits]: 'v' } }))).toEqual({ [fits]: 'v' });
    expect(jsonCodec.decodeMetadata(jsonCodec.encodeMetadata({ [fits]: 'v' }))).toEqual({ [fits]: 'v' });
    const long = emoji.repeat(256);
    expect(faultSummary(() => decodeMetadata(JSON.stringify({ metadata: { [long]: 'v' } }))).name).toBe('badRequest');
    expect(faultSummary(() => jsonCodec.encodeMetadata({ [long]: 'v' })).name).toBe('badRequest');
  });
});

describe('a Glance v2 image list is not a Compute API list: a badRequest that says so', () => {
  const glance = JSON.stringify({
    images: [
      {
        id: '70a599e0-31e7-49b7-b260-868f441e862b',
        name: 'cirros',
        status: 'active',
        visibility: 'public',
        min_disk: 0,
        self: '/v2/images/70a599e0-31e7-49b7-b260-868f441e862b',
        schema: '/v2/schemas/image',
      },
    ],
    schema: '/v2/schemas/images',
    first: '/v2/images',
  });

  it.each([
    ['decodeImageList', jsonCodec.decodeImageList],
    ['decodeImageIndex', jsonCodec.decodeImageIndex],
  ])('%s refuses it, naming the first image without links', (_, decode) => {
    expect(faultSummary(() => decode(glance))).toEqual({
      name: 'badRequest',
      code: 400,
      message:
        'This is an Image service (Glance v2) image list, not a Compute API one: its images have no links (at /images/0/links); point the client at the compute endpoint',
      where: '/images/0/links',
    });
  });

  it('refuses it by an image with visibility and no links, or by the list members schema and first', () => {
    const entry = { id: '1', name: 'n', status: 'active' };
    for (const body of [
      { images: [{ ...entry, visibility: 'private' }] },
      { images: [entry], schema: '/v2/schemas/images' },
      { images: [entry], first: '/v2/images' },
    ]) {
      expect(faultSummary(() => jsonCodec.decodeImageList(JSON.stringify(body))).where).toBe('/images/0/links');
    }
  });

  it('still reads a Compute API entry without links as links [] (nothing of Glance about it)', () => {
    expect(jsonCodec.decodeImageIndex('{"images": [{"id": "1", "name": "n"}]}').images[0]!.links).toEqual([]);
    expect(jsonCodec.decodeImageList('{"images": [{"id": "1", "visibility": "x", "links": []}]}').images).toHaveLength(
      1,
    );
  });
});
