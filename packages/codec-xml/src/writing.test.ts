import { Fault } from '@openstack-image/faults';
import type { Image } from '@openstack-image/schema';
import { plainObject, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { faultOf } from './test-fault-of.ts';

const DECL = "<?xml version='1.0' encoding='UTF-8'?>\n";
const seed = xmlCodec.decodeImage(seedDocuments().xml);
const ROOT_NS = `xmlns="${NS.compute}" xmlns:atom="${NS.atom}"`;

describe('the layout Nova used: the declaration, scalars as attributes, <metadata> always, then the links', () => {
  it('writes the seed image', () => {
    const id = '70a599e0-31e7-49b7-b260-868f441e862b';
    expect(xmlCodec.encodeImage(seed)).toBe(
      `${DECL}<image ${ROOT_NS} id="${id}" name="fakeimage7" status="ACTIVE" progress="100" minDisk="0" minRam="0" created="2011-01-01T01:02:03Z" updated="2011-01-01T01:02:03Z">
  <metadata>
    <meta key="kernel_id">nokernel</meta>
    <meta key="auto_disk_config">True</meta>
    <meta key="ramdisk_id">nokernel</meta>
    <meta key="architecture">x86_64</meta>
  </metadata>
  <atom:link href="http://openstack.example.com/v2/openstack/images/${id}" rel="self"/>
  <atom:link href="http://openstack.example.com/openstack/images/${id}" rel="bookmark"/>
  <atom:link href="http://glance.openstack.example.com/openstack/images/${id}" rel="alternate" type="application/vnd.openstack.image"/>
</image>`,
    );
  });

  it('leaves nulls out, writes <metadata/> even empty, the server first, extensions under their namespaces', () => {
    const image: Image = {
      id: '1',
      name: null,
      created: null,
      updated: null,
      metadata: {},
      links: [],
      server: { id: 's', links: [{ href: 'h', rel: 'self' }] },
      'OS-EXT-IMG-SIZE:size': 74185822,
      'OS-DCF:diskConfig': 'AUTO',
    };
    expect(xmlCodec.encodeImage(image)).toBe(
      `${DECL}<image ${ROOT_NS} xmlns:OS-EXT-IMG-SIZE="${NS.imageSize}" xmlns:OS-DCF="${NS.diskConfig}" id="1" OS-EXT-IMG-SIZE:size="74185822" OS-DCF:diskConfig="AUTO">
  <server id="s">
    <atom:link href="h" rel="self"/>
  </server>
  <metadata/>
</image>`,
    );
  });

  it('writes a detail list, declaring the extensions once, with its next link at the end', () => {
    const image: Image = {
      id: '1',
      name: 'a',
      created: null,
      updated: null,
      metadata: plainObject([['k', 'v']]),
      links: [],
    };
    const list = xmlCodec.encodeImageList({
      images: [image, { ...image, id: '2', 'OS-DCF:diskConfig': 'MANUAL' }],
      images_links: [{ href: 'http://x/images/detail?marker=2', rel: 'next' }],
    });
    expect(list).toBe(
      `${DECL}<images ${ROOT_NS} xmlns:OS-DCF="${NS.diskConfig}">
  <image id="1" name="a">
    <metadata>
      <meta key="k">v</meta>
    </metadata>
  </image>
  <image id="2" name="a" OS-DCF:diskConfig="MANUAL">
    <metadata>
      <meta key="k">v</meta>
    </metadata>
  </image>
  <atom:link href="http://x/images/detail?marker=2" rel="next"/>
</images>`,
    );
    expect(xmlCodec.encodeImageList({ images: [] })).toBe(`${DECL}<images ${ROOT_NS}/>`);
  });

  it('writes an index', () => {
    const index = xmlCodec.encodeImageIndex({
      images: [
        { id: '1', name: 'a', links: [{ href: 'h&1', rel: 'self' }] },
        { id: '2', name: null, links: [] },
      ],
      images_links: [{ href: 'http://x/images?limit=2&marker=2', rel: 'next' }],
    });
    expect(index).toBe(
      `${DECL}<images ${ROOT_NS}>
  <image id="1" name="a">
    <atom:link href="h&amp;1" rel="self"/>
  </image>
  <image id="2"/>
  <atom:link href="http://x/images?limit=2&amp;marker=2" rel="next"/>
</images>`,
    );
  });

  it('writes metadata, a meta item and a fault', () => {
    expect(
      xmlCodec.encodeMetadata(
        plainObject([
          ['a', '1'],
          ['b', '2'],
        ]),
      ),
    ).toBe(`${DECL}<metadata xmlns="${NS.compute}">\n  <meta key="a">1</meta>\n  <meta key="b">2</meta>\n</metadata>`);
    expect(xmlCodec.encodeMetadata({})).toBe(`${DECL}<metadata xmlns="${NS.compute}"/>`);
    expect(xmlCodec.encodeMetaItem(plainObject([['a', '1']]))).toBe(
      `${DECL}<meta xmlns="${NS.compute}" key="a">1</meta>`,
    );
    expect(
      xmlCodec.encodeFault(new Fault('overLimit', 'Slow down.', { code: 429, retryAfter: '60', details: 'd' })),
    ).toBe(
      `${DECL}<overLimit xmlns="${NS.compute}" code="429" retryAfter="60">\n  <message>Slow down.</message>\n  <details>d</details>\n</overLimit>`,
    );
    expect(xmlCodec.encodeFault(new Fault('itemNotFound', 'Image not found.'))).toBe(
      `${DECL}<itemNotFound xmlns="${NS.compute}" code="404">\n  <message>Image not found.</message>\n</itemNotFound>`,
    );
  });

  it('is application/xml', () => {
    expect(xmlCodec.mediaType).toBe('application/xml');
  });
});

describe('encoders take canonical values only', () => {
  it('refuses an invalid value with a badRequest naming the pointer', () => {
    expect(faultOf(() => xmlCodec.encodeImage({ ...seed, progress: 150 }))).toMatchObject({
      name: 'badRequest',
      message: 'progress must be an integer from 0 to 100 at /image/progress',
    });
    expect(faultOf(() => xmlCodec.encodeImageList({ images: [{ ...seed, id: '' }] })).where).toBe('/images/0/id');
    expect(faultOf(() => xmlCodec.encodeMetaItem({})).name).toBe('badRequest');
    expect(faultOf(() => xmlCodec.encodeMetadata({ a: 1 } as never)).where).toBe('/metadata/a');
  });

  it('refuses to write a fault that is not a Fault', () => {
    expect(faultOf(() => xmlCodec.encodeFault(new Error('x') as never)).message).toBe('encodeFault takes a Fault');
    expect(faultOf(() => xmlCodec.encodeFault(new Fault('badRequest', 'x', { code: 200 })))).toMatchObject({
      message: 'code must be an HTTP error status from 400 to 599 at /badRequest/code',
      where: '/badRequest/code',
    });
  });
});
