import { conformancePassed, type VectorResult } from '../result.ts';
import { summarize } from './summary.ts';

/** The whole run as JSON: whether it passed, the counts, the time, and every result. */
export function jsonReport(results: readonly VectorResult[], options: { ms?: number } = {}): string {
  const { rows, total } = summarize(results);
  return `${JSON.stringify(
    {
      passed: conformancePassed(results),
      counts: total.counts,
      groups: Object.fromEntries(rows.map((row) => [row.group, row.counts])),
      ...(options.ms === undefined ? {} : { ms: Math.round(options.ms) }),
      results,
    },
    null,
    2,
  )}\n`;
}
