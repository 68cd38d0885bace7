// The XML codec against fast-xml-parser on the seed's image, in one process: interleaved rounds
// after a warm-up, the median of each round's ratio. Runs on the built package (npm run build).
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
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

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
const list100Xml = received(xmlCodec.encodeImageList(list100));
const list1000Xml = received(xmlCodec.encodeImageList(list1000));

let sink = 0;
/** Nanoseconds per call of `run`, over `iterations` calls. */
function time(run, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink ^= run().length | 0;
  return Number(process.hrtime.bigint() - start) / iterations;
}

/**
 * Median, over interleaved rounds, of time(ours) / time(theirs) per call; and the median times.
 * `theirsIterations` (default: as many as ours) lets both sides of a round do the same work.
 */
function compare(ours, theirs, iterations, rounds = 21, theirsIterations = iterations) {
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

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

const rows = [
  {
    what: 'decodeImage (seed) / XMLParser.parse(xml, true)',
    target: 1.2,
    ...compare(
      () => xmlCodec.decodeImage(xml).links,
      () => Object.keys(parser.parse(xml, true)),
      2000,
    ),
  },
  {
    what: 'encodeImage (seed) / XMLBuilder.build(same document)',
    target: 1.0,
    ...compare(
      () => xmlCodec.encodeImage(image),
      () => builder.build(documentObject),
      2000,
    ),
  },
  {
    what: 'decodeImageList 1000 images / 100 images',
    target: 12,
    ...compare(
      () => xmlCodec.decodeImageList(list1000Xml).images,
      () => xmlCodec.decodeImageList(list100Xml).images,
      10,
      15,
      100,
    ),
  },
  {
    what: 'encodeImageList 1000 images / 100 images',
    target: 12,
    ...compare(
      () => xmlCodec.encodeImageList(list1000),
      () => xmlCodec.encodeImageList(list100),
      20,
      15,
      200,
    ),
  },
];

const us = (ns) => (ns / 1000).toFixed(1);
console.log(`@openstack-image/codec-xml bench (Node ${process.version}, seed image ${xml.length} characters)`);
console.log(
  'Interleaved rounds after the same warm-up, median ratio; list rows: equal images per batch (100 x 100 / 10 x 1 000); no forced GC; documents as flat strings, as received.',
);
console.table(
  rows.map((row) => ({
    measure: row.what,
    'ours µs': us(row.ours),
    'baseline µs': us(row.theirs),
    ratio: row.ratio.toFixed(2),
    target: `<= ${row.target}`,
    result: row.ratio <= row.target ? 'PASS' : 'MISS',
  })),
);
if (sink === 0.5) console.log(sink);
if (rows.some((row) => row.ratio > row.target) && process.env.BENCH_STRICT === '1') process.exitCode = 1;
