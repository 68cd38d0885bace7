import type { Image } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeImage } from './write-json.ts';

/** Writes `{"image": {...}}`, compact, in the schema's member order; refuses an invalid image with a `badRequest` Fault. */
export function encodeImage(image: Image): string {
  try {
    ensureValid('Image', image, '/image');
    return `{"image":${writeImage(image)}}`;
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
