import type { Image, ImageIndex, ImageList, ImageSummary, Link, Metadata } from '@openstack-image/schema';
import { metadataKeys } from './write-json.ts';

/*
 * The list bodies, written by the engine's JSON.stringify over copies of the values with their
 * members in the order of write-json.ts. For one image, writing by hand is the faster; for a long
 * list, one native pass over the copies is linear in its length, where the thousands of small
 * strings of a hand-written list are not (the collector copies them over and over). The text is
 * the same either way: a property test holds `JSON.stringify(orderedImage(v))` to `writeImage(v)`.
 */

function orderedLinks(links: readonly Link[]): Link[] {
  const out = new Array<Link>(links.length);
  for (let i = 0; i < links.length; i++) {
    const { href, rel, type } = links[i]!;
    out[i] = type === undefined ? { href, rel } : { href, rel, type };
  }
  return out;
}

function orderedMetadata(metadata: Metadata): Metadata {
  const out: Metadata = {};
  for (const key of metadataKeys(metadata)) {
    // `__proto__` must become an own key, not the copy's prototype.
    Object.defineProperty(out, key, { value: metadata[key], writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** A copy of a valid image with its members in the order `writeImage` writes them. */
export function orderedImage(image: Image): Image {
  const out: Image = { id: image.id, name: image.name } as Image;
  const { status, progress, minDisk, minRam, server } = image;
  if (status !== undefined) out.status = status;
  if (progress !== undefined) out.progress = progress;
  if (minDisk !== undefined) out.minDisk = minDisk;
  if (minRam !== undefined) out.minRam = minRam;
  out.created = image.created;
  out.updated = image.updated;
  out.metadata = orderedMetadata(image.metadata);
  out.links = orderedLinks(image.links);
  if (server !== undefined) out.server = { id: server.id, links: orderedLinks(server.links) };
  const size = image['OS-EXT-IMG-SIZE:size'];
  if (size !== undefined) out['OS-EXT-IMG-SIZE:size'] = size;
  const diskConfig = image['OS-DCF:diskConfig'];
  if (diskConfig !== undefined) out['OS-DCF:diskConfig'] = diskConfig;
  return out;
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
