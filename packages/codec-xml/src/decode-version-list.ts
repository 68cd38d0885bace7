import { assertValid, type Body, type DecodeOptions, type VersionList } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { decodeXml } from './read-document.ts';
import { readVersion } from './read-version.ts';
import { type Expected, expectRoot } from './xml-element.ts';

const LIST_CHILDREN: Expected = new Map([['version', NS.common]]);

/** `<versions xmlns="http://docs.openstack.org/common/api/v1.0">` of `<version>`s (GET /). */
export function decodeVersionList(body: Body, options?: DecodeOptions): VersionList {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'versions', NS.common);
    const list: VersionList = { versions: Array.from(root.children(LIST_CHILDREN), readVersion) };
    assertValid('VersionList', list, '');
    return list;
  });
}
