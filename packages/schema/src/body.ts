import { Fault } from '@openstack-image/faults';
import type { Body, DecodeOptions } from './codec.ts';
import { LIMITS } from './limits.ts';

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/**
 * Options a decoder cannot work with (`maxBytes: -1`, `NaN`, `'5'`): a programming error of the
 * caller, thrown as this `TypeError` at the call, never turned into a `Fault` about the body.
 */
export class DecodeOptionsError extends TypeError {
  override readonly name = 'DecodeOptionsError';
}

/** The `maxBytes` a decoder enforces for these options; a `DecodeOptionsError` for one it cannot. */
export function maxBytesOf(options: DecodeOptions | undefined): number {
  const max = options?.maxBytes;
  if (max === undefined) return LIMITS.maxBytes;
  // A programming error, not bad input: a silent 1 MiB would hide it.
  if (typeof max !== 'number' || !(Number.isSafeInteger(max) || max === Number.POSITIVE_INFINITY) || max < 0) {
    throw new DecodeOptionsError(
      `maxBytes must be an integer >= 0 (or Infinity), not ${typeof max === 'string' ? JSON.stringify(max) : String(max)}`,
    );
  }
  return max;
}

/**
 * The text of a body, for a decoder: refuses a body larger than `maxBytes` (`overLimit`) before
 * anything reads it, refuses bytes that are not UTF-8 (`badRequest`), drops a byte-order mark.
 */
export function bodyText(body: Body, options?: DecodeOptions): string {
  const max = maxBytesOf(options);
  if (typeof body === 'string') {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: count only when the bound is unclear.
    if (body.length > max || (body.length * 3 > max && utf8Length(body) > max)) throw tooLarge(max);
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  }
  // A tag check, not `instanceof`: a Uint8Array from another realm (an iframe, a vm context) is one too.
  if (!ArrayBuffer.isView(body) || Object.prototype.toString.call(body) !== '[object Uint8Array]') {
    throw new Fault('badRequest', 'The body must be a string or a Uint8Array, at the body', { where: 'body' });
  }
  if (body.byteLength > max) throw tooLarge(max);
  try {
    return utf8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    throw new Fault('badRequest', `The body is not valid UTF-8 (at byte ${at})`, { where: `byte ${at}` });
  }
}

function tooLarge(max: number): Fault {
  return new Fault('overLimit', `The body is larger than the limit of ${max} bytes`);
}

/** Bytes of the UTF-8 encoding of a string (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  // ASCII is one byte a unit: the engine's regex finds the first other unit far faster than a loop.
  const first = text.search(/[^\0-\x7f]/);
  if (first < 0) return text.length;
  let bytes = first;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The offset of the first byte that breaks UTF-8 (one linear pass), for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}
