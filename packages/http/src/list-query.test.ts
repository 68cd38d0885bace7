import { isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { parseListQuery } from './list-query.ts';

describe('the list query: limit, marker and the filters of WIRE.md', () => {
  it('reads every filter', () => {
    expect(
      parseListQuery(
        'name=a%20b&status=ACTIVE&changes-since=2011-01-01T01:02:03Z&server=s&type=snapshot&minRam=512&minDisk=0&limit=5&marker=m&other=x',
        1000,
      ),
    ).toEqual({
      limit: 5,
      marker: 'm',
      name: 'a b',
      status: 'ACTIVE',
      changesSince: new Date('2011-01-01T01:02:03Z'),
      server: 's',
      type: 'snapshot',
      minRam: 512,
      minDisk: 0,
    });
  });

  it('reads property-<key>=<value> filters into properties, the last of a repeated one counting', () => {
    const query = parseListQuery(
      'property-os=linux&property-a%20b=c%26d&property-os=bsd&property-=x&property-__proto__=p',
      10,
    );
    expect(Object.entries(query.properties!)).toEqual([
      ['os', 'bsd'],
      ['a b', 'c&d'],
      ['__proto__', 'p'],
    ]);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    expect(parseListQuery('propertyos=x', 10).properties).toBeUndefined();
  });

  it('pages by the maximum when no limit, limit=0, or a larger one is asked', () => {
    expect(parseListQuery('', 1000)).toEqual({ limit: 1000 });
    expect(parseListQuery('limit=0', 1000)).toEqual({ limit: 1000 });
    expect(parseListQuery('limit=5000', 1000)).toEqual({ limit: 1000 });
  });

  it('counts a repeated parameter by its last value', () => {
    expect(parseListQuery('name=a&name=b', 10)).toEqual({ limit: 10, name: 'b' });
  });

  it.each([
    ['changes-since=2011-01-01', '2011-01-01T00:00:00.000Z'],
    ['changes-since=2011-01-01T01:02:03', '2011-01-01T01:02:03.000Z'],
    ['changes-since=2011-01-01T01:02', '2011-01-01T01:02:00.000Z'],
    ['changes-since=2011-01-01 01:02:03', '2011-01-01T01:02:03.000Z'],
    ['changes-since=2011-01-01t01:02:03z', '2011-01-01T01:02:03.000Z'],
    ['changes-since=2011-01-01T01:02:03.5%2B0100', '2011-01-01T00:02:03.500Z'],
    ['changes-since=2011-01-01T01:02:03-02:00', '2011-01-01T03:02:03.000Z'],
  ])('reads %s as UTC unless a zone is given', (query, iso) => {
    expect(parseListQuery(query, 10).changesSince?.toISOString()).toBe(iso);
  });

  it.each([
    ['limit=-1', 'limit must be an integer >= 0, not "-1"'],
    ['limit=', 'limit must be an integer >= 0, not ""'],
    ['limit=1e3', 'limit must be an integer >= 0, not "1e3"'],
    ['limit=99999999999999999999', 'limit must be an integer >= 0, not "99999999999999999999"'],
    ['minRam=ten', 'minRam must be an integer >= 0, not "ten"'],
    ['minDisk=1.0', 'minDisk must be an integer >= 0, not "1.0"'],
    [
      'changes-since=last%20week',
      'changes-since must be an ISO 8601 time such as 2011-01-01T01:02:03Z, not "last week"',
    ],
    [
      'changes-since=2011-02-30T00:00:00Z',
      'changes-since must be an ISO 8601 time such as 2011-01-01T01:02:03Z, not "2011-02-30T00:00:00Z"',
    ],
  ])('refuses %s with a badRequest Fault: %s', (query, message) => {
    let thrown: unknown;
    try {
      parseListQuery(query, 1000);
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: 'badRequest', code: 400, message });
  });
});
