import type { Body, DecodeOptions, Metadata } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { openEnvelope } from './envelope.ts';
import { asFault } from './only-faults.ts';
import { readMetadata } from './read-metadata.ts';

/** Reads `{"metadata": {...}}` (the metadata collection) into `Metadata`. Throws only Faults. */
export function decodeMetadata(body: Body, options?: DecodeOptions): Metadata {
  try {
    const metadata = openEnvelope(body, options, 'metadata');
    if (!readMetadata(metadata, '/metadata', 2, options?.strict === true))
      reportInvalid('Metadata', metadata, '/metadata');
    return metadata as Metadata;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
