import { assertValid, type Metadata } from '@openstack-image/schema';
import { writeMetadata } from './write-metadata.ts';
import { DECLARATION, namespaceDeclarations } from './xml-writer.ts';

/** `<metadata xmlns="...v1.1">` of `<meta key="k">v</meta>`. */
export function encodeMetadata(metadata: Metadata): string {
  assertValid('Metadata', metadata, '/metadata');
  return DECLARATION + writeMetadata(metadata, '', '/metadata', namespaceDeclarations(false, false, false));
}
