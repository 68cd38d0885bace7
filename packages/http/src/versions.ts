import type { Version, VersionList } from '@openstack-image/schema';

/*
 * The version documents Nova 2014.2 served (WIRE.md, "Versions, routes and headers"), with links
 * built from the base URL, as Nova built them.
 */

const V2_UPDATED = '2011-01-21T11:33:21Z';

/** `GET /v2/`: the version document, with its media types. */
export function versionDocument(base: string): Version {
  return {
    id: 'v2.0',
    status: 'CURRENT',
    updated: V2_UPDATED,
    links: [
      { href: `${base}/v2/`, rel: 'self' },
      { href: 'http://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
    ],
    'media-types': [
      { base: 'application/xml', type: 'application/vnd.openstack.compute+xml;version=2' },
      { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' },
    ],
  };
}

/** `GET /`: the versions this endpoint serves. */
export function versionList(base: string): VersionList {
  return {
    versions: [{ id: 'v2.0', status: 'CURRENT', updated: V2_UPDATED, links: [{ href: `${base}/v2/`, rel: 'self' }] }],
  };
}

/**
 * Whether an `Accept` header asks for one version by a media type parameter (`application/json;
 * version=2`, `application/vnd.openstack.compute+xml;version=2`): on `/`, Nova answered that
 * version's document instead of the list.
 */
export function asksForVersion2(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  for (const part of accept.split(',')) {
    const params = part.split(';').slice(1);
    if (params.some((param) => /^\s*version\s*=\s*"?2(?:\.0)?"?\s*$/i.test(param))) return true;
  }
  return false;
}
