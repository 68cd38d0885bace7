import { LIMITS, membersOf } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { isJsonObject, type JsonObject } from './parse-json.ts';
import { childPointer } from './pointer.ts';
import { readMetadata } from './read-metadata.ts';

/*
 * The reading rules of the schema package's README, applied in place to the objects JSON.parse
 * made (no copy), in the same pass as the schema check: each reader returns whether what it leaves
 * is a valid canonical value, the same answer as the schema's `isValid` (a property test holds it
 * to that). On a no, the decoder asks the schema which problem to report, with its pointer.
 * `depth` is the object's level in its document (the top level is 1), for the nesting limit of
 * what is dropped. Only JSON.parse output comes here: plain objects whose keys are all own and
 * enumerable, so reading a member by name and counting keys are exact.
 */

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * A count sent as a decimal string: `OS-EXT-IMG-SIZE:size` as Nova's sample sends it, `minDisk`,
 * `minRam` and `progress` as a Nova trunk of 2011 sent them (libcloud's fixtures hold them).
 */
const DECIMAL = /^[0-9]+$/;

function isInteger(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/**
 * A count member (`progress`, `minDisk`, `minRam`, `OS-EXT-IMG-SIZE:size`): null reads as absent,
 * a decimal digit string as its number. Returns whether it is then an integer in 0..max.
 */
function readCount(image: JsonObject, key: string, value: unknown, max: number): boolean {
  if (value === null) {
    delete image[key];
    return true;
  }
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const number = Number(value);
    image[key] = number;
    return isInteger(number, max);
  }
  if (!isInteger(value, max)) return false;
  if (value === 0) image[key] = 0; // -0 (from "-0") reads as 0: it would write as 0
  return true;
}

/** Drops the members not in `known`, once their nesting is checked. */
function dropUnknown(object: JsonObject, known: ReadonlySet<string>, pointer: string, depth: number): void {
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (known.has(key)) continue;
    assertNestingWithin(object[key], depth + 1, childPointer(pointer, key));
    delete object[key];
  }
}

/** The members of the canonical image: the schema's own list. */
const IMAGE_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(membersOf('Image'));

/**
 * An image: absent or null `name`/`created`/`updated` read as null, the other nulls as absent,
 * absent or null `metadata` as {} and `links` as [], a decimal-string size as its number,
 * non-string metadata values as their JSON text, unknown members dropped.
 */
export function readImage(image: unknown, pointer: string, depth: number, strict: boolean): boolean {
  if (!isJsonObject(image)) return false;
  const members = Object.keys(image).length;
  let known = 0;
  let ok = true;

  const id = image.id;
  if (id !== undefined) known++;
  if (!isNonEmptyString(id)) ok = false;

  const name = image.name;
  if (name === undefined) image.name = null;
  else {
    known++;
    if (name !== null && typeof name !== 'string') ok = false;
  }
  const created = image.created;
  if (created === undefined) image.created = null;
  else {
    known++;
    if (created !== null && typeof created !== 'string') ok = false;
  }
  const updated = image.updated;
  if (updated === undefined) image.updated = null;
  else {
    known++;
    if (updated !== null && typeof updated !== 'string') ok = false;
  }

  const status = image.status;
  if (status !== undefined) {
    known++;
    if (status === null) delete image.status;
    else if (!isNonEmptyString(status)) ok = false;
  }
  const progress = image.progress;
  if (progress !== undefined) {
    known++;
    if (!readCount(image, 'progress', progress, LIMITS.progressMax)) ok = false;
  }
  const minDisk = image.minDisk;
  if (minDisk !== undefined) {
    known++;
    if (!readCount(image, 'minDisk', minDisk, MAX)) ok = false;
  }
  const minRam = image.minRam;
  if (minRam !== undefined) {
    known++;
    if (!readCount(image, 'minRam', minRam, MAX)) ok = false;
  }
  const diskConfig = image['OS-DCF:diskConfig'];
  if (diskConfig !== undefined) {
    known++;
    if (diskConfig === null) delete image['OS-DCF:diskConfig'];
    else if (diskConfig !== 'AUTO' && diskConfig !== 'MANUAL') ok = false;
  }
  const size = image['OS-EXT-IMG-SIZE:size'];
  if (size !== undefined) {
    known++;
    if (!readCount(image, 'OS-EXT-IMG-SIZE:size', size, MAX)) ok = false;
  }

  const metadata = image.metadata;
  if (metadata === undefined || metadata === null) image.metadata = {};
  if (metadata !== undefined) {
    known++;
    if (metadata !== null && !readMetadata(metadata, `${pointer}/metadata`, depth + 1, strict)) ok = false;
  }
  const links = image.links;
  if (links === undefined || links === null) image.links = [];
  if (links !== undefined) {
    known++;
    if (links !== null && !readLinks(links, `${pointer}/links`, depth + 1)) ok = false;
  }
  const server = image.server;
  if (server !== undefined) {
    known++;
    if (server === null) delete image.server;
    else if (!readServer(server, `${pointer}/server`, depth + 1)) ok = false;
  }

  if (known !== members) dropUnknown(image, IMAGE_MEMBERS, pointer, depth);
  return ok;
}

