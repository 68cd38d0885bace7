import { assertValid, type Body, type DecodeOptions, type MetaItem } from '@openstack-image/schema';
import { decodeXml } from './read-document.ts';
import { readKey } from './read-metadata.ts';
import { setOwn } from './read-values.ts';
import { expectRoot } from './xml-element.ts';

/** `<meta xmlns="...v1.1" key="k">v</meta>` (GET .../metadata/{key}). */
export function decodeMetaItem(body: Body, options?: DecodeOptions): MetaItem {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'meta');
    const item: MetaItem = {};
    setOwn(item, readKey(root), root.text());
    assertValid('MetaItem', item, '/meta');
    return item;
  });
}
