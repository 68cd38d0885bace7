import { isFault } from '@openstack-image/faults';
import { isValid } from '@openstack-image/schema';
import { samples, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { decodeAs, encodeAs, kindOf } from './test-samples.ts';
import { type Meaning, meaningOf, pruned } from './test-xml-meaning.ts';

const documents = [
  { name: 'seed/get-image-details.txt (XML example)', text: seedDocuments().xml },
  ...samples('xml').map(({ name, text }) => ({ name, text })),
];

/*
 * What the samples hold that the canonical model does not, and so what a re-encoding leaves out:
 * the developer guide's tenant_id and user_id attributes, its xsi:type on a list, its <fault>
 * inside an image, and the paging link inside <metadata> that Nova never served. An absent
 * <metadata> is written empty (it is always written), so empty ones are set aside on both sides.
 */
const C = `{${NS.compute}}`;
const A = `{${NS.atom}}`;
function modelled(name: string, parent: string): boolean {
  if (name === '{}tenant_id' || name === '{}user_id') return false;
  if (name === '{http://www.w3.org/2001/XMLSchema-instance}type') return false;
  if (name === `${C}fault` && parent === `${C}image`) return false;
  if (name === `${A}link` && parent === `${C}metadata`) return false;
  return true;
}

function meaning(xml: string): Meaning {
  const dropEmptyMetadata = (m: Meaning): Meaning =>
    typeof m.content === 'string'
      ? m
      : {
          ...m,
          content: m.content
            .filter((child) => !(child.name === `${C}metadata` && (child.content === '' || child.content.length === 0)))
            .map(dropEmptyMetadata),
        };
  return dropEmptyMetadata(pruned(meaningOf(xml), modelled));
}

describe('guarantee 3: every XML sample decodes, and re-encodes to a document with the same meaning', () => {
  it('covers every .xml sample', () => {
    expect(documents.length).toBeGreaterThanOrEqual(39);
  });

  for (const { name, text } of documents) {
    const kind = name.startsWith('seed/') ? 'image' : kindOf(name);
    it(`${name} (${kind})`, () => {
      const value = decodeAs(xmlCodec, kind, text);
      if (kind === 'fault') {
        expect(isFault(value)).toBe(true);
        expect(text).toContain(`<${(value as { name: string }).name}`);
      } else {
        const schema = {
          image: 'Image',
          list: 'ImageList',
          index: 'ImageIndex',
          metadata: 'Metadata',
          metaItem: 'MetaItem',
        } as const;
        expect(isValid(schema[kind], value)).toBe(true);
      }
      const again = encodeAs(xmlCodec, kind, value);
      expect(meaning(again)).toStrictEqual(meaning(text));
    });
  }
});

describe('reading the samples: what the model makes of them', () => {
  it('reads the seed as its image, with the metadata and links it lists', () => {
    const image = xmlCodec.decodeImage(seedDocuments().xml);
    expect(image).toStrictEqual({
      id: '70a599e0-31e7-49b7-b260-868f441e862b',
      name: 'fakeimage7',
      status: 'ACTIVE',
      progress: 100,
      minDisk: 0,
      minRam: 0,
      created: '2011-01-01T01:02:03Z',
      updated: '2011-01-01T01:02:03Z',
      metadata: { kernel_id: 'nokernel', auto_disk_config: 'True', ramdisk_id: 'nokernel', architecture: 'x86_64' },
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

  it('reads the guide image with a server and no metadata by the reading rules', () => {
    const image = xmlCodec.decodeImage(documents.find((d) => d.name === 'compute-api/image-fault.xml')!.text);
    expect(image.updated).toBeNull();
    expect(image.metadata).toStrictEqual({});
    expect(image.server).toStrictEqual({ id: '52415800-8b69-11e0-9b19-734f335aa7b3', links: [] });
    expect(image.status).toBe('ERROR');
    expect(image.minDisk).toBeUndefined();
    expect('minDisk' in image).toBe(false);
  });

  it('reads the extension attributes by their namespaces', () => {
    const size = xmlCodec.decodeImage(
      documents.find((d) => d.name === 'nova/OS-EXT-IMG-SIZE/image-get-resp.xml')!.text,
    );
    expect(size['OS-EXT-IMG-SIZE:size']).toBe(74185822);
    const dcf = xmlCodec.decodeImage(documents.find((d) => d.name === 'nova/OS-DCF/image-get-resp.xml')!.text);
    expect(dcf['OS-DCF:diskConfig']).toBe('AUTO');
  });

  it('reads the root-level next link of an index page, and skips the paging link inside <metadata>', () => {
    const page = xmlCodec.decodeImageIndex(documents.find((d) => d.name === 'compute-api/images-page1.xml')!.text);
    expect(page.images_links).toStrictEqual([
      {
        rel: 'next',
        href: 'http://servers.api.openstack.org/v2/1234/images?limit=1&marker=52415800-8b69-11e0-9b19-734f6f006e54',
      },
    ]);
    const metadata = xmlCodec.decodeMetadata(documents.find((d) => d.name === 'compute-api/metadata-page1.xml')!.text);
    expect(metadata).toStrictEqual({ 'Server Label': 'Web Head 1', 'Image Version': '2.1' });
  });

  it('reads retryAfter from the overLimit attribute', () => {
    const fault = xmlCodec.decodeFault(documents.find((d) => d.name === 'compute-api/overlimit.xml')!.text);
    expect(fault.name).toBe('overLimit');
    expect(fault.code).toBe(413);
    expect(fault.retryAfter).toBe('2010-08-01T00:00:00Z');
    expect(fault.details).toBe('Error Details...');
  });
});
