import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { faultOf } from './test-fault-of.ts';

/*
 * The scan reads ASCII names in one loop and anything else the general way: both must agree with
 * what Namespaces in XML says of a qualified name, and duplicate attributes must be found however
 * the names are spelled (the scan skips most comparisons with a bit per length and last character).
 */
const NAME_START = /[A-Za-z_\u00e9\u4e00]/;
const NAME_CHAR = /[A-Za-z_\u00e9\u4e00.\-0-9]/;

/** A qualified name by the rules, as a reference: at most one colon, a name on each side. */
function isQName(name: string): boolean {
  const parts = name.split(':');
  if (parts.length > 2) return false;
  return parts.every(
    (part) => part.length > 0 && NAME_START.test(part[0]!) && [...part].every((c) => NAME_CHAR.test(c)),
  );
}

const nameChar = fc.constantFrom('a', 'b', 'Z', '_', ':', '-', '.', '1', '\u00e9', '\u4e00');
const name = fc.array(nameChar, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
const RUNS = { numRuns: 1500, seed: 1307 } as const;

describe('names as the scan reads them', () => {
  it('an element name is read when it is a qualified name and refused when it is not', () => {
    fc.assert(
      fc.property(name, (element) => {
        // Any prefix used is declared, so that only the name's shape decides.
        const colon = element.indexOf(':');
        const prefix = colon > 0 ? element.slice(0, colon) : '';
        const declared = isQName(element) && prefix !== '' ? ` xmlns:${prefix}="urn:x"` : '';
        const body = `<metadata xmlns="${NS.compute}"${declared}><${element}/><meta key="k">v</meta></metadata>`;
        if (isQName(element) && !element.startsWith('xml')) {
          expect(xmlCodec.decodeMetadata(body)).toEqual({ k: 'v' });
        } else if (!isQName(element)) {
          expect(faultOf(() => xmlCodec.decodeMetadata(body)).name).toBe('badRequest');
        }
      }),
      RUNS,
    );
  });

  it('a repeated attribute is refused, and only a repeated one, among many or few', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'ab', 'ba', 'é'), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 24,
        }),
        (parts) => {
          const names = parts.map((p) => `x${p.join('')}`);
          const attributes = names.map((n, i) => ` ${n}="${i}"`).join('');
          const body = `<metadata xmlns="${NS.compute}"${attributes}><meta key="k">v</meta></metadata>`;
          const repeated = names.find((n, i) => names.indexOf(n) !== i);
          if (repeated === undefined) expect(xmlCodec.decodeMetadata(body)).toEqual({ k: 'v' });
          else expect(faultOf(() => xmlCodec.decodeMetadata(body)).message).toMatch(/^Duplicate attribute /);
        },
      ),
      RUNS,
    );
  });
});
