import type { Image } from '@openstack-image/schema';
import { describe, expect, it } from 'vitest';
import type { ImageStore } from './image-store.ts';
import { createImagesApi } from './images-api.ts';
import { MemoryImageStore } from './memory-store.ts';
import { novaImages, SEED_ID, sampleStore } from './test-fixtures.ts';

/*
 * The API keeps each frozen stored image as it presented it (its links built), for the next
 * request with the same link roots and tenant: these hold that nothing it keeps is ever stale.
 */

async function get(api: ReturnType<typeof createImagesApi>, url: string, host = 'a.example'): Promise<unknown> {
  const answer = await api.handle({ method: 'GET', url, headers: { host, accept: 'application/json' } });
  expect(answer.status, String(answer.body)).toBe(200);
  return JSON.parse(String(answer.body));
}

function selfLinks(body: unknown): string[] {
  const images = (body as { images: { links: { rel: string; href: string }[] }[] }).images;
  return images.map((image) => image.links.find((link) => link.rel === 'self')!.href);
}

describe('presented images are built for each request’s roots and tenant', () => {
  it('answers each host and tenant with its own links, however the requests interleave', async () => {
    const store = sampleStore();
    for (const image of novaImages()) store.put('other', image);
    const api = createImagesApi({ store });
    for (let round = 0; round < 3; round++) {
      for (const [host, tenant] of [
        ['a.example', 'openstack'],
        ['b.example:8774', 'openstack'],
        ['a.example', 'other'],
      ] as const) {
        for (const path of ['images/detail', 'images']) {
          const links = selfLinks(await get(api, `/v2/${tenant}/${path}`, host));
          expect(links.length).toBe(7);
          for (const href of links) expect(href.startsWith(`http://${host}/v2/${tenant}/images/`)).toBe(true);
        }
        const one = (await get(api, `/v2/${tenant}/images/${SEED_ID}`, host)) as { image: Image };
        expect(one.image.links[0]!.href).toBe(`http://${host}/v2/${tenant}/images/${SEED_ID}`);
      }
    }
  });

  it('shows a write at once: the store holds a new object, presented anew', async () => {
    const store = sampleStore();
    const api = createImagesApi({ store });
    const before = (await get(api, `/v2/openstack/images/${SEED_ID}`)) as { image: Image };
    expect(before.image.server).toBeUndefined();
    const put = await api.handle({
      method: 'PUT',
      url: `/v2/openstack/images/${SEED_ID}/metadata/instance_uuid`,
      headers: { host: 'a.example', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"meta": {"instance_uuid": "s-1"}}',
    });
    expect(put.status, String(put.body)).toBe(200);
    const after = (await get(api, `/v2/openstack/images/${SEED_ID}`)) as { image: Image };
    expect(after.image.metadata.instance_uuid).toBe('s-1');
    expect(after.image.server?.id).toBe('s-1');
    const listed = (await get(api, '/v2/openstack/images/detail')) as { images: Image[] };
    expect(listed.images.find((image) => image.id === SEED_ID)?.server?.id).toBe('s-1');
  });

  it('keeps nothing of a store that hands out objects it changes in place', async () => {
    const image: Image = { ...novaImages()[0]!, metadata: {} };
    const inner = new MemoryImageStore({ defaultTenant: 'openstack' });
    const store: ImageStore = Object.assign(Object.create(inner) as ImageStore, {
      get: async () => image,
      list: async () => [image],
    });
    const api = createImagesApi({ store });
    expect(((await get(api, '/v2/openstack/images/detail')) as { images: Image[] }).images[0]!.name).toBe(image.name);
    image.name = 'renamed';
    image.metadata.instance_uuid = 's-2';
    const listed = (await get(api, '/v2/openstack/images/detail')) as { images: Image[] };
    expect(listed.images[0]!.name).toBe('renamed');
    expect(listed.images[0]!.server?.id).toBe('s-2');
    const one = (await get(api, `/v2/openstack/images/${image.id}`)) as { image: Image };
    expect(one.image.name).toBe('renamed');
  });
});
