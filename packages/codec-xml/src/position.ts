import { Fault } from '@openstack-image/faults';

/**
 * Line and column (both from 1) of a UTF-16 offset in a document. Line ends are LF, CRLF or a
 * lone CR, as XML counts them; columns count characters (a surrogate pair is one).
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // The low half of a pair does not start a new character.
    if (c < 0xdc00 || c > 0xdfff || i === lineStart || !isHighSurrogate(text.charCodeAt(i - 1))) column++;
  }
  return { line, column };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * A `badRequest` Fault about the document at `offset`: "<message> at line L, column C", with
 * `where` = `line L, column C`.
 */
export function badRequestAt(text: string, offset: number, message: string): Fault {
  const { line, column } = lineColumn(text, offset);
  const where = `line ${line}, column ${column}`;
  return new Fault('badRequest', `${message} at ${where}`, { where });
}

/** A character as a person reads it in a message: `'x'` for printable ASCII, else `U+XXXX`. */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the document';
  const cp = text.codePointAt(offset) ?? 0;
  if (cp > 0x20 && cp < 0x7f) return `'${String.fromCharCode(cp)}'`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
