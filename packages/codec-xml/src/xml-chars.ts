/*
 * The character classes of XML 1.0 (fifth edition), sections 2.2 and 2.3.
 */

/** A character XML 1.0 cannot carry, even as a character reference (a lone surrogate included). */
export const NOT_XML_CHAR: RegExp = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/*
 * The same test without the Unicode flag, which makes V8 decode the text code point by code point
 * (several times slower): a UTF-16 unit outside the BMP's XML characters, that is a control
 * character, U+FFFE, U+FFFF or a surrogate. Surrogates are then checked in pairs by hand.
 */
const NOT_XML_UNIT = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g;

/**
 * The offset of the first character of `text` XML 1.0 cannot carry (a lone surrogate included),
 * or -1: what `NOT_XML_CHAR` finds, in one pass over UTF-16 units.
 */
export function findNotXmlChar(text: string): number {
  NOT_XML_UNIT.lastIndex = 0;
  for (;;) {
    const found = NOT_XML_UNIT.exec(text);
    if (found === null) return -1;
    const at = found.index;
    const c = text.charCodeAt(at);
    if (c < 0xd800 || c > 0xdbff) return at;
    const low = text.charCodeAt(at + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return at;
    NOT_XML_UNIT.lastIndex = at + 2;
  }
}

/** True for a code point that is an XML 1.0 `Char`. */
export function isXmlChar(cp: number): boolean {
  return cp >= 0x20
    ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
    : cp === 0x09 || cp === 0x0a || cp === 0x0d;
}

/** True for XML's four whitespace characters (not JavaScript's `\s`, which has many more). */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const NAME_START = 1;
const NAME = 2;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = c === 0x3a || c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const other = c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
  ASCII[c] = start ? NAME_START | NAME : other ? NAME : 0;
}

/**
 * The classes of an ASCII character for names: `NAME_START | NAME` for a name-start character,
 * `NAME` for one that may only follow, 0 for neither (or anything that is not ASCII: `NaN`, 128+).
 */
export function asciiNameClass(c: number): number {
  return ASCII[c] ?? 0;
}

/** The classes `asciiNameClass` answers. */
export const ASCII_NAME_START: number = NAME_START;
export const ASCII_NAME: number = NAME;

/** `NameStartChar` for a code point. */
export function isNameStartChar(cp: number): boolean {
  if (cp < 0x80) return (ASCII[cp]! & NAME_START) !== 0;
  return (
    (cp >= 0xc0 && cp <= 0xd6) ||
    (cp >= 0xd8 && cp <= 0xf6) ||
    (cp >= 0xf8 && cp <= 0x2ff) ||
    (cp >= 0x370 && cp <= 0x37d) ||
    (cp >= 0x37f && cp <= 0x1fff) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0x2070 && cp <= 0x218f) ||
    (cp >= 0x2c00 && cp <= 0x2fef) ||
    (cp >= 0x3001 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfdcf) ||
    (cp >= 0xfdf0 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0xeffff)
  );
}

/** `NameChar` for a code point. */
export function isNameChar(cp: number): boolean {
  if (cp < 0x80) return ASCII[cp]! !== 0;
  return isNameStartChar(cp) || cp === 0xb7 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x203f || cp === 0x2040;
}
