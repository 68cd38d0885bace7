import { readFileSync } from 'node:fs';
import { jsonCodec } from '@openstack-image/codec-json';
import { isFault } from '@openstack-image/faults';
import { defaultCodecs } from '@openstack-image/http';
import type { Image } from '@openstack-image/schema';

/** A `--data` file that cannot be served, with a message naming the file and the problem. */
export class ImageFileError extends Error {
  override readonly name = 'ImageFileError';
}

/**
 * The images of a JSON file of the detail-list shape (`{"images": [...]}`, as
 * `GET /v2/{tenant}/images/detail` answers), read as the JSON codec reads the wire.
 * Throws an `ImageFileError` for a file that cannot be read, is not such a document, repeats an id,
 * or holds a value one of the served formats cannot carry (a control character in XML).
 */
export function readImageFile(path: string): Image[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ImageFileError(`${path}: cannot read the file (${typeof code === 'string' ? code : String(error)})`);
  }
  let images: Image[];
  try {
    images = jsonCodec.decodeImageList(text, { maxBytes: 256 * 1024 * 1024 }).images;
  } catch (error) {
    const why = isFault(error) ? error.message : String(error);
    throw new ImageFileError(`${path}: not a detail list ({"images": [...]}): ${why}`);
  }
  const seen = new Set<string>();
  images.forEach((image, index) => {
    if (seen.has(image.id)) {
      throw new ImageFileError(
        `${path}: the id ${JSON.stringify(image.id)} appears twice, again at /images/${index}/id`,
      );
    }
    seen.add(image.id);
  });
  for (const codec of defaultCodecs) {
    try {
      codec.encodeImageList({ images });
    } catch (error) {
      const why = isFault(error) ? error.message : String(error);
      throw new ImageFileError(`${path}: cannot be served as ${codec.mediaType}: ${why}`);
    }
  }
  return images;
}
