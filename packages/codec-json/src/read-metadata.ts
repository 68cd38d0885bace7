import { Fault } from '@openstack-image/faults';
import { isMetaKeyLength } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { isJsonObject, type JsonObject } from './parse-json.ts';
import { childPointer } from './pointer.ts';

/**
 * Reads a metadata object of a document in place, and says whether it is then valid canonical
 * `Metadata` (the schema's answer, in one pass). A value that is not a string (real clouds send
 * numbers, arrays of objects, null) is kept as its JSON text, written again from the parsed value
 * (`JSON.stringify`): `[{"a": 1}]` becomes `'[{"a":1}]'`, `null` becomes `'null'`, a number is the
 * nearest double in its shortest form (`1.0` is `'1'`, `12345678901234567890` is
 * `'12345678901234567000'`), and a number no double holds (`1e400`) is refused, not kept as `null`; with `strict` it is left as it is, for the schema check to refuse it
 * with its pointer. Prototype keys stay own data properties: `JSON.parse` made them so, and a
 * value is replaced only through its own property. `depth` is the object's level in the document.
 */
export function readMetadata(metadata: unknown, pointer: string, depth: number, strict: boolean): boolean {
  if (!isJsonObject(metadata)) return false;
  let ok = true;
  const keys = Object.keys(metadata);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isMetaKeyLength(key)) ok = false;
    const value = metadata[key];
    if (typeof value === 'string') continue;
    if (strict) ok = false;
    else {
      assertNestingWithin(value, depth + 1, childPointer(pointer, key));
      setOwn(metadata, key, jsonTextOf(value, childPointer(pointer, key)));
    }
  }
  return ok;
}

/** Sets an own data property, also for a key such as `__proto__` that assignment would treat apart. */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else target[key] = value;
}

/** The JSON text of a parsed value; a number that overflowed to Infinity is refused, naming where. */
function jsonTextOf(value: unknown, pointer: string): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'number' && !Number.isFinite(inner)) {
      throw new Fault('badRequest', `A number in this metadata value is too large to keep at ${pointer}`, {
        where: pointer,
      });
    }
    return inner;
  });
}
