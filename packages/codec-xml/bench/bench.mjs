// The XML codec against what a user would pick instead, in one process: interleaved rounds after a
// warm-up, the median of each round's ratio. Runs on the built package (npm run build). Peers:
// fast-xml-parser (its validating parse, its builder), saxes in namespace mode and txml (readers in
// peers.mjs), a template-literal emitter with escaping; JSON.parse for the heap a decoded list
// retains; `node -e 0` for the import time. Every peer's output is checked equal to ours first.
//
// Fairness: both sides of a ratio get the same input, the same warm-up and the same number of
// rounds, each round alternating which side goes first. The list rows give both sides the same
// number of images per batch (100 x 100 images against 10 x 1 000), so that each batch allocates
// as much and meets as many young-generation collections: what remains is how the cost grows with
// the length of one document. No gc() between batches: a forced collection throws the optimized
// code away (measured on the list rows: some 1 200 deoptimizations in a run, against 6 without),
// and the batch after it runs some 35% slower on either side while its code is optimized again.
// Documents are given as a server has them: decoded from bytes, flat strings. The encoder returns
// a rope (a tree of concatenated pieces), which V8 reads through an indirection (a Unicode regular
// expression runs several times slower over it); no body read from the network is one.

import { deepStrictEqual } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { saxesReader, templateWriter, txmlReader } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
if (!existsSync(dist)) {
  console.error(`${dist} is missing: build the package first (npm run build)`);
  process.exit(1);
}
const { xmlCodec } = await import(dist);

/** The seed's XML example: ../shared/seed/get-image-details.txt beside the repository root. */
function seedXml() {
  const repoRoot = resolve(here, '..', '..', '..');
  const shared = process.env.OPENSTACK_IMAGE_SHARED || resolve(repoRoot, '..', 'shared');
  const file = join(shared, 'seed', 'get-image-details.txt');
  if (!existsSync(file)) {
    console.error(
      `The seed was not found at ${file}: put the shared folder beside the repository or set OPENSTACK_IMAGE_SHARED.`,
    );
    process.exit(1);
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf("<?xml version='1.0'");
  if (start < 0) {
    console.error(`${file} holds no XML example (no "<?xml version='1.0'")`);
    process.exit(1);
  }
  return `${text.slice(start).trim()}\n`;
}

/** A document as a server has it: its UTF-8 bytes decoded, one flat string. */
function received(text) {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

const xml = received(seedXml());
const image = xmlCodec.decodeImage(xml);
const parser = new XMLParser({ ignoreAttributes: false });
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '  ', suppressEmptyNode: true });
const documentObject = parser.parse(xml);

function list(size) {
  const images = Array.from({ length: size }, (_, i) => ({
    ...image,
    id: `${image.id.slice(0, -6)}${String(i).padStart(6, '0')}`,
  }));
  return {
    images,
    images_links: [{ href: 'http://openstack.example.com/v2/openstack/images/detail?marker=x', rel: 'next' }],
  };
}
const list100 = list(100);
const list1000 = list(1000);
const list10000 = list(10000);
const list100Xml = received(xmlCodec.encodeImageList(list100));
const list1000Xml = received(xmlCodec.encodeImageList(list1000));
const list10000Xml = received(xmlCodec.encodeImageList(list10000));
const saxes = saxesReader();

// Every peer gives what we give before anything is timed.
for (const [name, reader] of [
  ['saxes', saxes],
  ['txml', txmlReader],
]) {
  deepStrictEqual(reader.decodeImage(xml), image, `${name} reads the seed as we do`);
  deepStrictEqual(
    reader.decodeImageList(list1000Xml),
    xmlCodec.decodeImageList(list1000Xml),
    `${name} reads the list as we do`,
  );
}
if (templateWriter.encodeImage(image) !== xmlCodec.encodeImage(image))
  throw new Error('the template emitter writes the seed differently');
if (templateWriter.encodeImageList(list1000) !== xmlCodec.encodeImageList(list1000)) {
  throw new Error('the template emitter writes the list differently');
}

let sink = 0;
/** Nanoseconds per call of `run`, over `iterations` calls. */
function time(run, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink ^= run().length | 0;
  return Number(process.hrtime.bigint() - start) / iterations;
}

/**
 * An encoder's result as a server sends it: a flat string. V8 keeps a string built by
 * concatenation as a tree of its pieces until something reads it, and whatever writes it to a
 * socket reads it whole: reading one character in the middle makes either side's result flat (a
 * result that is flat already costs nothing more), so that neither side defers part of its work.
 */
function sent(encode) {
  return () => {
    const text = encode();
    sink ^= text.charCodeAt(text.length >> 1);
    return text;
  };
}

/**
 * Median, over interleaved rounds, of time(ours) / time(theirs) per call; and the median times.
 * `theirsIterations` (default: as many as ours) lets both sides of a round do the same work.
 */
