import type { Version } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeVersion } from './write-version.ts';

/** Writes `{"version": {...}}`, compact, in the schema's member order; refuses an invalid version with a `badRequest` Fault. */
export function encodeVersion(version: Version): string {
  try {
    ensureValid('Version', version, '/version');
    return `{"version":${writeVersion(version)}}`;
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
