import { assertValid, type MetaItem } from '@openstack-image/schema';
import { writeMeta } from './write-metadata.ts';
import { DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

/** `<meta xmlns="...v1.1" key="k">v</meta>`. */
export function encodeMetaItem(item: MetaItem): string {
  assertValid('MetaItem', item, '/meta');
  const key = Object.keys(item)[0]!;
  const namespaces = namespaceDeclarations(false, false, false);
  return DECLARATION + written(() => writeMeta(key, item[key]!, '/meta', namespaces));
}
