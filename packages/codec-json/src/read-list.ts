import type { Body, DecodeOptions } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { documentObject, type JsonObject, parseJson } from './parse-json.ts';
import { childPointer } from './pointer.ts';
import { readLinks } from './read-image.ts';

/**
 * A list body (index or detail), read in place: each entry of `images` by `readEntry`, a null or
 * empty `images_links` as absent, other top-level members dropped. Returns the list and whether it is
 * then valid (every `readEntry` said yes).
 */
export function readList(
  body: Body,
  options: DecodeOptions | undefined,
  readEntry: (entry: unknown, pointer: string) => boolean,
): { list: JsonObject; ok: boolean } {
  const list = documentObject(parseJson(body, options), 'images');
  let ok = true;
  const keys = Object.keys(list);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key === 'images') {
      const images = list.images;
      if (!Array.isArray(images)) ok = false;
      else for (let i = 0; i < images.length; i++) if (!readEntry(images[i], `/images/${i}`)) ok = false;
    } else if (key === 'images_links') {
      const next = list.images_links;
      if (next === null || (Array.isArray(next) && next.length === 0)) delete list.images_links;
      else if (!readLinks(list.images_links, '/images_links', 2)) ok = false;
    } else {
      assertNestingWithin(list[key], 2, childPointer('', key));
      delete list[key];
    }
  }
  if (list.images === undefined) ok = false;
  return { list, ok };
}
