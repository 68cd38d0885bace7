import { Fault } from '@openstack-image/faults';
import type { Metadata } from '@openstack-image/schema';
import { GLANCE_ATTRIBUTES, isGlanceReserved } from './glance-attributes.ts';

/** One operation of Glance's `application/openstack-images-v2.1-json-patch`. */
export type PatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: string }
  | { readonly op: 'remove'; readonly path: string };

export const JSON_PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

/**
 * The one PATCH that turns the metadata `from` into `to`: `add` for every new or changed item (Glance's
 * `add` creates or overwrites, so a concurrent writer's change of the same key cannot make it fail),
 * `remove` for every item gone. Glance's reserved `os_glance_*` items are never removed (Glance refuses
 * with 403): they stay.
 */
export function metadataPatch(from: Metadata, to: Metadata): PatchOperation[] {
  const operations: PatchOperation[] = [];
  for (const key of Object.keys(to)) {
    const value = to[key]!;
    if (!Object.hasOwn(from, key) || from[key] !== value) operations.push({ op: 'add', path: pointer(key), value });
  }
  for (const key of Object.keys(from)) {
    if (!Object.hasOwn(to, key) && !isGlanceReserved(key)) operations.push({ op: 'remove', path: pointer(key) });
  }
  return operations;
}

/**
 * Refuses items whose keys are attributes of Glance's own (`name`, `min_ram`, `visibility`...): as
 * metadata they would rename the image or change what it is, or fail with Glance's 403 or 400.
 */
export function checkNotGlanceAttributes(metadata: Metadata): void {
  for (const key of Object.keys(metadata)) {
    if (GLANCE_ATTRIBUTES.has(key)) {
      throw new Fault(
        'badRequest',
        `The metadata key ${JSON.stringify(key)} names an attribute of the image itself in the image service; choose another key.`,
        { where: `/metadata/${pointerToken(key)}` },
      );
    }
  }
}

/** `/a~1b` for key `a/b` (RFC 6901). */
export function pointer(key: string): string {
  return `/${pointerToken(key)}`;
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
