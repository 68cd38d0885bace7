import type { Body, DecodeOptions, ImageList } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { readImage } from './read-image.ts';
import { readList } from './read-list.ts';

/** Reads the detail list `{"images": [image, ...], "images_links"?: [...]}` into `ImageList`. Throws only Faults. */
export function decodeImageList(body: Body, options?: DecodeOptions): ImageList {
  try {
    const strict = options?.strict === true;
    const { list, ok } = readList(body, options, (image, pointer) => readImage(image, pointer, 3, strict));
    if (!ok) reportInvalid('ImageList', list, '');
    return list as ImageList;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
