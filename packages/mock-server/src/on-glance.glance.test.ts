// Against the real Glance that `npm run test:glance` starts (GLANCE_URL): the server on Glance
// answers as the server on memory does, holds nothing itself, and stands a concurrent load.
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { GlanceImageStore } from '@openstack-image/glance-store';
import type { Image } from '@openstack-image/schema';
import { describe, expect, it } from 'vitest';
// glance-store's Glance test helpers (not published): one home for how the tests reach Glance.
import { directGlance, freshTenant, glanceUrl } from '../../glance-store/src/test-glance.ts';
import { type GlanceServer, type MockServer, start, startOnGlance } from './start.ts';

const BASE = 'http://openstack.example.com';
const SERVER = '9c7b2f0e-3333-4c4c-8d8d-000000000003';
const KERNEL = '2d7b7a7e-1111-4a4a-9b9b-000000000001';
const formats = [
  { name: 'json', codec: jsonCodec },
  { name: 'xml', codec: xmlCodec },
] as const;

/** Glance driven directly, as another service or an operator would: ids, and data of a size. */
function direct(tenant: string) {
  const glance = directGlance(tenant);
  return {
    create: async (body: Record<string, unknown>): Promise<string> => (await glance.create(body)).id as string,
    upload: (id: string, size: number): Promise<void> => glance.upload(id, new Uint8Array(size)),
    deactivate: (id: string): Promise<void> => glance.deactivate(id),
  };
}

/** What an answer means: its status, media type, and its body decoded as the route's resource. */
async function meaning(url: string, method: string, codec: typeof jsonCodec, body?: string) {
  const reply = await call(url, method, codec.mediaType, body);
  const path = new URL(url).pathname;
  let value: unknown = reply.text;
  if (reply.status >= 400) {
    const fault = codec.decodeFault(reply.text);
    value = { name: fault.name, code: fault.code, message: fault.message };
  } else if (reply.status === 200) {
    if (/\/images$/.test(path)) value = codec.decodeImageIndex(reply.text);
    else if (/\/images\/detail$/.test(path)) value = codec.decodeImageList(reply.text);
    else if (/\/metadata$/.test(path)) value = codec.decodeMetadata(reply.text);
    else if (/\/metadata\/[^/]+$/.test(path)) value = codec.decodeMetaItem(reply.text);
    else value = codec.decodeImage(reply.text);
  }
  return { status: reply.status, type: reply.type, value };
}

