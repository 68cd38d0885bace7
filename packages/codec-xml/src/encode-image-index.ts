import { assertValid, type ImageIndex } from '@openstack-image/schema';
import { writeLinks } from './write-links.ts';
import { at, attribute, DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

/** `<images>` of `<image id name>` with their links, then `images_links` as root-level atom links. */
export function encodeImageIndex(index: ImageIndex): string {
  assertValid('ImageIndex', index, '');
  const inner = written(() => {
    let images = '';
    for (let i = 0; i < index.images.length; i++) {
      const image = index.images[i]!;
      const where = at('/images', i);
      images += `\n  <image${attribute('id', image.id, where, 'id')}`;
      if (image.name !== null) images += attribute('name', image.name, where, 'name');
      images += image.links.length === 0 ? '/>' : `>${writeLinks(image.links, '    ', at(where, 'links'))}\n  </image>`;
    }
    if (index.images_links !== undefined) images += writeLinks(index.images_links, '  ', '/images_links');
    return images;
  });
  const root = `<images${namespaceDeclarations(true, false, false)}`;
  return DECLARATION + (inner === '' ? `${root}/>` : `${root}>${inner}\n</images>`);
}
