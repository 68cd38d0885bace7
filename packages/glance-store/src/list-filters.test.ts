import { describe, expect, it } from 'vitest';
import { glanceListParams } from './list-filters.ts';

const sent = (query: Parameters<typeof glanceListParams>[0]) => glanceListParams(query)?.toString();

describe('list queries as Glance v2 reads them (GLANCE.md 2(c), 3)', () => {
  it('translates every filter', () => {
    expect(
      Object.fromEntries(
        glanceListParams({
          limit: 20,
          marker: 'm',
          name: 'cirros',
          status: 'saving',
          changesSince: new Date('2011-01-01T01:02:03.456Z'),
          server: 'http://compute/v2/t/servers/s1',
          type: 'snapshot',
          minRam: 512,
          minDisk: 2,
          properties: { os_distro: 'cirros' },
        })!,
      ),
    ).toEqual({
      limit: '20',
      marker: 'm',
      name: 'cirros',
      status: 'in:queued,saving',
      updated_at: 'gte:2011-01-01T01:02:03Z',
      instance_uuid: 's1',
      image_type: 'snapshot',
      min_ram_min: '512',
      min_disk_min: '2',
      os_distro: 'cirros',
    });
  });

  it.each([
    ['ACTIVE', 'status=active'],
    ['error', 'status=killed'],
    ['DELETED', 'status=in%3Adeleted%2Cpending_delete'],
    ['UNKNOWN', ''],
  ])('status %s', (status, expected) => {
    expect(sent({ limit: 5, status })).toBe(`limit=5${expected === '' ? '' : `&${expected}`}`);
  });

  it('answers undefined for a status no image has, so that Glance is not asked', () => {
    expect(glanceListParams({ limit: 5, status: 'bogus' })).toBeUndefined();
    expect(glanceListParams({ limit: 5, status: '__proto__' })).toBeUndefined();
  });

  it('never asks Glance for more than its largest page, and never for limit=0', () => {
    expect(sent({ limit: 5000 })).toBe('limit=1000');
    expect(sent({ limit: 1 })).toBe('limit=1');
  });

  it('keeps back what Glance would read as something else: operators, its own parameters, ranges', () => {
    expect(
      sent({
        limit: 5,
        name: 'in:a,b',
        type: 'gte:x',
        server: 'lt:y',
        minRam: 0,
        properties: { name: 'n', limit: '1', sort: 'x', size_min: '1', os_glance_x: 'y', '': 'z', ok: 'in:q' },
      }),
    ).toBe('limit=5');
  });
});
