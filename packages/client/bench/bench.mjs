// The client's cost per call against what a user would write by hand (fetch, then JSON.parse), on
// the same loopback server in one process, on the built packages (`npm run bench` at the root builds
// them). Rounds alternate the two; the ratio reported is the median of the rounds' ratios of calls
// per second. Bounded: BENCH_ROUNDS (default 11) rounds of BENCH_CALLS (default 200) calls each.
// Set BENCH_STRICT=1 to exit with an error when the target is missed.
import { performance } from 'node:perf_hooks';

const load = (path) =>
  import(path).catch((error) => {
    console.error(`The built packages were not found (${error.message}): run \`npm run build\` first.`);
    process.exit(1);
  });
const { createImagesClient } = await load('../dist/index.js');
const { start, SEED_IMAGE_ID, SEED_TENANT } = await load('@openstack-image/mock-server');

const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 11));
const calls = Math.max(1, Number(process.env.BENCH_CALLS ?? 200));
/** The client reads, checks and types every member: it may cost this much of the bare calls' rate. */
const TARGET = 0.8;

const mock = await start();
const endpoint = `${mock.url}/v2/${SEED_TENANT}`;

const cases = [
  {
    label: 'getImage (JSON)',
    candidate: (() => {
      const client = createImagesClient({ url: endpoint, format: 'json' });
      return () => client.getImage(SEED_IMAGE_ID);
    })(),
    baseline: async () => {
      const response = await fetch(`${endpoint}/images/${SEED_IMAGE_ID}`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()).image;
    },
  },
  {
    label: 'listImages, every page of 2 (JSON)',
    candidate: (() => {
      const client = createImagesClient({ url: endpoint, format: 'json' });
      return async () => {
        const out = [];
        for await (const image of client.listImages({ limit: 2 })) out.push(image);
        return out;
      };
    })(),
    baseline: async () => {
      const out = [];
      let url = `${endpoint}/images/detail?limit=2`;
      for (;;) {
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        const page = await response.json();
        out.push(...page.images);
        const next = page.images_links?.find((link) => link.rel === 'next');
        if (next === undefined) return out;
        url = `${endpoint}/images/detail${new URL(next.href).search}`;
      }
    },
  },
];

async function rate(run) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return calls / ((performance.now() - started) / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

let missed = false;
try {
  for (const { label, candidate, baseline } of cases) {
    await rate(candidate);
    await rate(baseline);
    const ratios = [];
    for (let round = 0; round < rounds; round++) {
      let c;
      let b;
      if (round % 2 === 0) {
        c = await rate(candidate);
        b = await rate(baseline);
      } else {
        b = await rate(baseline);
        c = await rate(candidate);
      }
      ratios.push(c / b);
    }
    const ratio = median(ratios);
    const ok = ratio >= TARGET;
    if (!ok) missed = true;
    console.log(
      `${label}: client ${ratio.toFixed(2)}x the bare fetch + JSON.parse rate (target >= ${TARGET}) ${ok ? 'ok' : 'MISSED'}`,
    );
  }
} finally {
  await mock.close();
}
if (missed && process.env.BENCH_STRICT === '1') process.exit(1);
