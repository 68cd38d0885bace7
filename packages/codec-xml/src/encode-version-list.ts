import { assertValid, type VersionList } from '@openstack-image/schema';
import { VERSION_NAMESPACES, writeVersion } from './write-version.ts';
import { at, DECLARATION, written } from './xml-writer.ts';

/** `<versions>` of `<version>`s, in the common namespace. */
export function encodeVersionList(list: VersionList): string {
  assertValid('VersionList', list, '');
  const inner = written(() => {
    let versions = '';
    for (let i = 0; i < list.versions.length; i++) {
      versions += `\n  ${writeVersion(list.versions[i]!, '  ', at('/versions', i), '')}`;
    }
    return versions;
  });
  const root = `<versions${VERSION_NAMESPACES}`;
  return DECLARATION + (inner === '' ? `${root}/>` : `${root}>${inner}\n</versions>`);
}
