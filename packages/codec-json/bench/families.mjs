// Complexity families: hostile documents of one shape at growing sizes, decoded by the built
// package. Reports time(8n)/time(n) per step (target <= 10: cost per byte flat from 1 KiB to
// maxBytes). Bounded: best of 5 decodes per size. Set BENCH_STRICT=1 to exit 1 on a miss.
import { performance } from 'node:perf_hooks';

const { jsonCodec } = await import('../dist/index.js').catch((error) => {
  console.error(`The built package was not found (${error.message}): run \`npm run build\` first.`);
  process.exit(1);
});
const fill = (unit, n) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));
const families = {
  'one big string value': (n) => `{"metadata": {"k": "${'a'.repeat(n)}"}}`,
  'escapes in a string': (n) => `{"metadata": {"k": "${fill('\\u0041', n)}"}}`,
  'whitespace between members': (n) => `{"metadata": ${' '.repeat(n)}{"k": "v"}}`,
  'many members': (n) => {
    let s = '';
    for (let i = 0; s.length < n; i++) s += `"k${i}": "v", `;
    return `{"metadata": {${s}"z": "v"}}`;
  },
  'deep nesting (arrays)': (n) => `{"metadata": {"k": ${'['.repeat(n / 2)}${']'.repeat(n / 2)}}}`,
  'deep nesting, unclosed': (n) => `{"metadata": {"k": ${'['.repeat(n)}`,
  'a number with many digits': (n) => `{"metadata": {"k": ${'9'.repeat(n)}}}`,
};
const SIZES = [1024, 8 * 1024, 64 * 1024, 512 * 1024];
const options = { maxBytes: 1024 * 1024 };

function best(run) {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    try {
      run();
    } catch {
      // Refused documents are timed too: refusing must be cheap.
    }
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

let missed = 0;
const rows = [];
for (const [name, make] of Object.entries(families)) {
  const times = SIZES.map((size) => {
    const document = make(size);
    return best(() => jsonCodec.decodeMetadata(document, options));
  });
  const ratios = times.slice(1).map((time, i) => time / Math.max(times[i], 0.01));
  const worst = Math.max(...ratios);
  if (worst > 10) missed++;
  rows.push({
    family: name,
    'ms at 1K / 8K / 64K / 512K': times.map((t) => t.toFixed(2)).join(' / '),
    'time(8n)/time(n)': ratios.map((r) => r.toFixed(1)).join(' '),
    target: '<= 10',
    result: worst <= 10 ? 'PASS' : 'MISS',
  });
}
console.log(`@openstack-image/codec-json complexity families (Node ${process.version}), best of 5 per size`);
console.table(rows);
if (missed > 0) console.log(`${missed} family(ies) missed.`);
if (missed > 0 && process.env.BENCH_STRICT === '1') process.exit(1);
