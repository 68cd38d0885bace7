#!/usr/bin/env node
// Writes vectors/: the copies of the shared reference samples and the seed's two examples, the
// project's own documents, and manifest.json. Run after a build (`npm run build` at the root),
// from the package: `npm run vectors`. Every expectation is checked against the project's codecs
// before anything is written, so a vector that the reference codecs fail is never shipped silently.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { isFault } from '@openstack-image/faults';
import { checkManifest, compareDocuments, decodeKind, encodeKind } from '../dist/index.js';
import { HAND_CASES, UNWRITABLE } from './hand-cases.mjs';
import { jsonDocument, xmlDocument } from './reference-writers.mjs';
import { VALUE_CASES } from './value-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '..', 'vectors');
const shared = process.env.OPENSTACK_IMAGE_SHARED || resolve(here, '..', '..', '..', '..', 'shared');
if (!existsSync(join(shared, 'reference', 'WIRE.md'))) throw new Error(`no shared reference folder at ${shared}`);

const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';
const codecs = new Map([
  [JSON_TYPE, jsonCodec],
  [XML_TYPE, xmlCodec],
]);
const short = (mediaType) => (mediaType === JSON_TYPE ? 'json' : 'xml');
const ext = short;

for (const dir of ['samples', 'seed', 'cases', 'versions']) rmSync(join(out, dir), { recursive: true, force: true });
const vectors = [];
const problems = [];

function write(path, content) {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), content);
  return path;
}
const read = (path) => readFileSync(join(out, path));
const clone = (value) => JSON.parse(JSON.stringify(value));

function add(vector) {
  const tags = [...new Set([...vector.tags, vector.kind, vector.operation, short(vector.mediaType)])];
  const full = { ...vector, tags, level: vector.level ?? 'required' };
  // Order the members the way the schema lists them, for a readable manifest.
  const ordered = {};
  for (const key of [
    'id',
    'kind',
    'mediaType',
    'operation',
    'document',
    'value',
    'options',
    'fault',
    'pair',
    'exception',
    'tags',
    'level',
    'source',
    'description',
  ]) {
    if (full[key] !== undefined) ordered[key] = full[key];
  }
  vectors.push(ordered);
}

function decodeWith(mediaType, kind, body, options) {
  return decodeKind(codecs.get(mediaType), kind, body, options);
}

// --- The reference samples and the seed, copied in -------------------------------------------

function kindOf(name) {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (/^(badmediatype|badmethod|badrequest|fault|forbidden|notfound|overlimit)\./.test(base)) return 'fault';
  if (
    /^images-(details|details-get)-resp\./.test(base) ||
    /^image-list-resp\./.test(base) ||
    /^images\.(json|xml)$/.test(base)
  )
    return 'imageList';
  if (/^images-(list|list-get)-resp\./.test(base) || /^images-page\d(-sp)?\./.test(base)) return 'imageIndex';
  if (/^image(-simple|-meta-page1|-fault)?\.(json|xml)$/.test(base) || /^image-get-resp\./.test(base)) return 'image';
  if (/^(image-meta-key-|metadata_item\.)/.test(base)) return 'metaItem';
  if (/^(image-metadata-|metadata[-.])/.test(base)) return 'metadata';
  throw new Error(`no kind known for the sample ${name}`);
}

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [join(dir, entry)]));
}

const samplesRoot = join(shared, 'reference', 'samples');
const sampleDocs = walk(samplesRoot).map((path) => {
  const name = relative(samplesRoot, path).split(sep).join('/');
  const mediaType = name.endsWith('.json') ? JSON_TYPE : XML_TYPE;
  return { name, mediaType, kind: kindOf(name), document: write(`samples/${name}`, readFileSync(path)) };
});

const versionsRoot = join(shared, 'reference', 'versions');
const versionDocs = walk(versionsRoot).map((path) => {
  const name = `versions/${relative(versionsRoot, path).split(sep).join('/')}`;
  const mediaType = name.endsWith('.json') ? JSON_TYPE : XML_TYPE;
  return { name, mediaType, kind: 'versionList', document: write(name, readFileSync(path)) };
});

const seedText = readFileSync(join(shared, 'seed', 'get-image-details.txt'), 'utf8');
const seed = {
  json: seedText.slice(seedText.indexOf('{\n"image"'), seedText.indexOf('Example 2.48.')).trim(),
  xml: `${seedText.slice(seedText.indexOf("<?xml version='1.0'")).trim()}\n`,
};
const seedDocs = [
  {
    name: 'seed/get-image-details.json',
    mediaType: JSON_TYPE,
    kind: 'image',
    document: write('seed/get-image-details.json', seed.json),
  },
  {
    name: 'seed/get-image-details.xml',
    mediaType: XML_TYPE,
    kind: 'image',
    document: write('seed/get-image-details.xml', seed.xml),
  },
];

