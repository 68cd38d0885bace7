import { FAULT_NAMES, isFault } from '@openstack-image/faults';
import { type MockServer, SEED_IMAGE_ID, SEED_TENANT, start } from '@openstack-image/mock-server';
import { canonicalArbitraries, faultInitArbitrary, xmlText } from '@openstack-image/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImagesClient } from './index.ts';

const arbitraries = canonicalArbitraries({ text: xmlText });
/** What the server takes: values of at most 255 code points, keys a URL can name. */
const storable = arbitraries.metadata.filter((metadata) =>
  Object.entries(metadata).every(([key, value]) => Array.from(value).length <= 255 && key !== '.' && key !== '..'),
);

let mock: MockServer;
beforeAll(async () => {
  mock = await start();
});
afterAll(() => mock.close());

describe.each(['json', 'xml'] as const)('round trips through the server, in %s', (format) => {
  const client = () => createImagesClient({ url: `${mock.url}/v2/${SEED_TENANT}`, format });

  it('setMetadata(m) then getMetadata() gives m back, for any metadata', async () => {
    await fc.assert(
      fc.asyncProperty(storable, async (metadata) => {
        expect(await client().setMetadata(SEED_IMAGE_ID, metadata)).toEqual(metadata);
        expect(await client().getMetadata(SEED_IMAGE_ID)).toEqual(metadata);
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('setMetaItem(k, v) then getMetaItem(k) gives v back, for any key and value', async () => {
    await fc.assert(
      fc.asyncProperty(
        storable.filter((m) => Object.keys(m).length > 0),
        async (metadata) => {
          const [key, value] = Object.entries(metadata)[0]!;
          expect(await client().setMetaItem(SEED_IMAGE_ID, key, value)).toBe(value);
          expect(await client().getMetaItem(SEED_IMAGE_ID, key)).toBe(value);
          await client().deleteMetaItem(SEED_IMAGE_ID, key);
        },
      ),
      { numRuns: 25, seed: 12 },
    );
  });
});

describe("any fault the server's codec writes comes back as the same Fault", () => {
  it.each(['json', 'xml'] as const)('in %s', async (format) => {
    const { jsonCodec } = await import('@openstack-image/codec-json');
    const { xmlCodec } = await import('@openstack-image/codec-xml');
    const { Fault } = await import('@openstack-image/faults');
    const codec = format === 'json' ? jsonCodec : xmlCodec;
    await fc.assert(
      fc.asyncProperty(faultInitArbitrary(FAULT_NAMES, { text: xmlText }), async (init) => {
        const sent = new Fault(init.name as never, init.message, {
          ...(init.code === undefined ? {} : { code: init.code }),
          ...(init.details === undefined ? {} : { details: init.details }),
          ...(init.retryAfter === undefined ? {} : { retryAfter: init.retryAfter }),
        });
        const fetchOnce = async () =>
          new Response(codec.encodeFault(sent), { status: sent.code, headers: { 'content-type': codec.mediaType } });
        const error = await createImagesClient({ url: 'http://images.invalid/v2/t', format, fetch: fetchOnce })
          .getImage('1')
          .catch((e: unknown) => e);
        expect(isFault(error)).toBe(true);
        const got = error as InstanceType<typeof Fault>;
        expect([got.name, got.code, got.message, got.details, got.retryAfter]).toEqual([
          sent.name,
          sent.code,
          sent.message,
          sent.details,
          sent.retryAfter,
        ]);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});

describe('a seeded fuzz run: whatever a server answers, every call resolves or throws a Fault', () => {
  const statuses = fc.constantFrom(200, 203, 204, 301, 400, 404, 413, 429, 500, 502, 503);
  const types = fc.constantFrom(
    'application/json',
    'application/xml',
    'text/html',
    'application/vnd.openstack.compute+xml',
  );
  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
    fc
      .constantFrom(
        '{"image": {"id": "1"}}',
        '{"images": [{"id": 1}], "images_links": [{"rel": "next", "href": "?marker=1"}]}',
        '<images xmlns="http://docs.openstack.org/compute/api/v1.1"><image id="1" name="a"/></images>',
        '{"metadata": {"a": []}}',
        '{"meta": {"a": "b", "c": "d"}}',
        '{"itemNotFound": {"code": "x"}}',
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        '{"__proto__": {"image": 1}}',
      )
      .map((s) => new TextEncoder().encode(s)),
  );
  const calls = fc.constantFrom(
    'getImage',
    'listImages',
    'listImageSummaries',
    'deleteImage',
    'getMetadata',
    'setMetadata',
    'updateMetadata',
    'getMetaItem',
    'setMetaItem',
    'deleteMetaItem',
  );

  it('runs 300 seeded cases without a TypeError or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        calls,
        fc.constantFrom('json' as const, 'xml' as const),
        fc.array(fc.tuple(statuses, types, bodies), { minLength: 1, maxLength: 3 }),
        async (name, format, answers) => {
          let index = 0;
          const fetchScripted = async () => {
            const [status, type, body] = answers[Math.min(index++, answers.length - 1)]!;
            const empty = status === 204 || status === 301;
            return new Response(empty ? null : (body as Uint8Array<ArrayBuffer>), {
              status,
              headers: { 'content-type': type, ...(status === 301 ? { location: 'http://other.invalid/' } : {}) },
            });
          };
          const client = createImagesClient({ url: 'http://images.invalid/v2/t', format, fetch: fetchScripted });
          const run = async (): Promise<void> => {
            switch (name) {
              case 'listImages':
              case 'listImageSummaries': {
                let seen = 0;
                for await (const _ of client[name]({ limit: 1 })) if (++seen > 10) break;
                return;
              }
              case 'setMetadata':
              case 'updateMetadata':
                await client[name]('1', { a: 'b' });
                return;
              case 'setMetaItem':
                await client.setMetaItem('1', 'a', 'b');
                return;
              case 'getMetaItem':
              case 'deleteMetaItem':
                await client[name]('1', 'a');
                return;
              default:
                await client[name]('1');
            }
          };
          const error = await run().then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined && !isFault(error)) throw error;
        },
      ),
      { numRuns: 300, seed: 20261201, interruptAfterTimeLimit: 20_000 },
    );
  });
});
