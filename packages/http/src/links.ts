import type { Link, ServerRef } from '@openstack-image/schema';

/** The roots the links of one answer are built from, without a trailing slash. */
export interface LinkBases {
  /** The compute API's root: `http://openstack.example.com`. */
  readonly base: string;
  /** The image service's root, for the `alternate` link: `http://glance.openstack.example.com`. */
  readonly glanceBase: string;
}

/** The media type of the `alternate` link, as Nova wrote it. */
export const IMAGE_SERVICE_TYPE = 'application/vnd.openstack.image';

/**
 * An image's links as Nova built them: self `{base}/v2/{tenant}/images/{id}`, bookmark
 * `{base}/{tenant}/images/{id}`, alternate `{glanceBase}/{tenant}/images/{id}`. Without a tenant in
 * the request's path, the tenant segment is left out.
 */
export function imageLinks(bases: LinkBases, tenant: string | undefined, id: string): Link[] {
  const tail = `${tenantSegment(tenant)}/images/${encodeURIComponent(id)}`;
  return [
    { href: `${bases.base}/v2${tail}`, rel: 'self' },
    { href: `${bases.base}${tail}`, rel: 'bookmark' },
    { href: `${bases.glanceBase}${tail}`, rel: 'alternate', type: IMAGE_SERVICE_TYPE },
  ];
}

/**
 * The server a snapshot was taken of, from its image's `instance_uuid` property, as Nova built it:
 * self `{base}/v2/{tenant}/servers/{id}`, bookmark `{base}/{tenant}/servers/{id}`.
 */
export function serverRef(bases: LinkBases, tenant: string | undefined, id: string): ServerRef {
  const tail = `${tenantSegment(tenant)}/servers/${encodeURIComponent(id)}`;
  return {
    id,
    links: [
      { href: `${bases.base}/v2${tail}`, rel: 'self' },
      { href: `${bases.base}${tail}`, rel: 'bookmark' },
    ],
  };
}

/**
 * The `next` link of a full page: the same collection (`images` or `images/detail`) and the same
 * query, with `marker` set to the last id of the page.
 */
export function nextLink(
  bases: LinkBases,
  tenant: string | undefined,
  collection: 'images' | 'images/detail',
  query: string,
  marker: string,
): Link {
  const params = new URLSearchParams(query);
  params.set('marker', marker);
  return { href: `${bases.base}/v2${tenantSegment(tenant)}/${collection}?${params.toString()}`, rel: 'next' };
}

/**
 * The compute root for a request: the configured one, else the origin of an absolute request URL,
 * else `http://` and the `Host` header.
 */
export function requestBase(url: string, host: string | undefined): string {
  const scheme = url.indexOf('://');
  if (scheme > 0 && scheme < 6) {
    const path = url.indexOf('/', scheme + 3);
    return path < 0 ? url : url.slice(0, path);
  }
  return `http://${host === undefined || host === '' ? 'localhost' : host}`;
}

export function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.replace(/\/+$/, '') : url;
}

function tenantSegment(tenant: string | undefined): string {
  return tenant === undefined ? '' : `/${encodeURIComponent(tenant)}`;
}
