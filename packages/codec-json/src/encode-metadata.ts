import type { Metadata } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeMetadata } from './write-json.ts';

/** Writes `{"metadata": {...}}` with the keys sorted; refuses invalid metadata with a `badRequest` Fault. */
export function encodeMetadata(metadata: Metadata): string {
  try {
    ensureValid('Metadata', metadata, '/metadata');
    return `{"metadata":${writeMetadata(metadata)}}`;
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
