import type { VectorResult } from '../result.ts';

/**
 * JUnit XML, the form CI systems show: one testsuite per kind and media type, one testcase per
 * vector; failed and stale ones carry a <failure>, skipped ones <skipped>, advisory ones pass with
 * a <system-out> note. Text the vectors hold that XML cannot carry is written as a U+FFFD.
 */
export function junitReport(results: readonly VectorResult[], options: { ms?: number } = {}): string {
  const suites = new Map<string, VectorResult[]>();
  for (const result of results) {
    const name = result.kind === undefined ? 'failure list' : `${result.kind} ${result.mediaType ?? ''}`.trim();
    suites.set(name, [...(suites.get(name) ?? []), result]);
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const failing = (r: VectorResult) => r.status === 'failed' || r.status === 'stale';
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="openstack-image-conformance" tests="${results.length}" failures="${results.filter(failing).length}" skipped="${results.filter((r) => r.status === 'skipped').length}"${options.ms === undefined ? '' : ` time="${seconds(options.ms)}"`}>`,
  ];
  for (const [name, members] of suites) {
    const time = members.reduce((sum, r) => sum + r.ms, 0);
    out.push(
      `  <testsuite name="${esc(name)}" tests="${members.length}" failures="${members.filter(failing).length}" skipped="${members.filter((r) => r.status === 'skipped').length}" time="${seconds(time)}">`,
    );
    for (const r of members) {
      const open = `    <testcase classname="${esc(name.replace(/ /g, '.'))}" name="${esc(r.id)}" time="${seconds(r.ms)}"`;
      if (failing(r)) {
        const kind = r.status === 'stale' ? 'stale failure-list entry' : 'failed';
        out.push(
          `${open}>`,
          `      <failure message="${esc(r.message ?? '')}" type="${kind}">${esc(r.message ?? '')}</failure>`,
          '    </testcase>',
        );
      } else if (r.status === 'skipped') {
        out.push(`${open}>`, `      <skipped message="${esc(r.message ?? '')}"/>`, '    </testcase>');
      } else if (r.status === 'advisory' || r.status === 'expected-failure') {
        out.push(
          `${open}>`,
          `      <system-out>${esc(`${r.status}: ${r.message ?? ''}`)}</system-out>`,
          '    </testcase>',
        );
      } else {
        out.push(`${open}/>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function esc(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
