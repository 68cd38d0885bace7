import { isFault } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';
import { decodeKind, encodeKind } from './codec-calls.ts';
import type { LoadedVector } from './manifest.ts';
import { compareDocuments } from './same-meaning.ts';
import { valueDifference } from './value-difference.ts';

/** Why a vector failed, or undefined when it passed. Never throws: a codec's exception is a failure. */
export function checkVector(vector: LoadedVector, codecs: ReadonlyMap<string, Codec>): string | undefined {
  const codec = codecs.get(vector.mediaType)!;
  try {
    switch (vector.operation) {
      case 'decode':
        return expectValue(decodeKind(codec, vector.kind, vector.body!, vector.options), vector.value);
      case 'encode':
        return expectDocument(vector.mediaType, encodeKind(codec, vector.kind, vector.value), vector.body!);
      case 'refuse':
        return checkRefusal(vector, codec);
      case 'round-trip':
        return checkRoundTrip(vector, codec);
      case 'cross-format':
        return checkPair(vector, codec, codecs.get(vector.pair!.mediaType)!);
    }
  } catch (error) {
    return `threw ${describeError(error)}`;
  }
}

function expectValue(actual: unknown, expected: unknown): string | undefined {
  const difference = valueDifference(actual, expected);
  return difference === undefined ? undefined : `decoded to another value: ${difference}`;
}

function expectDocument(mediaType: string, actual: string, expected: Uint8Array): string | undefined {
  if (typeof actual !== 'string') return `the encoder returned ${typeof actual}, not a string`;
  const comparison = compareDocuments(mediaType, actual, new TextDecoder().decode(expected));
  return comparison.equal ? undefined : `encoded to a document of another meaning: ${comparison.difference}`;
}

function checkRefusal(vector: LoadedVector, codec: Codec): string | undefined {
  const expected = vector.fault!;
  const what = vector.body === undefined ? 'encoded' : 'decoded';
  try {
    if (vector.body === undefined) encodeKind(codec, vector.kind, vector.value);
    else decodeKind(codec, vector.kind, vector.body, vector.options);
  } catch (error) {
    if (!isFault(error)) return `threw ${describeError(error)}, not the Fault ${expected.name}`;
    if (error.name !== expected.name) return `refused with ${describeError(error)}, not ${expected.name}`;
    if (expected.where === undefined) return undefined;
    const where = (error as { where?: unknown }).where;
    if (where === expected.where) return undefined;
    if (where === undefined && error.message.includes(expected.where)) return undefined;
    return `refused with ${error.name} at ${String(where ?? '(no where)')}, not at ${expected.where}: ${error.message}`;
  }
  return `${what} instead of refusing with ${expected.name}`;
}

function checkRoundTrip(vector: LoadedVector, codec: Codec): string | undefined {
  const first = decodeKind(codec, vector.kind, vector.body!, vector.options);
  const encoded = encodeKind(codec, vector.kind, first);
  const second = decodeKind(codec, vector.kind, encoded);
  const difference = valueDifference(second, first);
  if (difference !== undefined) return `decode(encode(v)) is not v: ${difference}`;
  const again = encodeKind(codec, vector.kind, second);
  if (again !== encoded) return 'encode(decode(encode(v))) is not encode(v): encoding is not stable';
  return undefined;
}

function checkPair(vector: LoadedVector, codec: Codec, pairCodec: Codec): string | undefined {
  let left = decodeKind(codec, vector.kind, vector.body!, vector.options);
  let right = decodeKind(pairCodec, vector.kind, vector.pairBody!, vector.options);
  const exception = vector.exception;
  if (exception !== undefined) {
    // Copies to resolve the exception in (decoders may hand out frozen values); JSON keeps own `__proto__` keys.
    [left, right] = [JSON.parse(JSON.stringify(left)), JSON.parse(JSON.stringify(right))];
    for (const { pointer, values } of exception.differences) {
      for (const [side, value, mediaType] of [
        [left, values[vector.mediaType], vector.mediaType],
        [right, values[vector.pair!.mediaType], vector.pair!.mediaType],
      ] as const) {
        const found = at(side, pointer);
        if (valueDifference(found.value, value) !== undefined || !found.exists) {
          return `the exception ${exception.name}: expected ${JSON.stringify(value)} at ${pointer} in ${mediaType}, got ${found.exists ? JSON.stringify(found.value) : 'nothing'}`;
        }
        found.set(`(${exception.name})`);
      }
    }
  }
  const difference = valueDifference(right, left);
  return difference === undefined
    ? undefined
    : `${vector.pair!.mediaType} decodes to another value than ${vector.mediaType}: ${difference}`;
}

/** The value at a JSON pointer of a decoded value, and a setter for it (the decoded copy is ours). */
function at(root: unknown, pointer: string): { exists: boolean; value: unknown; set(value: unknown): void } {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown;
  let node: unknown = root;
  let last = '';
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) {
      return { exists: false, value: undefined, set() {} };
    }
    parent = node;
    last = key;
    node = (node as Record<string, unknown>)[key];
  }
  return {
    exists: true,
    value: node,
    set(value) {
      if (parent !== undefined) (parent as Record<string, unknown>)[last] = value;
    },
  };
}

function describeError(error: unknown): string {
  if (isFault(error)) return `the Fault ${error.name} (${error.message})`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
