import type { Body, DecodeOptions, Image } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { openEnvelope } from './envelope.ts';
import { asFault } from './only-faults.ts';
import { readImage } from './read-image.ts';

/** Reads `{"image": {...}}` (GET /images/{id}) into the canonical `Image`. Throws only Faults. */
export function decodeImage(body: Body, options?: DecodeOptions): Image {
  try {
    const image = openEnvelope(body, options, 'image');
    if (!readImage(image, '/image', 2, options?.strict === true)) reportInvalid('Image', image, '/image');
    return image as Image;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
