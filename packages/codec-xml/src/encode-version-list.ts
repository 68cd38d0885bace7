import { assertValid, type VersionList } from '@openstack-image/schema';
import { VERSION_NAMESPACES, writeVersion } from './write-version.ts';
import { DECLARATION } from './xml-writer.ts';

/** `<versions>` of `<version>`s, in the common namespace. */
export function encodeVersionList(list: VersionList): string {
  assertValid('VersionList', list, '');
  let inner = '';
  for (let i = 0; i < list.versions.length; i++) {
    inner += `\n  ${writeVersion(list.versions[i]!, '  ', `/versions/${i}`, '')}`;
  }
  const root = `<versions${VERSION_NAMESPACES}`;
  return DECLARATION + (inner === '' ? `${root}/>` : `${root}>${inner}\n</versions>`);
}
