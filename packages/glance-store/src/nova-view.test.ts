import { isFault } from '@openstack-image/faults';
import { assertValid } from '@openstack-image/schema';
import { readShared } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GLANCE_ATTRIBUTES } from './glance-attributes.ts';
import { metadataOf, novaImage } from './nova-view.ts';

const context = { computeUrl: 'http://compute.example.com', tenant: 'acme' };

function glanceSample(name: string): Record<string, unknown> {
  return JSON.parse(readShared('reference', 'glance', 'samples', name)) as Record<string, unknown>;
}

describe('Nova’s view of the recorded Glance answers (GLANCE.md 2(b))', () => {
  it('image-active: ACTIVE 100, size, minRam/minDisk, custom properties, server and diskConfig', () => {
    const image = novaImage(glanceSample('image-active.json'), context);
    expect(image).toEqual({
      id: '20b9d103-a82b-448d-9ac0-9591752580cd',
      name: 'cirros-active',
      status: 'ACTIVE',
      progress: 100,
      minDisk: 1,
      minRam: 256,
      created: '2026-12-01T19:50:26Z',
      updated: '2026-12-01T19:50:27Z',
      metadata: {
        kernel_id: '2d7b7a7e-1111-4a4a-9b9b-000000000001',
        ramdisk_id: '2d7b7a7e-1111-4a4a-9b9b-000000000002',
        architecture: 'x86_64',
        auto_disk_config: 'True',
        instance_uuid: '9c7b2f0e-3333-4c4c-8d8d-000000000003',
        image_type: 'snapshot',
        os_distro: 'cirros',
      },
      links: [],
      server: {
        id: '9c7b2f0e-3333-4c4c-8d8d-000000000003',
        links: [
          { href: 'http://compute.example.com/v2/acme/servers/9c7b2f0e-3333-4c4c-8d8d-000000000003', rel: 'self' },
          { href: 'http://compute.example.com/acme/servers/9c7b2f0e-3333-4c4c-8d8d-000000000003', rel: 'bookmark' },
        ],
      },
      'OS-EXT-IMG-SIZE:size': 1048576,
      'OS-DCF:diskConfig': 'AUTO',
    });
    assertValid('Image', image, '/image');
  });

  it('image-queued and image-deactivated: SAVING 25 and UNKNOWN 0, a null size as 0', () => {
    expect(novaImage(glanceSample('image-queued.json'), context)).toMatchObject({
      status: 'SAVING',
      progress: 25,
      'OS-EXT-IMG-SIZE:size': 0,
    });
    expect(novaImage(glanceSample('image-deactivated.json'), context)).toMatchObject({
      status: 'UNKNOWN',
      progress: 0,
    });
  });

  it('every image of a recorded list page is valid', () => {
    const page = glanceSample('images-page-with-next.json') as { images: unknown[] };
    for (const raw of page.images) assertValid('Image', novaImage(raw, context), '/image');
  });
});

describe('the status and progress table (GLANCE.md 2(a))', () => {
  it.each([
    ['queued', 'SAVING', 25],
    ['saving', 'SAVING', 50],
    ['active', 'ACTIVE', 100],
    ['killed', 'ERROR', 0],
    ['deleted', 'DELETED', 0],
    ['pending_delete', 'DELETED', 0],
    ['deactivated', 'UNKNOWN', 0],
    ['uploading', 'UNKNOWN', 0],
    ['importing', 'UNKNOWN', 0],
    ['ACTIVE', 'UNKNOWN', 0],
    ['__proto__', 'UNKNOWN', 0],
  ])('%s is %s with progress %d', (glance, status, progress) => {
    expect(novaImage({ id: 'i', status: glance }, context)).toMatchObject({ status, progress });
  });
});

