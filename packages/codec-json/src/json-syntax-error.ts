/** Where a JSON text first breaks the grammar, and what is wrong there. */
export interface JsonSyntaxError {
  /** Offset in UTF-16 code units. */
  readonly offset: number;
  /** 1-based line and column (the column counts UTF-16 code units). */
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

const OBJECT = 1;
const ARRAY = 2;

/**
 * Finds the first syntax error of a JSON text (RFC 8259) in one pass without recursion, so that
 * any nesting depth is safe. Used only once `JSON.parse` has refused a text, to report a line and
 * a column the same way on every engine. Returns undefined for a text that is valid JSON. With
 * `maxDepth`, an object or array opened deeper than that many levels is an error too (the top
 * level is 1): what an engine whose parser recurses refuses with a `RangeError`.
 */
export function locateJsonSyntaxError(
  text: string,
  maxDepth: number = Number.POSITIVE_INFINITY,
): JsonSyntaxError | undefined {
  const stack: number[] = [];
  const end = text.length;
  let i = skipSpace(text, 0);
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      if (i >= end) return at(text, i, 'unexpected end of the body');
      const c = text.charCodeAt(i);
      if ((c === 0x7b || c === 0x5b) && stack.length >= maxDepth) {
        return at(text, i, `nesting deeper than ${maxDepth} levels`);
      }
      if (c === 0x7b /* { */) {
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) === 0x7d /* } */) {
          i++;
          expectValue = false;
        } else {
          stack.push(OBJECT);
          const after = memberName(text, i);
          if (typeof after !== 'number') return after;
          i = after;
        }
        continue;
      }
      if (c === 0x5b /* [ */) {
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) === 0x5d /* ] */) {
          i++;
          expectValue = false;
        } else stack.push(ARRAY);
        continue;
      }
      const after =
        c === 0x22
          ? stringEnd(text, i)
          : c === 0x2d || (c >= 0x30 && c <= 0x39)
            ? numberEnd(text, i)
            : literalEnd(text, i);
      if (typeof after !== 'number') return after;
      i = after;
      expectValue = false;
      continue;
    }
    i = skipSpace(text, i);
    const top = stack[stack.length - 1];
    if (top === undefined)
      return i >= end ? undefined : at(text, i, `unexpected ${shown(text, i)} after the JSON value`);
    if (i >= end) return at(text, i, 'unexpected end of the body');
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */) {
      i = skipSpace(text, i + 1);
      if (top === OBJECT) {
        const after = memberName(text, i);
        if (typeof after !== 'number') return after;
        i = after;
      }
      expectValue = true;
    } else if ((top === OBJECT && c === 0x7d) || (top === ARRAY && c === 0x5d)) {
      stack.pop();
      i++;
    } else {
      return at(text, i, `unexpected ${shown(text, i)}, expected "," or "${top === OBJECT ? '}' : ']'}"`);
    }
  }
}

/** Reads `"name" :` and the space after it; returns the offset of the member's value. */
function memberName(text: string, from: number): number | JsonSyntaxError {
  if (text.charCodeAt(from) !== 0x22) {
    return at(
      text,
      from,
      from >= text.length ? 'unexpected end of the body' : `unexpected ${shown(text, from)}, expected a member name`,
    );
  }
  const after = stringEnd(text, from);
  if (typeof after !== 'number') return after;
  const colon = skipSpace(text, after);
  if (text.charCodeAt(colon) !== 0x3a /* : */) {
    return at(
      text,
      colon,
      colon >= text.length ? 'unexpected end of the body' : `unexpected ${shown(text, colon)}, expected ":"`,
    );
  }
  return skipSpace(text, colon + 1);
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function stringEnd(text: string, from: number): number | JsonSyntaxError {
  let i = from + 1;
  for (;;) {
    if (i >= text.length) return at(text, from, 'a string that is never closed');
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return at(text, i, `a control character (${codePoint(c)}) inside a string`);
    if (c === 0x5c /* \ */) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at(text, i, 'an invalid \\u escape');
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) return at(text, i, 'an invalid escape');
      i += 2;
      continue;
    }
    i++;
  }
}

function numberEnd(text: string, from: number): number | JsonSyntaxError {
  const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  match.lastIndex = from;
  if (!match.test(text)) return at(text, from, `unexpected ${shown(text, from)}, expected a number`);
  return match.lastIndex;
}

function literalEnd(text: string, from: number): number | JsonSyntaxError {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, from)) return from + literal.length;
  }
  return at(text, from, `unexpected ${shown(text, from)}`);
}

/** Ranges of characters a reader cannot see in a message (spaces, joiners, marks, a byte-order mark). */
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x7f, 0xa0],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x206f],
  [0x3000, 0x3000],
  [0x3164, 0x3164],
  [0xd800, 0xdfff], // a lone surrogate, which `codePointAt` gives back as it is
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

function isInvisible(point: number): boolean {
  if (point < 0x20) return true;
  for (const [from, to] of INVISIBLE) if (point >= from && point <= to) return true;
  return false;
}

function shown(text: string, offset: number): string {
  const point = text.codePointAt(offset);
  if (point === undefined) return 'end of the body';
  return isInvisible(point) ? codePoint(point) : JSON.stringify(String.fromCodePoint(point));
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

function at(text: string, offset: number, problem: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1, problem };
}
