// The route suite (excluded from the build): every route of the API through both bindings, both
// formats, over any `ImageStore` a `StoreKit` seeds. `images-api.test.ts` runs it on
// `MemoryImageStore`; `@openstack-image/glance-store` runs it on a real Glance (`npm run test:glance`).
import { Fault, isFault } from '@openstack-image/faults';
import type { Image, Metadata } from '@openstack-image/schema';
import { describe, expect, it } from 'vitest';
import type { ImageStore } from './image-store.ts';
import type { createImagesApi, ImagesApiOptions } from './images-api.ts';
import { MemoryImageStore } from './memory-store.ts';
import { largestRequestBytes } from './metadata-rules.ts';
import { type Client, type Reply, withApi } from './test-client.ts';
import {
  type Format,
  formats,
  json,
  novaImages,
  SEED_BASE,
  SEED_GLANCE,
  SEED_ID,
  seedImage,
  xml,
} from './test-fixtures.ts';
import { type Binding, bindings } from './test-servers.ts';

/** The images a test starts from, by tenant, each tenant's in the order a list answers them. */
export type Fixture = Readonly<Record<string, readonly Image[]>>;

/**
 * A fixture as a store holds it. The suite speaks the fixture's names (tenant `openstack`, the
 * sample ids); a store that must name things otherwise (Glance makes its own ids, global to it)
 * translates: the paths a test sends into its names, the answers back into the fixture's.
 */
export interface Seeded {
  readonly store: ImageStore;
  /** The store's name of a fixture tenant. */
  tenant(fixture: string): string;
  /** The store's id of a fixture image. */
  id(fixture: string): string;
  /** A fixture image as the store answers it (its own timestamps, size...), in the fixture's names. */
  image(fixtureId: string): Image;
  /** A request path and query in the store's names. */
  toStore(path: string): string;
  /** An answer's text (or any JSON-able value) in the fixture's names. */
  toFixture<T extends string | object>(value: T): T;
}

/** What some store cannot hold, so that the tests that need it do not run on it (a reason each). */
export interface Limitations {
  /** Deleted images listed again as DELETED in changes-since lists (where not: they drop out of every list). */
  readonly deletedInChangesSince?: string;
  /** Images dated by the fixture (`updated` in 2012) rather than by the store's clock. */
  readonly datedFixtures?: string;
  /** Image ids that need percent-encoding (`a b/c?d`). */
  readonly idsToEncode?: string;
  /** Characters outside the BMP (4 bytes in UTF-8) in metadata keys and values; refused with 400 where not held. */
  readonly astralText?: string;
}

export interface StoreKit {
  readonly name: string;
  seed(fixture: Fixture): Promise<Seeded>;
  /** The `updated` a metadata write stamps, when the store's clock is fixed; else a write must move it forward. */
  readonly clock?: string;
  readonly cannot?: Limitations;
}

/** `MemoryImageStore` with a fixed clock, default tenant `openstack`: the fixture as it is. */
export const memoryKit: StoreKit = {
  name: 'MemoryImageStore',
  clock: '2024-05-06T07:08:09Z',
  async seed(fixture) {
    const store = new MemoryImageStore({ defaultTenant: 'openstack', now: () => new Date('2024-05-06T07:08:09.123Z') });
    const byId = new Map<string, Image>();
    for (const [tenant, images] of Object.entries(fixture)) {
      for (const image of images) {
        store.put(tenant, image);
        byId.set(image.id, image);
      }
    }
    return {
      store,
      tenant: (name) => name,
      id: (id) => id,
      image: (id) => structuredClone(byId.get(id)!),
      toStore: (path) => path,
      toFixture: (value) => value,
    };
  },
};

const SAMPLES: Fixture = { openstack: novaImages() };
const IDS = novaImages().map((image) => image.id);
const T = '/v2/openstack/images';
const REQUEST_ID = expect.stringMatching(/^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

function accept(format: Format): Record<string, string> {
  return { accept: format.mediaType };
}

function sending(format: Format, extra: Record<string, string> = {}): Record<string, string> {
  return { accept: format.mediaType, 'content-type': format.mediaType, ...extra };
}

/** Decodes a fault answer and checks its status and the fault's name and code. */
function expectFault(reply: Reply, format: Format, name: string, status: number): Fault {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe(format.mediaType);
  const fault = format.codec.decodeFault(reply.text);
  expect(isFault(fault)).toBe(true);
  expect(fault.name).toBe(name);
  expect(fault.code).toBe(status);
  return fault;
}

/** The links the API builds for an image: the request's own origin, the tenant in the path or none. */
function linksFor(base: string, tenant: string | undefined, id: string, glance = base): Image['links'] {
  const tail = `${tenant === undefined ? '' : `/${tenant}`}/images/${id}`;
  return [
    { href: `${base}/v2${tail}`, rel: 'self' },
    { href: `${base}${tail}`, rel: 'bookmark' },
    { href: `${glance}${tail}`, rel: 'alternate', type: 'application/vnd.openstack.image' },
  ];
}

/** A store whose every method fails the given way. */
export function failingStore(failure: () => unknown): ImageStore {
  const fail = async (): Promise<never> => {
    throw failure();
  };
  return {
    get: fail,
    list: fail,
    delete: fail,
    getMetadata: fail,
    replaceMetadata: fail,
    mergeMetadata: fail,
    setMetadataItem: fail,
    deleteMetadataItem: fail,
  };
}

/**
 * A store that waits a few milliseconds before and after every call of `inner`, as any real store
 * waits on its database: a check in one call and a write in another would let writes interleave.
 */
function waitingStore(inner: ImageStore): ImageStore {
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await pause();
      const result = await call(...args);
      await pause();
      return result;
    };
  return {
    get: wrap(inner.get.bind(inner)),
    list: wrap(inner.list.bind(inner)),
    delete: wrap(inner.delete.bind(inner)),
    getMetadata: wrap(inner.getMetadata.bind(inner)),
    replaceMetadata: wrap(inner.replaceMetadata.bind(inner)),
    mergeMetadata: wrap(inner.mergeMetadata.bind(inner)),
    setMetadataItem: wrap(inner.setMetadataItem.bind(inner)),
    deleteMetadataItem: wrap(inner.deleteMetadataItem.bind(inner)),
  };
}

