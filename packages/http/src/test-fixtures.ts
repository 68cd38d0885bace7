// Test fixtures (excluded from the build): the seed's image and Nova's sample images, decoded.
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import type { Codec, Image } from '@openstack-image/schema';
import { sample, seedDocuments } from '@openstack-image/test-support';
import { MemoryImageStore } from './memory-store.ts';

export const SEED_ID = '70a599e0-31e7-49b7-b260-868f441e862b';
export const SEED_BASE = 'http://openstack.example.com';
export const SEED_GLANCE = 'http://glance.openstack.example.com';

/** The formats under test, in the order the API offers them. */
export interface Format {
  readonly name: 'json' | 'xml';
  readonly codec: Codec;
  readonly mediaType: string;
  readonly vendorType: string;
}

export const formats: readonly Format[] = [
  {
    name: 'json',
    codec: jsonCodec,
    mediaType: 'application/json',
    vendorType: 'application/vnd.openstack.compute+json',
  },
  { name: 'xml', codec: xmlCodec, mediaType: 'application/xml', vendorType: 'application/vnd.openstack.compute+xml' },
];

export const json: Format = formats[0]!;
export const xml: Format = formats[1]!;

export function seedImage(): Image {
  return jsonCodec.decodeImage(seedDocuments().json);
}

/** Nova's detail list sample: seven images, the seed's first. */
export function novaImages(): Image[] {
  return jsonCodec.decodeImageList(sample('nova/images-details-get-resp.json')).images;
}

/** A store holding Nova's seven sample images under tenant `openstack` (also the default tenant). */
export function sampleStore(): MemoryImageStore {
  const store = new MemoryImageStore({ defaultTenant: 'openstack', now: () => new Date('2024-05-06T07:08:09.123Z') });
  for (const image of novaImages()) store.put('openstack', image);
  return store;
}
