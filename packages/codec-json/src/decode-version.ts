import type { Body, DecodeOptions, Version } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { openEnvelope } from './envelope.ts';
import { asFault } from './only-faults.ts';
import { readVersion } from './read-version.ts';

/** Reads the version document `{"version": {...}}` (GET /v2/) into the canonical `Version`. Throws only Faults. */
export function decodeVersion(body: Body, options?: DecodeOptions): Version {
  try {
    const version = openEnvelope(body, options, 'version');
    if (!readVersion(version, '/version', 2)) reportInvalid('Version', version, '/version');
    return version as Version;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
