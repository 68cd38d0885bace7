import { assertValid, type ImageIndex } from '@openstack-image/schema';
import { writeLinks } from './write-links.ts';
import { attribute, DECLARATION, namespaceDeclarations } from './xml-writer.ts';

/** `<images>` of `<image id name>` with their links, then `images_links` as root-level atom links. */
export function encodeImageIndex(index: ImageIndex): string {
  assertValid('ImageIndex', index, '');
  let inner = '';
  for (let i = 0; i < index.images.length; i++) {
    const image = index.images[i]!;
    const at = `/images/${i}`;
    inner += `\n  <image${attribute('id', image.id, at, 'id')}`;
    if (image.name !== null) inner += attribute('name', image.name, at, 'name');
    inner += image.links.length === 0 ? '/>' : `>${writeLinks(image.links, '    ', `${at}/links`)}\n  </image>`;
  }
  if (index.images_links !== undefined) inner += writeLinks(index.images_links, '  ', '/images_links');
  const root = `<images${namespaceDeclarations(true, false, false)}`;
  return DECLARATION + (inner === '' ? `${root}/>` : `${root}>${inner}\n</images>`);
}
