import { type Fault, isFault } from '@openstack-image/faults';

/** The Fault `run` throws; fails the test if it throws anything else or nothing. */
export function faultOf(run: () => unknown): Fault {
  try {
    run();
  } catch (error) {
    if (isFault(error)) return error;
    throw new Error(`expected a Fault, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a Fault, but nothing was thrown');
}

/** The Fault `run` throws as a plain record, for `toEqual` / `toMatchObject`. */
export function faultSummary(run: () => unknown): { name: string; code: number; message: string; where?: string } {
  const fault = faultOf(run);
  return fault.where === undefined
    ? { name: fault.name, code: fault.code, message: fault.message }
    : { name: fault.name, code: fault.code, message: fault.message, where: fault.where };
}

type Path = readonly (string | number)[];

/** Every place in a JSON-like tree, as a path from the root (the root itself is `[]`). */
export function pathsOf(value: unknown): Path[] {
  const out: Path[] = [];
  const pending: [unknown, Path][] = [[value, []]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    out.push(path);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) pending.push([node[i], [...path, i]]);
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) pending.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return out;
}

export type Mutation = 'replace' | 'delete' | 'add';

/**
 * A copy of `value` changed at one place: that value replaced by `replacement`, that member (or
 * element) deleted, or a member `extraKey` (or an element) added there. The copy shares nothing
 * changed with `value`; own `__proto__` keys stay own keys (spread copies data properties).
 */
export function mutate(
  value: unknown,
  path: Path,
  mutation: Mutation,
  replacement: unknown,
  extraKey: string,
): unknown {
  const at = (node: unknown, depth: number): unknown => {
    if (depth === path.length) {
      if (mutation === 'replace') return replacement;
      if (mutation === 'add') {
        if (Array.isArray(node)) return [...node, replacement];
        if (typeof node === 'object' && node !== null) return withMember({ ...node }, extraKey, replacement);
        return replacement;
      }
      return node;
    }
    const key = path[depth]!;
    if (mutation === 'delete' && depth === path.length - 1) {
      if (Array.isArray(node)) return node.filter((_, i) => i !== key);
      const copy: Record<string, unknown> = { ...(node as object) };
      delete copy[key as string];
      return copy;
    }
    if (Array.isArray(node)) return node.map((child, i) => (i === key ? at(child, depth + 1) : child));
    const copy: Record<string, unknown> = { ...(node as object) };
    return withMember(copy, key as string, at(copy[key as string], depth + 1));
  };
  return at(value, 0);
}

function withMember(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return target;
}
