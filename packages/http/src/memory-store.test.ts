import { isFault } from '@openstack-image/faults';
import type { Image } from '@openstack-image/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImageQuery } from './image-store.ts';
import { MemoryImageStore } from './memory-store.ts';
import { novaImages, seedImage } from './test-fixtures.ts';

const base: Image = seedImage();

describe('MemoryImageStore keeps images per tenant, in the order they were put', () => {
  it('answers by tenant, and tenantless requests read the default tenant', async () => {
    const store = new MemoryImageStore({ defaultTenant: 'openstack' });
    for (const image of novaImages()) store.put('openstack', image);
    store.put('acme', { ...base, id: 'acme-1' });
    expect((await store.get('openstack', base.id))?.name).toBe('fakeimage7');
    expect(await store.get('acme', base.id)).toBeUndefined();
    expect(await store.get(undefined, base.id)).toEqual(await store.get('openstack', base.id));
    expect(await store.get('nobody', base.id)).toBeUndefined();
    expect(store.all('acme').map((image) => image.id)).toEqual(['acme-1']);
    expect(await store.list('nobody', { limit: 10 })).toEqual([]);
  });

  it('replaces an image with the same id in its place', async () => {
    const store = new MemoryImageStore();
    store.put(undefined, { ...base, id: 'a' });
    store.put(undefined, { ...base, id: 'b' });
    store.put(undefined, { ...base, id: 'a', name: 'renamed' });
    expect(store.all(undefined).map((image) => [image.id, image.name])).toEqual([
      ['a', 'renamed'],
      ['b', 'fakeimage7'],
    ]);
  });

  it('refuses an image that is not a valid canonical Image, with a Fault naming the field', () => {
    const store = new MemoryImageStore();
    let thrown: unknown;
    try {
      store.put('t', { ...base, minDisk: -1 });
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown)).toBe(true);
    expect((thrown as Error).message).toBe('minDisk must be an integer >= 0 at /image/minDisk');
  });

  it('answers copies the caller cannot change the store through', async () => {
    const store = new MemoryImageStore();
    const image = { ...base, metadata: { a: '1' } };
    store.put('t', image);
    image.metadata.a = 'changed';
    const stored = (await store.get('t', base.id))!;
    expect(stored.metadata.a).toBe('1');
    expect(() => {
      (stored.metadata as Record<string, string>).a = 'x';
    }).toThrow(TypeError);
  });
});

/** No quota. */
const open = { maxItems: Number.POSITIVE_INFINITY };

describe('MemoryImageStore metadata writes', () => {
  const now = (): Date => new Date('2030-01-02T03:04:05.678Z');

  it('replaces, merges, sets and deletes, stamping updated', async () => {
    const store = new MemoryImageStore({ now });
    store.put('t', { ...base, metadata: { a: '1', b: '2' } });
    expect(await store.mergeMetadata('t', base.id, { b: 'B', c: '3' }, open)).toEqual({ a: '1', b: 'B', c: '3' });
    expect(await store.setMetadataItem('t', base.id, '__proto__', 'p', open)).toEqual({
      a: '1',
      b: 'B',
      c: '3',
      ['__proto__']: 'p',
    });
    expect(Object.hasOwn((await store.getMetadata('t', base.id))!, '__proto__')).toBe(true);
    expect(await store.deleteMetadataItem('t', base.id, 'a')).toBe('deleted');
    expect(await store.deleteMetadataItem('t', base.id, 'a')).toBe('keyNotFound');
    expect(await store.deleteMetadataItem('t', base.id, 'toString')).toBe('keyNotFound');
    expect(await store.deleteMetadataItem('t', 'nope', 'a')).toBe('imageNotFound');
    expect(await store.replaceMetadata('t', base.id, { only: 'one' }, open)).toEqual({ only: 'one' });
    const image = (await store.get('t', base.id))!;
    expect(image.metadata).toEqual({ only: 'one' });
    expect(image.updated).toBe('2030-01-02T03:04:05Z');
  });

  it('answers undefined for an image that does not exist', async () => {
    const store = new MemoryImageStore();
    expect(await store.getMetadata('t', 'x')).toBeUndefined();
    expect(await store.replaceMetadata('t', 'x', {}, open)).toBeUndefined();
    expect(await store.mergeMetadata('t', 'x', {}, open)).toBeUndefined();
    expect(await store.setMetadataItem('t', 'x', 'k', 'v', open)).toBeUndefined();
    expect(await store.delete('t', 'x')).toBe(false);
  });

  it('checks the quota on the set as it would be after the write, and writes nothing when it refuses', async () => {
    const store = new MemoryImageStore({ now });
    store.put('t', { ...base, metadata: { a: '1', b: '2' } });
    const two = { maxItems: 2 };
    const refused = {
      name: 'forbidden',
      code: 403,
      message: 'Image metadata limit exceeded: at most 2 items per image',
    };
    await expect(store.setMetadataItem('t', base.id, 'c', '3', two)).rejects.toMatchObject(refused);
    await expect(store.mergeMetadata('t', base.id, { c: '3' }, two)).rejects.toMatchObject(refused);
    await expect(store.replaceMetadata('t', base.id, { x: '1', y: '2', z: '3' }, two)).rejects.toMatchObject(refused);
    expect(await store.getMetadata('t', base.id)).toEqual({ a: '1', b: '2' });
    expect((await store.get('t', base.id))!.updated).toBe(base.updated);
    // Overwriting keys it holds does not grow the set: allowed at the quota.
    expect(await store.setMetadataItem('t', base.id, 'a', 'A', two)).toEqual({ a: 'A', b: '2' });
    expect(await store.mergeMetadata('t', base.id, { b: 'B' }, two)).toEqual({ a: 'A', b: 'B' });
    expect(await store.replaceMetadata('t', base.id, { x: '1', y: '2' }, two)).toEqual({ x: '1', y: '2' });
    expect(await store.mergeMetadata('t', base.id, { c: '3' }, { maxItems: 0 }).catch((e) => e.code)).toBe(403);
  });

  it('lets concurrent writes past the quota never: each check and write is one step', async () => {
    const store = new MemoryImageStore();
    const full = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, 'v']));
    store.put('t', { ...base, metadata: full });
    const limits = { maxItems: 128 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => store.setMetadataItem('t', base.id, `new${i}`, 'v', limits)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(8);
    expect(Object.keys((await store.getMetadata('t', base.id))!)).toHaveLength(128);
  });
});

