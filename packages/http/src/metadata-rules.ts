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

/**
 * The largest body a valid request can need, for the default `maxBodyBytes`: a metadata set at the
 * quota, every key and value at the longest (255 code points) and written at the longest either
 * format allows for a character (JSON's surrogate-pair escape `\ud83d\ude00`, 12 bytes; XML's
 * `&#1114111;`, 10), with room for indentation and the envelope. `LIMITS.maxBytes` with no quota.
 */
export function largestRequestBytes(maxItems: number): number {
  if (!Number.isFinite(maxItems)) return LIMITS.maxBytes;
  const perItem = 2 * 12 * Math.max(LIMITS.metaKeyMaxLength, LIMITS.metaValueMaxLength) + 256;
  return 4096 + maxItems * perItem;
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
