import { isFault } from '@openstack-image/faults';
import { LIMITS } from '@openstack-image/schema';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { jsonCodec } from './json-codec.ts';
import { assertTextNestingWithin } from './nesting-depth.ts';

/** The nesting depth of a JSON value: a scalar is 0, `[]` is 1. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('the nesting pre-scan refuses exactly what nests deeper than the limit', () => {
  it('for every JSON value, with brackets, quotes and backslashes inside its strings', () => {
    const tricky = fc.constantFrom('[', '{', ']', '}', '"', '\\', '\\"', ':', ',', 'a');
    const text = fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join(''));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(text, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 6 }), (json, max) => {
        const source = JSON.stringify(json);
        const refused = (() => {
          try {
            assertTextNestingWithin(source, max);
            return false;
          } catch (error) {
            expect(isFault(error)).toBe(true);
            return true;
          }
        })();
        expect(refused).toBe(source.length > max && depthOf(json) > max);
      }),
      { numRuns: 500, seed: 1201 },
    );
  });

  it('names the member path, escapes read, without JSON.parse building anything', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const deep = `{"a/b": [1, {"k~": ${'['.repeat(520_000)}`;
      let where: string | undefined;
      try {
        jsonCodec.decodeMetadata(deep);
      } catch (error) {
        where = isFault(error) ? error.where : undefined;
      }
      expect(where).toBe(`/a~1b/1/k~0${'/0'.repeat(LIMITS.maxDepth - 3)}`);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
