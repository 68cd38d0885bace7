import { assertValid, type Body, type DecodeOptions, type Image } from '@openstack-image/schema';
import { decodeXml } from './read-document.ts';
import { readImage } from './read-image.ts';
import { expectRoot } from './xml-element.ts';

/** `<image xmlns="...v1.1">` (GET .../images/{id}). */
export function decodeImage(body: Body, options?: DecodeOptions): Image {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'image');
    const image = readImage(root);
    assertValid('Image', image, '/image');
    return image;
  });
}
