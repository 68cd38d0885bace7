import { membersOf } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { isJsonObject, type JsonObject } from './parse-json.ts';
import { childPointer } from './pointer.ts';
import { readLinks } from './read-image.ts';

/*
 * The version documents by the schema package's reading rules, in place, as read-image.ts reads an
 * image: each reader returns whether what it leaves is a valid canonical value; on a no, the
 * decoder asks the schema which problem to report.
 */

const VERSION_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(membersOf('Version'));
const MEDIA_TYPE_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['base', 'type']);

function dropUnknown(object: JsonObject, known: ReadonlySet<string>, pointer: string, depth: number): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    assertNestingWithin(object[key], depth + 1, childPointer(pointer, key));
    delete object[key];
  }
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/**
 * A version: absent or null `links` read as [], null or empty `media-types` as absent, unknown
 * members (of the version and of each media type) dropped. `depth` is its level in the document.
 */
export function readVersion(version: unknown, pointer: string, depth: number): boolean {
  if (!isJsonObject(version)) return false;
  let ok = isNonEmptyString(version.id) && isNonEmptyString(version.status) && typeof version.updated === 'string';
  const links = version.links;
  if (links === undefined || links === null) version.links = [];
  else if (!readLinks(links, `${pointer}/links`, depth + 1)) ok = false;
  const mediaTypes = version['media-types'];
  if (mediaTypes === null || (Array.isArray(mediaTypes) && mediaTypes.length === 0)) delete version['media-types'];
  else if (mediaTypes !== undefined && !readMediaTypes(mediaTypes, `${pointer}/media-types`, depth + 1)) ok = false;
  dropUnknown(version, VERSION_MEMBERS, pointer, depth);
  return ok;
}

function readMediaTypes(mediaTypes: unknown, pointer: string, depth: number): boolean {
  if (!Array.isArray(mediaTypes)) return false;
  let ok = true;
  for (let i = 0; i < mediaTypes.length; i++) {
    const mediaType: unknown = mediaTypes[i];
    if (!isJsonObject(mediaType)) {
      ok = false;
      continue;
    }
    if (typeof mediaType.base !== 'string' || typeof mediaType.type !== 'string') ok = false;
    dropUnknown(mediaType, MEDIA_TYPE_MEMBERS, childPointer(pointer, i), depth + 1);
  }
  return ok;
}
