import { assertValid, type ImageList } from '@openstack-image/schema';
import { writeImage } from './encode-image.ts';
import { writeLinks } from './write-links.ts';
import { at, DECLARATION, flat, namespaceDeclarations, written } from './xml-writer.ts';

/**
 * `<images>` of full `<image>`s, then `images_links` (the next link) as root-level atom links:
 * Nova's XML dropped the next link of the detail list, a bug we do not copy (WIRE.md).
 */
export function encodeImageList(list: ImageList): string {
  assertValid('ImageList', list, '');
  let imageSize = false;
  let diskConfig = false;
  for (const image of list.images) {
    imageSize ||= image['OS-EXT-IMG-SIZE:size'] !== undefined;
    diskConfig ||= image['OS-DCF:diskConfig'] !== undefined;
  }
  let out = `<images${namespaceDeclarations(true, imageSize, diskConfig)}`;
  const inner = written(() => {
    let images = '';
    for (let i = 0; i < list.images.length; i++) {
      images += `\n  ${flat(writeImage(list.images[i]!, '  ', at('/images', i), ''))}`;
    }
    if (list.images_links !== undefined) images += writeLinks(list.images_links, '  ', '/images_links');
    return images;
  });
  out += inner === '' ? '/>' : `>${inner}\n</images>`;
  return DECLARATION + out;
}