function originOf(doc) {
  if (doc.name.startsWith('seed/'))
    return `shared/seed/get-image-details.txt (the seed's ${short(doc.mediaType).toUpperCase()} example)`;
  const who = doc.name.startsWith('nova/')
    ? "Nova 2014.2's API samples"
    : "the Compute API v2 developer guide's examples";
  return `shared/reference/samples/${doc.name} (${who})`;
}

const idOf = (doc) => doc.name.replace(/\.(json|xml)$/, '');
for (const doc of [...seedDocs, ...sampleDocs, ...versionDocs]) {
  const source = { type: 'reference', origin: originOf(doc) };
  const tags = ['sample', doc.name.split('/')[0]];
  const body = read(doc.document);
  let value;
  try {
    value = clone(decodeWith(doc.mediaType, doc.kind, body));
  } catch (error) {
    problems.push(`${doc.name} does not decode: ${error.message}`);
    continue;
  }
  const base = { kind: doc.kind, mediaType: doc.mediaType, document: doc.document, tags, source };
  add({
    id: `decode/${short(doc.mediaType)}/${idOf(doc)}`,
    operation: 'decode',
    ...base,
    value,
    description: `the sample decodes to its canonical value`,
  });
  add({
    id: `round-trip/${short(doc.mediaType)}/${idOf(doc)}`,
    operation: 'round-trip',
    ...base,
    description: 'decoded, encoded and decoded again, it is the same value; encoding is stable',
  });
  // Re-encoded, the document means the same as the sample, where the sample holds nothing the
  // model drops (unknown members, the guide's metadata paging, JSON spellings of null).
  const encoded = encodeKind(codecs.get(doc.mediaType), doc.kind, value);
  if (compareDocuments(doc.mediaType, encoded, body.toString('utf8')).equal) {
    add({
      id: `encode/${short(doc.mediaType)}/${idOf(doc)}`,
      operation: 'encode',
      ...base,
      value,
      description: 'its canonical value encodes to a document with the meaning of the sample',
    });
  }
}

// Cross-format pairs: the seed, every Nova sample with both spellings, the guide's faults.
const NULL_EXCEPTION = {
  name: 'nova-null-metadata-value',
  reason:
    "Nova wrote a null metadata value as JSON null and as the XML text None (Python's str(None), a bug of its XML serializer). By the reading rules the JSON null reads as the string 'null' and the XML text as the string 'None'; neither reader can know what the other spelling meant. Only these values may differ.",
};
const byName = new Map([...seedDocs, ...sampleDocs, ...versionDocs].map((doc) => [doc.name, doc]));
for (const doc of [...seedDocs, ...sampleDocs, ...versionDocs]) {
  if (doc.mediaType !== JSON_TYPE) continue;
  const xml = byName.get(doc.name.replace(/\.json$/, '.xml'));
  if (xml === undefined) continue;
  if (doc.name.startsWith('compute-api/') && doc.kind !== 'fault') continue;
  const left = decodeWith(JSON_TYPE, doc.kind, read(doc.document));
  const right = decodeWith(XML_TYPE, doc.kind, read(xml.document));
  const vector = {
    id: `cross-format/${idOf(doc)}`,
    kind: doc.kind,
    mediaType: JSON_TYPE,
    operation: 'cross-format',
    document: doc.document,
    pair: { mediaType: XML_TYPE, document: xml.document },
    tags: ['sample', doc.name.split('/')[0]],
    source: { type: 'reference', origin: `${originOf(doc)} and its .xml` },
    description: 'the JSON and the XML document of the same resource decode to deep-equal values',
  };
  const differences = [];
  (left.images ?? []).forEach((image, i) => {
    for (const key of Object.keys(image.metadata ?? {})) {
      if (image.metadata[key] === 'null' && right.images[i]?.metadata[key] === 'None') {
        differences.push({
          pointer: `/images/${i}/metadata/${key}`,
          values: { [JSON_TYPE]: 'null', [XML_TYPE]: 'None' },
        });
      }
    }
  });
  if (differences.length > 0) {
    vector.exception = { ...NULL_EXCEPTION, differences };
    vector.tags = [...vector.tags, 'exception'];
  }
  add(vector);
}

// --- The project's own canonical values ----------------------------------------------------

