import { Fault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { createImagesApi } from './images-api.ts';
import { MemoryImageStore } from './memory-store.ts';
import { withApi } from './test-client.ts';
import { formats, json, SEED_ID, sampleStore, seedImage, xml } from './test-fixtures.ts';
import { bindings } from './test-servers.ts';

/*
 * What real clients (openstacksdk, keystoneauth, novaclient) need beyond the images (WIRE.md,
 * "Versions, routes and headers"): the version documents, the request id, Keystone's 401 challenge,
 * snapshots' server from instance_uuid and the property filters. Through both bindings, real HTTP.
 */

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BASE = 'http://compute.example.com:8774';

describe.each(bindings)('through $name', (binding) => {
  describe('the version documents', () => {
    it.each(formats)('GET / answers the versions list, without asking authorize ($name)', async (format) => {
      const asked: string[] = [];
      const authorize = ({ route }: { route: string }) => {
        asked.push(route);
        throw new Fault('unauthorized', 'no token');
      };
      await withApi(binding, { store: sampleStore(), baseUrl: BASE, authorize }, async (api) => {
        const reply = await api.get('/', { accept: format.mediaType });
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toBe(format.mediaType);
        expect(format.codec.decodeVersionList(reply.text)).toStrictEqual({
          versions: [
            {
              id: 'v2.0',
              status: 'CURRENT',
              updated: '2011-01-21T11:33:21Z',
              links: [{ href: `${BASE}/v2/`, rel: 'self' }],
            },
          ],
        });
      });
      expect(asked).toEqual([]);
    });

    it.each(formats)('GET /v2/ answers the version document with its media types ($name)', async (format) => {
      await withApi(binding, { store: sampleStore() }, async (api) => {
        const reply = await api.get('/v2/', { accept: format.mediaType });
        expect(reply.status).toBe(200);
        const version = format.codec.decodeVersion(reply.text);
        expect(version).toStrictEqual({
          id: 'v2.0',
          status: 'CURRENT',
          updated: '2011-01-21T11:33:21Z',
          links: [
            { href: `${api.url}/v2/`, rel: 'self' },
            { href: 'http://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
          ],
          'media-types': [
            { base: 'application/xml', type: 'application/vnd.openstack.compute+xml;version=2' },
            { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' },
          ],
        });
      });
    });

    it('GET / with Accept: application/json;version=2 (or the vendor XML type) answers the /v2/ document', async () => {
      await withApi(binding, { store: sampleStore() }, async (api) => {
        const byJson = await api.get('/', { accept: 'application/json;version=2' });
        expect(json.codec.decodeVersion(byJson.text).id).toBe('v2.0');
        const byXml = await api.get('/', { accept: 'application/vnd.openstack.compute+xml;version=2' });
        expect(byXml.headers.get('content-type')).toBe('application/vnd.openstack.compute+xml');
        expect(xml.codec.decodeVersion(byXml.text)['media-types']).toHaveLength(2);
      });
    });

    it('GET /v2 is a 302 to /v2/, after authorize', async () => {
      const asked: string[] = [];
      await withApi(
        binding,
        { store: sampleStore(), baseUrl: BASE, authorize: ({ route }) => void asked.push(route) },
        async (api) => {
          const reply = await api.raw('/v2', {});
          expect(reply.status).toBe(302);
          expect(reply.headers.get('location')).toBe(`${BASE}/v2/`);
          expect(reply.headers.get('x-compute-request-id')).toMatch(REQUEST_ID);
        },
      );
      expect(asked).toEqual(['versionRedirect']);
    });

    it("GET /v2 and /v2/ without a good token are 401, with Keystone's challenge", async () => {
      const authorize = () => {
        throw new Fault('unauthorized', 'This server needs an X-Auth-Token header.');
      };
      await withApi(
        binding,
        { store: sampleStore(), authorize, identityUrl: 'http://keystone.example.com:5000' },
        async (api) => {
          for (const path of ['/v2', '/v2/', '/v2/openstack/images']) {
            const reply = await api.get(path);
            expect(reply.status).toBe(401);
            expect(reply.headers.get('www-authenticate')).toBe("Keystone uri='http://keystone.example.com:5000'");
          }
        },
      );
    });

    it('/v2/{tenant} stays a 404, as in Nova (discovery moves on to /)', async () => {
      await withApi(binding, { store: sampleStore() }, async (api) => {
        expect((await api.get('/v2/openstack')).status).toBe(404);
      });
    });
  });

  describe('x-compute-request-id', () => {
    it('is on every answer, a fresh req-<uuid4> each time, and the hooks are told the same id', async () => {
      const told: string[] = [];
      const errors: string[] = [];
      await withApi(
        binding,
        {
          store: sampleStore(),
          authorize: ({ requestId }) => void told.push(requestId),
          onError: (_error, { requestId }) => void errors.push(requestId),
        },
        async (api) => {
          const ok = await api.get(`/v2/openstack/images/${SEED_ID}`);
          const missing = await api.get('/v2/openstack/images/nope');
          const unknown = await api.get('/nowhere');
          const head = await api.call('/v2/openstack/images', { method: 'HEAD' });
          const ids = [ok, missing, unknown, head].map((reply) => reply.headers.get('x-compute-request-id'));
          for (const id of ids) expect(id).toMatch(REQUEST_ID);
          expect(new Set(ids).size).toBe(4);
          expect(told).toEqual([ids[0], ids[1], ids[3]]);
          expect(errors).toEqual([ids[1], ids[2]]);
        },
      );
    });
  });

  describe('WWW-Authenticate on a 401', () => {
    it('names the compute root when no identityUrl is given, and is only on 401s', async () => {
      const authorize = ({ imageId }: { imageId: string | undefined }) => {
        if (imageId === 'forbidden') throw new Fault('forbidden', 'no');
        throw new Fault('unauthorized', 'no');
      };
      await withApi(binding, { store: sampleStore(), baseUrl: BASE, authorize }, async (api) => {
        expect((await api.get('/v2/openstack/images')).headers.get('www-authenticate')).toBe(`Keystone uri='${BASE}'`);
        expect((await api.get('/v2/openstack/images/forbidden')).headers.get('www-authenticate')).toBeNull();
      });
    });

    it('refuses an identityUrl that cannot stand in the header', () => {
      for (const identityUrl of ["http://a'b", 'http://a b', 'http://a\nb']) {
        expect(() => createImagesApi({ store: sampleStore(), identityUrl })).toThrow(TypeError);
      }
    });
  });

  describe('snapshots: server from instance_uuid, and the server, type and property filters', () => {
    const SERVER = 'a1b2c3d4-0000-4000-8000-000000000001';
    function store(): MemoryImageStore {
      const s = new MemoryImageStore({ defaultTenant: 'openstack' });
      const base = seedImage();
      s.put('openstack', { ...base, id: 'plain', metadata: { architecture: 'x86_64', os: 'linux' } });
      s.put('openstack', {
        ...base,
        id: 'snap',
        metadata: { instance_uuid: SERVER, image_type: 'snapshot', os: 'linux' },
      });
      s.put('openstack', { ...base, id: 'backup', metadata: { image_type: 'backup', os: 'bsd' } });
      return s;
    }

    it.each(formats)(
      'an image with instance_uuid has server with links built from the base ($name)',
      async (format) => {
        await withApi(binding, { store: store(), baseUrl: BASE }, async (api) => {
          const image = format.codec.decodeImage(
            (await api.get('/v2/openstack/images/snap', { accept: format.mediaType })).text,
          );
          expect(image.server).toStrictEqual({
            id: SERVER,
            links: [
              { href: `${BASE}/v2/openstack/servers/${SERVER}`, rel: 'self' },
              { href: `${BASE}/openstack/servers/${SERVER}`, rel: 'bookmark' },
            ],
          });
          const plain = format.codec.decodeImage(
            (await api.get('/v2/openstack/images/plain', { accept: format.mediaType })).text,
          );
          expect(plain.server).toBeUndefined();
          const detail = format.codec.decodeImageList(
            (await api.get('/v2/openstack/images/detail', { accept: format.mediaType })).text,
          );
          expect(detail.images.find((i) => i.id === 'snap')!.server!.id).toBe(SERVER);
        });
      },
    );

    it.each([
      [`server=${SERVER}`, ['snap']],
      [`server=${encodeURIComponent(`${BASE}/v2/openstack/servers/${SERVER}`)}`, ['snap']],
      ['server=other', []],
      ['type=snapshot', ['snap']],
      ['type=backup', ['backup']],
      ['property-os=linux', ['plain', 'snap']],
      ['property-os=linux&property-image_type=snapshot', ['snap']],
      ['property-os=linux&property-os=bsd', ['backup']],
      ['property-architecture=x86_64', ['plain']],
      ['property-constructor=x', []],
      ['property-missing=', []],
    ])('?%s lists %j, in the index and the detail list', async (query, ids) => {
      await withApi(binding, { store: store() }, async (api) => {
        for (const path of ['/v2/openstack/images', '/v2/openstack/images/detail']) {
          const index = json.codec.decodeImageIndex((await api.get(`${path}?${query}`)).text);
          expect(index.images.map((i) => i.id)).toEqual(ids);
        }
      });
    });
  });
});
