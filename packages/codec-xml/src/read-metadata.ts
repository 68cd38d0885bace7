import type { Fault } from '@openstack-image/faults';
import type { Metadata } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { quote, readMetaKey, setOwn } from './read-values.ts';
import type { Expected, XmlElement } from './xml-element.ts';

const META_CHILDREN: Expected = new Map([['meta', NS.compute]]);
const META_ATTRIBUTES: Expected = new Map([['key', '']]);

/**
 * `<metadata>` of `<meta key="k">v</meta>`, keys in document order. Anything else in it (the
 * developer guide's paging link) is skipped; a key given twice is refused, since it has no one
 * meaning.
 */
export function readMetadata(element: XmlElement): Metadata {
  const metadata: Metadata = {};
  for (const meta of element.children(META_CHILDREN)) {
    const key = readKey(meta);
    if (Object.hasOwn(metadata, key)) throw duplicate(meta, key);
    setOwn(metadata, key, meta.text());
  }
  return metadata;
}

/** The `key` attribute of a `<meta>`: required, 1 to 255 characters. */
export function readKey(meta: XmlElement): string {
  const found: { key: string | undefined } = { key: undefined };
  meta.readAttributes(META_ATTRIBUTES, readKeyAttribute, found);
  const { key } = found;
  if (key === undefined) throw meta.fault(`${meta.tag} needs a key attribute`);
  return readMetaKey(meta, key);
}

function duplicate(meta: XmlElement, key: string): Fault {
  return meta.attributeFault('key', `The metadata key ${quote(key)} is given twice`);
}

function readKeyAttribute(found: { key: string | undefined }, _local: string, value: string): void {
  found.key = value;
}
