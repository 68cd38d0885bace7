import type { ImageList } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeImageList } from './write-list.ts';

/** Writes the detail list `{"images": [...], "images_links"?: [...]}`; refuses an invalid list with a `badRequest` Fault. */
export function encodeImageList(list: ImageList): string {
  try {
    ensureValid('ImageList', list, '');
    return writeImageList(list);
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
