import { Fault } from '@openstack-image/faults';
import { isMetaKeyLength, isMetaValueLength, LIMITS, type Metadata } from '@openstack-image/schema';

/** Nova's default `quota_metadata_items`. */
export const DEFAULT_MAX_METADATA_ITEMS = 128;

/**
 * Refuses metadata a client may not write: keys of 1..255 characters, values of at most 255
 * (LIMITS; characters are code points, as XSD counts them).
 */
export function checkMetadataWrite(metadata: Metadata): void {
  for (const key of Object.keys(metadata)) {
    if (!isMetaKeyLength(key)) {
      throw new Fault('badRequest', `metadata keys must be 1 to ${LIMITS.metaKeyMaxLength} characters long`, {
        where: `/metadata/${pointerToken(key)}`,
      });
    }
    const value = metadata[key]!;
    if (!isMetaValueLength(value)) {
      throw new Fault(
        'badRequest',
        `the value of metadata key ${JSON.stringify(key.slice(0, 64))} must be at most ${LIMITS.metaValueMaxLength} characters long`,
        { where: `/metadata/${pointerToken(key)}` },
      );
    }
  }
}

/** Refuses a metadata set larger than the quota, as Nova did: 403 "Image metadata limit exceeded". */
export function checkMetadataQuota(count: number, max: number): void {
  if (count > max) {
    throw new Fault('forbidden', `Image metadata limit exceeded: at most ${max} items per image`);
  }
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
