import { Fault } from '@openstack-image/faults';
import { LIMITS } from '@openstack-image/schema';
import { shownPointer } from './pointer.ts';

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
