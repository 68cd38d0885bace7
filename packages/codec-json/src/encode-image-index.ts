import type { ImageIndex } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeImageIndex } from './write-list.ts';

/** Writes the index `{"images": [{id, name, links}, ...], "images_links"?: [...]}`; refuses an invalid index with a `badRequest` Fault. */
export function encodeImageIndex(index: ImageIndex): string {
  try {
    ensureValid('ImageIndex', index, '');
    return writeImageIndex(index);
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
