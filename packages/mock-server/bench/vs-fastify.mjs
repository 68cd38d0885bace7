// The mock server against Fastify 5 serving the same store with the same codecs
// (bench/peer-server.mjs): GET /v2/openstack/images/detail (the seed's 7 images) in JSON and in XML.
// Each server runs in its own process; the two are loaded in alternating order round after round,
// and the ratio is of CPU time per answered request (the server's own process.cpuUsage, robust to
// other load on the machine), with requests/s beside it. Every answer must be a 2xx, and both
// servers' bodies are checked equal (links and all) before anything is timed.
// BENCH_DURATION (seconds per format and server, default 6), BENCH_ROUNDS (default 6),
// BENCH_CONNECTIONS (default 50).
import autocannon from 'autocannon';
import { cpuOf, startServerProcess } from '../../../tooling/test-support/bench/processes.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 6);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 6));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PATH = '/v2/openstack/images/detail';
const TARGET = 1.0;

const startServer = (kind) => startServerProcess(new URL('./peer-server.mjs', import.meta.url), [kind], PATH);

const servers = { ours: await startServer('ours'), fastify: await startServer('fastify') };
const kinds = Object.keys(servers);
const formats = [
  { label: 'JSON', accept: 'application/json' },
  { label: 'XML', accept: 'application/xml' },
];
try {
  for (const { accept, label } of formats) {
    const bodies = await Promise.all(
      kinds.map(async (kind) => {
        const response = await fetch(servers[kind].url, { headers: { accept } });
        if (response.status !== 200) throw new Error(`${kind} answered ${response.status} to GET ${PATH} (${label})`);
        return response.text();
      }),
    );
    const [ours, theirs] = bodies.map((body) => body.replaceAll(/127\.0\.0\.1:\d+/g, 'HOST'));
    if (ours !== theirs) throw new Error(`the two servers' ${label} bodies differ:\n${ours}\n${theirs}`);
  }
  const rows = [];
  for (const { label, accept } of formats) {
    const load = (kind, seconds) =>
      autocannon({ url: servers[kind].url, connections, duration: seconds, headers: { accept } });
    for (const kind of kinds) {
      await load(kind, 1); // warm-up: JIT and connections
      await cpuOf(servers[kind].child);
    }
    const totals = Object.fromEntries(kinds.map((kind) => [kind, { requests: 0, seconds: 0, micros: 0, bad: 0 }]));
    for (let round = 0; round < rounds; round++) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        const result = await load(kind, duration / rounds);
        const total = totals[kind];
        total.requests += result.requests.total;
        total.seconds += result.duration;
        total.bad += result.errors + result.timeouts + result.non2xx;
        total.micros += (await cpuOf(servers[kind].child)).cpuMicros;
      }
    }
    const perRequest = (kind) => totals[kind].micros / totals[kind].requests;
    const rate = (kind) => totals[kind].requests / totals[kind].seconds;
    const ratio = perRequest('fastify') / perRequest('ours');
    rows.push({
      'GET detail (7 images)': label,
      'ours req/s': Math.round(rate('ours')),
      'Fastify req/s': Math.round(rate('fastify')),
      'CPU µs/req ours vs Fastify': `${perRequest('ours').toFixed(0)} vs ${perRequest('fastify').toFixed(0)}`,
      'throughput ratio (CPU)': `${ratio.toFixed(2)}x`,
      target: `>= ${TARGET}x`,
      result: totals.ours.bad + totals.fastify.bad === 0 && ratio >= TARGET ? 'PASS' : 'MISS',
    });
  }
  console.log(
    `@openstack-image/mock-server vs Fastify 5 on Node.js ${process.version}: ${connections} connections, ` +
      `${rounds} rounds of ${(duration / rounds).toFixed(1)} s per server and format; ratio = Fastify's CPU per request / ours`,
  );
  console.table(rows);
  if (rows.some((row) => row.result !== 'PASS') && process.env.BENCH_STRICT === '1') process.exitCode = 1;
} finally {
  for (const { child } of Object.values(servers)) child.kill('SIGTERM');
}
