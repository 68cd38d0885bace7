import type { ImageQuery } from '@openstack-image/http';
import { GLANCE_LIST_PARAMETERS } from './glance-attributes.ts';
import { GLANCE_STATUSES_OF } from './nova-view.ts';

/** Glance's largest page (`api_limit_max`). */
export const GLANCE_MAX_PAGE = 1000;

/**
 * The `GET /v2/images` parameters that narrow a list as `query` asks (GLANCE.md 2(c), section 3):
 * `name`, Nova's status as the Glance statuses it stands for (`SAVING` is `in:queued,saving`),
 * `changes-since` as `updated_at=gte:`, `server` as `instance_uuid`, `type` as `image_type`,
 * `minRam`/`minDisk` as `min_ram_min`/`min_disk_min` ("at least", as the API documents them, not
 * Nova's equality), `property-{key}` as `{key}` (not Nova's `lstrip` bug). What Glance would read
 * otherwise (an `in:` value, a property named like one of its parameters) is not sent: the store
 * filters every image again with `matchesQuery` anyway. `undefined` when no image can match.
 */
export function glanceListParams(query: ImageQuery): URLSearchParams | undefined {
  const params = new URLSearchParams();
  params.set('limit', String(Math.min(query.limit, GLANCE_MAX_PAGE)));
  if (query.marker !== undefined) params.set('marker', query.marker);
  if (query.name !== undefined && plainValue(query.name)) params.set('name', query.name);
  if (query.status !== undefined) {
    const wanted = query.status.toUpperCase();
    const statuses = GLANCE_STATUSES_OF.get(wanted);
    if (statuses !== undefined) params.set('status', statuses.length === 1 ? statuses[0]! : `in:${statuses.join(',')}`);
    else if (wanted !== 'UNKNOWN') return undefined;
  }
  if (query.changesSince !== undefined) {
    // Whole seconds, rounded down: a superset, which matchesQuery narrows again.
    const at = new Date(Math.floor(query.changesSince.getTime() / 1000) * 1000);
    params.set('updated_at', `gte:${at.toISOString().replace(/\.\d+Z$/, 'Z')}`);
  }
  if (query.server !== undefined) {
    const server = query.server.slice(query.server.lastIndexOf('/') + 1);
    if (plainValue(server)) params.set('instance_uuid', server);
  }
  if (query.type !== undefined && plainValue(query.type)) params.set('image_type', query.type);
  if (query.minRam !== undefined && query.minRam > 0) params.set('min_ram_min', String(query.minRam));
  if (query.minDisk !== undefined && query.minDisk > 0) params.set('min_disk_min', String(query.minDisk));
  for (const key of Object.keys(query.properties ?? {})) {
    const value = query.properties![key]!;
    if (sendableProperty(key) && plainValue(value) && !params.has(key)) params.set(key, value);
  }
  return params;
}

/** A value Glance compares as it is (`in:a,b` and `gte:t` are operators to it). */
function plainValue(value: string): boolean {
  return !/^(?:in|eq|neq|gt|gte|lt|lte):/.test(value);
}

/** A property Glance filters exactly: not one of its own parameters, nor a `_min`/`_max` range. */
function sendableProperty(key: string): boolean {
  return key !== '' && !GLANCE_LIST_PARAMETERS.has(key) && !/_(?:min|max)$/.test(key) && !key.startsWith('os_glance_');
}
