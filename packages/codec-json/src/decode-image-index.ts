import type { Body, DecodeOptions, ImageIndex } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { readImageSummary } from './read-image.ts';
import { readList } from './read-list.ts';

/** Reads the index `{"images": [{id, name, links}, ...], "images_links"?: [...]}` into `ImageIndex`. Throws only Faults. */
export function decodeImageIndex(body: Body, options?: DecodeOptions): ImageIndex {
  try {
    const { list: index, ok } = readList(body, options, (summary, pointer) => readImageSummary(summary, pointer, 3));
    if (!ok) reportInvalid('ImageIndex', index, '');
    return index as ImageIndex;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