function compare(ours, theirs, iterations, rounds = 15, theirsIterations = iterations) {
  for (let i = 0; i < 3; i++) {
    time(ours, iterations);
    time(theirs, theirsIterations);
  }
  const ratios = [];
  const oursTimes = [];
  const theirsTimes = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always runs on a warmer machine.
    let o;
    let t;
    if (round % 2 === 0) {
      o = time(ours, iterations);
      t = time(theirs, theirsIterations);
    } else {
      t = time(theirs, theirsIterations);
      o = time(ours, iterations);
    }
    ratios.push(o / t);
    oursTimes.push(o);
    theirsTimes.push(t);
  }
  return { ratio: median(ratios), ours: median(oursTimes), theirs: median(theirsTimes) };
}

/**
 * How ours scales from `small` to `large` against how the baseline scales, in one set of
 * interleaved rounds (each round: ours large, ours small, theirs large, theirs small, in an
 * alternating order; the same number of images per batch): the median of
 * (ours large / ours small) / (theirs large / theirs small).
 */
function scaling(oursLarge, oursSmall, theirsLarge, theirsSmall, smallIterations, rounds = 9) {
  const large = Math.max(1, smallIterations / 10);
  for (let i = 0; i < 2; i++) {
    time(oursLarge, large);
    time(oursSmall, smallIterations);
    time(theirsLarge, large);
    time(theirsSmall, smallIterations);
  }
  const quotients = [];
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    const runs = [
      () => time(oursLarge, large),
      () => time(oursSmall, smallIterations),
      () => time(theirsLarge, large),
      () => time(theirsSmall, smallIterations),
    ];
    const measured = [];
    if (round % 2 === 0) for (let i = 0; i < 4; i++) measured[i] = runs[i]();
    else for (let i = 3; i >= 0; i--) measured[i] = runs[i]();
    const [ol, os, tl, ts] = measured;
    ours.push(ol / os);
    theirs.push(tl / ts);
    quotients.push(ol / os / (tl / ts));
  }
  return { ratio: median(quotients), ours: median(ours), theirs: median(theirs) };
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

const decodeSeed = () => xmlCodec.decodeImage(xml).links;
// A 10000-image list is some 9 MB: over the default limit of 1 MiB.
const LARGE = { maxBytes: 64 * 2 ** 20 };
const decodeList = (document) => () => xmlCodec.decodeImageList(document, LARGE).images;
const rows = [
  {
    what: 'decodeImage (seed) / XMLParser.parse(xml, true)',
    target: 1.2,
    ...compare(decodeSeed, () => Object.keys(parser.parse(xml, true)), 2000),
  },
  {
    what: 'decodeImage (seed) / saxes (xmlns) reader',
    target: 1.0,
    ...compare(decodeSeed, () => saxes.decodeImage(xml).links, 2000),
  },
  {
    what: 'decodeImageList 100 images / saxes (xmlns) reader',
    target: 1.0,
    ...compare(decodeList(list100Xml), () => saxes.decodeImageList(list100Xml).images, 20),
  },
  {
    what: 'decodeImage (seed) / txml reader',
    target: 1.5,
    ...compare(decodeSeed, () => txmlReader.decodeImage(xml).links, 2000),
  },
  {
    what: 'decodeImageList 100 images / txml reader',
    target: 1.5,
    ...compare(decodeList(list100Xml), () => txmlReader.decodeImageList(list100Xml).images, 20),
  },
  {
    what: 'encodeImage (seed) / XMLBuilder.build(same document)',
    target: 1.0,
    ...compare(
      sent(() => xmlCodec.encodeImage(image)),
      sent(() => builder.build(documentObject)),
      2000,
    ),
  },
  {
    what: 'encodeImage (seed) / template emitter (same bytes)',
    target: 1.5,
    ...compare(
      sent(() => xmlCodec.encodeImage(image)),
      sent(() => templateWriter.encodeImage(image)),
      4000,
    ),
  },
  {
    what: 'encodeImageList 100 images / template emitter (same bytes)',
    target: 1.5,
    ...compare(
      sent(() => xmlCodec.encodeImageList(list100)),
      sent(() => templateWriter.encodeImageList(list100)),
      40,
    ),
  },
  {
    what: 'decode 10000/1000 images, over txml reader 10000/1000',
    target: 1.25,
    ...scaling(
      decodeList(list10000Xml),
      decodeList(list1000Xml),
      () => txmlReader.decodeImageList(list10000Xml).images,
      () => txmlReader.decodeImageList(list1000Xml).images,
      10,
    ),
  },
  {
    what: 'encode 10000/1000 images, over template emitter 10000/1000',
    target: 1.25,
    ...scaling(
      sent(() => xmlCodec.encodeImageList(list10000)),
      sent(() => xmlCodec.encodeImageList(list1000)),
      sent(() => templateWriter.encodeImageList(list10000)),
      sent(() => templateWriter.encodeImageList(list1000)),
      10,
    ),
  },
];