async function call(url: string, method: string, accept: string, body?: string) {
  const response = await fetch(url, {
    method,
    headers: { accept, ...(body === undefined ? {} : { 'content-type': accept }) },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Images made in Glance directly, of every kind GLANCE.md's tables name. */
async function seedGlance(tenant: string): Promise<string[]> {
  const glance = direct(tenant);
  const queued = await glance.create({ name: 'queued', min_ram: 512, min_disk: 2, os_distro: 'cirros' });
  const active = await glance.create({
    name: 'snapshot é',
    instance_uuid: SERVER,
    image_type: 'snapshot',
    kernel_id: KERNEL,
    ramdisk_id: null,
    auto_disk_config: 'True',
  });
  await glance.upload(active, 2048);
  const off = await glance.create({ name: 'deactivated', auto_disk_config: 'False', os_distro: 'ubuntu' });
  await glance.upload(off, 16);
  await glance.deactivate(off);
  const plain = await glance.create({ name: 'queued', min_ram: 128, a: 'x', b: 'y' });
  return [queued, active, off, plain];
}

describe('differential: the same images on Glance and in memory answer alike, every route, both formats', () => {
  it('reads, filters, paging, faults, then the same writes', async () => {
    const tenant = freshTenant('diff');
    const ids = await seedGlance(tenant);
    const glanceServer = await startOnGlance({
      glance: { url: glanceUrl() },
      tenant,
      baseUrl: BASE,
      glanceBaseUrl: 'http://glance.example.com',
      log: () => {},
    });
    let memory: MockServer | undefined;
    try {
      // What Glance holds for this tenant (other tests' public images too), in Glance's order.
      const store = new GlanceImageStore({ url: glanceUrl(), computeUrl: BASE });
      const seeded = (await store.list(tenant, { limit: 1000 })) as readonly Image[];
      expect(seeded.map((image) => image.id)).toEqual(expect.arrayContaining(ids));
      memory = await start({
        images: seeded,
        tenant,
        baseUrl: BASE,
        glanceBaseUrl: 'http://glance.example.com',
        log: () => {},
      });
      const root = `/v2/${tenant}/images`;
      const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
      const reads = [
        root,
        `${root}/detail`,
        `${root}/detail?limit=2`,
        `${root}/detail?limit=2&marker=${seeded[1]!.id}`,
        `${root}?limit=1&marker=${ids[2]}`,
        `${root}/detail?name=queued`,
        `${root}/detail?status=SAVING`,
        `${root}/detail?status=active`,
        `${root}/detail?status=UNKNOWN`,
        `${root}/detail?type=snapshot`,
        `${root}/detail?server=${BASE}/v2/${tenant}/servers/${SERVER}`,
        `${root}/detail?minRam=256`,
        `${root}/detail?minDisk=1`,
        `${root}/detail?property-os_distro=cirros`,
        `${root}/detail?changes-since=${since}&name=queued`,
        `${root}/detail?marker=00000000-0000-0000-0000-000000000000`,
        `${root}/detail?limit=-1`,
        '/v2/images/detail?limit=3',
        ...ids.flatMap((id) => [`${root}/${id}`, `${root}/${id}/metadata`, `${root}/${id}/metadata/os_distro`]),
        `${root}/00000000-0000-0000-0000-000000000000`,
        `${root}/00000000-0000-0000-0000-000000000000/metadata`,
      ];
      for (const format of formats) {
        for (const path of reads) {
          const [g, m] = await Promise.all([
            meaning(glanceServer.url + path, 'GET', format.codec),
            meaning(memory.url + path, 'GET', format.codec),
          ]);
          expect({ path, format: format.name, ...g }).toEqual({ path, format: format.name, ...m });
        }
      }
      const id = ids[3]!;
      const writes: [string, string, (codec: typeof jsonCodec) => string | undefined][] = [
        ['POST', `${root}/${id}/metadata`, (c) => c.encodeMetadata({ c: 'z', a: 'x2' })],
        ['PUT', `${root}/${id}/metadata/d`, (c) => c.encodeMetaItem({ d: 'é' })],
        ['PUT', `${root}/${id}/metadata/d`, (c) => c.encodeMetaItem({ e: 'mismatch' })],
        ['DELETE', `${root}/${id}/metadata/b`, () => undefined],
        ['DELETE', `${root}/${id}/metadata/b`, () => undefined],
        ['PUT', `${root}/${id}/metadata`, (c) => c.encodeMetadata({ only: '1', 'a/b~c': '2' })],
        ['GET', `${root}/${id}/metadata`, () => undefined],
        ['PUT', `${root}/${id}/metadata`, (c) => c.encodeMetadata({ name: 'renamed' })],
        ['DELETE', `${root}/${ids[0]}`, () => undefined],
        ['GET', `${root}/${ids[0]}`, () => undefined],
        ['DELETE', `${root}/${ids[0]}`, () => undefined],
      ];
      for (const format of formats) {
        for (const [method, path, body] of writes) {
          const text = body(format.codec);
          const g = await meaning(glanceServer.url + path, method, format.codec, text);
          if (text?.includes('renamed')) {
            // A Glance attribute as a key: the Glance store refuses it (memory has no such rule).
            expect(g).toMatchObject({ status: 400, value: { name: 'badRequest' } });
            continue;
          }
          const m = await meaning(memory.url + path, method, format.codec, text);
          expect({ method, path, format: format.name, ...g }).toEqual({ method, path, format: format.name, ...m });
        }
        // The deleted image again, for the second format's round.
        ids[0] = await direct(tenant).create({ name: 'queued', min_ram: 512, min_disk: 2, os_distro: 'cirros' });
        memory.store.put(tenant, (await store.get(tenant, ids[0]))!);
        writes[8]![1] = `${root}/${ids[0]}`;
        writes[9]![1] = `${root}/${ids[0]}`;
        writes[10]![1] = `${root}/${ids[0]}`;
      }
    } finally {
      await glanceServer.close();
      await memory?.close();
    }
  });

  it('changes-since: a deleted image is not listed (Glance v2 cannot read deleted images back)', async () => {
    const tenant = freshTenant('deleted');
    const id = await direct(tenant).create({ name: 'gone' });
    const server = await startOnGlance({ glance: { url: glanceUrl() }, log: () => {} });
    try {
      const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
      expect((await call(`${server.url}/v2/${tenant}/images/${id}`, 'DELETE', 'application/json')).status).toBe(204);
      const list = await call(
        `${server.url}/v2/${tenant}/images/detail?changes-since=${since}`,
        'GET',
        'application/json',
      );
      expect(jsonCodec.decodeImageList(list.text).images.map((image) => image.id)).not.toContain(id);
    } finally {
      await server.close();
    }
  });
});

describe('stateless: two servers on one Glance answer alike; a write through one is read through the other', () => {
  it.each(formats)('$name', async ({ codec }) => {
    const tenant = freshTenant('two');
    const ids = await seedGlance(tenant);
    const servers: GlanceServer[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        servers.push(await startOnGlance({ glance: { url: glanceUrl() }, baseUrl: BASE, log: () => {} }));
      }
      const [a, b] = servers as [GlanceServer, GlanceServer];
      const root = `/v2/${tenant}/images`;
      for (const path of [`${root}/detail`, `${root}/${ids[1]}`]) {
        expect(await call(a.url + path, 'GET', codec.mediaType)).toEqual(
          await call(b.url + path, 'GET', codec.mediaType),
        );
      }
      const put = await call(
        `${a.url}${root}/${ids[1]}/metadata/written`,
        'PUT',
        codec.mediaType,
        codec.encodeMetaItem({ written: 'by a' }),
      );
      expect(put.status).toBe(200);
      const read = await call(`${b.url}${root}/${ids[1]}/metadata/written`, 'GET', codec.mediaType);
      expect(codec.decodeMetaItem(read.text)).toEqual({ written: 'by a' });
      expect((await call(`${b.url}${root}/${ids[2]}`, 'DELETE', codec.mediaType)).status).toBe(204);
      expect((await call(`${a.url}${root}/${ids[2]}`, 'GET', codec.mediaType)).status).toBe(404);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe('two servers writing one image at once: what holds across processes (README, Concurrency)', () => {
  it('the quota holds, and Glance holds exactly the whole set one writer answered', async () => {
    const tenant = freshTenant('race');
    const full = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, 'v']));
    const id = await direct(tenant).create({ name: 'raced', ...full });
    // Two servers: two stores, two write queues, as two processes have.
    const servers: GlanceServer[] = [];
    try {
      for (let i = 0; i < 2; i++) servers.push(await startOnGlance({ glance: { url: glanceUrl() }, log: () => {} }));
      // POST answers the whole set as Glance saved it.
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call(
            `${servers[i % 2]!.url}/v2/${tenant}/images/${id}/metadata`,
            'POST',
            'application/json',
            JSON.stringify({ metadata: { [`new${i}`]: 'v' } }),
          ),
        ),
      );
      const answered: Record<string, string>[] = [];
      for (const reply of replies) {
        if (reply.status === 200) answered.push(jsonCodec.decodeMetadata(reply.text));
        else {
          expect(reply.status).toBe(403);
          expect(jsonCodec.decodeFault(reply.text).message).toContain('Image metadata limit exceeded');
        }
      }
      const final = jsonCodec.decodeMetadata(
        (await call(`${servers[1]!.url}/v2/${tenant}/images/${id}/metadata`, 'GET', 'application/json')).text,
      );
      // Never over the quota, whichever process wrote: each saved set is one writer's checked set.
      expect(Object.keys(final).length).toBeLessThanOrEqual(128);
      for (const set of answered) expect(Object.keys(set).length).toBeLessThanOrEqual(128);
      expect(answered).toContainEqual(final);
      for (const key of Object.keys(full)) expect(final[key]).toBe('v');
      // What does not hold: a write answered 200 by one server may be gone, saved over by the other.
      const lost = replies
        .map((reply, i) => (reply.status === 200 && final[`new${i}`] === undefined ? `new${i}` : undefined))
        .filter((key) => key !== undefined);
      console.info(`two servers, 40 concurrent writes: ${answered.length} answered 200, ${lost.length} of them lost`);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe('two tenants through the API: neither sees the other’s private images', () => {
  it.each(formats)('$name', async ({ codec }) => {
    const a = freshTenant('a');
    const b = freshTenant('b');
    const id = await direct(a).create({ name: 'private', visibility: 'private' });
    const server = await startOnGlance({ glance: { url: glanceUrl() }, log: () => {} });
    try {
      expect((await call(`${server.url}/v2/${a}/images/${id}`, 'GET', codec.mediaType)).status).toBe(200);
      for (const [method, path] of [
        ['GET', `/v2/${b}/images/${id}`],
        ['GET', `/v2/${b}/images/${id}/metadata`],
        ['DELETE', `/v2/${b}/images/${id}`],
      ] as const) {
        const reply = await call(server.url + path, method, codec.mediaType);
        expect(reply.status).toBe(404);
        expect(codec.decodeFault(reply.text).name).toBe('itemNotFound');
      }
      const list = await call(`${server.url}/v2/${b}/images`, 'GET', codec.mediaType);
      expect(codec.decodeImageIndex(list.text).images.map((image) => image.id)).not.toContain(id);
    } finally {
      await server.close();
    }
  });
});

describe('load: 2000 requests, 50 at a time, reads and metadata writes on one image', () => {
  it('no error, and the final metadata is what the last writes said', async () => {
    const tenant = freshTenant('load');
    const id = await direct(tenant).create({ name: 'busy' });
    const server = await startOnGlance({ glance: { url: glanceUrl() }, log: () => {} });
    const root = `${server.url}/v2/${tenant}/images/${id}`;
    const expected: Record<string, string> = {};
    const failures: string[] = [];
    try {
      for (let wave = 0; wave < 40; wave++) {
        const requests: Promise<void>[] = [];
        for (let slot = 0; slot < 50; slot++) {
          const n = wave * 50 + slot;
          const check = (what: string) => (reply: { status: number; text: string }) => {
            if (reply.status !== 200) failures.push(`${what} ${reply.status} ${reply.text.slice(0, 200)}`);
          };
          if (slot % 4 === 0) {
            // Within a wave each write has a key of its own: the last wave's value is the final one.
            const key = `slot${slot}`;
            const value = `wave ${wave}`;
            expected[key] = value;
            const codec = n % 2 === 0 ? jsonCodec : xmlCodec;
            requests.push(
              call(`${root}/metadata/${key}`, 'PUT', codec.mediaType, codec.encodeMetaItem({ [key]: value })).then(
                check(`PUT ${key}`),
              ),
            );
          } else if (slot % 2 === 1) {
            requests.push(call(root, 'GET', 'application/json').then(check('GET image')));
          } else {
            requests.push(call(`${root}/metadata`, 'GET', 'application/xml').then(check('GET metadata')));
          }
        }
        await Promise.all(requests);
      }
      expect(failures).toEqual([]);
      const final = await call(`${root}/metadata`, 'GET', 'application/json');
      expect(jsonCodec.decodeMetadata(final.text)).toEqual(expected);
    } finally {
      await server.close();
    }
  }, 600_000);
});
