// The Glance-backed images API against Glance itself, measured side by side (interleaved rounds)
// in one run: requests/s of GET /v2/{tenant}/images/{id} through the store as a ratio of Glance's
// own GET /v2/images/{id}, and the latency the API adds (p50, p99). Runs on the built dist.
// Needs a Glance: GLANCE_URL, else one started here with tooling/glance when python3-glance is
// installed; without either it prints that it skipped and why, and exits 0.
// BENCH_DURATION (seconds per measure, default 6), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 10).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const duration = Number(process.env.BENCH_DURATION ?? 6);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TENANT = 'bench';
const tooling = fileURLToPath(new URL('../../../tooling/glance/', import.meta.url));

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let glanceUrl = process.env.GLANCE_URL;
let started;
if (glanceUrl === undefined || glanceUrl === '') {
  if (!existsSync('/usr/lib/python3/dist-packages/glance')) {
    console.log(
      '@openstack-image/glance-store: bench skipped: no Glance (GLANCE_URL is not set and python3-glance is not installed; `npm run test:glance` installs it)',
    );
    process.exit(0);
  }
  const env = {
    ...process.env,
    GLANCE_DIR: mkdtempSync(join(tmpdir(), 'glance-bench.')),
    GLANCE_PORT: String(await freePort()),
  };
  console.log(`starting a Glance for the bench on port ${env.GLANCE_PORT}...`);
  try {
    execFileSync('bash', [join(tooling, 'glance-up.sh')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    execFileSync('bash', [join(tooling, 'glance-down.sh')], { env, stdio: 'inherit' });
    console.log('@openstack-image/glance-store: bench skipped: the Glance it started did not come up');
    process.exit(0);
  }
  started = env;
  glanceUrl = `http://127.0.0.1:${env.GLANCE_PORT}`;
}

const identity = {
  'x-identity-status': 'Confirmed',
  'x-tenant-id': TENANT,
  'x-roles': 'member',
  accept: 'application/json',
};
let child;
try {
  const created = await fetch(`${glanceUrl}/v2/images`, {
    method: 'POST',
    headers: { ...identity, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'bench',
      disk_format: 'raw',
      container_format: 'bare',
      os_distro: 'cirros',
      instance_uuid: 'b1',
    }),
  });
  if (created.status !== 201) throw new Error(`Glance answered ${created.status} to the image create`);
  const { id } = await created.json();

  child = spawn(process.execPath, [fileURLToPath(new URL('./server.mjs', import.meta.url)), glanceUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = await once(child.stdout, 'data');
  const measures = [
    {
      kind: 'glance',
      label: "Glance's own GET /v2/images/{id}",
      url: `${glanceUrl}/v2/images/${id}`,
      headers: identity,
    },
    {
      kind: 'api',
      label: 'images API on GlanceImageStore, GET /v2/{tenant}/images/{id} (JSON)',
      url: `http://127.0.0.1:${String(chunk).trim()}/v2/${TENANT}/images/${id}`,
      headers: { accept: 'application/json' },
    },
  ];
  const load = (m, seconds) => autocannon({ url: m.url, headers: m.headers, connections, duration: seconds });
  for (const m of measures) await load(m, 1); // warm-up
  const totals = Object.fromEntries(
    measures.map((m) => [m.kind, { requests: 0, seconds: 0, p50: [], p99: [], bad: 0 }]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const m of round % 2 === 0 ? measures : [...measures].reverse()) {
      const result = await load(m, duration / rounds);
      const total = totals[m.kind];
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.p50.push(result.latency.p50);
      total.p99.push(result.latency.p99);
      total.bad += result.errors + result.timeouts + result.non2xx;
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rate = (kind) => totals[kind].requests / totals[kind].seconds;
  const rows = measures.map((m) => ({
    measure: m.label,
    'req/s': Math.round(rate(m.kind)),
    'vs Glance': (rate(m.kind) / rate('glance')).toFixed(2),
    'p50 ms': median(totals[m.kind].p50),
    'p99 ms': median(totals[m.kind].p99),
    'errors/non-2xx': totals[m.kind].bad,
  }));
  console.log(
    `@openstack-image/glance-store: the API on Glance against Glance itself, ${connections} connections, ${duration} s per measure in ${rounds} interleaved rounds`,
  );
  console.table(rows);
  const added = (p) => median(totals.api[p]) - median(totals.glance[p]);
  console.log(`latency the API adds over Glance's own GET: p50 ${added('p50')} ms, p99 ${added('p99')} ms`);
  if (rows.some((row) => row['errors/non-2xx'] > 0)) {
    console.error('FAIL: some requests failed');
    process.exitCode = 1;
  }
} finally {
  child?.kill('SIGTERM');
  if (started !== undefined)
    execFileSync('bash', [join(tooling, 'glance-down.sh')], { env: started, stdio: 'inherit' });
}
