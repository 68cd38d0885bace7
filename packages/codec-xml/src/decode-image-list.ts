import { assertValid, type Body, type DecodeOptions, type ImageList, type Link } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { decodeXml } from './read-document.ts';
import { readImage } from './read-image.ts';
import { readLink } from './read-links.ts';
import { type Expected, expectRoot } from './xml-element.ts';

const LIST_CHILDREN: Expected = new Map([
  ['image', NS.compute],
  ['link', NS.atom],
]);

/**
 * `<images>` of full `<image>`s (GET .../images/detail), then root-level atom links (the next
 * link), read into `images_links` when there is at least one.
 */
export function decodeImageList(body: Body, options?: DecodeOptions): ImageList {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'images');
    const list: ImageList = { images: [] };
    const links: Link[] = [];
    for (const child of root.children(LIST_CHILDREN)) {
      if (child.local === 'image') list.images.push(readImage(child));
      else links.push(readLink(child));
    }
    if (links.length > 0) list.images_links = links;
    assertValid('ImageList', list, '');
    return list;
  });
}
