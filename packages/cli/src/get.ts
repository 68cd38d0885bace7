import { parseArgs } from 'node:util';
import { createImagesClient, type ListQuery } from '@openstack-image/client';
import { isFault } from '@openstack-image/faults';
import type { Paint } from './colour.ts';
import { describeFault } from './describe-fault.ts';
import { type Document, encodeDocument, type Format, pretty } from './documents.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './exit-codes.ts';
import type { CliIo } from './input.ts';
import { formatOption, integerOption } from './options.ts';
import { imageTable, indexTable, listTable, metadataTable } from './table.ts';
import { GET_USAGE } from './usage.ts';

/** What a URL names: the endpoint before `/images`, and the resource after it. */
export type Target =
  | { readonly endpoint: string; readonly kind: 'list' | 'index'; readonly query: ListQuery }
  | { readonly endpoint: string; readonly kind: 'image' | 'metadata'; readonly id: string }
  | { readonly endpoint: string; readonly kind: 'meta'; readonly id: string; readonly key: string };

const QUERY_NAMES: Readonly<Record<string, keyof ListQuery>> = {
  limit: 'limit',
  marker: 'marker',
  name: 'name',
  status: 'status',
  'changes-since': 'changesSince',
  server: 'server',
  type: 'type',
  minRam: 'minRam',
  minDisk: 'minDisk',
};
const NUMERIC: ReadonlySet<string> = new Set(['limit', 'minRam', 'minDisk']);

/** Reads an images URL (`.../images`, `.../images/detail`, `.../images/ID[/metadata[/KEY]]`). */
export function parseTarget(text: string): Target {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`get takes an http:// or https:// URL, not ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`get takes an http:// or https:// URL, not ${JSON.stringify(text)}`);
  }
  const segments = url.pathname.replace(/\/+$/, '').split('/');
  const images = findImages(segments);
  if (images < 0) {
    throw new UsageError(
      `${text} names no images resource: give .../images, .../images/detail, .../images/ID, .../images/ID/metadata or .../images/ID/metadata/KEY`,
    );
  }
  const endpoint = `${url.origin}${segments.slice(0, images).join('/')}`;
  const rest = segments.slice(images + 1).map(decodeSegment);
  if (rest.length === 0 || (rest.length === 1 && rest[0] === 'detail')) {
    return { endpoint, kind: rest.length === 0 ? 'index' : 'list', query: listQuery(url.searchParams) };
  }
  if (url.search !== '') throw new UsageError('only the list URLs (.../images, .../images/detail) take a query');
  if (rest.length === 1) return { endpoint, kind: 'image', id: rest[0]! };
  if (rest.length === 2 && rest[1] === 'metadata') return { endpoint, kind: 'metadata', id: rest[0]! };
  if (rest.length === 3 && rest[1] === 'metadata') return { endpoint, kind: 'meta', id: rest[0]!, key: rest[2]! };
  throw new UsageError(`${text} names no images resource after /images`);
}

/** The `images` segment the resource hangs from: the first one followed by a shape the API has. */
function findImages(segments: readonly string[]): number {
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] !== 'images') continue;
    const rest = segments.length - i - 1;
    if (rest <= 1 || (rest <= 3 && segments[i + 2] === 'metadata')) return i;
  }
  return -1;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UsageError(`the URL segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
}

function listQuery(params: URLSearchParams): ListQuery {
  const query: Record<string, string | number> = {};
  for (const [name, value] of params) {
    const key = QUERY_NAMES[name];
    if (key === undefined) {
      throw new UsageError(`the list query takes ${Object.keys(QUERY_NAMES).join(', ')}; not ${JSON.stringify(name)}`);
    }
    query[key] = NUMERIC.has(name) ? integerOption(name, value, 0, 0) : value;
  }
  return query as ListQuery;
}

type Output = 'table' | Format;

/** `openstack-image get`: one resource through the client, shown as a table or written as JSON or XML. */
export async function get(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  paint: Paint,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      token: { type: 'string' },
      accept: { type: 'string' },
      output: { type: 'string', short: 'o' },
      pretty: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(GET_USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`get takes one URL, not ${positionals.length}`);
  const target = parseTarget(positionals[0]!);
  const accept = formatOption('--accept', values.accept) ?? 'json';
  const output = outputOption(values.output) ?? (io.stdoutIsTTY ? 'table' : 'json');
  const timeout = integerOption('--timeout', values.timeout, 30_000);
  const token = values.token ?? (env.OS_AUTH_TOKEN || undefined) ?? (env.OS_TOKEN || undefined);
  const client = createImagesClient({
    url: target.endpoint,
    format: accept,
    timeout,
    ...(token === undefined ? {} : { token }),
  });
  let document: Document;
  try {
    document = await fetchDocument(client, target);
  } catch (error) {
    if (!isFault(error)) throw error;
    io.err(`openstack-image get: ${paint.red(describeFault(error))}\n`);
    if (output !== 'table') io.out(`${written({ kind: 'fault', value: error }, output, values.pretty === true)}\n`);
    return EXIT_FAILED;
  }
  if (output === 'table') io.out(tableOf(document, paint));
  else io.out(`${written(document, output, values.pretty === true)}\n`);
  return EXIT_OK;
}

async function fetchDocument(client: ReturnType<typeof createImagesClient>, target: Target): Promise<Document> {
  switch (target.kind) {
    case 'image':
      return { kind: 'image', value: await client.getImage(target.id) };
    case 'metadata':
      return { kind: 'metadata', value: await client.getMetadata(target.id) };
    case 'meta':
      return { kind: 'meta', value: { [target.key]: await client.getMetaItem(target.id, target.key) } };
    case 'list': {
      const images = [];
      for await (const image of client.listImages(target.query)) images.push(image);
      return { kind: 'list', value: { images } };
    }
    case 'index': {
      const images = [];
      for await (const image of client.listImageSummaries(target.query)) images.push(image);
      return { kind: 'index', value: { images } };
    }
  }
}

function outputOption(value: string | undefined): Output | undefined {
  if (value === undefined) return undefined;
  if (value !== 'table' && value !== 'json' && value !== 'xml') {
    throw new UsageError(`--output takes table, json or xml, not ${JSON.stringify(value)}`);
  }
  return value;
}

function written(document: Document, format: Format, indent: boolean): string {
  const text = encodeDocument(document, format);
  return (indent ? pretty(text, format) : text).replace(/\n$/, '');
}

function tableOf(document: Document, paint: Paint): string {
  switch (document.kind) {
    case 'image':
      return imageTable(document.value, paint);
    case 'list':
      return listTable(document.value, paint);
    case 'index':
      return indexTable(document.value, paint);
    case 'metadata':
    case 'meta':
      return metadataTable(document.value, paint);
    case 'fault':
      return `${describeFault(document.value)}\n`;
  }
}
