import { isFault } from '@openstack-image/faults';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNotGlanceAttributes, metadataPatch, type PatchOperation } from './metadata-patch.ts';

/** What Glance does with the patch (RFC 6902 add/remove on the properties, `~1` `~0` unescaped). */
function apply(from: Record<string, string>, operations: readonly PatchOperation[]): Record<string, string> {
  const result = { ...from };
  for (const operation of operations) {
    const key = operation.path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
    if (operation.op === 'add')
      Object.defineProperty(result, key, {
        value: operation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else delete result[key];
  }
  return result;
}

const key = fc.oneof(
  fc.constantFrom('a', 'a/b', '~', '~1', '/', '__proto__', 'os_glance_x'),
  fc.string({ maxLength: 6 }),
);
const metadata = fc.dictionary(key, fc.string({ maxLength: 4 }), { maxKeys: 8 });

describe('one JSON patch turns the old metadata into the new', () => {
  it('for any two sets: applying it gives the new set (Glance’s reserved items stay)', () => {
    fc.assert(
      fc.property(metadata, metadata, (from, to) => {
        const result = apply(from, metadataPatch(from, to));
        const expected = { ...to };
        for (const k of Object.keys(from))
          if (k.startsWith('os_glance_') && !Object.hasOwn(to, k)) expected[k] = from[k]!;
        expect(result).toEqual(expected);
      }),
      { numRuns: 500, seed: 6902 },
    );
  });

  it('sends nothing for unchanged items, and the empty patch for equal sets', () => {
    expect(metadataPatch({ a: '1' }, { a: '1' })).toEqual([]);
    expect(metadataPatch({ a: '1', b: '2' }, { a: '1', b: '3' })).toEqual([{ op: 'add', path: '/b', value: '3' }]);
  });
});

describe('Glance’s own attributes are not metadata keys', () => {
  it.each(['name', 'status', 'visibility', 'min_ram', 'owner', 'locations', 'id'])(
    '%s is refused with badRequest',
    (k) => {
      let thrown: unknown;
      try {
        checkNotGlanceAttributes({ [k]: 'x' });
      } catch (error) {
        thrown = error;
      }
      expect(isFault(thrown) && thrown.name === 'badRequest').toBe(true);
    },
  );

  it('custom keys pass', () => {
    expect(() => checkNotGlanceAttributes({ kernel_id: 'k', instance_uuid: 'i', Name: 'x' })).not.toThrow();
  });
});
