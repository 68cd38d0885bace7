import { assertValid, type Metadata } from '@openstack-image/schema';
import { writeMetadata } from './write-metadata.ts';
import { DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

/** `<metadata xmlns="...v1.1">` of `<meta key="k">v</meta>`. */
export function encodeMetadata(metadata: Metadata): string {
  assertValid('Metadata', metadata, '/metadata');
  const namespaces = namespaceDeclarations(false, false, false);
  return DECLARATION + written(() => writeMetadata(metadata, '', '/metadata', namespaces));
}
