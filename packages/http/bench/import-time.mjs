// Import time over a bare `node`: each package imported alone in a fresh process, interleaved with
// bare runs (`node --input-type=module -e 0`), round after round; the medians are compared. The
// packages are the built ones (`npm run build` first), resolved as a user's project resolves them.
// BENCH_ROUNDS (default 11). Set BENCH_STRICT=1 to exit with an error when a target is missed.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 11));
const here = fileURLToPath(new URL('.', import.meta.url));
const entries = [
  { what: 'bare node (the baseline)', source: '0' },
  { what: '@openstack-image/faults', source: "import '@openstack-image/faults'" },
  { what: '@openstack-image/schema', source: "import '@openstack-image/schema'", target: 20 },
  { what: '@openstack-image/codec-json', source: "import '@openstack-image/codec-json'", target: 40 },
  { what: '@openstack-image/codec-xml', source: "import '@openstack-image/codec-xml'", target: 60 },
  { what: '@openstack-image/http (both codecs included)', source: "import '@openstack-image/http'", target: 80 },
];

function once(source) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: here, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

for (const entry of entries) once(entry.source); // warm the file system cache
const times = entries.map(() => []);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? entries.keys() : [...entries.keys()].reverse();
  for (const i of order) times[i].push(once(entries[i].source));
}
const bare = median(times[0]);
const table = entries.map((entry, i) => {
  const extra = median(times[i]) - bare;
  return {
    import: entry.what,
    'median ms': median(times[i]).toFixed(0),
    'over bare node': i === 0 ? '' : `+${extra.toFixed(0)} ms`,
    target: entry.target === undefined ? '' : `<= +${entry.target} ms`,
    result: entry.target === undefined ? '' : extra <= entry.target ? 'PASS' : 'MISS',
  };
});
console.log(`Import time on Node.js ${process.version}, medians of ${rounds} fresh processes each, interleaved`);
console.table(table);
if (table.some((row) => row.result === 'MISS') && process.env.BENCH_STRICT === '1') process.exitCode = 1;
