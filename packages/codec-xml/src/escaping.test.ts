import { plainObject } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { unwritableText, xmlishText } from './test-arbitraries.ts';
import { faultOf } from './test-fault-of.ts';

/*
 * The writer's fast path (no Unicode-flag regular expression, no pointer or label built unless a
 * value cannot be written) against a plain reference: every character escaped by a lookup, which
 * is what the writer did before, one character at a time.
 */
const IN_ATTRIBUTE: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const IN_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

function escaped(value: string, table: Record<string, string>): string {
  let out = '';
  for (const c of value) out += table[c] ?? c;
  return out;
}

const NS = 'http://docs.openstack.org/compute/api/v1.1';
const RUNS = { numRuns: 2000, seed: 1305 } as const;

describe('the writer escapes exactly as a character-by-character reference does', () => {
  it('a meta item: the key as an attribute, the value as text (markup, whitespace, astral characters)', () => {
    fc.assert(
      fc.property(xmlishText, fc.oneof(xmlishText, fc.string({ unit: 'binary' })), (key, value) => {
        fc.pre(key.length >= 1 && key.length <= 255 && value.length <= 255);
        fc.pre(!/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(key + value));
        expect(xmlCodec.encodeMetaItem(plainObject([[key, value]]))).toBe(
          `<?xml version='1.0' encoding='UTF-8'?>\n<meta xmlns="${NS}" key="${escaped(key, IN_ATTRIBUTE)}">${escaped(value, IN_TEXT)}</meta>`,
        );
      }),
      RUNS,
    );
  });

  it('a value it cannot write is refused with the Fault naming it, from the first place in writing order', () => {
    fc.assert(
      fc.property(unwritableText, unwritableText, (first, second) => {
        const fault = faultOf(() =>
          xmlCodec.encodeMetadata(
            plainObject([
              ['a', first],
              ['b', second],
            ]),
          ),
        );
        expect(fault.name).toBe('badRequest');
        expect(fault.where).toBe('/metadata/a');
        expect(fault.message).toMatch(
          /^the value of "a" holds U\+[0-9A-F]{4}, a character XML 1\.0 cannot carry, at \/metadata\/a$/,
        );
      }),
      { numRuns: 300, seed: 1306 },
    );
  });

  it('after a refusal the next document is written as before (no state left behind)', () => {
    faultOf(() => xmlCodec.encodeMetaItem({ k: '\u0001' }));
    expect(xmlCodec.encodeMetaItem({ k: 'a&b' })).toBe(
      `<?xml version='1.0' encoding='UTF-8'?>\n<meta xmlns="${NS}" key="k">a&amp;b</meta>`,
    );
  });
});