/** Runs the whole route suite on the stores `kit` seeds. */
export function routeSuite(kit: StoreKit): void {
  const can = (limitation: keyof Limitations): boolean => kit.cannot?.[limitation] === undefined;

  /** The API on `fixture` as `kit` seeds it, through `binding`, spoken to in the fixture's names. */
  async function serve(
    binding: Binding,
    fixture: Fixture,
    options: Partial<ImagesApiOptions> | ((seeded: Seeded) => Partial<ImagesApiOptions>),
    run: (api: Client, seeded: Seeded) => Promise<void>,
  ): Promise<void> {
    const seeded = await kit.seed(fixture);
    const extra = typeof options === 'function' ? options(seeded) : options;
    await withApi(binding, { store: seeded.store, ...extra }, async (client) => {
      const back = async (reply: Promise<Reply>): Promise<Reply> => {
        const { status, headers, text, bytes } = await reply;
        return { status, headers, text: seeded.toFixture(text), bytes };
      };
      const translated: Client = {
        url: client.url,
        get: (path, headers) => back(client.get(seeded.toStore(path), headers)),
        raw: (path, headers) => back(client.raw(seeded.toStore(path), headers)),
        call: (path, init) => back(client.call(seeded.toStore(path), init)),
        partialPut: (path, headers, declared, bytes) =>
          back(client.partialPut(seeded.toStore(path), headers, declared, bytes)),
      };
      await run(translated, seeded);
    });
  }

  /** A metadata write stamped `updated`: the fixed clock's time, else not before the image's own. */
  function expectStamped(updated: string | null, before: string | null): void {
    if (kit.clock !== undefined) expect(updated).toBe(kit.clock);
    else {
      expect(updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(updated! >= (before ?? '')).toBe(true);
    }
  }

  describe.each(bindings)('through $name', (binding) => {
    describe('GET one image answers the seed document in both formats', () => {
      it.each(formats)(
        '$name: with the seed hosts configured, the answer decodes to the seed image',
        async (format) => {
          const fixture = { openstack: [seedImage()] };
          await serve(binding, fixture, { baseUrl: SEED_BASE, glanceBaseUrl: SEED_GLANCE }, async (api, s) => {
            const reply = await api.get(`${T}/${SEED_ID}`, accept(format));
            expect(reply.status).toBe(200);
            expect(reply.headers.get('content-type')).toBe(format.mediaType);
            expect(format.codec.decodeImage(reply.text)).toEqual({ ...s.image(SEED_ID), links: seedImage().links });
          });
        },
      );

      it.each(formats)(
        '$name: links are built from the request host, tenant segment as in the path',
        async (format) => {
          await serve(binding, SAMPLES, {}, async (api, s) => {
            const withTenant = format.codec.decodeImage((await api.get(`${T}/${SEED_ID}`, accept(format))).text);
            expect(withTenant).toEqual({ ...s.image(SEED_ID), links: linksFor(api.url, 'openstack', SEED_ID) });
            const tenantless = format.codec.decodeImage((await api.get(`/v2/images/${SEED_ID}`, accept(format))).text);
            expect(tenantless.links).toEqual(linksFor(api.url, undefined, SEED_ID));
          });
        },
      );
    });

    describe('the index and the detail list', () => {
      it.each(formats)('$name: the index lists id, name and links of every image, in order', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const reply = await api.get(T, accept(format));
          expect(reply.status).toBe(200);
          const index = format.codec.decodeImageIndex(reply.text);
          expect(index).toEqual({
            images: novaImages().map((image) => ({
              id: image.id,
              name: image.name,
              links: linksFor(api.url, 'openstack', image.id),
            })),
          });
        });
      });

      it.each(formats)('$name: the detail list holds the full images', async (format) => {
        await serve(binding, SAMPLES, {}, async (api, s) => {
          const reply = await api.get(`${T}/detail`, accept(format));
          expect(reply.status).toBe(200);
          const list = format.codec.decodeImageList(reply.text);
          expect(list).toEqual({
            images: IDS.map((id) => ({ ...s.image(id), links: linksFor(api.url, 'openstack', id) })),
          });
        });
      });

      it.each(formats)('$name: the tenantless paths list the store default tenant', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const index = format.codec.decodeImageIndex((await api.get('/v2/images', accept(format))).text);
          expect(index.images.map((image) => image.id)).toEqual(IDS);
          expect(index.images[0]!.links).toEqual(linksFor(api.url, undefined, IDS[0]!));
          const list = format.codec.decodeImageList((await api.get('/v2/images/detail', accept(format))).text);
          expect(list.images.map((image) => image.id)).toEqual(IDS);
        });
      });
    });

    describe('every route answers without a tenant too, on the store default tenant', () => {
      it.each(formats)('$name: /v2/images/...', async (format) => {
        let held: Seeded | undefined;
        await serve(binding, SAMPLES, {}, async (api, seeded) => {
          held = seeded;
          const root = '/v2/images';
          // architecture, not kernel_id: a store may hold only image ids in kernel_id (Glance does).
          const item = `${root}/${SEED_ID}/metadata/architecture`;
          const steps: [string, string, number, string?][] = [
            ['GET', root, 200],
            ['GET', `${root}/detail`, 200],
            ['GET', `${root}/${SEED_ID}`, 200],
            ['GET', `${root}/${SEED_ID}/metadata`, 200],
            ['PUT', `${root}/${SEED_ID}/metadata`, 200, format.codec.encodeMetadata({ a: '1', architecture: 'k' })],
            ['POST', `${root}/${SEED_ID}/metadata`, 200, format.codec.encodeMetadata({ b: '2' })],
            ['GET', item, 200],
            ['PUT', item, 200, format.codec.encodeMetaItem({ architecture: 'k2' })],
            ['DELETE', item, 204],
            ['DELETE', `${root}/${IDS[1]}`, 204],
          ];
          for (const [method, path, status, body] of steps) {
            const reply = await api.call(path, {
              method,
              headers: sending(format),
              ...(body === undefined ? {} : { body }),
            });
            expect([method, path, reply.status]).toEqual([method, path, status]);
            expect(reply.headers.get('content-type')).toBe(format.mediaType);
          }
        });
        const s = held!;
        expect(await s.store.getMetadata(s.tenant('openstack'), s.id(SEED_ID))).toEqual({ a: '1', b: '2' });
        expect(await s.store.get(s.tenant('openstack'), s.id(IDS[1]!))).toBeUndefined();
      });
    });

    describe('paging: limit, marker and a correct next link in both formats', () => {
      it.each(
        formats.flatMap((format) => [
          { format, collection: 'images' },
          { format, collection: 'images/detail' },
        ]),
      )('$format.name $collection: following next links visits every image once', async ({ format, collection }) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const seen: string[] = [];
          let path: string | undefined = `/v2/openstack/${collection}?limit=2`;
          const decode = (text: string) =>
            collection === 'images' ? format.codec.decodeImageIndex(text) : format.codec.decodeImageList(text);
          const hrefs: string[] = [];
          while (path !== undefined) {
            const reply = await api.get(path, accept(format));
            expect(reply.status).toBe(200);
            const page = decode(reply.text);
            seen.push(...page.images.map((image) => image.id));
            const next = page.images_links?.find((link) => link.rel === 'next');
            if (page.images.length === 2) {
              expect(next).toBeDefined();
              expect(next!.href).toBe(`${api.url}/v2/openstack/${collection}?limit=2&marker=${page.images[1]!.id}`);
            } else {
              expect(next).toBeUndefined();
            }
            if (next !== undefined) hrefs.push(next.href);
            path = next?.href.slice(api.url.length);
          }
          expect(seen).toEqual(IDS);
          expect(hrefs).toHaveLength(3);
        });
      });

      it('repeats the whole query in the next link, replacing the marker', async () => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const reply = await api.get(`${T}/detail?name=fakeimage123456&marker=${IDS[0]}&limit=1&extra=x`);
          const page = json.codec.decodeImageList(reply.text);
          expect(page.images.map((image) => image.id)).toEqual([IDS[1]]);
          expect(page.images_links).toEqual([
            {
              href: `${api.url}/v2/openstack/images/detail?name=fakeimage123456&marker=${IDS[1]}&limit=1&extra=x`,
              rel: 'next',
            },
          ]);
        });
      });

      // Run only where ids may need percent-encoding (see Limitations).
      if (can('idsToEncode'))
        it.each(formats)('$name: the next link percent-encodes the marker and the filter values', async (format) => {
          const ids = ['id&marker=x', 'id 2/é?', 'id#3+%'];
          const fixture = {
            'my tenant': [
              ...ids.map((id) => ({ ...seedImage(), id, name: 'R&D é+1' })),
              { ...seedImage(), id: 'other', name: 'R' },
            ],
          };
          await serve(binding, fixture, {}, async (api) => {
            const seen: string[] = [];
            let path: string | undefined =
              `/v2/my%20tenant/images/detail?name=${encodeURIComponent('R&D é+1')}&limit=1`;
            while (path !== undefined) {
              const page = format.codec.decodeImageList((await api.get(path, accept(format))).text);
              seen.push(...page.images.map((image) => image.id));
              const href = page.images_links?.[0]?.href;
              if (href === undefined) break;
              const next = new URL(href);
              expect(next.origin + next.pathname).toBe(`${api.url}/v2/my%20tenant/images/detail`);
              expect([...next.searchParams]).toEqual([
                ['name', 'R&D é+1'],
                ['limit', '1'],
                ['marker', page.images[0]!.id],
              ]);
              path = href.slice(api.url.length);
            }
            expect(seen).toEqual(ids);
          });
        });

      it('adds a next link when the page is full at the maximum page size, and cuts larger limits to it', async () => {
        await serve(binding, SAMPLES, { maxLimit: 7 }, async (api) => {
          const full = json.codec.decodeImageIndex((await api.get(T)).text);
          expect(full.images).toHaveLength(7);
          expect(full.images_links?.[0]?.href).toBe(`${api.url}/v2/openstack/images?marker=${IDS[6]}`);
        });
        await serve(binding, SAMPLES, { maxLimit: 3 }, async (api) => {
          const cut = json.codec.decodeImageIndex((await api.get(`${T}?limit=100`)).text);
          expect(cut.images.map((image) => image.id)).toEqual(IDS.slice(0, 3));
          expect(cut.images_links?.[0]?.href).toBe(`${api.url}/v2/openstack/images?limit=100&marker=${IDS[2]}`);
          const zero = json.codec.decodeImageIndex((await api.get(`${T}?limit=0`)).text);
          expect(zero.images).toHaveLength(3);
        });
      });

      it('answers the page after the marker, and an empty page after the last image', async () => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const after = json.codec.decodeImageIndex((await api.get(`${T}?marker=${IDS[4]}`)).text);
          expect(after.images.map((image) => image.id)).toEqual(IDS.slice(5));
          const end = json.codec.decodeImageIndex((await api.get(`${T}?marker=${IDS[6]}&limit=1`)).text);
          expect(end).toEqual({ images: [] });
        });
      });

      it.each(formats)('$name: an unknown marker is 400 badRequest', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const fault = expectFault(
            await api.get(`${T}/detail?marker=nope`, accept(format)),
            format,
            'badRequest',
            400,
          );
          expect(fault.message).toBe('marker [nope] not found');
        });
      });

      it.each([
        'limit=-1',
        'limit=abc',
        'limit=1.5',
        'minRam=x',
        'minDisk=-2',
        'changes-since=yesterday',
        'changes-since=2011-13-45T99:00:00Z',
      ])('refuses %s with 400 badRequest naming the parameter', async (query) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const fault = expectFault(await api.get(`${T}?${query}`), json, 'badRequest', 400);
          expect(fault.message).toContain(query.split('=')[0]);
        });
      });
    });

    describe('filters of WIRE.md', () => {
      const special: Image[] = [
        {
          ...novaImages()[0]!,
          id: 'big',
          name: 'big',
          minRam: 2048,
          minDisk: 40,
          status: 'SAVING',
          updated: '2012-06-01T00:00:00Z',
          metadata: { image_type: 'snapshot' },
          server: {
            id: 'srv-1',
            links: [{ href: 'http://openstack.example.com/openstack/servers/srv-1', rel: 'bookmark' }],
          },
        },
        { ...novaImages()[1]!, id: 'mid', name: 'mid', minRam: 512, minDisk: 10, updated: '2012-01-01T00:00:00Z' },
      ];
      const fixture: Fixture = { openstack: [...novaImages(), ...special] };
      const cases: [string, string[]][] = [
        ['name=fakeimage7', [SEED_ID]],
        ['name=mid', ['mid']],
        ['status=saving', ['big']],
        ['status=SAVING', ['big']],
        ['minRam=512', ['big', 'mid']],
        ['minRam=513', ['big']],
        ['minDisk=40', ['big']],
        ['server=srv-1', ['big']],
        ['server=http://openstack.example.com/openstack/servers/srv-1', ['big']],
        ['server=http%3A%2F%2Fcompute.example.org%2Fv2%2Fopenstack%2Fservers%2Fsrv-1', ['big']],
        ['server=srv-2', []],
        ['type=snapshot', ['big']],
        ['type=backup', []],
        ['minRam=512&minDisk=11', ['big']],
        ['minRam=1&limit=1', ['big']],
      ];
      // The fixture's own dates: only where the store keeps them (see Limitations).
      const dated: [string, string[]][] = [
        ['changes-since=2012-01-01T00:00:00Z', ['big', 'mid']],
        ['changes-since=2012-03-01', ['big']],
        ['changes-since=2012-03-01T00:00:00%2B02:00', ['big']],
      ];
      it.each(can('datedFixtures') ? [...cases, ...dated] : cases)('%s', async (query, expected) => {
        await serve(binding, fixture, {}, async (api) => {
          for (const collection of ['', '/detail']) {
            const reply = await api.get(`${T}${collection}?${query}`);
            expect(reply.status).toBe(200);
            const ids = (JSON.parse(reply.text) as { images: { id: string }[] }).images.map((image) => image.id);
            expect(ids).toEqual(expected);
          }
        });
      });
    });

    // Only where the store remembers deletions (see Limitations).
    if (can('deletedInChangesSince'))
      describe('changes-since lists deleted images too, as Nova did', () => {
        it.each(formats)('$name: a deleted image shows as DELETED in changes-since lists only', async (format) => {
          await serve(binding, SAMPLES, {}, async (api) => {
            expect((await api.call(`${T}/${IDS[1]}`, { method: 'DELETE' })).status).toBe(204);
            const since = `changes-since=${encodeURIComponent('2024-05-06T07:08:09Z')}`;
            const detail = format.codec.decodeImageList((await api.get(`${T}/detail?${since}`, accept(format))).text);
            expect(detail.images.map((image) => [image.id, image.status, image.updated])).toEqual([
              [IDS[1], 'DELETED', '2024-05-06T07:08:09Z'],
            ]);
            const index = format.codec.decodeImageIndex((await api.get(`${T}?${since}`, accept(format))).text);
            expect(index.images.map((image) => image.id)).toEqual([IDS[1]]);
            const plain = format.codec.decodeImageList((await api.get(`${T}/detail`, accept(format))).text);
            expect(plain.images.map((image) => image.id)).toEqual(IDS.filter((id) => id !== IDS[1]));
            const later = format.codec.decodeImageList(
              (await api.get(`${T}/detail?changes-since=2024-05-06T07:08:10Z`, accept(format))).text,
            );
            expect(later.images).toEqual([]);
          });
        });
      });
    else
      describe('changes-since on a store that forgets deletions (see Limitations): a deleted image drops out', () => {
        it.each(formats)('$name: a deleted image is in no list, changes-since ones included', async (format) => {
          await serve(binding, SAMPLES, {}, async (api) => {
            expect((await api.call(`${T}/${IDS[1]}`, { method: 'DELETE' })).status).toBe(204);
            const since = `changes-since=${encodeURIComponent('2000-01-01T00:00:00Z')}`;
            const detail = format.codec.decodeImageList((await api.get(`${T}/detail?${since}`, accept(format))).text);
            expect(detail.images.map((image) => image.id)).toEqual(IDS.filter((id) => id !== IDS[1]));
            expect(detail.images.every((image) => image.status !== 'DELETED')).toBe(true);
            const index = format.codec.decodeImageIndex((await api.get(`${T}?${since}`, accept(format))).text);
            expect(index.images.map((image) => image.id)).toEqual(IDS.filter((id) => id !== IDS[1]));
          });
        });
      });

    describe('DELETE of an image', () => {
      it.each(formats)('$name: answers 204, and the image is gone', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const reply = await api.call(`${T}/${IDS[1]}`, { method: 'DELETE', headers: accept(format) });
          expect(reply.status).toBe(204);
          expect(reply.text).toBe('');
          expect(reply.headers.get('content-type')).toBe(format.mediaType);
          expectFault(await api.get(`${T}/${IDS[1]}`, accept(format)), format, 'itemNotFound', 404);
          expectFault(
            await api.call(`${T}/${IDS[1]}`, { method: 'DELETE', headers: accept(format) }),
            format,
            'itemNotFound',
            404,
          );
          const index = format.codec.decodeImageIndex((await api.get(T, accept(format))).text);
          expect(index.images.map((image) => image.id)).toEqual(IDS.filter((id) => id !== IDS[1]));
        });
      });
    });

    describe('the metadata collection and its items', () => {
      const seedMetadata = seedImage().metadata;

      it.each(formats)('$name: GET the collection and one item', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const all = await api.get(`${T}/${SEED_ID}/metadata`, accept(format));
          expect(all.status).toBe(200);
          expect(format.codec.decodeMetadata(all.text)).toEqual(seedMetadata);
          const one = await api.get(`${T}/${SEED_ID}/metadata/kernel_id`, accept(format));
          expect(one.status).toBe(200);
          expect(format.codec.decodeMetaItem(one.text)).toEqual({ kernel_id: 'nokernel' });
          expectFault(await api.get(`${T}/${SEED_ID}/metadata/nope`, accept(format)), format, 'itemNotFound', 404);
          expectFault(await api.get(`${T}/nope/metadata`, accept(format)), format, 'itemNotFound', 404);
          expectFault(await api.get(`${T}/nope/metadata/kernel_id`, accept(format)), format, 'itemNotFound', 404);
        });
      });

      it.each(formats)('$name: PUT replaces, POST merges, both answer the full set', async (format) => {
        await serve(binding, SAMPLES, {}, async (api, s) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const put = await api.call(path, {
            method: 'PUT',
            headers: sending(format),
            body: format.codec.encodeMetadata({ a: '1', b: '2' }),
          });
          expect(put.status).toBe(200);
          expect(format.codec.decodeMetadata(put.text)).toEqual({ a: '1', b: '2' });
          const post = await api.call(path, {
            method: 'POST',
            headers: sending(format),
            body: format.codec.encodeMetadata({ b: 'two', c: '3' }),
          });
          expect(post.status).toBe(200);
          expect(format.codec.decodeMetadata(post.text)).toEqual({ a: '1', b: 'two', c: '3' });
          const after = format.codec.decodeImage((await api.get(`${T}/${SEED_ID}`, accept(format))).text);
          expect(after.metadata).toEqual({ a: '1', b: 'two', c: '3' });
          expectStamped(after.updated, s.image(SEED_ID).updated);
          const missing = await api.call(`${T}/nope/metadata`, {
            method: 'POST',
            headers: sending(format),
            body: format.codec.encodeMetadata({ a: '1' }),
          });
          expectFault(missing, format, 'itemNotFound', 404);
        });
      });

      it.each(formats)('$name: PUT and DELETE one item', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const path = `${T}/${SEED_ID}/metadata/architecture`;
          const put = await api.call(path, {
            method: 'PUT',
            headers: sending(format),
            body: format.codec.encodeMetaItem({ architecture: 'arm64' }),
          });
          expect(put.status).toBe(200);
          expect(format.codec.decodeMetaItem(put.text)).toEqual({ architecture: 'arm64' });
          const added = await api.call(`${T}/${SEED_ID}/metadata/new key`, {
            method: 'PUT',
            headers: sending(format),
            body: format.codec.encodeMetaItem({ 'new key': 'x' }),
          });
          expect(added.status).toBe(200);
          const all = format.codec.decodeMetadata((await api.get(`${T}/${SEED_ID}/metadata`, accept(format))).text);
          expect(all).toEqual({ ...seedMetadata, architecture: 'arm64', 'new key': 'x' });
          const deleted = await api.call(path, { method: 'DELETE', headers: accept(format) });
          expect(deleted.status).toBe(204);
          expect(deleted.text).toBe('');
          expectFault(await api.get(path, accept(format)), format, 'itemNotFound', 404);
          expectFault(await api.call(path, { method: 'DELETE', headers: accept(format) }), format, 'itemNotFound', 404);
          expectFault(
            await api.call(`${T}/nope/metadata/architecture`, { method: 'DELETE', headers: accept(format) }),
            format,
            'itemNotFound',
            404,
          );
        });
      });

      it.each(formats)(
        '$name: a body item that differs from the URL key, or more than one item, is 400',
        async (format) => {
          await serve(binding, SAMPLES, {}, async (api) => {
            const path = `${T}/${SEED_ID}/metadata/kernel_id`;
            const mismatch = await api.call(path, {
              method: 'PUT',
              headers: sending(format),
              body: format.codec.encodeMetaItem({ ramdisk_id: 'x' }),
            });
            expect(expectFault(mismatch, format, 'badRequest', 400).message).toContain('mismatch');
            // XML has no spelling of a two-item <meta>: the closest is a <metadata> sent where a <meta> belongs.
            const two =
              format.name === 'json'
                ? '{"meta": {"kernel_id": "a", "other": "b"}}'
                : '<metadata xmlns="http://docs.openstack.org/compute/api/v1.1"><meta key="kernel_id">a</meta><meta key="other">b</meta></metadata>';
            const many = await api.call(path, { method: 'PUT', headers: sending(format), body: two });
            expectFault(many, format, 'badRequest', 400);
            const kept = format.codec.decodeMetaItem((await api.get(path, accept(format))).text);
            expect(kept).toEqual({ kernel_id: 'nokernel' });
          });
        },
      );

      it.each(formats)('$name: keys of 1..255 characters and values of at most 255 (LIMITS)', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const write = (metadata: Metadata) =>
            api.call(path, { method: 'POST', headers: sending(format), body: format.codec.encodeMetadata(metadata) });
          expect((await write({ ['k'.repeat(255)]: 'v'.repeat(255) })).status).toBe(200);
          const astral = await write({ ['é'.repeat(10)]: '😀'.repeat(255) });
          if (can('astralText')) expect(astral.status).toBe(200);
          else expectFault(astral, format, 'badRequest', 400);
          const longValue = expectFault(await write({ k: 'v'.repeat(256) }), format, 'badRequest', 400);
          expect(longValue.message).toContain('at most 255 characters');
          const longKey = await api.call(path, {
            method: 'POST',
            headers: sending(format),
            body:
              format.name === 'json'
                ? JSON.stringify({ metadata: { ['k'.repeat(256)]: 'v' } })
                : `<metadata xmlns="http://docs.openstack.org/compute/api/v1.1"><meta key="${'k'.repeat(256)}">v</meta></metadata>`,
          });
          expectFault(longKey, format, 'badRequest', 400);
          const emptyKey = await api.call(`${path}/x`, {
            method: 'PUT',
            headers: sending(format),
            body:
              format.name === 'json'
                ? '{"meta": {"": "v"}}'
                : '<meta xmlns="http://docs.openstack.org/compute/api/v1.1" key="">v</meta>',
          });
          expectFault(emptyKey, format, 'badRequest', 400);
          const item = await api.call(`${path}/k`, {
            method: 'PUT',
            headers: sending(format),
            body: format.codec.encodeMetaItem({ k: 'v'.repeat(256) }),
          });
          expectFault(item, format, 'badRequest', 400);
        });
      });

      it('caps the number of items (maxMetadataItems) with 403 forbidden', async () => {
        await serve(binding, SAMPLES, { maxMetadataItems: 5 }, async (api) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const body = (metadata: Metadata) => ({
            method: 'POST',
            headers: sending(json),
            body: JSON.stringify({ metadata }),
          });
          expect((await api.call(path, body({ e: '5' }))).status).toBe(200);
          expectFault(await api.call(path, body({ f: '6' })), json, 'forbidden', 403);
          expect((await api.call(path, body({ e: 'again' }))).status).toBe(200);
          const put6 = { ...body({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }), method: 'PUT' };
          expectFault(await api.call(path, put6), json, 'forbidden', 403);
          const item = (key: string) => ({
            method: 'PUT',
            headers: sending(json),
            body: JSON.stringify({ meta: { [key]: 'x' } }),
          });
          expectFault(await api.call(`${path}/f`, item('f')), json, 'forbidden', 403);
          expect((await api.call(`${path}/e`, item('e'))).status).toBe(200);
          expectFault(await api.call(`${T}/nope/metadata/e`, item('e')), json, 'itemNotFound', 404);
        });
      });

      it.each(['PUT one item', 'POST items'])(
        'the quota holds under 40 concurrent writes (%s) on a store that really waits',
        async (kind) => {
          const full = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, 'v']));
          const fixture = { openstack: [{ ...seedImage(), metadata: full }, ...novaImages().slice(1)] };
          const options = (s: Seeded) => ({ store: waitingStore(s.store), maxMetadataItems: 128 });
          await serve(binding, fixture, options, async (api, s) => {
            const path = `${T}/${SEED_ID}/metadata`;
            const replies = await Promise.all(
              Array.from({ length: 40 }, (_, i) =>
                kind === 'PUT one item'
                  ? api.call(`${path}/new${i}`, {
                      method: 'PUT',
                      headers: sending(json),
                      body: JSON.stringify({ meta: { [`new${i}`]: 'v' } }),
                    })
                  : api.call(path, {
                      method: 'POST',
                      headers: sending(json),
                      body: JSON.stringify({ metadata: { [`new${i}`]: 'v' } }),
                    }),
              ),
            );
            expect(replies.filter((reply) => reply.status === 200)).toHaveLength(8);
            for (const reply of replies.filter((r) => r.status !== 200)) expectFault(reply, json, 'forbidden', 403);
            const held = await s.store.getMetadata(s.tenant('openstack'), s.id(SEED_ID));
            expect(Object.keys(held!)).toHaveLength(128);
          });
        },
      );
    });

    describe('content negotiation (WIRE.md)', () => {
      const cases: [string, Record<string, string>, string][] = [
        [`${T}/${SEED_ID}.xml`, { accept: 'application/json' }, 'application/xml'],
        [`${T}/${SEED_ID}.json`, { accept: 'application/xml' }, 'application/json'],
        [`${T}/detail.xml`, {}, 'application/xml'],
        [`${T}.xml`, {}, 'application/xml'],
        [`${T}/${SEED_ID}/metadata.xml`, {}, 'application/xml'],
        [`${T}/${SEED_ID}/metadata.json`, { accept: 'application/xml' }, 'application/json'],
        [`/v2/images/${SEED_ID}/metadata/kernel_id.xml`, { accept: 'application/json' }, 'application/xml'],
        [`/v2/images/detail.json`, { accept: 'application/xml' }, 'application/json'],
        [`${T}/${SEED_ID}/metadata/kernel_id.json`, { accept: 'application/xml' }, 'application/json'],
        [`${T}/${SEED_ID}`, { accept: 'application/xml' }, 'application/xml'],
        [
          `${T}/${SEED_ID}`,
          { accept: 'application/vnd.openstack.compute+xml' },
          'application/vnd.openstack.compute+xml',
        ],
        [
          `${T}/${SEED_ID}`,
          { accept: 'application/vnd.openstack.compute+json' },
          'application/vnd.openstack.compute+json',
        ],
        [`${T}/${SEED_ID}`, { accept: 'application/xml;q=0.5, application/json;q=0.9' }, 'application/json'],
        [`${T}/${SEED_ID}`, { accept: 'application/json;q=0.1, application/xml' }, 'application/xml'],
        [`${T}/${SEED_ID}`, { accept: 'application/json;q=0, */*' }, 'application/vnd.openstack.compute+json'],
        [`${T}/${SEED_ID}`, { accept: 'application/xml, */*;q=0.1' }, 'application/xml'],
        [`${T}/${SEED_ID}`, { accept: 'text/html, */*' }, 'application/json'],
        [`${T}/${SEED_ID}`, { accept: 'text/html' }, 'application/json'],
        [`${T}/${SEED_ID}`, {}, 'application/json'],
      ];
      it.each(cases)('%s with %o answers %s', async (path, headers, mediaType) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const reply = await api.get(path, headers);
          expect(reply.status).toBe(200);
          expect(reply.headers.get('content-type')).toBe(mediaType);
          const codec = mediaType.endsWith('xml') ? xml.codec : json.codec;
          if (path.includes('/metadata/')) expect(codec.decodeMetaItem(reply.text)).toEqual({ kernel_id: 'nokernel' });
          else if (/metadata\.(xml|json)$/.test(path)) {
            expect(codec.decodeMetadata(reply.text)).toEqual(seedImage().metadata);
          } else if (path.includes(SEED_ID)) expect(codec.decodeImage(reply.text).id).toBe(SEED_ID);
          else expect(codec.decodeImageIndex(reply.text).images.length).toBeGreaterThan(0);
          expect(reply.headers.get('vary')).toBe(/\.(xml|json)$/.test(path) ? null : 'Accept');
        });
      });

      it('a metadata key that itself ends in .json or .xml is named with a second ending, or %2E', async () => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const put = await api.call(`${path}/a.json.json`, {
            method: 'PUT',
            headers: sending(xml),
            body: xml.codec.encodeMetaItem({ 'a.json': 'x' }),
          });
          expect(put.status).toBe(200);
          expect(put.headers.get('content-type')).toBe(json.mediaType);
          expect(json.codec.decodeMetaItem(put.text)).toEqual({ 'a.json': 'x' });
          expect(xml.codec.decodeMetaItem((await api.get(`${path}/a.json.xml`)).text)).toEqual({ 'a.json': 'x' });
          const encoded = await api.get(`${path}/a%2Ejson`, accept(xml));
          expect(encoded.headers.get('content-type')).toBe(xml.mediaType);
          expect(xml.codec.decodeMetaItem(encoded.text)).toEqual({ 'a.json': 'x' });
          // Without the second ending, .json is the format and the key is "a": the faults say so.
          const missing = expectFault(await api.get(`${path}/a.json`), json, 'itemNotFound', 404);
          expect(missing.message).toContain('for the key "a.json", end the URL with a.json.json or a%2Ejson');
          const mismatch = await api.call(`${path}/a.json`, {
            method: 'PUT',
            headers: sending(json),
            body: json.codec.encodeMetaItem({ 'a.json': 'y' }),
          });
          const fault = expectFault(mismatch, json, 'badRequest', 400);
          expect(fault.message).toContain('the URI names "a", the body sets "a.json"');
          expect(fault.message).toContain('a.json.json');
          expect((await api.call(`${path}/a%2Ejson`, { method: 'DELETE' })).status).toBe(204);
          expect(json.codec.decodeMetadata((await api.get(`${path}.json`)).text)).toEqual(seedImage().metadata);
        });
      });

      it.each(formats)('$name: faults take the same choice, by suffix or by Accept', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          expectFault(await api.get(`${T}/nope.${format.name}`), format, 'itemNotFound', 404);
          expectFault(await api.get(`${T}/nope`, accept(format)), format, 'itemNotFound', 404);
          const vendor = await api.get(`${T}/nope`, { accept: format.vendorType });
          expect(vendor.headers.get('content-type')).toBe(format.vendorType);
          expect(format.codec.decodeFault(vendor.text).name).toBe('itemNotFound');
        });
      });

      it.each(formats)(
        '$name: request bodies are read by their Content-Type, vendor types included',
        async (format) => {
          await serve(binding, SAMPLES, {}, async (api) => {
            const reply = await api.call(`${T}/${SEED_ID}/metadata`, {
              method: 'PUT',
              headers: { accept: json.mediaType, 'content-type': `${format.vendorType}; charset=UTF-8` },
              body: format.codec.encodeMetadata({ from: format.name }),
            });
            expect(reply.status).toBe(200);
            expect(reply.headers.get('content-type')).toBe('application/json');
            expect(JSON.parse(reply.text)).toEqual({ metadata: { from: format.name } });
          });
        },
      );
    });

    describe('HEAD is answered like GET, without a body', () => {
      it.each(
        formats.flatMap((format) =>
          [
            `${T}`,
            `${T}/detail`,
            `${T}/${SEED_ID}`,
            `${T}/${SEED_ID}/metadata`,
            `${T}/${SEED_ID}/metadata/kernel_id`,
            `${T}/nope`,
            '/v2/nowhere',
          ].map((path) => ({ format, path })),
        ),
      )('$format.name $path', async ({ format, path }) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const get = await api.get(path, accept(format));
          const head = await api.call(path, { method: 'HEAD', headers: accept(format) });
          expect(head.status).toBe(get.status);
          expect(head.text).toBe('');
          expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
          expect(head.headers.get('content-length')).toBe(String(get.bytes));
        });
      });
    });

    describe('faults on the wire', () => {
      it.each(formats)('$name: an unknown image is 404 itemNotFound', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const fault = expectFault(await api.get(`${T}/nope`, accept(format)), format, 'itemNotFound', 404);
          expect(fault.message).toBe('Image not found.');
          expectFault(await api.get(`/v2/other-tenant/images/${SEED_ID}`, accept(format)), format, 'itemNotFound', 404);
        });
      });

      it.each([
        '/v2/openstack',
        '/v2/openstack/servers',
        '//',
        `${T}/${SEED_ID}/links`,
        `${T}/${SEED_ID}/metadata/a/b`,
        '/v1.1/openstack/images',
        `${T}//metadata`,
      ])('an unknown path %s is a 404 fault', async (path) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          for (const format of formats) {
            const fault = expectFault(await api.get(path, accept(format)), format, 'itemNotFound', 404);
            expect(fault.message).toBe('The resource could not be found.');
          }
        });
      });

      it.each([
        ['POST', T, 'GET, HEAD'],
        ['DELETE', `${T}/detail`, 'GET, HEAD'],
        ['PATCH', `${T}/${SEED_ID}`, 'GET, HEAD, DELETE'],
        ['OPTIONS', '/v2/images', 'GET, HEAD'],
        ['POST', '/', 'GET, HEAD'],
        ['DELETE', '/v2/', 'GET, HEAD'],
      ])('%s %s is 405 badMethod with Allow: %s', async (method, path, allow) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          for (const format of formats) {
            const reply = await api.call(path, { method, headers: accept(format) });
            expectFault(reply, format, 'badMethod', 405);
            expect(reply.headers.get('allow')).toBe(allow);
          }
        });
      });

      it.each([
        ['DELETE', `${T}/`],
        ['DELETE', T],
        ['DELETE', '/v2/images'],
        ['PUT', `${T}/${SEED_ID}`],
        ['DELETE', `${T}/${SEED_ID}/metadata`],
        ['POST', `${T}/${SEED_ID}/metadata/kernel_id`],
      ])('%s %s, where Nova had no route, is 404 itemNotFound (not 405), and changes nothing', async (method, path) => {
        await serve(binding, SAMPLES, {}, async (api, s) => {
          for (const format of formats) {
            const reply = await api.call(path, {
              method,
              headers: accept(format),
              body: '{"meta": {"kernel_id": "x"}}',
            });
            expect(expectFault(reply, format, 'itemNotFound', 404).message).toBe('The resource could not be found.');
            expect(reply.headers.get('allow')).toBeNull();
          }
          expect(await s.store.get(s.tenant('openstack'), s.id(SEED_ID))).toBeDefined();
          const metadata = await s.store.getMetadata(s.tenant('openstack'), s.id(SEED_ID));
          expect(s.toFixture(metadata!).kernel_id).not.toBe('x');
        });
      });

      it.each(formats)('$name: a body in another media type is 415 badMediaType', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const plain = await api.call(path, {
            method: 'PUT',
            headers: { accept: format.mediaType, 'content-type': 'text/plain' },
            body: '{"metadata": {}}',
          });
          expect(expectFault(plain, format, 'badMediaType', 415).message).toContain('text/plain');
          const none = await api.call(path, {
            method: 'PUT',
            headers: accept(format),
            body: new TextEncoder().encode('{"metadata": {}}'),
          });
          expectFault(none, format, 'badMediaType', 415);
        });
      });

      it.each(formats)('$name: a body past maxBodyBytes is 413 overLimit, before anything reads it', async (format) => {
        await serve(binding, SAMPLES, { maxBodyBytes: 1000 }, async (api) => {
          const big = format.codec.encodeMetadata({
            k: 'x'.repeat(250),
            l: 'y'.repeat(250),
            m: 'z'.repeat(250),
            n: 'w'.repeat(250),
          });
          expect(big.length).toBeGreaterThan(1000);
          const reply = await api.call(`${T}/${SEED_ID}/metadata`, {
            method: 'PUT',
            headers: sending(format),
            body: big,
          });
          expectFault(reply, format, 'overLimit', 413);
          expect(reply.headers.get('retry-after')).toBeNull();
        });
      });

      it.each(formats)('$name: past maxBodyBytes the binding stops reading and answers 413 at once', async (format) => {
        const read: number[] = [];
        const authorize = ({ request }: { request: { body?: Uint8Array | string } }) => {
          read.push(typeof request.body === 'string' ? request.body.length : (request.body?.byteLength ?? 0));
        };
        await serve(binding, SAMPLES, { maxBodyBytes: 1000, authorize }, async (api) => {
          // 64 MiB announced, 64 KiB sent: only a binding that stops reading at the limit can answer.
          const reply = await api.partialPut(
            `${T}/${SEED_ID}/metadata`,
            sending(format),
            64 * 1024 * 1024,
            new Uint8Array(64 * 1024).fill(0x20),
          );
          expectFault(reply, format, 'overLimit', 413);
        });
        expect(read).toEqual([1001]);
      });

      // The largest valid request is written in astral characters: only where they are held.
      if (can('astralText'))
        it.each(formats)(
          '$name: the default body limit fits the largest valid request, and not a byte more',
          async (format) => {
            await serve(binding, SAMPLES, {}, async (api) => {
              // 128 items, keys and values of 255 astral characters, each written at its longest.
              const astral = (i: number) => String.fromCodePoint(0x10000 + i);
              const spelled = (text: string) =>
                [...text]
                  .map((c) =>
                    format.name === 'json'
                      ? c
                          .split('')
                          .map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)
                          .join('')
                      : `&#${c.codePointAt(0)};`,
                  )
                  .join('');
              const items = Array.from(
                { length: 128 },
                (_, i) => [astral(i).repeat(255), astral(i + 1).repeat(255)] as const,
              );
              const body =
                format.name === 'json'
                  ? `{"metadata": {${items.map(([k, v]) => `"${spelled(k)}": "${spelled(v)}"`).join(', ')}}}`
                  : `<metadata xmlns="http://docs.openstack.org/compute/api/v1.1">${items
                      .map(([k, v]) => `<meta key="${spelled(k)}">${spelled(v)}</meta>`)
                      .join('')}</metadata>`;
              const path = `${T}/${SEED_ID}/metadata`;
              const ok = await api.call(path, { method: 'PUT', headers: sending(format), body });
              expect(ok.status).toBe(200);
              expect(Object.keys(format.codec.decodeMetadata(ok.text))).toHaveLength(128);
              const tooLarge = new Uint8Array(largestRequestBytes(128) + 1).fill(0x20);
              expectFault(
                await api.call(path, { method: 'PUT', headers: sending(format), body: tooLarge }),
                format,
                'overLimit',
                413,
              );
            });
          },
        );

      it.each(formats)('$name: a malformed or missing body is 400 badRequest', async (format) => {
        await serve(binding, SAMPLES, {}, async (api) => {
          const path = `${T}/${SEED_ID}/metadata`;
          const broken = await api.call(path, {
            method: 'PUT',
            headers: sending(format),
            body: format.name === 'json' ? '{"metadata": ' : '<metadata',
          });
          expectFault(broken, format, 'badRequest', 400);
          const wrongShape = await api.call(path, {
            method: 'PUT',
            headers: sending(format),
            body: format.codec.encodeImage(seedImage()),
          });
          expectFault(wrongShape, format, 'badRequest', 400);
          const empty = await api.call(path, { method: 'PUT', headers: sending(format) });
          expectFault(empty, format, 'badRequest', 400);
          const notUtf8 = await api.call(path, {
            method: 'PUT',
            headers: sending(format),
            body: new Uint8Array([0xff, 0xfe, 0x00]),
          });
          expectFault(notUtf8, format, 'badRequest', 400);
        });
      });

      it('a path that is not valid percent-encoding is 400 badRequest', async () => {
        await serve(binding, SAMPLES, {}, async (api) => {
          expectFault(await api.get(`${T}/%E0%A4%A`), json, 'badRequest', 400);
        });
      });

      it.each(formats)(
        '$name: anything the store throws leaves as computeFault 500 with a generic message',
        async (format) => {
          const secret = new Error('password=hunter2 at /srv/db.js:12');
          await withApi(binding, { store: failingStore(() => secret) }, async (api) => {
            for (const [method, path] of [
              ['GET', T],
              ['GET', `${T}/detail`],
              ['GET', `${T}/x`],
              ['DELETE', `${T}/x`],
              ['GET', `${T}/x/metadata`],
              ['GET', `${T}/x/metadata/k`],
              ['DELETE', `${T}/x/metadata/k`],
            ] as const) {
              const reply = await api.call(path, { method, headers: accept(format) });
              const fault = expectFault(reply, format, 'computeFault', 500);
              expect(fault.message).toBe(
                'The server has either erred or is incapable of performing the requested operation.',
              );
              expect(reply.text).not.toContain('hunter2');
              expect(reply.text).not.toContain('.js');
            }
          });
          await withApi(binding, { store: failingStore(() => 'a string, not an Error') }, async (api) => {
            expectFault(await api.get(`${T}/x`, accept(format)), format, 'computeFault', 500);
          });
          // A store method that throws before it returns a promise, as a plain function can.
          const broken = (s: Seeded) => {
            s.store.get = (): Promise<Image | undefined> => {
              throw new TypeError("Cannot read properties of undefined (reading 'rows')");
            };
            return {};
          };
          await serve(binding, SAMPLES, broken, async (api) => {
            const reply = await api.get(`${T}/${SEED_ID}`, accept(format));
            expectFault(reply, format, 'computeFault', 500);
            expect(reply.text).not.toContain('rows');
          });
        },
      );

      it("a stored value the negotiated format cannot carry is the server's fault: 500, not 400", async () => {
        const fixture = {
          openstack: [...novaImages(), { ...seedImage(), id: 'ctl', name: 'bell \u0007', metadata: { k: 'v\u0001' } }],
        };
        const seen: unknown[] = [];
        const onError = (error: unknown) => {
          seen.push((error as Error).cause);
        };
        await serve(binding, fixture, { onError }, async (api) => {
          for (const path of [`${T}/ctl`, `${T}/detail`, T, `${T}/ctl/metadata`, `${T}/ctl/metadata/k`]) {
            const reply = await api.get(path, accept(xml));
            const fault = expectFault(reply, xml, 'computeFault', 500);
            expect(fault.message).toBe(
              'The server has either erred or is incapable of performing the requested operation.',
            );
            expect((await api.get(path, accept(json))).status).toBe(200);
          }
        });
        expect(seen).toHaveLength(5);
        expect(seen.every((cause) => isFault(cause) && cause.name === 'badRequest')).toBe(true);
        expect((seen[0] as Fault).message).toContain('at /image/name');
      });

      it.each(formats)(
        '$name: a metadata write a served format cannot carry is 400, and nothing is stored',
        async (format) => {
          await serve(binding, SAMPLES, {}, async (api) => {
            const path = `${T}/${SEED_ID}/metadata`;
            const writes: [string, string, string][] = [
              ['PUT', path, '{"metadata": {"k": "bad\\u0001"}}'],
              ['POST', path, '{"metadata": {"ok": "fine", "k": "bad\\u0001"}}'],
              ['PUT', `${path}/k`, '{"meta": {"k": "bad\\u0001"}}'],
              ['POST', path, '{"metadata": {"bad\\u0002key": "v"}}'],
            ];
            for (const [method, where, body] of writes) {
              const reply = await api.call(where, {
                method,
                headers: { ...sending(json), accept: format.mediaType },
                body,
              });
              const fault = expectFault(reply, format, 'badRequest', 400);
              expect(fault.message).toContain('XML');
              expect(fault.message).toMatch(/\/metadata\/|\/meta\//);
            }
            const kept = xml.codec.decodeMetadata((await api.get(path, accept(xml))).text);
            expect(kept).toEqual(seedImage().metadata);
          });
          await serve(binding, SAMPLES, { codecs: [json.codec] }, async (api) => {
            const reply = await api.call(`${T}/${SEED_ID}/metadata/k`, {
              method: 'PUT',
              headers: sending(json),
              body: '{"meta": {"k": "bad\\u0001"}}',
            });
            expect(reply.status).toBe(200);
          });
        },
      );

      it.each(formats)(
        '$name: a Fault the store throws leaves as itself; overLimit carries Retry-After',
        async (format) => {
          await withApi(
            binding,
            { store: failingStore(() => new Fault('conflictingRequest', 'Image is busy.')) },
            async (api) => {
              const fault = expectFault(await api.get(`${T}/x`, accept(format)), format, 'conflictingRequest', 409);
              expect(fault.message).toBe('Image is busy.');
            },
          );
          const slow = () =>
            new Fault('overLimit', 'Too many requests.', { code: 429, retryAfter: '30', details: 'slow down' });
          await withApi(binding, { store: failingStore(slow) }, async (api) => {
            const reply = await api.get(`${T}/x`, accept(format));
            const fault = expectFault(reply, format, 'overLimit', 429);
            expect(reply.headers.get('retry-after')).toBe('30');
            expect(fault.retryAfter).toBe('30');
            expect(fault.details).toBe('slow down');
          });
          const injected = () => new Fault('overLimit', 'Too many.', { code: 429, retryAfter: '1\r\nx-evil: 1' });
          await withApi(binding, { store: failingStore(injected) }, async (api) => {
            const reply = await api.get(`${T}/x`, accept(format));
            expectFault(reply, format, 'overLimit', 429);
            expect(reply.headers.get('retry-after')).toBeNull();
            expect(reply.headers.get('x-evil')).toBeNull();
          });
        },
      );
    });

    describe('the authorize hook', () => {
      const tokens: Record<string, string> = { 'token-a': 'openstack', 'token-b': 'acme' };
      /** The mock server's rule: a token reads its own tenant only; tenantless paths act for the token's tenant. */
      const byToken =
        (s: Seeded) =>
        ({
          request,
          tenant,
        }: {
          request: { headers: Readonly<Record<string, string | undefined>> };
          tenant: string | undefined;
        }) => {
          const token = request.headers['x-auth-token'];
          const owner = token === undefined ? undefined : tokens[token];
          if (owner === undefined) {
            throw new Fault('unauthorized', 'This server could not verify that you are authorized.');
          }
          if (tenant !== undefined && tenant !== s.tenant(owner)) {
            throw new Fault('forbidden', 'Policy does not allow this.');
          }
          return { tenant: s.tenant(owner) };
        };
      const twoTenants: Fixture = {
        openstack: novaImages(),
        acme: [{ ...seedImage(), id: 'acme-image', name: 'acme' }],
      };

      it.each(formats)('$name: answers 401 unauthorized and 403 forbidden as the hook says', async (format) => {
        await serve(
          binding,
          twoTenants,
          (s) => ({ authorize: byToken(s) }),
          async (api) => {
            expectFault(await api.get(`${T}/${SEED_ID}`, accept(format)), format, 'unauthorized', 401);
            expectFault(
              await api.get(`${T}/${SEED_ID}`, { ...accept(format), 'x-auth-token': 'wrong' }),
              format,
              'unauthorized',
              401,
            );
            expectFault(
              await api.get(`${T}/${SEED_ID}`, { ...accept(format), 'x-auth-token': 'token-b' }),
              format,
              'forbidden',
              403,
            );
            expectFault(
              await api.call(`${T}/${SEED_ID}/metadata`, {
                method: 'PUT',
                headers: { ...sending(format), 'x-auth-token': 'token-b' },
                body: 'not even a document',
              }),
              format,
              'forbidden',
              403,
            );
            const own = await api.get(`${T}/${SEED_ID}`, { ...accept(format), 'x-auth-token': 'token-a' });
            expect(own.status).toBe(200);
          },
        );
      });

      it('scopes a tenantless path to the tenant the hook names, so no token reads another tenant', async () => {
        await serve(
          binding,
          twoTenants,
          (s) => ({ authorize: byToken(s) }),
          async (api) => {
            const b = JSON.parse((await api.get('/v2/images', { 'x-auth-token': 'token-b' })).text) as {
              images: { id: string }[];
            };
            expect(b.images.map((image) => image.id)).toEqual(['acme-image']);
            expect((await api.get(`/v2/images/${SEED_ID}`, { 'x-auth-token': 'token-b' })).status).toBe(404);
            expect((await api.get('/v2/images/acme-image', { 'x-auth-token': 'token-a' })).status).toBe(404);
            expect((await api.get('/v2/acme/images/acme-image', { 'x-auth-token': 'token-b' })).status).toBe(200);
            const a = JSON.parse((await api.get('/v2/images/detail', { 'x-auth-token': 'token-a' })).text) as {
              images: { id: string }[];
            };
            expect(a.images.map((image) => image.id)).toEqual(IDS);
          },
        );
      });

      it('is told the route, tenant, image, key and whether the request writes', async () => {
        const seen: unknown[] = [];
        const authorize = async (
          context: Parameters<NonNullable<Parameters<typeof createImagesApi>[0]['authorize']>>[0],
        ) => {
          seen.push({ ...context, request: context.request.method });
        };
        let held: Seeded | undefined;
        await serve(binding, SAMPLES, { authorize }, async (api, s) => {
          held = s;
          await api.get('/v2/images/detail?limit=1');
          await api.call(`${T}/${SEED_ID}/metadata/kernel_id`, { method: 'DELETE' });
          await api.call(`/v2/acme/images/x/metadata`, { method: 'HEAD' });
          await api.get('/v2/nowhere');
          await api.call(T, { method: 'POST' });
        });
        expect(held!.toFixture(seen)).toEqual([
          {
            request: 'GET',
            method: 'GET',
            route: 'detail',
            tenant: undefined,
            imageId: undefined,
            key: undefined,
            write: false,
            requestId: REQUEST_ID,
          },
          {
            request: 'DELETE',
            method: 'DELETE',
            route: 'metaItem',
            tenant: 'openstack',
            imageId: SEED_ID,
            key: 'kernel_id',
            write: true,
            requestId: REQUEST_ID,
          },
          {
            request: 'HEAD',
            method: 'HEAD',
            route: 'metadata',
            tenant: 'acme',
            imageId: 'x',
            key: undefined,
            write: false,
            requestId: REQUEST_ID,
          },
        ]);
      });

      it('sees the headers as one string each, repeated ones joined as fetch joins them', async () => {
        const seen: (string | undefined)[] = [];
        const authorize = ({ request }: { request: { headers: Readonly<Record<string, string | undefined>> } }) => {
          seen.push(request.headers['set-cookie'], request.headers['x-token']);
        };
        await serve(binding, SAMPLES, { authorize }, async (api) => {
          const reply = await api.raw(`${T}/${SEED_ID}`, { 'set-cookie': ['a=1', 'b=2'], 'x-token': 't' });
          expect(reply.status).toBe(200);
        });
        expect(seen).toEqual(['a=1, b=2', 't']);
      });

      it('a hook that throws anything but a Fault answers 500 computeFault', async () => {
        const authorize = (): never => {
          throw new TypeError('cannot read properties of undefined (reading "token")');
        };
        await serve(binding, SAMPLES, { authorize }, async (api) => {
          const reply = await api.get(`${T}/${SEED_ID}`);
          expectFault(reply, json, 'computeFault', 500);
          expect(reply.text).not.toContain('token');
        });
      });
    });

    describe('the error hook', () => {
      it('sees what was thrown and the fault about to leave, and may answer another Fault', async () => {
        const seen: [unknown, string][] = [];
        const boom = new Error('disk on fire');
        await withApi(
          binding,
          {
            store: failingStore(() => boom),
            onError: (error, { fault, request }) => {
              seen.push([error, `${request.method} ${fault.name}`]);
              if (request.method === 'DELETE')
                return new Fault('serviceUnavailable', 'Try later.', { retryAfter: '5' });
              return undefined;
            },
          },
          async (api) => {
            expectFault(await api.get(`${T}/x`), json, 'computeFault', 500);
            const replaced = await api.call(`${T}/x`, { method: 'DELETE' });
            expectFault(replaced, json, 'serviceUnavailable', 503);
            expect(replaced.headers.get('retry-after')).toBe('5');
            expectFault(await api.get('/v2/nowhere'), json, 'itemNotFound', 404);
          },
        );
        expect(seen.slice(0, 2)).toEqual([
          [boom, 'GET computeFault'],
          [boom, 'DELETE computeFault'],
        ]);
        expect(seen[2]![1]).toBe('GET itemNotFound');
        expect(isFault(seen[2]![0])).toBe(true);
      });

      it('a hook that throws turns the answer into computeFault 500', async () => {
        await serve(
          binding,
          SAMPLES,
          {
            onError: async () => {
              throw new Error('logger down');
            },
          },
          async (api) => {
            const reply = await api.get(`${T}/nope`);
            expectFault(reply, json, 'computeFault', 500);
            expect(reply.text).not.toContain('logger');
          },
        );
      });

      it.each(formats)('$name: a Fault the hook throws leaves as itself', async (format) => {
        await withApi(
          binding,
          {
            store: failingStore(() => new TypeError('x is undefined')),
            onError: () => {
              throw new Fault('serviceUnavailable', 'The store is resyncing.', { retryAfter: '7' });
            },
          },
          async (api) => {
            const reply = await api.get(`${T}/x`, accept(format));
            const fault = expectFault(reply, format, 'serviceUnavailable', 503);
            expect(fault.message).toBe('The store is resyncing.');
            expect(reply.headers.get('retry-after')).toBe('7');
          },
        );
      });
    });

    describe('links', () => {
      it('are rooted at the configured base URLs, without a trailing slash', async () => {
        await serve(
          binding,
          SAMPLES,
          {
            baseUrl: 'https://compute.example.org/',
            glanceBaseUrl: 'https://glance.example.org//',
          },
          async (api) => {
            const image = json.codec.decodeImage((await api.get(`${T}/${SEED_ID}`)).text);
            expect(image.links).toEqual(
              linksFor('https://compute.example.org', 'openstack', SEED_ID, 'https://glance.example.org'),
            );
            const page = json.codec.decodeImageIndex((await api.get(`${T}?limit=1`)).text);
            expect(page.images_links?.[0]?.href).toBe(
              `https://compute.example.org/v2/openstack/images?limit=1&marker=${SEED_ID}`,
            );
          },
        );
      });

      it('use the Host header when no base is configured', async () => {
        await serve(binding, SAMPLES, {}, async (api) => {
          // fetch() sets Host itself: this request goes out through node:http with a Host of its own.
          const image = json.codec.decodeImage(
            (await api.raw(`${T}/${SEED_ID}`, { host: 'cloud.example.net:8774' })).text,
          );
          expect(image.links).toEqual(linksFor('http://cloud.example.net:8774', 'openstack', SEED_ID));
        });
      });

      // Run only where ids may need percent-encoding (see Limitations).
      if (can('idsToEncode'))
        it('percent-encode ids and tenants, which the routes decode', async () => {
          await serve(binding, { 'my tenant': [{ ...seedImage(), id: 'a b/c?d' }] }, {}, async (api) => {
            const path = '/v2/my%20tenant/images/a%20b%2Fc%3Fd';
            const reply = await api.get(path);
            expect(reply.status).toBe(200);
            const image = json.codec.decodeImage(reply.text);
            expect(image.id).toBe('a b/c?d');
            expect(image.links[0]!.href).toBe(`${api.url}${path}`);
          });
        });
    });
  });
}
