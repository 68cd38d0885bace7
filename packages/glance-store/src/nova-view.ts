import { Fault } from '@openstack-image/faults';
import type { Image, Link, Metadata } from '@openstack-image/schema';
import { GLANCE_ATTRIBUTES } from './glance-attributes.ts';

/** A Glance v2 image as it arrives: a JSON object, not trusted until read by `novaImage`. */
export type GlanceImage = Readonly<Record<string, unknown>>;

/** What the Nova view needs besides the Glance image: where server links point, for which tenant. */
export interface ViewContext {
  /** The compute API's root, without a trailing slash: server links are built on it. */
  readonly computeUrl: string;
  /** The tenant the request acts for (the links' tenant segment); none leaves the segment out. */
  readonly tenant: string | undefined;
}

/** Glance status -> Nova's status and progress (`views/images.py` `_get_status`, `_get_progress`). */
const STATUS: ReadonlyMap<string, readonly [string, number]> = new Map(
  Object.entries({
    queued: ['SAVING', 25],
    saving: ['SAVING', 50],
    active: ['ACTIVE', 100],
    killed: ['ERROR', 0],
    deleted: ['DELETED', 0],
    pending_delete: ['DELETED', 0],
  } as const),
);

/** The Glance statuses each Nova status stands for; UNKNOWN is every other one. */
export const GLANCE_STATUSES_OF: ReadonlyMap<string, readonly string[]> = new Map([
  ['SAVING', ['queued', 'saving']],
  ['ACTIVE', ['active']],
  ['ERROR', ['killed']],
  ['DELETED', ['deleted', 'pending_delete']],
]);

/** oslo's `bool_from_string` true spellings, read as Nova's disk_config extension read them. */
const TRUE_STRINGS = new Set(['1', 't', 'true', 'on', 'y', 'yes']);

/**
 * The image as Nova's images API showed a Glance v2 image (GLANCE.md 2(a), 2(b)): Nova's status and
 * progress, timestamps as `YYYY-MM-DDTHH:MM:SSZ`, minRam/minDisk with null as 0, the custom properties
 * as metadata, `server` from `instance_uuid`, `OS-EXT-IMG-SIZE:size` (null as 0) and `OS-DCF:diskConfig`
 * from `auto_disk_config`. Links are left to the API core. Throws a computeFault naming the member
 * for an answer no Glance gives (a missing id, a size that is not a number).
 */
export function novaImage(glance: unknown, context: ViewContext): Image {
  if (typeof glance !== 'object' || glance === null || Array.isArray(glance)) {
    throw unreadable('an image that is not a JSON object');
  }
  const raw = glance as GlanceImage;
  const id = raw.id;
  if (typeof id !== 'string' || id === '') throw unreadable('an image without an id', 'id');
  const status = raw.status;
  if (typeof status !== 'string') throw unreadable(`image ${id} without a status`, 'status');
  const name = raw.name ?? null;
  if (name !== null && typeof name !== 'string') throw unreadable(`image ${id} with a name that is not text`, 'name');
  const [novaStatus, progress] = STATUS.get(status) ?? ['UNKNOWN', 0];
  const metadata = metadataOf(raw);
  const image: { -readonly [K in keyof Image]: Image[K] } = {
    id,
    name,
    status: novaStatus,
    progress,
    minDisk: count(raw, 'min_disk', id),
    minRam: count(raw, 'min_ram', id),
    created: timestamp(raw, 'created_at', id),
    updated: timestamp(raw, 'updated_at', id),
    metadata,
    links: [],
    'OS-EXT-IMG-SIZE:size': count(raw, 'size', id),
  };
  const server = metadata.instance_uuid;
  if (server !== undefined && server !== '') image.server = { id: server, links: serverLinks(context, server) };
  const disk = metadata.auto_disk_config;
  if (disk !== undefined) image['OS-DCF:diskConfig'] = TRUE_STRINGS.has(disk.trim().toLowerCase()) ? 'AUTO' : 'MANUAL';
  return image;
}

/**
 * The custom properties of a Glance image: every member but Glance's own attributes. Values are
 * strings in Glance v2; a null (`kernel_id`, `ramdisk_id` may be null) is left out, as metadata holds
 * only strings; any other value is kept as its JSON text, as the codecs read non-string values.
 */
export function metadataOf(raw: GlanceImage): Metadata {
  const metadata: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    if (GLANCE_ATTRIBUTES.has(key)) continue;
    const value = raw[key];
    if (value === null || value === undefined) continue;
    // defineProperty: a key such as __proto__ is an item like any other, not the object's prototype.
    Object.defineProperty(metadata, key, {
      value: typeof value === 'string' ? value : JSON.stringify(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return metadata;
}

function serverLinks(context: ViewContext, server: string): Link[] {
  const tenant = context.tenant === undefined ? '' : `/${encodeURIComponent(context.tenant)}`;
  const tail = `${tenant}/servers/${encodeURIComponent(server)}`;
  return [
    { href: `${context.computeUrl}/v2${tail}`, rel: 'self' },
    { href: `${context.computeUrl}${tail}`, rel: 'bookmark' },
  ];
}

function count(raw: GlanceImage, member: string, id: string): number {
  const value = raw[member] ?? 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw unreadable(`image ${id} with a ${member} that is not an integer >= 0`, member);
  }
  return value;
}

/** Nova wrote Glance's timestamps `%Y-%m-%dT%H:%M:%SZ`; null stays null. */
function timestamp(raw: GlanceImage, member: string, id: string): string | null {
  const value = raw[member] ?? null;
  if (value === null) return null;
  // Glance writes UTC with a Z; a time without a zone is UTC too (as Nova's iso8601 read it).
  const text = typeof value === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(value) ? `${value}Z` : value;
  const millis = typeof text === 'string' && /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) throw unreadable(`image ${id} with a ${member} that is not a time`, member);
  return new Date(millis).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function unreadable(what: string, member?: string): Fault {
  return new Fault('computeFault', `The image service sent ${what}.`, {
    ...(member === undefined ? {} : { where: `glance ${member}` }),
  });
}
