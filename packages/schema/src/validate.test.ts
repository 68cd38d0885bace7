import { isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { assertValid, type Image, isValid, membersOf, Schemas, type Version, validationFault } from './index.ts';

const image: Image = {
  id: '70a599e0-31e7-49b7-b260-868f441e862b',
  name: 'fakeimage7',
  status: 'ACTIVE',
  progress: 100,
  minDisk: 0,
  minRam: 0,
  created: '2011-01-01T01:02:03Z',
  updated: '2011-01-01T01:02:03Z',
  metadata: { architecture: 'x86_64' },
  links: [{ href: 'http://openstack.example.com/v2/openstack/images/1', rel: 'self' }],
};

function faultOf(run: () => void): { name: string; message: string; where?: string } {
  try {
    run();
  } catch (error) {
    if (!isFault(error)) throw error;
    return error.where === undefined
      ? { name: error.name, message: error.message }
      : { name: error.name, message: error.message, where: error.where };
  }
  throw new Error('expected a Fault');
}

describe('the canonical Image', () => {
  it('accepts a complete image and the smallest one', () => {
    expect(isValid('Image', image)).toBe(true);
    expect(isValid('Image', { id: '15', name: null, created: null, updated: null, metadata: {}, links: [] })).toBe(
      true,
    );
  });

  it('accepts the extensions and a server', () => {
    const snapshot: Image = {
      ...image,
      server: { id: 's1', links: [] },
      'OS-EXT-IMG-SIZE:size': 74185822,
      'OS-DCF:diskConfig': 'MANUAL',
    };
    expect(isValid('Image', snapshot)).toBe(true);
  });

  it.each([
    [{ ...image, minDisk: -1 }, 'minDisk must be an integer >= 0 at /image/minDisk', '/image/minDisk'],
    [{ ...image, progress: 150 }, 'progress must be an integer from 0 to 100 at /image/progress', '/image/progress'],
    [{ ...image, minRam: 1.5 }, 'minRam must be an integer >= 0 at /image/minRam', '/image/minRam'],
    [{ ...image, name: 3 }, 'name must be a string or null at /image/name', '/image/name'],
    [
      { ...image, 'OS-DCF:diskConfig': 'X' },
      'OS-DCF:diskConfig must be "AUTO" or "MANUAL" at /image/OS-DCF:diskConfig',
      '/image/OS-DCF:diskConfig',
    ],
    [{ ...image, metadata: { a: 1 } }, 'a must be a string at /image/metadata/a', '/image/metadata/a'],
    [
      { ...image, metadata: { '': 'x' } },
      'metadata key "" must be 1 to 255 characters long at /image/metadata/',
      '/image/metadata/',
    ],
    [{ ...image, extra: true }, 'extra is not a member of this resource at /image/extra', '/image/extra'],
    [{ ...image, links: [{ href: 'h' }] }, 'rel is required at /image/links/0/rel', '/image/links/0/rel'],
    [
      { ...image, 'OS-EXT-IMG-SIZE:size': null },
      'OS-EXT-IMG-SIZE:size must be an integer >= 0 at /image/OS-EXT-IMG-SIZE:size',
      '/image/OS-EXT-IMG-SIZE:size',
    ],
  ])('refuses %j with a badRequest naming the pointer', (value, message, where) => {
    expect(faultOf(() => assertValid('Image', value, '/image'))).toEqual({ name: 'badRequest', message, where });
  });

  it('refuses what is not an object at all', () => {
    for (const value of [null, [], 'image', 1]) {
      expect(faultOf(() => assertValid('Image', value, '/image')).name).toBe('badRequest');
    }
  });
});

describe('metadata', () => {
  it('keeps prototype keys as ordinary keys', () => {
    const metadata = JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>;
    expect(isValid('Metadata', metadata)).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('limits keys to 255 characters', () => {
    expect(isValid('Metadata', { ['k'.repeat(255)]: 'v' })).toBe(true);
    expect(isValid('Metadata', { ['k'.repeat(256)]: 'v' })).toBe(false);
  });

  it('counts characters as code points: a surrogate pair is one, a lone surrogate one', () => {
    const emoji = '\u{1F600}';
    expect(isValid('Metadata', { [emoji.repeat(255)]: 'v' })).toBe(true);
    expect(isValid('Metadata', { [emoji.repeat(256)]: 'v' })).toBe(false);
    expect(isValid('Metadata', { ['\ud800'.repeat(255)]: 'v' })).toBe(true);
    expect(isValid('Metadata', { ['\udc00'.repeat(256)]: 'v' })).toBe(false);
    expect(isValid('Metadata', { [`${'\ud800'.repeat(254)}${emoji}`]: 'v' })).toBe(true);
  });

  it('refuses a very long key in one pass (the key pattern cannot backtrack)', () => {
    // With overlapping branches this is an exponential search; it must answer at once.
    expect(isValid('Metadata', { ['\u{1F600}'.repeat(100_000)]: 'v' })).toBe(false);
    expect(isValid('Metadata', { [`${'\u{1F600}'.repeat(255)}x`]: 'v' })).toBe(false);
  });

  it('holds exactly one item in a MetaItem', () => {
    expect(isValid('MetaItem', { a: 'b' })).toBe(true);
    expect(faultOf(() => assertValid('MetaItem', {}, '/meta')).message).toBe(
      'the value must hold exactly one item at /meta',
    );
    expect(isValid('MetaItem', { a: 'b', c: 'd' })).toBe(false);
  });
});

describe('membersOf', () => {
  it('lists the members of an object resource in the schema order, none for the free-keyed ones', () => {
    expect(membersOf('Image')).toEqual(Object.keys(Schemas.Image.properties));
    expect(membersOf('Link')).toEqual(['href', 'rel', 'type']);
    expect(membersOf('Metadata')).toEqual([]);
    expect(membersOf('MetaItem')).toEqual([]);
  });
});

describe('the version documents', () => {
  const version: Version = {
    id: 'v2.0',
    status: 'CURRENT',
    updated: '2011-01-21T11:33:21Z',
    links: [
      { rel: 'self', href: 'http://127.0.0.1:8774/v2/' },
      { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' }],
  };

  it('accepts a version with and without media types, and a list of them', () => {
    expect(isValid('Version', version)).toBe(true);
    const { 'media-types': _mediaTypes, ...entry } = version;
    expect(isValid('Version', entry)).toBe(true);
    expect(isValid('VersionList', { versions: [entry, version] })).toBe(true);
    expect(isValid('VersionList', { versions: [] })).toBe(true);
  });

  it.each([
    [{ ...version, id: '' }, 'id must be a non-empty string at /version/id', '/version/id'],
    [{ ...version, updated: null }, 'updated must be a string at /version/updated', '/version/updated'],
    [
      { ...version, 'media-types': [] },
      'media-types must not be empty at /version/media-types',
      '/version/media-types',
    ],
    [
      { ...version, 'media-types': [{ base: 'application/json' }] },
      'type is required at /version/media-types/0/type',
      '/version/media-types/0/type',
    ],
    [{ ...version, extra: 1 }, 'extra is not a member of this resource at /version/extra', '/version/extra'],
  ])('refuses %j with a badRequest naming the pointer', (value, message, where) => {
    expect(faultOf(() => assertValid('Version', value, '/version'))).toEqual({ name: 'badRequest', message, where });
  });
});

describe('validationFault', () => {
  it('is the Fault assertValid throws, or undefined for a valid value', () => {
    expect(validationFault('Image', image, '/image')).toBeUndefined();
    const invalid = { ...image, minDisk: -1 };
    const fault = validationFault('Image', invalid, '/image');
    expect(isFault(fault) && { name: fault.name, message: fault.message, where: fault.where }).toEqual(
      faultOf(() => assertValid('Image', invalid, '/image')),
    );
    expect(fault?.message).toBe('minDisk must be an integer >= 0 at /image/minDisk');
  });

  it.each(Object.keys(Schemas) as (keyof typeof Schemas)[])('%s: undefined exactly when isValid says yes', (name) => {
    for (const value of [null, {}, [], 'x', image, { images: [image] }, { versions: [] }, { k: 'v' }]) {
      expect(validationFault(name, value) === undefined).toBe(isValid(name, value));
    }
  });
});