for (const c of VALUE_CASES) {
  const docs = {};
  for (const mediaType of [JSON_TYPE, XML_TYPE]) {
    const text = mediaType === JSON_TYPE ? jsonDocument(c.kind, c.value) : xmlDocument(c.kind, c.value);
    const document = write(`cases/${c.kind}/${c.name}.${ext(mediaType)}`, text);
    docs[mediaType] = document;
    const source = { type: 'project', rule: c.rule };
    const base = { kind: c.kind, mediaType, document, tags: c.tags, source };
    const m = short(mediaType);
    add({ id: `encode/${m}/${c.kind}/${c.name}`, operation: 'encode', ...base, value: c.value });
    add({ id: `decode/${m}/${c.kind}/${c.name}`, operation: 'decode', ...base, value: c.value });
    add({ id: `round-trip/${m}/${c.kind}/${c.name}`, operation: 'round-trip', ...base });
  }
  add({
    id: `cross-format/${c.kind}/${c.name}`,
    kind: c.kind,
    mediaType: JSON_TYPE,
    operation: 'cross-format',
    document: docs[JSON_TYPE],
    pair: { mediaType: XML_TYPE, document: docs[XML_TYPE] },
    tags: c.tags,
    source: { type: 'project', rule: c.rule },
  });
}

// --- The project's own documents: reading rules, variants, refusals -----------------------------

for (const c of HAND_CASES) {
  const kind = c.kind ?? 'image';
  const mediaType = c.media === 'json' ? JSON_TYPE : XML_TYPE;
  const document = write(`cases/${kind}/${c.fault ? 'refuse-' : ''}${c.name}.${c.media}`, c.doc);
  const base = {
    kind,
    mediaType,
    document,
    tags: c.tags,
    source: { type: 'project', rule: c.rule },
    ...(c.level ? { level: c.level } : {}),
  };
  if (c.options) base.options = c.options;
  if (c.fault) {
    let where;
    try {
      decodeWith(mediaType, kind, read(document), c.options);
      problems.push(`${kind}/${c.name} (${c.media}) decodes, but should be refused with ${c.fault}`);
    } catch (error) {
      if (!isFault(error) || error.name !== c.fault)
        problems.push(`${kind}/${c.name} (${c.media}) threw ${error.name}: ${error.message}`);
      else where = error.where;
    }
    add({
      id: `refuse/${c.media}/${kind}/${c.name}`,
      operation: 'refuse',
      ...base,
      fault: { name: c.fault, ...(where ? { where } : {}) },
    });
  } else {
    add({ id: `decode/${c.media}/${kind}/${c.name}`, operation: 'decode', ...base, value: c.value });
    add({ id: `round-trip/${c.media}/${kind}/${c.name}`, operation: 'round-trip', ...base });
  }
}

for (const c of UNWRITABLE) {
  let where;
  try {
    encodeKind(xmlCodec, c.kind, c.value);
    problems.push(`unwritable ${c.kind}/${c.name} encodes to XML`);
  } catch (error) {
    if (!isFault(error) || error.name !== 'badRequest')
      problems.push(`unwritable ${c.kind}/${c.name} threw ${error.message}`);
    else where = error.where;
  }
  add({
    id: `refuse/xml/${c.kind}/unwritable-${c.name}`,
    kind: c.kind,
    mediaType: XML_TYPE,
    operation: 'refuse',
    value: c.value,
    fault: { name: 'badRequest', ...(where ? { where } : {}) },
    tags: ['unwritable'],
    source: {
      type: 'project',
      rule: 'an encoder never writes an ill-formed document: a value XML 1.0 cannot carry is refused, naming the field',
    },
  });
  // The same value is JSON's to carry: JSON escapes every code unit.
  add({
    id: `round-trip/json/${c.kind}/xml-unwritable-${c.name}`,
    kind: c.kind,
    mediaType: JSON_TYPE,
    operation: 'round-trip',
    document: write(`cases/${c.kind}/xml-unwritable-${c.name}.json`, jsonDocument(c.kind, c.value)),
    tags: ['unwritable', 'escaping'],
    source: { type: 'project', rule: 'JSON carries what XML cannot: control characters and lone surrogates, escaped' },
  });
}

// --- Check every vector against the project's codecs, then write the manifest ---------------------

const manifest = { $schema: './manifest.schema.json', version: 1, vectors };
checkManifest(manifest);
const { runConformance, loadVectors } = await import('../dist/index.js');
// One vector a line: readable diffs, and a file a few times smaller than an indented one.
const lines = vectors.map((vector) => JSON.stringify(vector)).join(',\n');
writeFileSync(
  join(out, 'manifest.json'),
  `{"$schema": "./manifest.schema.json", "version": 1, "vectors": [\n${lines}\n]}\n`,
);
const results = runConformance([jsonCodec, xmlCodec], { vectors: loadVectors(out), level: 'recommended' });
for (const result of results) if (result.status !== 'passed') problems.push(`${result.id}: ${result.message}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problems; manifest written anyway for inspection`);
  process.exitCode = 1;
}
console.log(`${vectors.length} vectors written to ${relative(process.cwd(), out) || '.'}`);
