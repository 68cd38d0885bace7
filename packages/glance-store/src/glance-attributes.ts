/**
 * Glance v2's own attributes of an image: the base properties of its `/v2/schemas/image` in 25.1.0
 * (glanceclient's `is_base_property`) and the members Nova's `_extract_attributes_v2` left out
 * besides. None of them is metadata: every other key of a Glance image is (GLANCE.md 2(b)).
 */
export const GLANCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'protected',
  'os_hidden',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'owner',
  'size',
  'virtual_size',
  'container_format',
  'disk_format',
  'created_at',
  'updated_at',
  'tags',
  'direct_url',
  'min_ram',
  'min_disk',
  'self',
  'file',
  'stores',
  'schema',
  'locations',
]);

/** Properties Glance keeps for itself: a client may neither write nor remove them (403 "reserved"). */
export function isGlanceReserved(key: string): boolean {
  return key.startsWith('os_glance_');
}

/**
 * Query parameters of `GET /v2/images` that are not property filters: a property of one of these
 * names cannot be filtered on by Glance, only here.
 */
export const GLANCE_LIST_PARAMETERS: ReadonlySet<string> = new Set([
  ...GLANCE_ATTRIBUTES,
  'limit',
  'marker',
  'sort',
  'sort_key',
  'sort_dir',
  'member_status',
  'tag',
]);
