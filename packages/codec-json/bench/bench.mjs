// The JSON codec against the bare baseline, in one process, on the built package (`npm run build`
// first; `npm run bench` at the root does). Each pair is timed interleaved, after a warm-up, over
// many rounds; the ratio reported is the median of the rounds' ratios. Set BENCH_STRICT=1 to exit
// with an error when a target is missed.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const codec = await import('../dist/index.js').catch((error) => {
  console.error(`The built package was not found (${error.message}): run \`npm run build\` first.`);
  process.exit(1);
});
const { decodeImage, decodeImageList, encodeImage, encodeImageList } = codec;

/** The seed's JSON example, from ../shared beside the repository root (or $OPENSTACK_IMAGE_SHARED). */
function seedJson() {
  const shared = process.env.OPENSTACK_IMAGE_SHARED || fileURLToPath(new URL('../../../../shared/', import.meta.url));
  const path = `${shared.replace(/\/$/, '')}/seed/get-image-details.txt`;
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(
      `The seed document was not found at ${path} (${error.code ?? error.message}). The benchmark runs on the ` +
        "seed's image: put the shared folder beside the repository root or set OPENSTACK_IMAGE_SHARED.",
    );
    process.exit(1);
  }
  const start = text.indexOf('{\n"image"');
  const end = text.indexOf('Example 2.48.');
  if (start < 0 || end < 0) {
    console.error(`${path} does not hold the JSON example where it was expected.`);
    process.exit(1);
  }
  return text.slice(start, end).trim();
}

let sink;

/** Nanoseconds per call of `run`, over `iterations` calls. */
function time(run, iterations) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink = run();
  return ((performance.now() - start) * 1e6) / iterations;
}

/** How many calls of `run` take about `milliseconds`. */
function calibrate(run, milliseconds) {
  let iterations = 1;
  for (;;) {
    const spent = (time(run, iterations) * iterations) / 1e6;
    if (spent >= milliseconds / 4) return Math.max(1, Math.round((iterations * milliseconds) / spent));
    iterations *= 2;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median ratio of `candidate` to `baseline`, timed in alternating order round after round. */
function compare(candidate, baseline, { rounds = 21, milliseconds = 40 } = {}) {
  const candidateIterations = calibrate(candidate, milliseconds);
  const baselineIterations = calibrate(baseline, milliseconds);
  time(candidate, candidateIterations);
  time(baseline, baselineIterations);
  const ratios = [];
  const candidateTimes = [];
  const baselineTimes = [];
  for (let round = 0; round < rounds; round++) {
    let c;
    let b;
    if (round % 2 === 0) {
      c = time(candidate, candidateIterations);
      b = time(baseline, baselineIterations);
    } else {
      b = time(baseline, baselineIterations);
      c = time(candidate, candidateIterations);
    }
    ratios.push(c / b);
    candidateTimes.push(c);
    baselineTimes.push(b);
  }
  return { ratio: median(ratios), candidate: median(candidateTimes), baseline: median(baselineTimes) };
}

function listOf(image, count) {
  return {
    images: Array.from({ length: count }, (_, i) => ({
      ...image,
      id: `${image.id.slice(0, -6)}${String(i).padStart(6, '0')}`,
    })),
  };
}

const json = seedJson();
const image = decodeImage(json);
const big = { maxBytes: 64 * 1024 * 1024 };
const list100 = listOf(image, 100);
const list1000 = listOf(image, 1000);
const list10000 = listOf(image, 10000);
const text100 = JSON.stringify(list100);
const text1000 = JSON.stringify(list1000);

const rows = [
  {
    what: 'decodeImage(seed) / JSON.parse(seed)',
    target: 1.3,
    ...compare(
      () => decodeImage(json),
      () => JSON.parse(json),
    ),
  },
  {
    what: 'encodeImage(image) / JSON.stringify(image)',
    target: 1.5,
    ...compare(
      () => encodeImage(image),
      () => JSON.stringify(image),
    ),
  },
  {
    what: 'decodeImageList: 1000 images / 100 images',
    target: 12,
    ...compare(
      () => decodeImageList(text1000, big),
      () => decodeImageList(text100, big),
      { rounds: 15, milliseconds: 60 },
    ),
  },
  {
    what: 'encodeImageList: 1000 images / 100 images',
    target: 12,
    ...compare(
      () => encodeImageList(list1000),
      () => encodeImageList(list100),
      { rounds: 15, milliseconds: 60 },
    ),
  },
  {
    what: 'decodeImageList(100) / JSON.parse (for information)',
    ...compare(
      () => decodeImageList(text100, big),
      () => JSON.parse(text100),
    ),
  },
  {
    what: 'encodeImageList(100) / JSON.stringify',
    target: 1.3,
    ...compare(
      () => encodeImageList(list100),
      () => JSON.stringify(list100),
    ),
  },
  {
    what: 'encodeImageList(1000) / JSON.stringify',
    target: 1.3,
    ...compare(
      () => encodeImageList(list1000),
      () => JSON.stringify(list1000),
      { rounds: 15, milliseconds: 60 },
    ),
  },
  {
    what: 'encodeImageList: 10000 / 1000 images (for information)',
    ...compare(
      () => encodeImageList(list10000),
      () => encodeImageList(list1000),
      { rounds: 9, milliseconds: 120 },
    ),
  },
  {
    what: "JSON.stringify: 10000 / 1000 images (the baseline's own scaling)",
    ...compare(
      () => JSON.stringify(list10000),
      () => JSON.stringify(list1000),
      { rounds: 9, milliseconds: 120 },
    ),
  },
];

const microseconds = (ns) => (ns / 1000).toFixed(ns < 10_000 ? 2 : 0);
const table = rows.map((row) => ({
  measure: row.what,
  'time (µs)': `${microseconds(row.candidate)} vs ${microseconds(row.baseline)}`,
  ratio: `${row.ratio.toFixed(2)}x`,
  target: row.target === undefined ? '' : `<= ${row.target}x`,
  result: row.target === undefined ? '' : row.ratio <= row.target ? 'PASS' : 'MISS',
}));
console.log(`@openstack-image/codec-json on Node.js ${process.version}, the seed's image (${json.length} characters)`);
console.table(table);
if (sink === undefined) console.log('');
const missed = table.filter((row) => row.result === 'MISS');
if (missed.length > 0) {
  console.log(`${missed.length} target(s) missed.`);
  if (process.env.BENCH_STRICT === '1') process.exitCode = 1;
}