const SUMMARY_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['id', 'name', 'links']);

/** An entry of the image index: `id`, `name` (absent reads as null), `links` (absent or null reads as []). */
export function readImageSummary(summary: unknown, pointer: string, depth: number): boolean {
  if (!isJsonObject(summary)) return false;
  const members = Object.keys(summary).length;
  let known = 0;
  let ok = true;
  const id = summary.id;
  if (id !== undefined) known++;
  if (!isNonEmptyString(id)) ok = false;
  const name = summary.name;
  if (name === undefined) summary.name = null;
  else {
    known++;
    if (name !== null && typeof name !== 'string') ok = false;
  }
  const links = summary.links;
  if (links === undefined || links === null) summary.links = [];
  if (links !== undefined) {
    known++;
    if (links !== null && !readLinks(links, `${pointer}/links`, depth + 1)) ok = false;
  }
  if (known !== members) dropUnknown(summary, SUMMARY_MEMBERS, pointer, depth);
  return ok;
}

const SERVER_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['id', 'links']);

/** The server an image is a snapshot of: absent or null `links` read as []. */
function readServer(server: unknown, pointer: string, depth: number): boolean {
  if (!isJsonObject(server)) return false;
  const members = Object.keys(server).length;
  let known = 0;
  let ok = true;
  const id = server.id;
  if (id !== undefined) known++;
  if (typeof id !== 'string') ok = false;
  const links = server.links;
  if (links === undefined || links === null) server.links = [];
  if (links !== undefined) {
    known++;
    if (links !== null && !readLinks(links, `${pointer}/links`, depth + 1)) ok = false;
  }
  if (known !== members) dropUnknown(server, SERVER_MEMBERS, pointer, depth);
  return ok;
}

const LINK_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['href', 'rel', 'type']);

/** An array of atom links: a null `type` reads as absent, other members are dropped. */
export function readLinks(links: unknown, pointer: string, depth: number): boolean {
  if (!Array.isArray(links)) return false;
  let ok = true;
  for (let i = 0; i < links.length; i++) {
    const link: unknown = links[i];
    if (!isJsonObject(link)) {
      ok = false;
      continue;
    }
    const members = Object.keys(link).length;
    let known = 0;
    const href = link.href;
    if (href !== undefined) known++;
    const rel = link.rel;
    if (rel !== undefined) known++;
    if (typeof href !== 'string' || typeof rel !== 'string') ok = false;
    const type = link.type;
    if (type !== undefined) {
      known++;
      if (type === null) delete link.type;
      else if (typeof type !== 'string') ok = false;
    }
    if (known !== members) dropUnknown(link, LINK_MEMBERS, childPointer(pointer, i), depth + 1);
  }
  return ok;
}
