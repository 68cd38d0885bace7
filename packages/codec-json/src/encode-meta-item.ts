import type { MetaItem } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeMetadata } from './write-json.ts';

/** Writes `{"meta": {key: value}}`; refuses anything but exactly one valid item with a `badRequest` Fault. */
export function encodeMetaItem(item: MetaItem): string {
  try {
    ensureValid('MetaItem', item, '/meta');
    return `{"meta":${writeMetadata(item)}}`;
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
