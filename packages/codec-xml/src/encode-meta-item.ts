import { assertValid, type MetaItem } from '@openstack-image/schema';
import { writeMeta } from './write-metadata.ts';
import { DECLARATION, namespaceDeclarations } from './xml-writer.ts';

/** `<meta xmlns="...v1.1" key="k">v</meta>`. */
export function encodeMetaItem(item: MetaItem): string {
  assertValid('MetaItem', item, '/meta');
  const key = Object.keys(item)[0]!;
  return DECLARATION + writeMeta(key, item[key]!, '/meta', namespaceDeclarations(false, false, false));
}
