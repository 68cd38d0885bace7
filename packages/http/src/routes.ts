import { Fault } from '@openstack-image/faults';

/**
 * The resources of WIRE.md: the images, each under `/v2/{tenant_id}/images` and `/v2/images`, and
 * the version documents clients discover first: `versions` (`GET /`), `versionRedirect` (`GET /v2`,
 * a 302 to `/v2/`) and `version` (`GET /v2/`).
 */
export type RouteName =
  | 'index'
  | 'detail'
  | 'image'
  | 'metadata'
  | 'metaItem'
  | 'versions'
  | 'versionRedirect'
  | 'version';

export interface Route {
  readonly name: RouteName;
  /** The tenant in the path; undefined for `/v2/images/...`. */
  readonly tenant: string | undefined;
  readonly imageId?: string;
  readonly key?: string;
}

/** The methods each resource answers; any other gets 405 `badMethod` with this list in `Allow`. */
export const ALLOWED_METHODS: Readonly<Record<RouteName, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  index: ['GET', 'HEAD'],
  detail: ['GET', 'HEAD'],
  image: ['GET', 'HEAD', 'DELETE'],
  metadata: ['GET', 'HEAD', 'PUT', 'POST'],
  metaItem: ['GET', 'HEAD', 'PUT', 'DELETE'],
  versions: ['GET', 'HEAD'],
  versionRedirect: ['GET', 'HEAD'],
  version: ['GET', 'HEAD'],
});

/**
 * Where Nova had no route at all, it answered 404 `itemNotFound`, not 405 (WIRE.md's route
 * table): `DELETE .../images` (and `.../images/`, a blank id: tempest expects 404), `PUT
 * .../images/{id}`, `DELETE .../images/{id}/metadata`, `POST .../images/{id}/metadata/{key}`.
 * Other methods a resource does not answer are 405 `badMethod` (`POST .../images` among them).
 */
export const UNROUTED_METHODS: Readonly<Record<RouteName, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  index: ['DELETE'],
  detail: [],
  image: ['PUT'],
  metadata: ['DELETE'],
  metaItem: ['POST'],
  versions: [],
  versionRedirect: [],
  version: [],
});

/**
 * The resource a path names (format suffix already removed, still percent-encoded), or undefined.
 * `/`, `/v2` and `/v2/` are the version documents (there, the trailing slash matters).
 * `/v2/{tenant}/images/...` is read first: a tenant named `images` shadows the tenantless form.
 * A trailing slash is ignored. Throws `badRequest` for a segment that is not valid percent-encoding.
 */
export function matchRoute(path: string): Route | undefined {
  if (path === '/') return { name: 'versions', tenant: undefined };
  if (path === '/v2') return { name: 'versionRedirect', tenant: undefined };
  if (path === '/v2/') return { name: 'version', tenant: undefined };
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed.split('/');
  if (segments[0] !== '' || segments[1] !== 'v2') return undefined;
  let tenant: string | undefined;
  let rest: string[];
  if (segments[3] === 'images' && segments[2] !== '') {
    tenant = decodeSegment(segments[2]!);
    rest = segments.slice(4);
  } else if (segments[2] === 'images') {
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  if (rest.some((segment) => segment === '')) return undefined;
  const [first, second, third] = rest;
  switch (rest.length) {
    case 0:
      return { name: 'index', tenant };
    case 1:
      return first === 'detail'
        ? { name: 'detail', tenant }
        : { name: 'image', tenant, imageId: decodeSegment(first!) };
    case 2:
      return second === 'metadata' ? { name: 'metadata', tenant, imageId: decodeSegment(first!) } : undefined;
    case 3:
      return second === 'metadata'
        ? { name: 'metaItem', tenant, imageId: decodeSegment(first!), key: decodeSegment(third!) }
        : undefined;
    default:
      return undefined;
  }
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Fault('badRequest', `The path segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
}
