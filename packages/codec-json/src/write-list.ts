import type { Image, ImageIndex, ImageList, ImageSummary, Link, Metadata } from '@openstack-image/schema';
import { isArrayIndex, metadataKeys } from './write-json.ts';

/*
 * The list bodies, written by the engine's JSON.stringify over shallow copies of the values with
 * their members in the order of write-json.ts. For one image, writing by hand is the faster; for a
 * long list, one native pass is linear in its length, where the thousands of small strings of a
 * hand-written list are not (the collector copies them over and over). The text is the same either
 * way: a property test holds `JSON.stringify(orderedImage(v))` to `writeImage(v)`.
 *
 * The copies cost as little as they can, because JSON.stringify is the floor: each is one object
 * literal of every member in the written order (JSON.stringify leaves out a member that is
 * undefined, as the writer leaves out an absent optional one), and a metadata object whose keys
 * are already in the written order, as a decoded or stored one usually is, is written as it is.
 */

/**
 * True when JSON.stringify writes `link` as `writeLink` does: a plain object whose own members
 * come in the order href, rel, type (it has no others: it passed the check).
 */
function isLinkInWrittenOrder(link: Link): boolean {
  if (Object.getPrototypeOf(link) !== Object.prototype) return false;
  let at = 0;
  for (const key in link) {
    if (key !== (at === 0 ? 'href' : at === 1 ? 'rel' : 'type')) return false;
    at++;
  }
  return true;
}

/** The links as they are when each is already in order (no copy to collect), else copies in order. */
function orderedLinks(links: readonly Link[]): Link[] {
  let i = 0;
  while (i < links.length && isLinkInWrittenOrder(links[i]!)) i++;
  if (i === links.length && Object.getPrototypeOf(links) === Array.prototype) return links as Link[];
  const out = new Array<Link>(links.length);
  for (let j = 0; j < links.length; j++) {
    const { href, rel, type } = links[j]!;
    out[j] = type === undefined ? { href, rel } : { href, rel, type };
  }
  return out;
}

/**
 * True when JSON.stringify writes `metadata` in the order `metadataKeys` gives: a plain object
 * (no prototype of its own that could hold a `toJSON`) whose other keys follow its array-index
 * keys in code-unit order. Array-index keys come first, by number, in every plain object.
 */
function isInWrittenOrder(metadata: Metadata): boolean {
  const prototype: unknown = Object.getPrototypeOf(metadata);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(metadata);
  let previous: string | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39 && isArrayIndex(key)) continue;
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
  }
  return true;
}

function orderedMetadata(metadata: Metadata): Metadata {
  if (isInWrittenOrder(metadata)) return metadata;
  // No prototype, so that a `__proto__` key is an own key like any other.
  const out = Object.create(null) as Metadata;
  for (const key of metadataKeys(metadata)) out[key] = metadata[key]!;
  return out;
}

/** A copy of a valid image with its members in the order `writeImage` writes them. */
export function orderedImage(image: Image): Image {
  const { server } = image;
  const size = image['OS-EXT-IMG-SIZE:size'];
  const diskConfig = image['OS-DCF:diskConfig'];
  const id = image.id;
  const name = image.name;
  const status = image.status;
  const progress = image.progress;
  const minDisk = image.minDisk;
  const minRam = image.minRam;
  const created = image.created;
  const updated = image.updated;
  const metadata = orderedMetadata(image.metadata);
  const links = orderedLinks(image.links);
  // Two shapes, the usual one without the last three members: JSON.stringify is slower over members it skips.
  if (server === undefined && size === undefined && diskConfig === undefined) {
    return { id, name, status, progress, minDisk, minRam, created, updated, metadata, links } as Image;
  }
  return {
    id,
    name,
    status,
    progress,
    minDisk,
    minRam,
    created,
    updated,
    metadata,
    links,
    server: server === undefined ? undefined : { id: server.id, links: orderedLinks(server.links) },
    'OS-EXT-IMG-SIZE:size': size,
    'OS-DCF:diskConfig': diskConfig,
  } as Image;
}

function orderedSummary(summary: ImageSummary): ImageSummary {
  return { id: summary.id, name: summary.name, links: orderedLinks(summary.links) };
}

function writeList<T>(images: readonly T[], next: readonly Link[] | undefined, ordered: (entry: T) => T): string {
  const copies = new Array<T>(images.length);
  for (let i = 0; i < images.length; i++) copies[i] = ordered(images[i]!);
  return JSON.stringify(next === undefined ? { images: copies } : { images: copies, images_links: orderedLinks(next) });
}

/** The detail list `{"images":[...],"images_links":[...]}` of a valid list. */
export function writeImageList(list: ImageList): string {
  return writeList(list.images, list.images_links, orderedImage);
}

/** The index `{"images":[{"id","name","links"}],"images_links":[...]}` of a valid index. */
export function writeImageIndex(index: ImageIndex): string {
  return writeList(index.images, index.images_links, orderedSummary);
}
