import { Fault } from '@openstack-image/faults';
import { LIMITS } from '@openstack-image/schema';
import { childPointer, shownPointer } from './pointer.ts';

/**
 * Refuses a value nested deeper than `LIMITS.maxDepth` levels in its document (`depth` is the
 * level of `value` itself; the document's top level is 1). Walks with an explicit stack, so a
 * 100 000-deep value costs no call stack, and stops as soon as it passes the limit.
 */
export function assertNestingWithin(value: unknown, depth: number, pointer: string): void {
  if (typeof value !== 'object' || value === null) return;
  const pending: unknown[] = [value];
  const depths: number[] = [depth];
  while (pending.length > 0) {
    const current = pending.pop() as object;
    const level = depths.pop() as number;
    if (level > LIMITS.maxDepth) {
      const where = shownPointer(pointer);
      throw new Fault('badRequest', `The document nests deeper than ${LIMITS.maxDepth} levels at ${where}`, {
        where,
      });
    }
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        pending.push(child);
        depths.push(level + 1);
      }
    }
  }
}

/**
 * Refuses a JSON text that nests deeper than `max` levels before anything parses it: one linear
 * pass that skips strings with `indexOf` and counts brackets, so a document of a million `[` costs
 * a scan, not a million-level tree built by `JSON.parse` and then walked. Only the path to the
 * current position is kept (at most `max` levels), to name the pointer of the refused container.
 * Says nothing about syntax: `JSON.parse` reports that, after.
 */
export function assertTextNestingWithin(text: string, max: number): void {
  // Cheap exit: fewer opening brackets than the limit allows cannot pass it.
  if (text.length <= max) return;
  let depth = 0;
  /** Per open level: the array index, or -1 in an object. */
  const index: number[] = [];
  /** Per open level in an object: where its current member's name starts and ends (quotes included). */
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  let lastStringStart = -1;
  let lastStringEnd = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) return;
        let k = q - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((q - 1 - k) % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      lastStringStart = i;
      lastStringEnd = q + 1;
      i = q + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth >= max) throw tooDeep(text, max, depth, index, keyStart, keyEnd);
      index[depth] = c === 0x5b ? 0 : -1;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x3a) {
      if (depth > 0) {
        keyStart[depth - 1] = lastStringStart;
        keyEnd[depth - 1] = lastStringEnd;
      }
    } else if (c === 0x2c) {
      if (depth > 0 && index[depth - 1]! >= 0) index[depth - 1]!++;
    }
    i++;
  }
}

function tooDeep(
  text: string,
  max: number,
  depth: number,
  index: readonly number[],
  keyStart: readonly number[],
  keyEnd: readonly number[],
): Fault {
  let pointer = '';
  for (let level = 0; level < depth; level++) {
    const position = index[level]!;
    if (position >= 0) pointer = childPointer(pointer, position);
    else {
      pointer = childPointer(pointer, memberName(text.slice(keyStart[level], keyEnd[level])));
    }
  }
  const where = shownPointer(pointer);
  return new Fault('badRequest', `The document nests deeper than ${max} levels at ${where}`, { where });
}

/** A member name from its quoted source text (escapes read as JSON reads them). */
function memberName(quoted: string): string {
  const inner = quoted.slice(1, -1);
  if (!inner.includes('\\')) return inner;
  try {
    const name: unknown = JSON.parse(quoted);
    return typeof name === 'string' ? name : inner;
  } catch {
    return inner;
  }
}
