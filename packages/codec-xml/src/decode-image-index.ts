import {
  assertValid,
  type Body,
  type DecodeOptions,
  type ImageIndex,
  type ImageSummary,
  type Link,
} from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { decodeXml } from './read-document.ts';
import { readLink, readLinks } from './read-links.ts';
import { readNonEmpty } from './read-values.ts';
import { type Expected, expectRoot, type XmlElement } from './xml-element.ts';

const INDEX_CHILDREN: Expected = new Map([
  ['image', NS.compute],
  ['link', NS.atom],
]);

const SUMMARY_ATTRIBUTES: Expected = new Map([
  ['id', ''],
  ['name', ''],
]);

/** `<image id name>` with its atom links; an absent name reads as null. */
function readSummary(element: XmlElement): ImageSummary {
  let id: string | undefined;
  let name: string | null = null;
  element.readAttributes(
    SUMMARY_ATTRIBUTES,
    (_state: undefined, local: string, value: string, qname: string) => {
      if (local === 'id') id = readNonEmpty(element, 'id', qname, value);
      else name = value;
    },
    undefined,
  );
  if (id === undefined) throw element.fault(`${element.tag} needs an id attribute`);
  return { id, name, links: readLinks(element) };
}

/**
 * `<images>` of `<image id name>` (GET .../images), then root-level atom links (the next link),
 * read into `images_links` when there is at least one. Attributes and elements of a full image
 * are skipped: an entry of the index has only id, name and links.
 */
export function decodeImageIndex(body: Body, options?: DecodeOptions): ImageIndex {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'images');
    const index: ImageIndex = { images: [] };
    const links: Link[] = [];
    for (const child of root.children(INDEX_CHILDREN)) {
      if (child.local === 'image') index.images.push(readSummary(child));
      else links.push(readLink(child));
    }
    if (links.length > 0) index.images_links = links;
    assertValid('ImageIndex', index, '');
    return index;
  });
}
