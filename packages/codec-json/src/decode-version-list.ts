import type { Body, DecodeOptions, VersionList } from '@openstack-image/schema';
import { reportInvalid } from './conforms.ts';
import { assertNestingWithin } from './nesting-depth.ts';
import { asFault } from './only-faults.ts';
import { documentObject, parseJson } from './parse-json.ts';
import { childPointer } from './pointer.ts';
import { readVersion } from './read-version.ts';

/** Reads the versions list `{"versions": [version, ...]}` (GET /) into `VersionList`. Throws only Faults. */
export function decodeVersionList(body: Body, options?: DecodeOptions): VersionList {
  try {
    const list = documentObject(parseJson(body, options), 'versions');
    let ok = true;
    for (const key of Object.keys(list)) {
      if (key === 'versions') {
        const versions = list.versions;
        if (!Array.isArray(versions)) ok = false;
        else for (let i = 0; i < versions.length; i++) if (!readVersion(versions[i], `/versions/${i}`, 3)) ok = false;
      } else {
        assertNestingWithin(list[key], 2, childPointer('', key));
        delete list[key];
      }
    }
    if (!ok || list.versions === undefined) reportInvalid('VersionList', list, '');
    return list as VersionList;
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}
