import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './json-syntax-error.ts';

const RUNS = { numRuns: 3000, seed: 8259, interruptAfterTimeLimit: 20_000 } as const;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON-ish text: valid documents, and the same with a piece cut out, repeated or replaced. */
const jsonish: fc.Arbitrary<string> = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value, null, 1)),
    fc.nat(),
    fc.nat({ max: 3 }),
    fc.constantFrom(
      '',
      ',',
      '}',
      ']',
      '{',
      '[',
      '"',
      ':',
      '\\',
      '\n',
      'tru',
      '-',
      '01',
      '1e',
      '.5',
      '\u0001',
      ' ',
      'null',
    ),
  )
  .map(([text, at, length, piece]) => {
    const where = text.length === 0 ? 0 : at % (text.length + 1);
    return text.slice(0, where) + piece + text.slice(where + length);
  });

describe('locating a JSON syntax error', () => {
  it('finds an error exactly when JSON.parse refuses the text', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ unit: 'binary-ascii', maxLength: 20 })), (text) => {
        const valid = parses(text);
        if (!valid) refused++;
        expect(locateJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      RUNS,
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('points at a place inside the text, or just past its end', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        const found = locateJsonSyntaxError(text);
        if (found === undefined) return;
        expect(found.offset).toBeGreaterThanOrEqual(0);
        expect(found.offset).toBeLessThanOrEqual(text.length);
        const before = text.slice(0, found.offset);
        expect(found.line).toBe(before.split('\n').length);
        expect(found.column).toBe(found.offset - before.lastIndexOf('\n'));
      }),
      RUNS,
    );
  });

  it('with maxDepth, refuses the first object or array opened deeper than that, and only that', () => {
    expect(locateJsonSyntaxError('[[[]]]', 3)).toBeUndefined();
    expect(locateJsonSyntaxError('[[[[]]]]', 3)).toEqual({
      offset: 3,
      line: 1,
      column: 4,
      problem: 'nesting deeper than 3 levels',
    });
    expect(locateJsonSyntaxError('{"a": [{"b": {}}]}', 3)).toMatchObject({ offset: 13 });
    expect(locateJsonSyntaxError('[1, [2, "[[[["]]', 2)).toBeUndefined();
    expect(locateJsonSyntaxError(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, 64)).toMatchObject({
      offset: 64,
    });
  });

  it('walks any depth without recursion', () => {
    expect(locateJsonSyntaxError('['.repeat(1_000_000))).toMatchObject({ problem: 'unexpected end of the body' });
    expect(locateJsonSyntaxError(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toBeUndefined();
  });
});
