import type { Level } from './manifest.ts';

/**
 * - `passed`, `failed`: as run.
 * - `expected-failure`: failed, and the failure list names it.
 * - `stale`: the failure list names it but it passed, or the failure list names an id no vector has.
 * - `advisory`: a `recommended` vector failed in a run that counts `required` ones only.
 * - `skipped`: not run: filtered out, or no codec given for its media type.
 */
export type ResultStatus = 'passed' | 'failed' | 'expected-failure' | 'stale' | 'advisory' | 'skipped';

export interface VectorResult {
  readonly id: string;
  readonly status: ResultStatus;
  /** What went wrong (or, for `skipped`, why it did not run). */
  readonly message?: string;
  readonly kind?: string;
  readonly mediaType?: string;
  readonly operation?: string;
  readonly level?: Level;
  readonly tags?: readonly string[];
  /** Milliseconds the vector took. */
  readonly ms: number;
}

/** True when a run passes: nothing failed that counts, and the failure list is not stale. */
export function conformancePassed(results: readonly VectorResult[]): boolean {
  return results.every((result) => result.status !== 'failed' && result.status !== 'stale');
}

/** How many results have each status. */
export function countByStatus(results: readonly VectorResult[]): Record<ResultStatus, number> {
  const counts: Record<ResultStatus, number> = {
    passed: 0,
    failed: 0,
    'expected-failure': 0,
    stale: 0,
    advisory: 0,
    skipped: 0,
  };
  for (const result of results) counts[result.status]++;
  return counts;
}
