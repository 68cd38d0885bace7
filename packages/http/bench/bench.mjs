// The node binding's overhead: requests/s through toNodeListener against a bare node:http server
// answering the same pre-encoded bytes, measured side by side (interleaved rounds) in one run.
// Runs on the built dist. BENCH_DURATION (seconds per measure, default 10), BENCH_ROUNDS (default 5),
// BENCH_CONNECTIONS (default 100).
import autocannon from 'autocannon';
import { cpuOf, startServerProcess } from '../../../tooling/test-support/bench/processes.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const PATH = '/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b';
const TARGET = 0.85;

const measures = [
  { kind: 'bare', label: 'bare node:http, writeHead + end(bytes)' },
  { kind: 'bareSet', label: 'bare node:http, setHeader + end(bytes)' },
  { kind: 'binding', label: 'toNodeListener, the same pre-encoded bytes', target: TARGET },
  { kind: 'full', label: 'toNodeListener + createImagesApi, GET image (JSON)' },
];

const startServer = (kind) => startServerProcess(new URL('./server.mjs', import.meta.url), [kind], PATH);

function load(url, seconds) {
  return autocannon({ url, connections, duration: seconds, headers: { accept: 'application/json' } });
}

const servers = {};
for (const { kind } of measures) servers[kind] = await startServer(kind);
for (const { kind } of measures) {
  await load(servers[kind].url, 1); // warm-up: JIT and connection setup
  await cpuOf(servers[kind].child);
}

const totals = Object.fromEntries(
  measures.map(({ kind }) => [kind, { requests: 0, seconds: 0, p99: [], bad: 0, cpuMicros: 0, answered: 0 }]),
);
for (let round = 0; round < rounds; round++) {
  for (const { kind } of round % 2 === 0 ? measures : [...measures].reverse()) {
    const result = await load(servers[kind].url, duration / rounds);
    const total = totals[kind];
    total.requests += result.requests.total;
    total.seconds += result.duration;
    total.p99.push(result.latency.p99);
    total.bad += result.errors + result.timeouts + result.non2xx;
    const usage = await cpuOf(servers[kind].child);
    total.cpuMicros += usage.cpuMicros;
    total.answered += usage.requests;
  }
}
for (const { child } of Object.values(servers)) child.kill('SIGTERM');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (kind) => totals[kind].requests / totals[kind].seconds;
// The baseline is the faster of the two bare servers, in requests/s and in CPU per answer.
const baseline = Math.max(rate('bare'), rate('bareSet'));
const cpuPerRequest = (kind) => totals[kind].cpuMicros / totals[kind].answered;
const rows = measures.map(({ kind, label, target }) => {
  const ratio = rate(kind) / baseline;
  return {
    measure: label,
    'req/s': Math.round(rate(kind)),
    'p99 ms': median(totals[kind].p99),
    'vs bare': ratio.toFixed(2),
    'server CPU µs/req': cpuPerRequest(kind).toFixed(1),
    'bare CPU / this CPU': (Math.min(cpuPerRequest('bare'), cpuPerRequest('bareSet')) / cpuPerRequest(kind)).toFixed(2),
    target: target === undefined ? '-' : `>= ${target}`,
    result: target === undefined ? '-' : ratio >= target ? 'PASS' : 'MISS',
    'errors/non-2xx': totals[kind].bad,
  };
});
console.log(
  `@openstack-image/http: node binding overhead, ${connections} connections, ${duration} s per measure in ${rounds} interleaved rounds`,
);
console.table(rows);
console.log(
  "vs bare: requests/s against the faster bare server, the target. CPU columns: the server process's own CPU time per answer, less sensitive than req/s to other load on the machine.",
);
if (rows.some((row) => row['errors/non-2xx'] > 0)) {
  console.error('FAIL: some requests failed');
  process.exitCode = 1;
}
