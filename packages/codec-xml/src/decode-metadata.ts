import { assertValid, type Body, type DecodeOptions, type Metadata } from '@openstack-image/schema';
import { decodeXml } from './read-document.ts';
import { readMetadata } from './read-metadata.ts';
import { expectRoot } from './xml-element.ts';

/** `<metadata xmlns="...v1.1">` of `<meta key="k">v</meta>` (GET .../metadata). */
export function decodeMetadata(body: Body, options?: DecodeOptions): Metadata {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'metadata');
    const metadata = readMetadata(root);
    assertValid('Metadata', metadata, '/metadata');
    return metadata;
  });
}