const us = (ns) => (ns / 1000).toFixed(1);
const load = () =>
  process.platform === 'win32' ? 'n/a' : readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `@openstack-image/codec-xml bench (Node ${process.version}, seed image ${xml.length} characters, load ${load()})`,
);
console.log(
  'Interleaved rounds after the same warm-up, median ratio; no forced GC; documents as flat strings, as received, and encoders timed to a flat string, as sent. Scaling rows: (ours 10000 / ours 1000) / (baseline 10000 / baseline 1000), same images per batch, values are the two scalings.',
);
console.table(
  rows.map((row) => ({
    measure: row.what,
    ours: row.what.includes('10000/1000') ? `${row.ours.toFixed(1)}x` : `${us(row.ours)} µs`,
    baseline: row.what.includes('10000/1000') ? `${row.theirs.toFixed(1)}x` : `${us(row.theirs)} µs`,
    ratio: row.ratio.toFixed(2),
    target: `<= ${row.target}`,
    result: row.ratio <= row.target ? 'PASS' : 'MISS',
  })),
);

// Heap retained by a decoded 10000-image list, the document dropped, against JSON.parse's of the
// same list in JSON (median of 5 alternating measures, each after a full collection).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const listJson = JSON.stringify(xmlCodec.decodeImageList(list10000Xml, LARGE));
function retained(decode, source) {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  // The document is made here and dropped: only what the result keeps alive stays.
  const result = decode(received(source));
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  sink ^= result.images.length;
  return after - before;
}
const oursHeap = [];
const jsonHeap = [];
for (let round = 0; round < 5; round++) {
  if (round % 2 === 0) {
    oursHeap.push(retained((d) => xmlCodec.decodeImageList(d, LARGE), list10000Xml));
    jsonHeap.push(retained((d) => JSON.parse(d), listJson));
  } else {
    jsonHeap.push(retained((d) => JSON.parse(d), listJson));
    oursHeap.push(retained((d) => xmlCodec.decodeImageList(d, LARGE), list10000Xml));
  }
}
const heapRatio = median(oursHeap) / median(jsonHeap);

// Import time over a bare `node -e 0`, in child processes, interleaved (medians of 11 rounds):
// codec-xml's own share is its import over that of its dependencies @openstack-image/schema and
// @openstack-image/faults (the other packages' import costs are theirs).
const packages = resolve(here, '..', '..');
const importOf = (...files) =>
  files.map((file) => `import ${JSON.stringify(pathToFileURL(join(packages, file)).href)};`).join(' ');
const importRuns = {
  bare: ['-e', '0'],
  dependencies: ['--input-type=module', '-e', importOf('schema/dist/index.js', 'faults/dist/index.js')],
  withParser: [
    '--input-type=module',
    '-e',
    `${importOf('schema/dist/index.js', 'faults/dist/index.js')} import 'fast-xml-parser';`,
  ],
  codecXml: ['--input-type=module', '-e', importOf('codec-xml/dist/index.js')],
};
const importTimes = { bare: [], dependencies: [], withParser: [], codecXml: [] };
for (let round = 0; round < 11; round++) {
  const order = Object.keys(importRuns);
  if (round % 2 === 1) order.reverse();
  for (const key of order) {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, importRuns[key], { stdio: 'ignore', cwd: here });
    if (child.status !== 0) throw new Error(`node ${importRuns[key].join(' ')} failed`);
    importTimes[key].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const bare = median(importTimes.bare);
const total = median(importTimes.codecXml) - bare;
const own = median(importTimes.codecXml) - median(importTimes.dependencies);
const parserPart = median(importTimes.withParser) - median(importTimes.dependencies);

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
console.table([
  {
    measure: 'heap retained by a decoded 10000-image list / JSON.parse of it in JSON',
    ours: `${(median(oursHeap) / 2 ** 20).toFixed(1)} MiB (${kb(median(oursHeap) / 10000)} per image)`,
    baseline: `${(median(jsonHeap) / 2 ** 20).toFixed(1)} MiB (${kb(median(jsonHeap) / 10000)} per image)`,
    ratio: heapRatio.toFixed(2),
    target: '<= 1.2',
    result: heapRatio <= 1.2 ? 'PASS' : 'MISS',
  },
  {
    measure: "import time over `node -e 0`: codec-xml's own (over schema + faults)",
    ours: `+${own.toFixed(0)} ms, fast-xml-parser's ESM files +${parserPart.toFixed(0)} of it (+${total.toFixed(0)} ms in all)`,
    baseline: `${bare.toFixed(0)} ms bare`,
    ratio: '',
    target: '<= +60 ms',
    result: own <= 60 ? 'PASS' : 'MISS',
  },
]);
const missed = rows.some((row) => row.ratio > row.target) || heapRatio > 1.2 || own > 60;
if (sink === 0.5) console.log(sink);
if (missed && process.env.BENCH_STRICT === '1') process.exitCode = 1;