describe('fields', () => {
  it('timestamps are written %Y-%m-%dT%H:%M:%SZ; null stays null; a time without a zone is UTC', () => {
    const image = novaImage(
      { id: 'i', status: 'active', created_at: '2014-02-03T04:05:06.789+02:00', updated_at: '2014-02-03T04:05:06' },
      context,
    );
    expect(image.created).toBe('2014-02-03T02:05:06Z');
    expect(image.updated).toBe('2014-02-03T04:05:06Z');
    expect(novaImage({ id: 'i', status: 'active', created_at: null }, context).created).toBeNull();
  });

  it('minRam, minDisk and size: null or absent as 0; a name may be null', () => {
    expect(novaImage({ id: 'i', status: 'queued', min_ram: null, name: null }, context)).toMatchObject({
      minRam: 0,
      minDisk: 0,
      name: null,
      'OS-EXT-IMG-SIZE:size': 0,
    });
  });

  it.each([
    ['1', 'AUTO'],
    [' True ', 'AUTO'],
    ['yes', 'AUTO'],
    ['ON', 'AUTO'],
    ['t', 'AUTO'],
    ['False', 'MANUAL'],
    ['', 'MANUAL'],
    ['disabled', 'MANUAL'],
  ])('auto_disk_config %j is OS-DCF:diskConfig %s, and stays in metadata', (value, disk) => {
    const image = novaImage({ id: 'i', status: 'active', auto_disk_config: value }, context);
    expect(image['OS-DCF:diskConfig']).toBe(disk);
    expect(image.metadata.auto_disk_config).toBe(value);
  });

  it('no server for a null or empty instance_uuid; a tenantless request leaves the segment out', () => {
    expect(novaImage({ id: 'i', status: 'active', instance_uuid: null }, context).server).toBeUndefined();
    expect(novaImage({ id: 'i', status: 'active', instance_uuid: '' }, context).server).toBeUndefined();
    const server = novaImage(
      { id: 'i', status: 'active', instance_uuid: 's/1' },
      { ...context, tenant: undefined },
    ).server;
    expect(server?.links[0]?.href).toBe('http://compute.example.com/v2/servers/s%2F1');
  });

  it('metadata: nulls left out, other non-string values kept as their JSON text, __proto__ an item like any', () => {
    const raw = JSON.parse(
      '{"id":"i","status":"active","kernel_id":null,"ramdisk_id":null,"n":42,"b":true,"o":{"a":[1]},"__proto__":"x"}',
    ) as Record<string, unknown>;
    const metadata = metadataOf(raw);
    expect(metadata).toEqual(JSON.parse('{"n":"42","b":"true","o":"{\\"a\\":[1]}","__proto__":"x"}'));
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  });
});

describe('Glance’s base attributes never leak into metadata, whatever else an image holds', () => {
  it('for any image of base attributes and custom properties', () => {
    const custom = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !GLANCE_ATTRIBUTES.has(key));
    fc.assert(
      fc.property(
        fc.dictionary(custom, fc.oneof(fc.string(), fc.constant(null))),
        fc.subarray([...GLANCE_ATTRIBUTES]),
        (properties, attributes) => {
          const raw: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(properties))
            Object.defineProperty(raw, key, { value, enumerable: true });
          for (const key of attributes) raw[key] = key === 'size' ? 1 : 'x';
          const expected = Object.entries(properties).filter(([, value]) => value !== null);
          expect(Object.entries(metadataOf(raw)).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 300, seed: 1010 },
    );
  });
});

describe('hostile Glance answers: a computeFault naming the member, never a TypeError', () => {
  it.each([
    ['not an object', 'x'],
    ['null', null],
    ['an array', []],
    ['no id', { status: 'active' }],
    ['an empty id', { id: '', status: 'active' }],
    ['no status', { id: 'i' }],
    ['a numeric name', { id: 'i', status: 'active', name: 5 }],
    ['a negative size', { id: 'i', status: 'active', size: -1 }],
    ['a fractional min_ram', { id: 'i', status: 'active', min_ram: 1.5 }],
    ['a text min_disk', { id: 'i', status: 'active', min_disk: '1' }],
    ['a huge size', { id: 'i', status: 'active', size: 2 ** 60 }],
    ['a created_at that is no time', { id: 'i', status: 'active', created_at: 'yesterday' }],
    ['a numeric updated_at', { id: 'i', status: 'active', updated_at: 0 }],
  ])('%s', (_, raw) => {
    let thrown: unknown;
    try {
      novaImage(raw, context);
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown)).toBe(true);
    expect((thrown as { name: string }).name).toBe('computeFault');
  });

  it('seeded fuzz: any JSON value either maps to a valid Image or throws a Fault', () => {
    const member = fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null));
    const near = fc.record(
      {
        id: fc.oneof(fc.uuid(), member),
        status: fc.oneof(fc.constantFrom('active', 'queued', 'killed'), member),
        name: member,
        size: fc.oneof(fc.nat(), member),
        min_ram: fc.oneof(fc.nat(), member),
        created_at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          member,
        ),
        instance_uuid: member,
        auto_disk_config: member,
        extra: member,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.jsonValue()), (raw) => {
        try {
          assertValid('Image', novaImage(raw, context), '/image');
        } catch (error) {
          expect(isFault(error)).toBe(true);
        }
      }),
      { numRuns: 2000, seed: 424242, interruptAfterTimeLimit: 10_000 },
    );
  });
});
