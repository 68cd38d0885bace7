import { assertValid, type Version } from '@openstack-image/schema';
import { VERSION_NAMESPACES, writeVersion } from './write-version.ts';
import { DECLARATION, written } from './xml-writer.ts';

/** `<version xmlns="http://docs.openstack.org/common/api/v1.0" xmlns:atom=...>`, preceded by the XML declaration. */
export function encodeVersion(version: Version): string {
  assertValid('Version', version, '/version');
  return DECLARATION + written(() => writeVersion(version, '', '/version', VERSION_NAMESPACES));
}
