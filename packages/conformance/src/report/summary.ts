import type { ResultStatus, VectorResult } from '../result.ts';

export const STATUSES: readonly ResultStatus[] = [
  'passed',
  'failed',
  'expected-failure',
  'stale',
  'advisory',
  'skipped',
];

export interface SummaryRow {
  readonly group: string;
  readonly counts: Record<ResultStatus, number>;
}

const zero = (): Record<ResultStatus, number> => ({
  passed: 0,
  failed: 0,
  'expected-failure': 0,
  stale: 0,
  advisory: 0,
  skipped: 0,
});

/** Counts by `kind mediaType` group (failure-list ids that name nothing under `failure list`), and a total. */
export function summarize(results: readonly VectorResult[]): { rows: SummaryRow[]; total: SummaryRow } {
  const groups = new Map<string, Record<ResultStatus, number>>();
  const total = zero();
  for (const result of results) {
    const group = result.kind === undefined ? 'failure list' : `${result.kind} ${result.mediaType ?? ''}`.trim();
    const counts = groups.get(group) ?? zero();
    groups.set(group, counts);
    counts[result.status]++;
    total[result.status]++;
  }
  return { rows: [...groups].map(([group, counts]) => ({ group, counts })), total: { group: 'total', counts: total } };
}
