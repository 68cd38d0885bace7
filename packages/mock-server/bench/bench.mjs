// Load on the mock server (the built bin, in its own process) over loopback: 100 connections for
// 10 s per format by default; BENCH_DURATION (seconds) and BENCH_CONNECTIONS change them.
// Reports requests/s and p99 latency; every answer for an existing image must be a 2xx.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startListeningBin } from '../../../tooling/test-support/bench/processes.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SEED = '/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const { server, root } = await startListeningBin(bin, ['--port', '0']);

const runs = [
  { label: 'GET one image, JSON', path: SEED, accept: 'application/json' },
  { label: 'GET one image, XML', path: SEED, accept: 'application/xml' },
  { label: 'GET detail list, JSON', path: '/v2/openstack/images/detail', accept: 'application/json' },
  { label: 'GET detail list, XML', path: '/v2/openstack/images/detail', accept: 'application/xml' },
];

const rows = [];
for (const run of runs) {
  const url = root + run.path;
  await autocannon({ url, connections, duration: 1, headers: { accept: run.accept } }); // warm-up
  const result = await autocannon({ url, connections, duration, headers: { accept: run.accept } });
  const failures = result.errors + result.timeouts + result.non2xx;
  rows.push({
    load: run.label,
    'req/s': Math.round(result.requests.total / result.duration),
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    'non-2xx': result.non2xx,
    target: '0 errors, 0 non-2xx',
    result: failures === 0 ? 'PASS' : 'MISS',
  });
}
server.kill('SIGTERM');
await once(server, 'exit');

console.log(`@openstack-image/mock-server: ${connections} connections, ${duration} s per load, on ${root}`);
console.table(rows);
if (rows.some((row) => row.result !== 'PASS')) process.exitCode = 1;
