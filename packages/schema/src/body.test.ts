import { runInNewContext } from 'node:vm';
import { type Fault, isFault } from '@openstack-image/faults';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  characterCount,
  isMetaKeyLength,
  isMetaValueLength,
  LIMITS,
  maxBytesOf,
  utf8Length,
} from './index.ts';

const encoder = new TextEncoder();

function faultOf(run: () => unknown): Fault {
  try {
    run();
  } catch (error) {
    if (isFault(error)) return error;
    throw error;
  }
  throw new Error('expected a Fault');
}

describe('bodyText', () => {
  it('reads strings and UTF-8 bytes to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(bodyText(encoder.encode(text))).toBe(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('drops a byte-order mark, in text and in bytes', () => {
    expect(bodyText('\ufeff{"a":1}')).toBe('{"a":1}');
    expect(bodyText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });

  it('refuses bytes that are not UTF-8 with a badRequest naming the byte', () => {
    const cases: Array<[number[], number]> = [
      [[0x7b, 0xff, 0x7d], 1],
      [[0x61, 0x62, 0xc3], 2], // truncated sequence
      [[0xc0, 0xaf], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // an encoded surrogate
      [[0x61, 0xf5, 0x80, 0x80, 0x80], 1], // past U+10FFFF
    ];
    for (const [bytes, at] of cases) {
      const fault = faultOf(() => bodyText(new Uint8Array(bytes)));
      expect(fault.name).toBe('badRequest');
      expect(fault.message).toBe(`The body is not valid UTF-8 (at byte ${at})`);
    }
  });

  it('refuses a body over maxBytes with overLimit before reading it', () => {
    expect(faultOf(() => bodyText('x'.repeat(11), { maxBytes: 10 })).name).toBe('overLimit');
    expect(faultOf(() => bodyText(new Uint8Array(11), { maxBytes: 10 })).name).toBe('overLimit');
    // Three bytes a character: 4 characters are 12 bytes.
    expect(faultOf(() => bodyText('€€€€', { maxBytes: 10 })).code).toBe(413);
    expect(bodyText('€€€', { maxBytes: 9 })).toBe('€€€');
    expect(bodyText('x'.repeat(10), { maxBytes: 10 })).toHaveLength(10);
  });

  it('defaults maxBytes to 1 MiB', () => {
    expect(maxBytesOf(undefined)).toBe(LIMITS.maxBytes);
    expect(LIMITS.maxBytes).toBe(1048576);
    expect(faultOf(() => bodyText(new Uint8Array(LIMITS.maxBytes + 1))).name).toBe('overLimit');
  });

  it('reads a Uint8Array made in another realm', () => {
    const foreign = runInNewContext('new Uint8Array([0x7b, 0x7d])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(bodyText(foreign)).toBe('{}');
  });

  it('reads only the bytes of a view, not the buffer around it', () => {
    const buffer = new Uint8Array([0xff, 0x7b, 0x7d, 0xff]);
    expect(bodyText(buffer.subarray(1, 3))).toBe('{}');
  });

  it('refuses a body that is neither text nor bytes', () => {
    expect(faultOf(() => bodyText(new Uint16Array(2) as never)).name).toBe('badRequest');
    expect(faultOf(() => bodyText(new DataView(new ArrayBuffer(2)) as never)).name).toBe('badRequest');
    expect(faultOf(() => bodyText(42 as never)).name).toBe('badRequest');
    expect(faultOf(() => bodyText(null as never)).name).toBe('badRequest');
  });
});

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).byteLength);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe('characterCount and the metadata limits', () => {
  it('counts code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(characterCount(text)).toBe([...text].length);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it('holds keys to 1..255 characters and values to 255', () => {
    const emoji = '\u{1F600}';
    expect(isMetaKeyLength('')).toBe(false);
    expect(isMetaKeyLength(emoji.repeat(255))).toBe(true);
    expect(isMetaKeyLength(emoji.repeat(256))).toBe(false);
    expect(isMetaValueLength('')).toBe(true);
    expect(isMetaValueLength('v'.repeat(255))).toBe(true);
    expect(isMetaValueLength(`${emoji.repeat(255)}`)).toBe(true);
    expect(isMetaValueLength('v'.repeat(256))).toBe(false);
  });
});
