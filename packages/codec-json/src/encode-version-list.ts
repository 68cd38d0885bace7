import type { VersionList } from '@openstack-image/schema';
import { ensureValid } from './conforms.ts';
import { asFault } from './only-faults.ts';
import { writeVersionList } from './write-version.ts';

/** Writes the versions list `{"versions": [...]}`; refuses an invalid list with a `badRequest` Fault. */
export function encodeVersionList(list: VersionList): string {
  try {
    ensureValid('VersionList', list, '');
    return writeVersionList(list);
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
