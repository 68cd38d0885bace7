import type { VectorResult } from '../result.ts';
import { conformancePassed } from '../result.ts';
import { STATUSES, summarize } from './summary.ts';

const PAINT = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;

/** A summary table by kind and media type, then every failure and stale entry with its reason. */
export function textReport(results: readonly VectorResult[], options: { colour?: boolean; ms?: number } = {}): string {
  const paint = (colour: keyof typeof PAINT, text: string) =>
    options.colour ? `${PAINT[colour]}${text}${PAINT.reset}` : text;
  const { rows, total } = summarize(results);
  const header = ['', ...STATUSES];
  const table = [...rows, total].map((row) => [row.group, ...STATUSES.map((status) => String(row.counts[status]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((line) => line[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [line(header), ...table.slice(0, -1).map(line), '-'.repeat(line(header).length), line(table.at(-1)!)];
  const problems = results.filter((r) => r.status === 'failed' || r.status === 'stale');
  const advisories = results.filter((r) => r.status === 'advisory');
  if (problems.length > 0) {
    out.push('', paint('red', 'Failures:'));
    for (const r of problems)
      out.push(`  ${paint('red', r.status === 'stale' ? 'STALE' : 'FAIL ')} ${r.id}: ${oneLine(r.message)}`);
  }
  if (advisories.length > 0) {
    out.push('', paint('yellow', 'Recommended, failing (--strict counts them):'));
    for (const r of advisories) out.push(`  ${paint('yellow', 'WARN ')} ${r.id}: ${oneLine(r.message)}`);
  }
  const passed = conformancePassed(results);
  const time = options.ms === undefined ? '' : ` in ${(options.ms / 1000).toFixed(2)} s`;
  out.push(
    '',
    passed
      ? paint('green', `PASS: ${total.counts.passed} passed${time}`)
      : paint('red', `FAIL: ${total.counts.failed} failed, ${total.counts.stale} stale${time}`),
  );
  return `${out.join('\n')}\n`;
}

function oneLine(message: string | undefined): string {
  const text = JSON.stringify(message ?? '').slice(1, -1);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
