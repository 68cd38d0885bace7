import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNotXmlChar, NOT_XML_CHAR } from './xml-chars.ts';

/** UTF-16 units of every kind: ASCII, controls, BMP, both halves of surrogate pairs (paired or not), U+FFFE/U+FFFF. */
const unit = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x80, max: 0xffff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0xfffe, 0xffff, 0xfffd, 0xe000, 0xd7ff),
);
const pair = fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));
const text = fc
  .array(
    fc.oneof(
      unit.map((c) => String.fromCharCode(c)),
      pair,
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe("findNotXmlChar (the scan's check of characters, without the Unicode flag)", () => {
  it('finds what the Unicode regular expression finds, at the same offset', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(findNotXmlChar(value)).toBe(NOT_XML_CHAR.exec(value)?.index ?? -1);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it('accepts pairs and refuses lone halves, wherever they are', () => {
    expect(findNotXmlChar('a\u{1F600}b')).toBe(-1);
    expect(findNotXmlChar('ab\uD83D')).toBe(2);
    expect(findNotXmlChar('\uDE00x')).toBe(0);
    expect(findNotXmlChar('\uD83D\uD83D\uDE00')).toBe(0);
    expect(findNotXmlChar('x\u{1F600}\uFFFE')).toBe(3);
  });
});
