import { Fault } from '@openstack-image/faults';
import { NS, PREFIX } from './namespaces.ts';

/** The declaration Nova wrote before every body. */
export const DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n";

/** The namespace declarations of a root element: compute as the default, atom, and extensions in use. */
export function namespaceDeclarations(atom: boolean, imageSize: boolean, diskConfig: boolean): string {
  return DECLARATIONS[(atom ? 4 : 0) + (imageSize ? 2 : 0) + (diskConfig ? 1 : 0)]!;
}

function declarationsOf(atom: boolean, imageSize: boolean, diskConfig: boolean): string {
  let out = ` xmlns="${NS.compute}"`;
  if (atom) out += ` xmlns:${PREFIX.atom}="${NS.atom}"`;
  if (imageSize) out += ` xmlns:${PREFIX.imageSize}="${NS.imageSize}"`;
  if (diskConfig) out += ` xmlns:${PREFIX.diskConfig}="${NS.diskConfig}"`;
  return out;
}

/** The eight combinations, written once. */
const DECLARATIONS: readonly string[] = Array.from({ length: 8 }, (_, i) =>
  declarationsOf((i & 4) !== 0, (i & 2) !== 0, (i & 1) !== 0),
);

/*
 * Anything that needs a reference, or that XML 1.0 may not carry: without the Unicode flag (which
 * makes V8 decode every value code point by code point, several times slower), so a surrogate
 * sends the value to `escapeSpecial`, which lets pairs through and refuses lone halves.
 */
const ATTRIBUTE_SPECIAL = /[&<>"\x00-\x1f\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_SPECIAL = /[&<>"\x00-\x08\x0b\x0c\x0d-\x1f\uD800-\uDFFF\uFFFE\uFFFF]/;

/*
 * Where a value is, for the Fault about a character XML cannot carry, is worked out only when
 * there is one: the writers run first without it (`locating` false: no pointer or label is built,
 * `at` and `label` answer ''), and an encoder that meets such a character runs its writer again
 * with it (`written`), which then throws the Fault naming the field.
 */
let locating = false;

/** Thrown by a writer that met a character XML cannot carry while not locating. */
const UNWRITABLE: unique symbol = Symbol('unwritable');

/** `base/field` (a JSON pointer) while locating; '' otherwise. */
export function at(base: string, field: string | number): string {
  return locating ? `${base}/${field}` : '';
}

/** The label of a metadata value in a Fault (`the value of "k"`) while locating; '' otherwise. */
export function valueLabel(key: string): string {
  return locating ? `the value of ${JSON.stringify(key)}` : '';
}

/**
 * What `write` returns; when it meets a character XML 1.0 cannot carry, the `badRequest` Fault
 * naming where it is (found by running `write` again, locating).
 */
export function written(write: () => string): string {
  try {
    return write();
  } catch (error) {
    if (error !== UNWRITABLE) throw error;
  }
  locating = true;
  try {
    write();
  } finally {
    locating = false;
  }
  throw new Error('the writer met an unwritable character once, and not again');
}

/**
 * ` name="value"`, escaped for an attribute: `& < > "` as entities, and tab, newline and carriage
 * return as character references, which survive attribute-value normalisation. `base` and
 * `field` name the value in a Fault (`/image` and `name` -> `/image/name`) when it holds a
 * character XML 1.0 cannot carry.
 */
export function attribute(name: string, value: string, base: string, field: string, label: string = field): string {
  return ` ${name}="${ATTRIBUTE_SPECIAL.test(value) ? escapeSpecial(value, true, base, field, label) : value}"`;
}

/**
 * An attribute's value, escaped as `attribute` escapes it (for writers that spell out
 * ` name="..."` themselves, in one template).
 */
export function attributeValue(value: string, base: string, field: string, label: string = field): string {
  return ATTRIBUTE_SPECIAL.test(value) ? escapeSpecial(value, true, base, field, label) : value;
}

/** Escaped element content: `& < > "` as entities, carriage return as `&#13;`; tab and newline as they are. */
export function text(value: string, base: string, field: string, label: string = field): string {
  return TEXT_SPECIAL.test(value) ? escapeSpecial(value, false, base, field, label) : value;
}

function escapeSpecial(value: string, inAttribute: boolean, base: string, field: string, label: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let replacement: string;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x22) replacement = '&quot;';
    else if (c === 0x0d) replacement = '&#13;';
    else if (c === 0x09 || c === 0x0a) {
      if (!inAttribute) continue;
      replacement = c === 0x09 ? '&#9;' : '&#10;';
    } else if (c < 0x20 || c === 0xfffe || c === 0xffff) throw unwritable(value, i, base, field, label);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) throw unwritable(value, i, base, field, label);
      i++;
      continue;
    } else continue;
    out += value.slice(last, i) + replacement;
    last = i + 1;
  }
  return out + value.slice(last);
}

function unwritable(value: string, offset: number, base: string, field: string, label: string): unknown {
  if (!locating) return UNWRITABLE;
  const where = `${base}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const code = value.charCodeAt(offset).toString(16).toUpperCase().padStart(4, '0');
  return new Fault('badRequest', `${label} holds U+${code}, a character XML 1.0 cannot carry, at ${where}`, {
    where,
  });
}
