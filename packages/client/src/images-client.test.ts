import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { type Fault, isFault } from '@openstack-image/faults';
import { type MockServer, SEED_IMAGE_ID, SEED_TENANT, start } from '@openstack-image/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImagesClient, type ImagesClient } from './index.ts';

async function faultOf(promise: Promise<unknown>): Promise<Fault> {
  try {
    await promise;
  } catch (error) {
    if (isFault(error)) return error;
    throw error;
  }
  throw new Error('expected a Fault, the call succeeded');
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

let mock: MockServer;
let secured: MockServer;
beforeAll(async () => {
  mock = await start();
  secured = await start({ tokens: { good: SEED_TENANT, other: 'elsewhere' } });
});
afterAll(async () => {
  await mock.close();
  await secured.close();
});

describe.each(['json', 'xml'] as const)('every call against the mock server over HTTP, in %s', (format) => {
  const requests: { url: string; accept: string | null; contentType: string | null }[] = [];
  let client: ImagesClient;
  beforeAll(() => {
    client = createImagesClient({
      url: `${mock.url}/v2/${SEED_TENANT}`,
      format,
      fetch: (input, init) => {
        const headers = new Headers(init.headers);
        requests.push({ url: input, accept: headers.get('accept'), contentType: headers.get('content-type') });
        return fetch(input, init);
      },
    });
  });

  it('getImage answers the stored image with the links the server built', async () => {
    const image = await client.getImage(SEED_IMAGE_ID);
    const stored = mock.store.all(SEED_TENANT).find((i) => i.id === SEED_IMAGE_ID)!;
    expect({ ...image, links: [] }).toEqual({ ...stored, links: [] });
    expect(image.links.find((l) => l.rel === 'self')?.href).toBe(
      `${mock.url}/v2/${SEED_TENANT}/images/${SEED_IMAGE_ID}`,
    );
    expect(requests.at(-1)?.accept).toBe(format === 'json' ? 'application/json' : 'application/xml');
  });

  it('listImages follows the next links across every page, in order', async () => {
    const before = requests.length;
    const images = await collect(client.listImages({ limit: 2 }));
    const stored = mock.store.all(SEED_TENANT);
    expect(images.map((i) => i.id)).toEqual(stored.map((i) => i.id));
    expect(images.every((i) => typeof i.status === 'string')).toBe(true);
    expect(requests.length - before).toBe(Math.ceil(stored.length / 2) + (stored.length % 2 === 0 ? 1 : 0));
    expect(requests.at(-1)?.url).toMatch(/\/images\/detail\?limit=2&marker=/);
  });

  it('listImages sends the filters and keeps them on every page', async () => {
    const active = mock.store.all(SEED_TENANT).filter((i) => i.status === 'ACTIVE');
    const images = await collect(client.listImages({ status: 'ACTIVE', limit: 1 }));
    expect(images.map((i) => i.id)).toEqual(active.map((i) => i.id));
    expect(requests.at(-1)?.url).toContain('status=ACTIVE');
    const since = await collect(client.listImages({ changesSince: new Date('2100-01-01T00:00:00Z') }));
    expect(since).toEqual([]);
    expect(requests.at(-1)?.url).toContain('changes-since=2100-01-01T00%3A00%3A00Z');
    const named = await collect(client.listImages({ name: 'does not exist', minRam: 1, minDisk: 1 }));
    expect(named).toEqual([]);
  });

  it('listImageSummaries walks the index', async () => {
    const summaries = await collect(client.listImageSummaries({ limit: 3 }));
    expect(summaries.map((s) => s.id)).toEqual(mock.store.all(SEED_TENANT).map((i) => i.id));
    expect(Object.keys(summaries[0]!).sort()).toEqual(['id', 'links', 'name']);
  });

  it('the metadata calls replace, merge, read, set and delete, as the server holds them', async () => {
    const id = mock.store.all(SEED_TENANT)[1]!.id;
    expect(await client.setMetadata(id, { a: '1', 'b.json': '2' })).toEqual({ a: '1', 'b.json': '2' });
    expect(await client.updateMetadata(id, { c: '3', a: 'one' })).toEqual({ a: 'one', 'b.json': '2', c: '3' });
    expect(await client.getMetadata(id)).toEqual({ a: 'one', 'b.json': '2', c: '3' });
    expect(await client.getMetaItem(id, 'b.json')).toBe('2');
    expect(await client.setMetaItem(id, 'a/b ..', 'slash')).toBe('slash');
    expect(await client.getMetaItem(id, 'a/b ..')).toBe('slash');
    const dots = await faultOf(client.setMetaItem(id, '..', 'dots'));
    expect([dots.name, dots.message]).toEqual(['badRequest', 'The metadata key ".." cannot be named in a URL']);
    await client.deleteMetaItem(id, 'c');
    expect(await client.getMetadata(id)).toEqual({ a: 'one', 'b.json': '2', 'a/b ..': 'slash' });
    expect(requests.filter((r) => r.contentType !== null).every((r) => r.contentType === xmlOrJson(format))).toBe(true);
  });

  it('deleteImage removes the image; reading it then is itemNotFound 404', async () => {
    const stored = mock.store.all(SEED_TENANT).at(-1)!;
    await client.deleteImage(stored.id);
    const fault = await faultOf(client.getImage(stored.id));
    expect([fault.name, fault.code, fault.message]).toEqual(['itemNotFound', 404, 'Image not found.']);
    mock.store.put(SEED_TENANT, stored);
  });

  it("every fault the server answers comes back as that Fault, in this format's body", async () => {
    const missing = await faultOf(client.getMetaItem(SEED_IMAGE_ID, 'no such key'));
    expect([missing.name, missing.code]).toEqual(['itemNotFound', 404]);
    expect(missing.message).toContain('no such key');
    for (const call of [
      () => client.deleteImage('nope'),
      () => client.getMetadata('nope'),
      () => client.setMetadata('nope', {}),
      () => client.updateMetadata('nope', { a: 'b' }),
      () => client.setMetaItem('nope', 'k', 'v'),
      () => client.deleteMetaItem('nope', 'k'),
    ]) {
      expect((await faultOf(call())).name).toBe('itemNotFound');
    }
    const marker = await faultOf(collect(client.listImages({ marker: 'no-such-image' })));
    expect([marker.name, marker.code, marker.message]).toEqual(['badRequest', 400, 'marker [no-such-image] not found']);
    const long = await faultOf(client.setMetaItem(SEED_IMAGE_ID, 'k', 'v'.repeat(256)));
    expect([long.name, long.code]).toEqual(['badRequest', 400]);
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v']));
    const quota = await faultOf(client.setMetadata(SEED_IMAGE_ID, many));
    expect([quota.name, quota.code]).toEqual(['forbidden', 403]);
    const huge = await faultOf(client.setMetadata(SEED_IMAGE_ID, { big: 'x'.repeat(1024 * 1024 + 1) }));
    expect([huge.name, huge.code, huge.retryAfter]).toEqual(['overLimit', 413, undefined]);
  });

  it("versions() and version() read the mock server's version documents", async () => {
    const list = await client.versions();
    expect(list.versions.map((v) => [v.id, v.status])).toEqual([['v2.0', 'CURRENT']]);
    expect(list.versions[0]!.links).toEqual([{ rel: 'self', href: `${mock.url}/v2/` }]);
    const version = await client.version();
    expect(version.id).toBe('v2.0');
    expect(version['media-types']?.map((m) => m.base).sort()).toEqual(['application/json', 'application/xml']);
  });

  it("401 without a token, Nova's 400 with one for another tenant, the answer with a good one", async () => {
    const url = `${secured.url}/v2/${SEED_TENANT}`;
    const none = await faultOf(createImagesClient({ url, format }).getImage(SEED_IMAGE_ID));
    expect([none.name, none.code]).toEqual(['unauthorized', 401]);
    const other = await faultOf(createImagesClient({ url, format, token: 'other' }).getImage(SEED_IMAGE_ID));
    expect([other.name, other.code]).toEqual(['badRequest', 400]);
    expect(other.message).toContain("doesn't match");
    const good = await createImagesClient({ url, format, token: 'good' }).getImage(SEED_IMAGE_ID);
    expect(good.id).toBe(SEED_IMAGE_ID);
    const tenantless = createImagesClient({ url: `${secured.url}/v2`, format, token: 'good' });
    expect((await tenantless.getImage(SEED_IMAGE_ID)).id).toBe(SEED_IMAGE_ID);
  });
});

function xmlOrJson(format: 'json' | 'xml'): string {
  return format === 'json' ? jsonCodec.mediaType : xmlCodec.mediaType;
}
