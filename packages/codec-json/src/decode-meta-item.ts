import type { Body, DecodeOptions, MetaItem } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { openEnvelope } from './envelope.ts';
import { asFault } from './only-faults.ts';
import { readMetadata } from './read-metadata.ts';

/** Reads `{"meta": {key: value}}` (one metadata item) into `MetaItem`. Throws only Faults. */
export function decodeMetaItem(body: Body, options?: DecodeOptions): MetaItem {
  try {
    const item = openEnvelope(body, options, 'meta');
    const ok = readMetadata(item, '/meta', 2, options?.strict === true);
    if (!ok || Object.keys(item).length !== 1) reportInvalid('MetaItem', item, '/meta');
    return item as MetaItem;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
