import { assertValid, type ImageList } from '@openstack-image/schema';
import { writeImage } from './encode-image.ts';
import { writeLinks } from './write-links.ts';
import { at, DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

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
  // The images' texts are joined once at the end: a string grown by `+=` is a tree of its pieces,
  // which a long list would make deep (and slow to read) unless flattened as it grows.
  const inner = written(() => {
    const parts: string[] = [];
    for (let i = 0; i < list.images.length; i++) {
      parts.push('\n  ', writeImage(list.images[i]!, '  ', at('/images', i), ''));
    }
    if (list.images_links !== undefined) parts.push(writeLinks(list.images_links, '  ', '/images_links'));
    return parts.join('');
  });
  out += inner === '' ? '/>' : `>${inner}\n</images>`;
  return DECLARATION + out;
}
