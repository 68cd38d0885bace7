import { assertValid, type Body, type DecodeOptions, type Version } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { decodeXml } from './read-document.ts';
import { readVersion } from './read-version.ts';
import { expectRoot } from './xml-element.ts';

/** `<version xmlns="http://docs.openstack.org/common/api/v1.0">` (GET /v2/). */
export function decodeVersion(body: Body, options?: DecodeOptions): Version {
  return decodeXml(body, options, (root) => {
    expectRoot(root, 'version', NS.common);
    const version = readVersion(root);
    assertValid('Version', version, '/version');
    return version;
  });
}
