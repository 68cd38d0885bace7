// Against the real Glance that `npm run test:glance` starts: Nova's view of Glance's own images.
import { isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { COMPUTE, directGlance, freshTenant, glanceStore } from './test-glance.ts';

const KERNEL = '2d7b7a7e-1111-4a4a-9b9b-000000000001';
const RAMDISK = '2d7b7a7e-1111-4a4a-9b9b-000000000002';
const SERVER = '9c7b2f0e-3333-4c4c-8d8d-000000000003';
const WIRE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

async function faultOf(promise: Promise<unknown>): Promise<{ name: string; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isFault(error)) return { name: error.name, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a Fault');
}

describe('images created in Glance directly show as GLANCE.md tables (a) and (b) say', () => {
  it('queued, active with data, deactivated, with kernel/ramdisk ids and instance_uuid', async () => {
    const tenant = freshTenant('view');
    const glance = directGlance(tenant);
    const queued = await glance.create({ name: 'q', min_ram: 512, min_disk: 2 });
    const active = await glance.create({
      name: 'snap',
      kernel_id: KERNEL,
      ramdisk_id: RAMDISK,
      instance_uuid: SERVER,
      image_type: 'snapshot',
      auto_disk_config: 'True',
      os_distro: 'cirros',
    });
    await glance.upload(active.id as string, new Uint8Array(3000).fill(7));
    const off = await glance.create({ name: 'off', auto_disk_config: 'no', kernel_id: null });
    await glance.upload(off.id as string, new Uint8Array(10));
    await glance.deactivate(off.id as string);

    const store = glanceStore();
    const q = await store.get(tenant, queued.id as string);
    expect(q).toMatchObject({
      id: queued.id,
      name: 'q',
      status: 'SAVING',
      progress: 25,
      minRam: 512,
      minDisk: 2,
      metadata: {},
      'OS-EXT-IMG-SIZE:size': 0,
    });
    expect(q!.created).toMatch(WIRE_TIME);
    expect(q!.updated).toMatch(WIRE_TIME);
    expect(q!.server).toBeUndefined();
    expect(q!['OS-DCF:diskConfig']).toBeUndefined();

    const a = await store.get(tenant, active.id as string);
    expect(a).toMatchObject({
      status: 'ACTIVE',
      progress: 100,
      minRam: 0,
      minDisk: 0,
      'OS-EXT-IMG-SIZE:size': 3000,
      'OS-DCF:diskConfig': 'AUTO',
      server: {
        id: SERVER,
        links: [
          { href: `${COMPUTE}/v2/${tenant}/servers/${SERVER}`, rel: 'self' },
          { href: `${COMPUTE}/${tenant}/servers/${SERVER}`, rel: 'bookmark' },
        ],
      },
    });
    // Every custom property, Glance's base attributes never.
    expect(a!.metadata).toEqual({
      kernel_id: KERNEL,
      ramdisk_id: RAMDISK,
      instance_uuid: SERVER,
      image_type: 'snapshot',
      auto_disk_config: 'True',
      os_distro: 'cirros',
    });

    const d = await store.get(tenant, off.id as string);
    expect(d).toMatchObject({
      status: 'UNKNOWN',
      progress: 0,
      'OS-DCF:diskConfig': 'MANUAL',
      'OS-EXT-IMG-SIZE:size': 10,
    });
    // A null kernel_id is no item: metadata holds strings only.
    expect(d!.metadata).toEqual({ auto_disk_config: 'no' });
  });
});

describe('a tenant never sees another tenant’s private images (trusted identity)', () => {
  it('get, list, metadata, writes and delete answer "no such image" to the other tenant', async () => {
    const a = freshTenant('a');
    const b = freshTenant('b');
    const mine = await directGlance(a).create({ name: 'private-of-a', visibility: 'private', secret: 's' });
    const shared = await directGlance(a).create({ name: 'shared-of-a' });
    const store = glanceStore();
    const id = mine.id as string;
    expect((await store.get(a, id))?.name).toBe('private-of-a');
    for (const other of [id, shared.id as string]) {
      expect(await store.get(b, other)).toBeUndefined();
      expect(await store.getMetadata(b, other)).toBeUndefined();
      expect(await store.mergeMetadata(b, other, { x: '1' })).toBeUndefined();
      expect(await store.replaceMetadata(b, other, {})).toBeUndefined();
      expect(await store.setMetadataItem(b, other, 'x', '1')).toBeUndefined();
      expect(await store.deleteMetadataItem(b, other, 'secret')).toBe('imageNotFound');
      expect(await store.delete(b, other)).toBe(false);
    }
    const listed = await store.list(b, { limit: 1000 });
    expect(listed).not.toBe('markerNotFound');
    expect((listed as readonly { id: string }[]).map((image) => image.id)).not.toContain(id);
    expect(await store.list(b, { limit: 10, marker: id })).toBe('markerNotFound');
    expect((await store.getMetadata(a, id))?.secret).toBe('s');
  });

  it('an admin’s public image is listed to both, and neither may delete it or write its metadata', async () => {
    const a = freshTenant('a');
    const b = freshTenant('b');
    const admin = directGlance(freshTenant('admin'), 'admin');
    const pub = await admin.create({ name: 'public', visibility: 'public' });
    const store = glanceStore();
    try {
      for (const tenant of [a, b]) {
        const list = (await store.list(tenant, { limit: 1000, name: 'public' })) as readonly { id: string }[];
        expect(list.map((image) => image.id)).toContain(pub.id);
        expect(await faultOf(store.delete(tenant, pub.id as string))).toMatchObject({ name: 'forbidden', code: 403 });
        expect(await faultOf(store.setMetadataItem(tenant, pub.id as string, 'k', 'v'))).toMatchObject({
          name: 'forbidden',
        });
      }
    } finally {
      // Every tenant sees a public image: left there, it would be in every other test's lists.
      await admin.request('DELETE', `/v2/images/${pub.id as string}`);
    }
  });

  it('no tenant at all is refused before Glance is asked (Glance would list every shared image)', async () => {
    expect(await faultOf(glanceStore().list(undefined, { limit: 5 }))).toMatchObject({ name: 'unauthorized' });
    const tenant = freshTenant('default');
    await directGlance(tenant).create({ name: 'mine' });
    await directGlance(freshTenant('other')).create({ name: 'not-mine', visibility: 'private' });
    const list = (await glanceStore({ defaultTenant: tenant }).list(undefined, { limit: 1000 })) as readonly {
      name: string;
    }[];
    expect(list.map((image) => image.name)).toContain('mine');
    expect(list.map((image) => image.name)).not.toContain('not-mine');
  });
});

describe('pass-through identity against this Glance (no Keystone: it trusts identity headers only)', () => {
  it('the token goes as it came and none of our identity headers: Glance answers 401, and so do we', async () => {
    const tenant = freshTenant('token');
    const id = (await directGlance(tenant).create({ name: 'kept' })).id as string;
    const store = glanceStore({ identity: { mode: 'pass-through' } });
    // Trusted headers would let Glance answer 200; a token alone is no identity to it.
    expect(await faultOf(store.withToken('gAAAAAB-not-a-keystone-token').get(tenant, id))).toMatchObject({
      name: 'unauthorized',
      code: 401,
    });
    expect(await faultOf(store.withToken(undefined).list(tenant, { limit: 1 }))).toMatchObject({
      name: 'unauthorized',
    });
    expect((await glanceStore().get(tenant, id))?.name).toBe('kept');
  });
});

describe('lists: filters translated for Glance, Glance’s pages followed until ours is full', () => {
  it('every filter of WIRE.md and property-{key}, each against images made to match or miss it', async () => {
    const tenant = freshTenant('filters');
    const glance = directGlance(tenant);
    const made: Record<string, string> = {};
    const specs: [string, Record<string, unknown>, number?][] = [
      ['small', { name: 'small', min_ram: 128, min_disk: 1, os_distro: 'cirros' }],
      ['big', { name: 'big', min_ram: 2048, min_disk: 20, os_distro: 'ubuntu' }, 5],
      ['snap', { name: 'snap', image_type: 'snapshot', instance_uuid: SERVER }, 1],
      ['backup', { name: 'backup', image_type: 'backup', instance_uuid: KERNEL }],
      ['in:x', { name: 'in:x' }],
    ];
    const before = new Date(Date.now() - 2000);
    for (const [key, body, bytes] of specs) {
      const image = await glance.create(body);
      made[key] = image.id as string;
      if (bytes !== undefined) await glance.upload(image.id as string, new Uint8Array(bytes));
    }
    const store = glanceStore();
    const names = async (query: Record<string, unknown>) => {
      const page = await store.list(tenant, { limit: 1000, ...query });
      if (page === 'markerNotFound') throw new Error('markerNotFound');
      // Other tests' public images are every tenant's to see: only this test's count here.
      const ours = new Set(Object.values(made));
      return page
        .filter((image) => ours.has(image.id))
        .map((image) => image.name)
        .sort();
    };
    expect(await names({})).toEqual(['backup', 'big', 'in:x', 'small', 'snap']);
    expect(await names({ name: 'big' })).toEqual(['big']);
    expect(await names({ name: 'in:x' })).toEqual(['in:x']);
    expect(await names({ status: 'ACTIVE' })).toEqual(['big', 'snap']);
    expect(await names({ status: 'saving' })).toEqual(['backup', 'in:x', 'small']);
    expect(await names({ status: 'ERROR' })).toEqual([]);
    expect(await names({ status: 'nonsense' })).toEqual([]);
    expect(await names({ server: SERVER })).toEqual(['snap']);
    expect(await names({ server: `${COMPUTE}/v2/${tenant}/servers/${KERNEL}` })).toEqual(['backup']);
    expect(await names({ type: 'snapshot' })).toEqual(['snap']);
    expect(await names({ minRam: 256 })).toEqual(['big']);
    expect(await names({ minRam: 128 })).toEqual(['big', 'small']);
    expect(await names({ minDisk: 2 })).toEqual(['big']);
    expect(await names({ properties: { os_distro: 'cirros' } })).toEqual(['small']);
    expect(await names({ properties: { os_distro: 'cirros', image_type: 'x' } })).toEqual([]);
    expect(await names({ properties: { name: 'big' } })).toEqual([]);
    expect(await names({ changesSince: before })).toEqual(['backup', 'big', 'in:x', 'small', 'snap']);
    expect(await names({ changesSince: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('pages by limit and marker in Glance’s order, newest first; an unknown marker is markerNotFound', async () => {
    const tenant = freshTenant('pages');
    const glance = directGlance(tenant);
    const ids: string[] = [];
    const name = freshTenant('page');
    for (let i = 0; i < 7; i++) ids.unshift((await glance.create({ name, parity_max: String(i % 2) })).id as string);
    const store = glanceStore();
    const seen: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.list(tenant, { limit: 3, name, ...(marker === undefined ? {} : { marker }) });
      if (page === 'markerNotFound') throw new Error('markerNotFound');
      seen.push(...page.map((image) => image.id));
      if (page.length < 3) break;
      marker = page[2]!.id;
    }
    expect(seen).toEqual(ids);
    // A filter Glance cannot apply (it reads parity_max=1 as a range) is applied here,
    // following Glance's next pages until the page is full.
    const odd = await store.list(tenant, { limit: 2, name, properties: { parity_max: '1' } });
    expect(odd).toEqual([await store.get(tenant, ids[1]!), await store.get(tenant, ids[3]!)]);
    expect(await store.list(tenant, { limit: 2, marker: '00000000-0000-0000-0000-000000000000' })).toBe(
      'markerNotFound',
    );
  });
});

describe('metadata writes: one JSON-patch request each, Nova’s quota, Glance’s refusals as faults', () => {
  it('replace, merge, set and delete, keys with / and ~, answering the set Glance holds', async () => {
    const tenant = freshTenant('meta');
    const image = await directGlance(tenant).create({ name: 'm', a: '1', b: '2' });
    const id = image.id as string;
    const store = glanceStore();
    expect(await store.mergeMetadata(tenant, id, { b: '3', 'x/y~z': 'slash' })).toEqual({
      a: '1',
      b: '3',
      'x/y~z': 'slash',
    });
    expect(await store.setMetadataItem(tenant, id, 'c', 'é ü')).toEqual({ a: '1', b: '3', 'x/y~z': 'slash', c: 'é ü' });
    expect(await store.replaceMetadata(tenant, id, { z: 'only' })).toEqual({ z: 'only' });
    expect(await store.deleteMetadataItem(tenant, id, 'z')).toBe('deleted');
    expect(await store.deleteMetadataItem(tenant, id, 'z')).toBe('keyNotFound');
    expect(await store.getMetadata(tenant, id)).toEqual({});
    expect((await directGlance(tenant).get(id)).name).toBe('m');
  });

  it('refuses Glance attributes as keys (400), over-quota sets (403), invalid kernel ids (Glance 400)', async () => {
    const tenant = freshTenant('refuse');
    const id = (await directGlance(tenant).create({ name: 'r' })).id as string;
    const store = glanceStore();
    expect(await faultOf(store.setMetadataItem(tenant, id, 'name', 'renamed'))).toMatchObject({ name: 'badRequest' });
    expect(await faultOf(store.mergeMetadata(tenant, id, { min_ram: '1' }))).toMatchObject({ name: 'badRequest' });
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, 'v']));
    expect(await faultOf(store.replaceMetadata(tenant, id, many, { maxItems: 5 }))).toMatchObject({
      name: 'forbidden',
      code: 403,
      message: expect.stringContaining('Image metadata limit exceeded'),
    });
    expect(await faultOf(store.setMetadataItem(tenant, id, 'kernel_id', 'not-a-uuid'))).toMatchObject({
      name: 'badRequest',
      code: 400,
    });
    expect(await faultOf(store.setMetadataItem(tenant, id, 'os_glance_x', 'v'))).toMatchObject({ name: 'forbidden' });
    expect(await store.getMetadata(tenant, id)).toEqual({});
  });

  it('Glance’s own 128-property limit (413) answers as Nova’s quota: 403 "Image metadata limit exceeded"', async () => {
    const tenant = freshTenant('glance-quota');
    const id = (await directGlance(tenant).create({ name: 'g' })).id as string;
    const store = glanceStore();
    const many = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`k${i}`, 'v']));
    expect(
      await faultOf(store.replaceMetadata(tenant, id, many, { maxItems: Number.POSITIVE_INFINITY })),
    ).toMatchObject({
      name: 'forbidden',
      code: 403,
      message: expect.stringContaining('Image metadata limit exceeded'),
    });
  });
});

describe('DELETE', () => {
  it('deletes, then the image is gone; a protected image is 403', async () => {
    const tenant = freshTenant('delete');
    const glance = directGlance(tenant);
    const id = (await glance.create({ name: 'd' })).id as string;
    const kept = (await glance.create({ name: 'p', protected: true })).id as string;
    const store = glanceStore();
    expect(await store.delete(tenant, id)).toBe(true);
    expect(await store.get(tenant, id)).toBeUndefined();
    expect(await store.delete(tenant, id)).toBe(false);
    expect(await faultOf(store.delete(tenant, kept))).toMatchObject({ name: 'forbidden', code: 403 });
  });
});
