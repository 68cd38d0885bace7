/**
 * Where two plain data values (what JSON can hold) differ, as a JSON pointer and a few words, or
 * undefined when they are equal: objects by their own keys, key order aside (a key with the value
 * `undefined` is a key all the same); arrays by position; numbers by value.
 */
export function valueDifference(actual: unknown, expected: unknown, pointer = ''): string | undefined {
  if (Object.is(actual, expected) || (typeof actual === 'number' && actual === expected)) return undefined;
  const here = pointer === '' ? '(the root)' : pointer;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${here}: expected an array, got ${describe(actual)}`;
    if (actual.length !== expected.length) {
      return `${here}: expected ${expected.length} elements, got ${actual.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const difference = valueDifference(actual[i], expected[i], `${pointer}/${i}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual) || Array.isArray(actual)) return `${here}: expected an object, got ${describe(actual)}`;
    const expectedKeys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    const extra = actualKeys.filter((key) => !Object.hasOwn(expected, key));
    if (extra.length > 0) return `${here}: unexpected member ${JSON.stringify(extra[0])}`;
    for (const key of expectedKeys) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!Object.hasOwn(actual, key)) return `${at}: missing`;
      const difference = valueDifference(actual[key], expected[key], at);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return `${here}: expected ${describe(expected)}, got ${describe(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