describe('MemoryImageStore keeps a deleted image for changes-since lists only', () => {
  const now = (): Date => new Date('2030-01-02T03:04:05.678Z');

  it('is gone for get, all, metadata and plain lists, and listed as DELETED when changes-since asks', async () => {
    const store = new MemoryImageStore({ now });
    store.put('t', { ...base, id: 'a', updated: '2011-01-01T00:00:00Z' });
    store.put('t', { ...base, id: 'b', updated: '2011-01-01T00:00:00Z' });
    expect(await store.delete('t', 'a')).toBe(true);
    expect(await store.delete('t', 'a')).toBe(false);
    expect(await store.get('t', 'a')).toBeUndefined();
    expect(await store.getMetadata('t', 'a')).toBeUndefined();
    expect(await store.mergeMetadata('t', 'a', { k: 'v' }, open)).toBeUndefined();
    expect(await store.setMetadataItem('t', 'a', 'k', 'v', open)).toBeUndefined();
    expect(await store.deleteMetadataItem('t', 'a', 'kernel_id')).toBe('imageNotFound');
    expect(store.all('t').map((image) => image.id)).toEqual(['b']);
    expect(await store.list('t', { limit: 10 })).toEqual([await store.get('t', 'b')]);
    const changes = await store.list('t', { limit: 10, changesSince: new Date('2020-01-01T00:00:00Z') });
    expect(changes).toEqual([{ ...base, id: 'a', status: 'DELETED', updated: '2030-01-02T03:04:05Z' }]);
    const all = await store.list('t', { limit: 10, changesSince: new Date('2000-01-01T00:00:00Z') });
    expect(all !== 'markerNotFound' && all.map((image) => [image.id, image.status])).toEqual([
      ['a', 'DELETED'],
      ['b', 'ACTIVE'],
    ]);
    // A marker naming a deleted image still pages on.
    expect(await store.list('t', { limit: 10, marker: 'a' })).toEqual([await store.get('t', 'b')]);
  });

  it('put brings an image back', async () => {
    const store = new MemoryImageStore({ now });
    store.put('t', base);
    await store.delete('t', base.id);
    store.put('t', base);
    expect(await store.get('t', base.id)).toEqual(base);
    expect(store.all('t')).toEqual([base]);
  });
});

describe('MemoryImageStore paging: following markers visits every matching image once, in order', () => {
  const imageArb = fc.record({
    id: fc.uuid(),
    name: fc.constantFrom('a', 'b', null),
    status: fc.constantFrom('ACTIVE', 'SAVING'),
    minRam: fc.integer({ min: 0, max: 4 }),
    minDisk: fc.integer({ min: 0, max: 4 }),
    metadata: fc.dictionary(fc.constantFrom('os', 'arch', '__proto__'), fc.constantFrom('x', 'y')),
  });

  it('for any images, filters and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(imageArb, { selector: (image) => image.id, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.record(
          {
            name: fc.constantFrom('a', 'b'),
            status: fc.constantFrom('active', 'SAVING'),
            minRam: fc.integer({ min: 0, max: 4 }),
            properties: fc.dictionary(fc.constantFrom('os', 'arch', '__proto__'), fc.constantFrom('x', 'y'), {
              maxKeys: 2,
            }),
          },
          { requiredKeys: [] },
        ),
        async (images, limit, filters) => {
          const store = new MemoryImageStore();
          for (const image of images) store.put('t', { ...base, ...image });
          const expected = images
            .filter(
              (image) =>
                (filters.name === undefined || image.name === filters.name) &&
                (filters.status === undefined || image.status === filters.status.toUpperCase()) &&
                (filters.minRam === undefined || image.minRam >= filters.minRam) &&
                Object.entries(filters.properties ?? {}).every(
                  ([key, value]) => Object.hasOwn(image.metadata, key) && image.metadata[key] === value,
                ),
            )
            .map((image) => image.id);
          const seen: string[] = [];
          let marker: string | undefined;
          for (let pages = 0; pages <= images.length + 1; pages++) {
            const query: ImageQuery = { limit, ...filters, ...(marker === undefined ? {} : { marker }) };
            const page = await store.list('t', query);
            if (page === 'markerNotFound') throw new Error('a marker from a page must be found');
            expect(page.length).toBeLessThanOrEqual(limit);
            seen.push(...page.map((image) => image.id));
            if (page.length < limit) break;
            marker = page[page.length - 1]!.id;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 20140, interruptAfterTimeLimit: 10_000 },
    );
  });

  it('answers markerNotFound for a marker that names no image of the tenant', async () => {
    const store = new MemoryImageStore();
    store.put('t', base);
    store.put('u', { ...base, id: 'other' });
    expect(await store.list('t', { limit: 5, marker: 'other' })).toBe('markerNotFound');
    expect(await store.list('nobody', { limit: 5, marker: 'x' })).toBe('markerNotFound');
  });
});
