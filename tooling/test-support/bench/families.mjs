// Complexity families for the codecs' benches (one home for both): hostile documents of one shape
// at growing sizes, each decoded by the built package. Prints time(8n)/time(n) per step (target
// <= 10: cost per byte flat from 1 KiB to maxBytes), and the peak memory of a decode of each
// family's largest document, measured in a child process: its peak RSS over its RSS before the
// decode (target: under 10 times the body), and the same with a young generation of 1 MiB, which
// leaves out most of the garbage a scavenge would have collected. Bounded: a warm-up, then the
// best of 5 samples of at most 1 000 decodes (5 ms) per size; two children per family.
// BENCH_STRICT=1 makes a miss exit 1.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The sizes of the timing rows; the peak row decodes a document of `PEAK_SIZE`. */
export const SIZES = [1024, 8 * 1024, 64 * 1024, 512 * 1024];
const PEAK_SIZE = 1024 * 1024 - 512;
const MAX_BYTES = 1024 * 1024;
const PEAK_FLAG = '--family-peak';

/** `unit` repeated to about `n` characters (at least once). */
export function fill(unit, n) {
  return unit.repeat(Math.max(1, Math.floor(n / unit.length)));
}

function decodeOnce(run) {
  try {
    run();
  } catch {
    // Refused documents are timed too: refusing must be cheap.
  }
}

/**
 * Milliseconds per decode: the best of 5 samples, after two decodes to warm up; each sample
 * repeats the decode until it has run for 5 ms (small documents decode in microseconds, which a
 * single timing cannot tell from the timer's noise), at most 1 000 times.
 */
function best(run) {
  decodeOnce(run);
  decodeOnce(run);
  let fastest = Number.POSITIVE_INFINITY;
  for (let sample = 0; sample < 5; sample++) {
    const start = performance.now();
    let runs = 0;
    let elapsed = 0;
    do {
      decodeOnce(run);
      runs++;
      elapsed = performance.now() - start;
    } while (elapsed < 5 && runs < 1000);
    fastest = Math.min(fastest, elapsed / runs);
  }
  return fastest;
}

/** In the child: decode the family's largest document once; print its peak memory as JSON. */
function measurePeak(families, decode, name) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const document = families[name](PEAK_SIZE);
  const bytes = Buffer.byteLength(document);
  // Warm the decoder on a small document of the same family, so that what is measured is the decode.
  try {
    decode(families[name](1024), { maxBytes: MAX_BYTES });
  } catch {}
  gc();
  const before = process.memoryUsage.rss();
  try {
    decode(document, { maxBytes: MAX_BYTES });
  } catch {}
  // An upper bound of the decode's peak: the process's peak RSS so far, over its RSS just before.
  const peak = process.resourceUsage().maxRSS * 1024 - before;
  process.stdout.write(JSON.stringify({ bytes, peak: Math.max(0, peak) }));
}

/**
 * The peak of one decode of the family's largest document, in a child process: with V8's default
 * young generation (what a server sees: garbage the decode leaves counts until a scavenge), or with
 * `youngMiB` of it (close to what the decode holds alive at once).
 */
function peakOf(name, youngMiB) {
  const flags = youngMiB === undefined ? [] : [`--max-semi-space-size=${youngMiB}`];
  const child = spawnSync(process.execPath, [...flags, process.argv[1], PEAK_FLAG, name], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`the peak of ${name} could not be measured: ${child.stderr || child.error}`);
  return JSON.parse(child.stdout);
}

/**
 * Runs the families of one codec: `families` maps a family's name to a function of the size
 * (characters) that returns the document; `decode(document, options)` decodes it. `title` heads
 * the table. A bench file calls this once; it re-runs itself in a child per family for the peak.
 */
export function runFamilies({ title, families, decode }) {
  const peakAt = process.argv.indexOf(PEAK_FLAG);
  if (peakAt >= 0) {
    measurePeak(families, decode, process.argv[peakAt + 1]);
    return;
  }
  const options = { maxBytes: MAX_BYTES };
  let missed = 0;
  const rows = [];
  for (const [name, make] of Object.entries(families)) {
    const documents = SIZES.map((size) => make(size));
    // Warm up on the family's small documents first, so that no size is timed on code the engine
    // has not optimized yet: code that has not been, measured, runs some 10 times slower, and the
    // engine optimizes after many calls, not after much time (bounded: 500 decodes of the 1 KiB
    // document and 50 of the 8 KiB one, 200 ms each at most).
    for (const [document, count] of [
      [documents[0], 500],
      [documents[1], 50],
    ]) {
      const start = performance.now();
      for (let i = 0; i < count && performance.now() - start < 200; i++) decodeOnce(() => decode(document, options));
    }
    const times = documents.map((document) => best(() => decode(document, options)));
    const ratios = times.slice(1).map((time, i) => time / times[i]);
    const worst = Math.max(...ratios);
    const { bytes, peak } = peakOf(name);
    const live = peakOf(name, 1).peak;
    const timeOk = worst <= 10;
    const peakOk = peak < 10 * bytes;
    if (!timeOk || !peakOk) missed++;
    rows.push({
      family: name,
      'ms at 1K / 8K / 64K / 512K': times.map((t) => t.toFixed(3)).join(' / '),
      'time(8n)/time(n)': `${ratios.map((r) => r.toFixed(1)).join(' ')} (<= 10)`,
      'peak MiB at 1 MiB': `${(peak / 2 ** 20).toFixed(1)} = ${(peak / bytes).toFixed(1)}x body (< 10x)`,
      'with 1 MiB young gen': `${(live / 2 ** 20).toFixed(1)} = ${(live / bytes).toFixed(1)}x`,
      result: timeOk && peakOk ? 'PASS' : 'MISS',
    });
  }
  console.log(
    `${title} complexity families (Node ${process.version}), best of 5 samples per size; peak: one decode per child process`,
  );
  console.table(rows);
  if (missed > 0) console.log(`${missed} family(ies) missed.`);
  if (missed > 0 && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}
