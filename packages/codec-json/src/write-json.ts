import type { Image, Link, Metadata, ServerRef } from '@openstack-image/schema';

/*
 * Compact JSON of values that have passed the schema check, written by hand in one fixed order,
 * so that deep-equal values are written as the same text: the order of each schema's properties
 * (an image: id, name, status, progress, minDisk, minRam, created, updated, metadata, links,
 * server, OS-EXT-IMG-SIZE:size, OS-DCF:diskConfig; a server: id, links; a link: href, rel, type),
 * and metadata keys in ascending order (`metadataKeys`). Optional members that are absent (or
 * undefined) are left out. The text is exactly what JSON.stringify writes for the same members in
 * the same order (write-list.ts relies on it, and a test holds the two to it).
 */

/** Characters a JSON string cannot hold as they are: quote, backslash, controls, and surrogates (a lone one is escaped). */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON: plain text between quotes when nothing needs escaping, else the engine's own escaping. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function nullableString(text: string | null): string {
  return text === null ? 'null' : jsonString(text);
}

export function writeLink(link: Link): string {
  const type = link.type;
  return `{"href":${jsonString(link.href)},"rel":${jsonString(link.rel)}${type === undefined ? '' : `,"type":${jsonString(type)}`}}`;
}

export function writeLinks(links: readonly Link[]): string {
  let out = '[';
  for (let i = 0; i < links.length; i++) {
    if (i > 0) out += ',';
    out += writeLink(links[i]!);
  }
  return `${out}]`;
}

/** A canonical array index ("0", "10"): JavaScript objects keep such keys first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

export function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) < 4_294_967_295;
}

function byIndexThenCodeUnits(a: string, b: string): number {
  const aIndex = isArrayIndex(a);
  if (aIndex !== isArrayIndex(b)) return aIndex ? -1 : 1;
  if (aIndex) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The keys of a metadata object in the order they are written: array-index keys ("0", "10") first
 * by number, then the others by UTF-16 code units. That is Nova's sorted order for ordinary keys,
 * and the order a JavaScript object keeps keys inserted in it in this order.
 */
export function metadataKeys(metadata: Metadata): string[] {
  const keys = Object.keys(metadata);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39 && isArrayIndex(key)) return keys.sort(byIndexThenCodeUnits);
  }
  // No array index among them (the usual case): the engine's own sort is by UTF-16 code units.
  return keys.sort();
}

export function writeMetadata(metadata: Metadata): string {
  const keys = metadataKeys(metadata);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0) out += ',';
    out += `${jsonString(key)}:${jsonString(metadata[key]!)}`;
  }
  return `${out}}`;
}

function writeServer(server: ServerRef): string {
  return `{"id":${jsonString(server.id)},"links":${writeLinks(server.links)}}`;
}

export function writeImage(image: Image): string {
  let out = `{"id":${jsonString(image.id)},"name":${nullableString(image.name)}`;
  const { status, progress, minDisk, minRam, server } = image;
  if (status !== undefined) out += `,"status":${jsonString(status)}`;
  if (progress !== undefined) out += `,"progress":${progress}`;
  if (minDisk !== undefined) out += `,"minDisk":${minDisk}`;
  if (minRam !== undefined) out += `,"minRam":${minRam}`;
  out += `,"created":${nullableString(image.created)},"updated":${nullableString(image.updated)}`;
  out += `,"metadata":${writeMetadata(image.metadata)},"links":${writeLinks(image.links)}`;
  if (server !== undefined) out += `,"server":${writeServer(server)}`;
  const size = image['OS-EXT-IMG-SIZE:size'];
  if (size !== undefined) out += `,"OS-EXT-IMG-SIZE:size":${size}`;
  const diskConfig = image['OS-DCF:diskConfig'];
  if (diskConfig !== undefined) out += `,"OS-DCF:diskConfig":"${diskConfig}"`;
  return `${out}}`;
}
