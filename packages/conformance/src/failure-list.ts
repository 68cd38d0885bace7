import { Fault } from '@openstack-image/faults';
import type { VectorResult } from './result.ts';

/**
 * Reads a failure list: one vector id a line, `#` starts a comment, blank lines and surrounding
 * spaces are ignored (protobuf-es's `failing_tests.txt` form). An id listed twice is a mistake.
 */
export function parseFailureList(text: string): string[] {
  const ids: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const id = line.replace(/#.*$/, '').trim();
    if (id === '') return;
    if (/\s/.test(id)) {
      throw new Fault('badRequest', `failure list line ${index + 1}: one id a line, got ${JSON.stringify(id)}`);
    }
    if (ids.includes(id)) throw new Fault('badRequest', `failure list line ${index + 1}: ${id} is listed twice`);
    ids.push(id);
  });
  return ids;
}

/**
 * Applies a failure list to results run for every known id (`known`): a listed failure becomes
 * `expected-failure`, a listed pass `stale`, and a listed id that names no vector a `stale` result of its own.
 */
export function applyFailureList(
  results: readonly VectorResult[],
  failureList: readonly string[],
  known: ReadonlySet<string>,
): VectorResult[] {
  const listed = new Set(failureList);
  const out = results.map((result): VectorResult => {
    if (!listed.has(result.id)) return result;
    if (result.status === 'failed' || result.status === 'advisory') {
      return { ...result, status: 'expected-failure' };
    }
    if (result.status === 'passed') {
      return {
        ...result,
        status: 'stale',
        message: 'listed as failing, but it passes: remove it from the failure list',
      };
    }
    return result;
  });
  for (const id of listed) {
    if (!known.has(id)) {
      out.push({ id, status: 'stale', message: 'listed as failing, but no vector has this id', ms: 0 });
    }
  }
  return out;
}
