import { Fault } from '@openstack-image/faults';
import type { Body, DecodeOptions } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { documentObject, isJsonObject, type JsonObject, parseJson } from './parse-json.ts';
import { childPointer } from './pointer.ts';
import { readLinks } from './read-image.ts';

/**
 * A list body (index or detail), read in place: each entry of `images` by `readEntry`, a null or
 * empty `images_links` as absent, other top-level members dropped. Returns the list and whether it is
 * then valid (every `readEntry` said yes). A Glance v2 list is refused (`assertNovaEntry`).
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
      else {
        for (let i = 0; i < images.length; i++) {
          assertNovaEntry(images[i], `/images/${i}`, list);
          if (!readEntry(images[i], `/images/${i}`)) ok = false;
        }
      }
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

/**
 * An Image service (Glance v2) list, `{"images": [{"id", "status": "active", "visibility", ...}],
 * "schema", "first"}`, would otherwise read as a list of images without links. Its marks: an image
 * with no `links` (Nova always wrote them) that has Glance's `visibility`, or a list with Glance's
 * `schema` or `first` member. A client pointed at the wrong endpoint gets a badRequest that says so.
 */
function assertNovaEntry(entry: unknown, pointer: string, list: JsonObject): void {
  if (!isJsonObject(entry) || entry.links !== undefined) return;
  if (entry.visibility === undefined && list.schema === undefined && list.first === undefined) return;
  const where = `${pointer}/links`;
  throw new Fault(
    'badRequest',
    `This is an Image service (Glance v2) image list, not a Compute API one: its images have no links (at ${where}); point the client at the compute endpoint`,
    { where },
  );
}
