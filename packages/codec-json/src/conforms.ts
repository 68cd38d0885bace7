import { Fault } from '@openstack-image/faults';
import { isMetaKeyLength, LIMITS, membersOf, type ResourceName, validationFault } from '@openstack-image/schema';
import { shownPointer } from './pointer.ts';

/*
 * A hand-written check of each canonical resource, for the encoders, which check every value
 * before they write it (the decoders check in the same pass as they read, in read-image.ts): the
 * same answers as the schema package's compiled TypeBox checks (`isValid`), which a property test
 * holds it to, at a fraction of their cost. It follows TypeBox's own reading of the schemas: known
 * members are read through the prototype chain, an optional member that is `undefined` counts as
 * absent, extra members are found with `Object.getOwnPropertyNames`, record entries with
 * `Object.keys`. When it says no, the schema's `validationFault` names the problem, so the messages are the schema's.
 */

type Members = Record<string, unknown>;

const MAX = Number.MAX_SAFE_INTEGER;

function isObjectLike(value: unknown): value is Members {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRecordLike(value: unknown): value is Members {
  return isObjectLike(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function isInteger(value: unknown, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;
}

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1;
}

/** Every own property name is one of `known` (a schema with optional members). */
function hasOnly(value: Members, known: ReadonlySet<string>): boolean {
  const names = Object.getOwnPropertyNames(value);
  for (let i = 0; i < names.length; i++) {
    if (!known.has(names[i]!)) return false;
  }
  return true;
}

/** Exactly `count` own properties (a schema whose members are all required and present). */
function hasCount(value: Members, count: number): boolean {
  return Object.getOwnPropertyNames(value).length === count;
}

const LINK_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['href', 'rel', 'type']);

function isLink(value: unknown): boolean {
  if (!isObjectLike(value)) return false;
  const type = value.type;
  return (
    typeof value.href === 'string' &&
    typeof value.rel === 'string' &&
    (type === undefined || typeof type === 'string') &&
    hasOnly(value, LINK_MEMBERS)
  );
}

function isLinks(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    if (!isLink(value[i])) return false;
  }
  return true;
}

function isServerRef(value: unknown): boolean {
  return isObjectLike(value) && typeof value.id === 'string' && isLinks(value.links) && hasCount(value, 2);
}

function isMetadata(value: unknown): boolean {
  if (!isRecordLike(value)) return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isMetaKeyLength(key) || typeof value[key] !== 'string') return false;
  }
  return true;
}

function isMetaItem(value: unknown): boolean {
  return isMetadata(value) && Object.getOwnPropertyNames(value).length === 1;
}

/** The members of the canonical image: the schema's own list. */
const IMAGE_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(membersOf('Image'));

function isImage(value: unknown): boolean {
  if (!isObjectLike(value)) return false;
  const { status, progress, minDisk, minRam, server } = value;
  const size = value['OS-EXT-IMG-SIZE:size'];
  const diskConfig = value['OS-DCF:diskConfig'];
  return (
    isNonEmptyString(value.id) &&
    isNullableString(value.name) &&
    (status === undefined || isNonEmptyString(status)) &&
    (progress === undefined || isInteger(progress, LIMITS.progressMax)) &&
    (minDisk === undefined || isInteger(minDisk, MAX)) &&
    (minRam === undefined || isInteger(minRam, MAX)) &&
    isNullableString(value.created) &&
    isNullableString(value.updated) &&
    isMetadata(value.metadata) &&
    isLinks(value.links) &&
    (server === undefined || isServerRef(server)) &&
    (size === undefined || isInteger(size, MAX)) &&
    (diskConfig === undefined || diskConfig === 'AUTO' || diskConfig === 'MANUAL') &&
    hasOnly(value, IMAGE_MEMBERS)
  );
}

function isImageSummary(value: unknown): boolean {
  return (
    isObjectLike(value) &&
    isNonEmptyString(value.id) &&
    isNullableString(value.name) &&
    isLinks(value.links) &&
    hasCount(value, 3)
  );
}

const LIST_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['images', 'images_links']);

function isListOf(value: unknown, isEntry: (entry: unknown) => boolean): boolean {
  if (!isObjectLike(value)) return false;
  const { images, images_links: next } = value;
  if (!Array.isArray(images)) return false;
  for (let i = 0; i < images.length; i++) {
    if (!isEntry(images[i])) return false;
  }
  return (next === undefined || (isLinks(next) && (next as unknown[]).length > 0)) && hasOnly(value, LIST_MEMBERS);
}

const MEDIA_TYPE_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['base', 'type']);

function isMediaType(value: unknown): boolean {
  return (
    isObjectLike(value) &&
    typeof value.base === 'string' &&
    typeof value.type === 'string' &&
    hasOnly(value, MEDIA_TYPE_MEMBERS)
  );
}

const VERSION_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'id',
  'status',
  'updated',
  'links',
  'media-types',
]);

function isVersion(value: unknown): boolean {
  if (!isObjectLike(value)) return false;
  const mediaTypes = value['media-types'];
  if (mediaTypes !== undefined) {
    if (!Array.isArray(mediaTypes) || mediaTypes.length === 0) return false;
    for (let i = 0; i < mediaTypes.length; i++) {
      if (!isMediaType(mediaTypes[i])) return false;
    }
  }
  return (
    isNonEmptyString(value.id) &&
    isNonEmptyString(value.status) &&
    typeof value.updated === 'string' &&
    isLinks(value.links) &&
    hasOnly(value, VERSION_MEMBERS)
  );
}

function isVersionList(value: unknown): boolean {
  if (!isObjectLike(value)) return false;
  const { versions } = value;
  if (!Array.isArray(versions)) return false;
  for (let i = 0; i < versions.length; i++) {
    if (!isVersion(versions[i])) return false;
  }
  return hasCount(value, 1);
}

const CHECKS: { readonly [N in ResourceName]: (value: unknown) => boolean } = {
  Link: isLink,
  ServerRef: isServerRef,
  Metadata: isMetadata,
  MetaItem: isMetaItem,
  Image: isImage,
  ImageSummary: isImageSummary,
  ImageList: (value) => isListOf(value, isImage),
  ImageIndex: (value) => isListOf(value, isImageSummary),
  MediaType: isMediaType,
  Version: isVersion,
  VersionList: isVersionList,
};

/** True when `value` is a valid canonical `name` resource: the same answer as the schema's `isValid`. */
export function conforms(name: ResourceName, value: unknown): boolean {
  return CHECKS[name](value);
}

/** Throws the schema's `badRequest` Fault, naming the pointer under `pointer`, unless `value` conforms. */
export function ensureValid(name: ResourceName, value: unknown, pointer: string): void {
  if (CHECKS[name](value)) return;
  const fault = validationFault(name, value, pointer);
  if (fault !== undefined) throw fault;
  // Only reached if the two checks ever disagreed: still a Fault, never a silent pass.
  const where = shownPointer(pointer);
  throw new Fault('badRequest', `The value is not a valid ${name} at ${where}`, { where });
}

/**
 * For a decoder whose one-pass reader said no: throws the schema's `badRequest` Fault naming the
 * problem. The schema is the authority: should it find no problem, the value is valid after all.
 */
export function reportInvalid(name: ResourceName, value: unknown, pointer: string): void {
  const fault = validationFault(name, value, pointer);
  if (fault !== undefined) throw fault;
}
