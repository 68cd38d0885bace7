import { Fault, isFault } from '@openstack-image/faults';
import { type Codec, type Image, type Metadata, utf8Length } from '@openstack-image/schema';
import { defaultCodecs } from './default-codecs.ts';
import { encodeFaultBody, FALLBACK_FAULT, faultOf } from './fault-response.ts';
import type { ImageStore, MetadataWriteLimits } from './image-store.ts';
import { imageLinks, type LinkBases, nextLink, requestBase, serverRef, withoutTrailingSlash } from './links.ts';
import { DEFAULT_MAX_LIMIT, parseListQuery } from './list-query.ts';
import { checkMetadataWrite, DEFAULT_MAX_METADATA_ITEMS, largestRequestBytes } from './metadata-rules.ts';
import { codecForContentType, type Negotiated, negotiator } from './negotiate.ts';
import { newRequestId } from './request-id.ts';
import type { ApiRequest, ApiResponse, ImagesApi } from './request-response.ts';
import { ALLOWED_METHODS, matchRoute, type Route, type RouteName, UNROUTED_METHODS } from './routes.ts';
import { asksForVersion2, versionDocument, versionList } from './versions.ts';

/** What the `authorize` hook is told about a request, after routing and before the store is read. */
export interface AuthorizeContext {
  readonly request: ApiRequest;
  readonly method: string;
  readonly route: RouteName;
  /** The tenant in the path; undefined for `/v2/images/...`. */
  readonly tenant: string | undefined;
  readonly imageId: string | undefined;
  readonly key: string | undefined;
  /** True for the methods that change the store (PUT, POST, DELETE). */
  readonly write: boolean;
  /** The `x-compute-request-id` the answer carries (`req-<uuid>`), to join logs with answers. */
  readonly requestId: string;
}

/** What an `authorize` hook may answer besides throwing. */
export interface AuthorizeResult {
  /** The tenant a request without one in its path (`/v2/images`) acts for. */
  readonly tenant?: string;
}

export interface ErrorContext {
  readonly request: ApiRequest;
  /** The fault the request is about to be answered with. */
  readonly fault: Fault;
  /** The `x-compute-request-id` the answer carries, as `authorize` was told it. */
  readonly requestId: string;
}

export interface ImagesApiOptions {
  readonly store: ImageStore;
  /** The formats served; the first is the default. Defaults to `[jsonCodec, xmlCodec]`. */
  readonly codecs?: readonly Codec[];
  /** The root of the links (`http://openstack.example.com`); defaults to the request's own origin. */
  readonly baseUrl?: string;
  /** The root of the `alternate` links (`http://glance.openstack.example.com`); defaults to `baseUrl`. */
  readonly glanceBaseUrl?: string;
  /**
   * The identity service a 401 points at: `WWW-Authenticate: Keystone uri='<identityUrl>'`, as
   * Keystone's middleware answered in front of Nova. Defaults to the compute root (`baseUrl`, else
   * the request's origin).
   */
  readonly identityUrl?: string;
  /**
   * The largest request body read; larger ones get 413 `overLimit`. Defaults to what the largest
   * valid request needs under `maxMetadataItems` (820 224 bytes for 128 items; `LIMITS.maxBytes`,
   * 1 MiB, without a quota): every byte more is memory a stalled upload could hold.
   */
  readonly maxBodyBytes?: number;
  /** The largest page and the default page size of the lists. Defaults to 1000 (Nova's `osapi_max_limit`). */
  readonly maxLimit?: number;
  /** The most metadata items an image may hold after a write (403 beyond). Defaults to 128; `Infinity` turns it off. */
  readonly maxMetadataItems?: number;
  /**
   * Called for every routed request before the store is touched. Throw a `Fault` (`unauthorized`,
   * `forbidden`) to refuse it; return `{ tenant }` to scope a request without a tenant in its path.
   */
  readonly authorize?: (
    context: AuthorizeContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: an async hook that returns nothing returns Promise<void>
  ) => void | AuthorizeResult | Promise<void | AuthorizeResult>;
  /**
   * Called once for every request answered with a fault, with what was thrown (anything, for a store
   * or hook that failed) and the fault about to be sent. Return (or throw) a `Fault` to answer with
   * it instead; if the hook throws anything else, the answer is a computeFault 500.
   */
  readonly onError?: (
    error: unknown,
    context: ErrorContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: an async hook that returns nothing returns Promise<void>
  ) => void | Fault | Promise<void | Fault>;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Exchange {
  readonly request: ApiRequest;
  readonly route: Route;
  /** The tenant the store is asked about (the path's, or the one `authorize` named). */
  readonly scope: string | undefined;
  readonly codec: Codec;
  readonly bases: LinkBases;
  readonly query: string;
  readonly method: string;
  /** The `.json`/`.xml` ending the path's last segment lost to negotiation, if any. */
  readonly suffix: string | undefined;
}

/** What the links of a presented image depend on: the roots and the tenant of the request. */
function linkKeyOf(x: Exchange): string {
  const tenant = x.route.tenant;
  return `${x.bases.base}\n${x.bases.glanceBase}\n${tenant === undefined ? '\u0000' : `/${tenant}`}`;
}

const WRITE_METHODS: ReadonlySet<string> = /* @__PURE__ */ new Set(['PUT', 'POST', 'DELETE']);
const NO_CONTENT: Answer = { status: 204, body: '' };

/**
 * The images API of WIRE.md on a store, independent of any transport: `handle` takes a request
 * and answers it, faults included; it never rejects. Bind it with `toFetchHandler` or `toNodeListener`.
 */
export function createImagesApi(options: ImagesApiOptions): ImagesApi {
  const { store, authorize, onError } = options;
  const codecs = options.codecs ?? defaultCodecs;
  const negotiateFor = negotiator(codecs);
  const maxLimit = options.maxLimit ?? DEFAULT_MAX_LIMIT;
  const maxItems = options.maxMetadataItems ?? DEFAULT_MAX_METADATA_ITEMS;
  const maxBodyBytes = options.maxBodyBytes ?? largestRequestBytes(maxItems);
  if (!(Number.isSafeInteger(maxLimit) && maxLimit >= 1)) throw new TypeError('maxLimit must be an integer >= 1');
  if (!(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0)) {
    throw new TypeError('maxBodyBytes must be an integer >= 0');
  }
  if (!(maxItems >= 0)) throw new TypeError('maxMetadataItems must be >= 0 (Infinity turns the quota off)');
  const writeLimits: MetadataWriteLimits = { maxItems };
  const fixedBase = options.baseUrl === undefined ? undefined : withoutTrailingSlash(options.baseUrl);
  const fixedGlance = options.glanceBaseUrl === undefined ? undefined : withoutTrailingSlash(options.glanceBaseUrl);
  const fixedIdentity = options.identityUrl;
  if (fixedIdentity !== undefined && !/^[\x21-\x26\x28-\x7e]+$/.test(fixedIdentity)) {
    throw new TypeError("identityUrl must be a URL of printable ASCII, without spaces or quotes (')");
  }
  const decodeOptions = { maxBytes: maxBodyBytes };
  const presentedCache = new WeakMap<Image, { readonly key: string; readonly image: Image }>();
  const accepted = codecs.map((codec) => codec.mediaType).join(' or ');

  function basesOf(request: ApiRequest): LinkBases {
    const base = fixedBase ?? requestBase(request.url, header(request.headers, 'host'));
    return { base, glanceBase: fixedGlance ?? base };
  }

  /** The request body's codec, after the size and media type checks. */
  function bodyCodec(request: ApiRequest): Codec {
    const body = request.body;
    const size = body === undefined ? 0 : typeof body === 'string' ? utf8Length(body) : body.byteLength;
    if (size > maxBodyBytes) {
      throw new Fault('overLimit', `The request body is larger than the limit of ${maxBodyBytes} bytes`);
    }
    if (size === 0) throw new Fault('badRequest', `This request needs a body (${accepted})`);
    const contentType = header(request.headers, 'content-type');
    const codec = codecForContentType(contentType, codecs);
    if (codec === undefined) {
      throw new Fault(
        'badMediaType',
        contentType === undefined
          ? `The request body has no Content-Type; send ${accepted}`
          : `The Content-Type ${JSON.stringify(contentType.slice(0, 100))} is not supported; send ${accepted}`,
      );
    }
    return codec;
  }

  /**
   * Refuses metadata one of the served formats cannot carry (a control character XML 1.0 has no
   * spelling for), with that codec's badRequest naming the item: stored, it would break every
   * answer in that format that holds it.
   */
  function checkEveryFormatCarries(metadata: Metadata): void {
    for (const codec of codecs) codec.encodeMetadata(metadata);
  }

  /**
   * An image as it is answered: its links built for this request, and, for a snapshot (an
   * `instance_uuid` property, as Glance keeps it), its `server` with links built the same way, as Nova did.
   * Kept for the next request with the same link roots and tenant while the stored image is frozen
   * (MemoryImageStore's are; a write stores a new object): rebuilt per request, the links cost more
   * than the rest of a list's route. A store that hands out objects it may change is never cached.
   */
  function present(image: Image, x: Exchange, key: string = linkKeyOf(x)): Image {
    const cached = presentedCache.get(image);
    if (cached !== undefined && cached.key === key) return cached.image;
    const presented: Image = { ...image, links: imageLinks(x.bases, x.route.tenant, image.id) };
    const instance = Object.hasOwn(image.metadata, 'instance_uuid') ? image.metadata.instance_uuid : undefined;
    if (instance !== undefined && instance !== '') presented.server = serverRef(x.bases, x.route.tenant, instance);
    if (Object.isFrozen(image) && Object.isFrozen(image.metadata)) presentedCache.set(image, { key, image: presented });
    return presented;
  }

  function versions(x: Exchange): Answer {
    const { base } = x.bases;
    switch (x.route.name) {
      case 'versionRedirect':
        return { status: 302, body: '', headers: { location: `${base}/v2/` } };
      case 'version':
        return encoded(x, () => x.codec.encodeVersion(versionDocument(base)));
      default:
        if (asksForVersion2(header(x.request.headers, 'accept'))) {
          return encoded(x, () => x.codec.encodeVersion(versionDocument(base)));
        }
        return encoded(x, () => x.codec.encodeVersionList(versionList(base)));
    }
  }

  async function list(x: Exchange, detail: boolean): Promise<Answer> {
    const query = parseListQuery(x.query, maxLimit);
    const page = await store.list(x.scope, query);
    if (page === 'markerNotFound') {
      throw new Fault('badRequest', `marker [${query.marker}] not found`, { where: 'query marker' });
    }
    const images = page.length > query.limit ? page.slice(0, query.limit) : page;
    const last = images[images.length - 1];
    const links =
      last !== undefined && images.length === query.limit
        ? { images_links: [nextLink(x.bases, x.route.tenant, detail ? 'images/detail' : 'images', x.query, last.id)] }
        : {};
    if (detail) {
      const key = linkKeyOf(x);
      return encoded(x, () => x.codec.encodeImageList({ images: images.map((i) => present(i, x, key)), ...links }));
    }
    const key = linkKeyOf(x);
    const summaries = images.map((image) => {
      const { id, name, links } = present(image, x, key);
      return { id, name, links };
    });
    return encoded(x, () => x.codec.encodeImageIndex({ images: summaries, ...links }));
  }

  async function image(x: Exchange, id: string): Promise<Answer> {
    if (x.method === 'DELETE') {
      if (!(await store.delete(x.scope, id))) throw imageNotFound();
      return NO_CONTENT;
    }
    const found = await store.get(x.scope, id);
    if (found === undefined) throw imageNotFound();
    return encoded(x, () => x.codec.encodeImage(present(found, x)));
  }

  async function metadata(x: Exchange, id: string): Promise<Answer> {
    let result: Metadata | undefined;
    if (x.method === 'GET' || x.method === 'HEAD') {
      result = await store.getMetadata(x.scope, id);
    } else {
      const incoming = bodyCodec(x.request).decodeMetadata(x.request.body!, decodeOptions);
      checkMetadataWrite(incoming);
      checkEveryFormatCarries(incoming);
      // The store checks the quota and writes in one operation (see ImageStore).
      result =
        x.method === 'PUT'
          ? await store.replaceMetadata(x.scope, id, incoming, writeLimits)
          : await store.mergeMetadata(x.scope, id, incoming, writeLimits);
    }
    if (result === undefined) throw imageNotFound();
    return encoded(x, () => x.codec.encodeMetadata(result));
  }

  async function metaItem(x: Exchange, id: string, key: string): Promise<Answer> {
    if (x.method === 'DELETE') {
      const outcome = await store.deleteMetadataItem(x.scope, id, key);
      if (outcome === 'imageNotFound') throw imageNotFound();
      if (outcome === 'keyNotFound') throw keyNotFound(key, x.suffix);
      return NO_CONTENT;
    }
    if (x.method === 'PUT') {
      const item = bodyCodec(x.request).decodeMetaItem(x.request.body!, decodeOptions);
      const keys = Object.keys(item);
      if (keys.length !== 1) throw new Fault('badRequest', 'Request body contains too many items: send exactly one');
      if (keys[0] !== key) {
        throw new Fault(
          'badRequest',
          `Request body and URI mismatch: the URI names ${JSON.stringify(key.slice(0, 64))}, the body sets ${JSON.stringify(keys[0]!.slice(0, 64))}${suffixHint(key, x.suffix)}`,
        );
      }
      const value = item[key]!;
      checkMetadataWrite({ [key]: value });
      checkEveryFormatCarries({ [key]: value });
      if ((await store.setMetadataItem(x.scope, id, key, value, writeLimits)) === undefined) throw imageNotFound();
      return encoded(x, () => x.codec.encodeMetaItem({ [key]: value }));
    }
    const current = await store.getMetadata(x.scope, id);
    if (current === undefined) throw imageNotFound();
    if (!Object.hasOwn(current, key)) throw keyNotFound(key, x.suffix);
    return encoded(x, () => x.codec.encodeMetaItem({ [key]: current[key]! }));
  }

  function dispatch(x: Exchange): Promise<Answer> {
    const { route } = x;
    switch (route.name) {
      case 'index':
        return list(x, false);
      case 'detail':
        return list(x, true);
      case 'image':
        return image(x, route.imageId!);
      case 'metadata':
        return metadata(x, route.imageId!);
      case 'metaItem':
        return metaItem(x, route.imageId!, route.key!);
      case 'versions':
      case 'versionRedirect':
      case 'version':
        return Promise.resolve(versions(x));
    }
  }

  function respond(
    negotiated: Negotiated,
    method: string,
    requestId: string,
    answer: Answer,
    extra?: Record<string, string>,
  ): ApiResponse {
    const headers: Record<string, string> = {
      'content-type': negotiated.mediaType,
      'x-compute-request-id': requestId,
    };
    if (negotiated.by !== 'suffix') headers.vary = 'Accept';
    if (answer.headers !== undefined) Object.assign(headers, answer.headers);
    if (extra !== undefined) Object.assign(headers, extra);
    if (method === 'HEAD') {
      headers['content-length'] = String(utf8Length(answer.body));
      return { status: answer.status, headers, body: '' };
    }
    return { status: answer.status, headers, body: answer.body };
  }

  async function fail(
    error: unknown,
    request: ApiRequest,
    negotiated: Negotiated,
    allow: readonly string[] | undefined,
    requestId: string,
  ): Promise<ApiResponse> {
    let fault = faultOf(error);
    if (onError !== undefined) {
      try {
        const replacement = await onError(error, { request, fault, requestId });
        if (isFault(replacement)) fault = faultOf(replacement);
      } catch (thrown) {
        // Like any hook: a Fault it throws leaves as itself, anything else as a computeFault 500.
        fault = faultOf(thrown);
      }
    }
    const extra: Record<string, string> = {};
    // Only a value HTTP can carry as a header: a stray newline would break the answer.
    if (fault.retryAfter !== undefined && /^[\x20-\x7e]+$/.test(fault.retryAfter))
      extra['retry-after'] = fault.retryAfter;
    if (fault.name === 'badMethod' && allow !== undefined) extra.allow = allow.join(', ');
    if (fault.code === 401) extra['www-authenticate'] = `Keystone uri='${fixedIdentity ?? basesOf(request).base}'`;
    const body = encodeFaultBody(negotiated.codec, fault);
    return respond(negotiated, request.method, requestId, { status: fault.code, body }, extra);
  }

  async function handle(given: ApiRequest): Promise<ApiResponse> {
    const requestId = newRequestId();
    try {
      const request = wellFormed(given);
      if (typeof request === 'string') {
        return respond(negotiateFor('/', undefined), 'GET', requestId, {
          status: 400,
          body: encodeFaultBody(codecs[0]!, new Fault('badRequest', request)),
        });
      }
      return await answer(request, requestId);
    } catch {
      // Only a hook's or codec's own failure while answering a fault gets here.
      return {
        status: 500,
        headers: { 'content-type': 'application/json', 'x-compute-request-id': requestId },
        body: FALLBACK_FAULT,
      };
    }
  }

  async function answer(request: ApiRequest, requestId: string): Promise<ApiResponse> {
    const { method } = request;
    const { path, query } = splitUrl(request.url);
    const negotiated = negotiateFor(path, header(request.headers, 'accept'));
    let allow: readonly string[] | undefined;
    try {
      const route = matchRoute(negotiated.path);
      if (route === undefined || UNROUTED_METHODS[route.name].includes(method)) {
        throw new Fault('itemNotFound', 'The resource could not be found.');
      }
      allow = ALLOWED_METHODS[route.name];
      if (!allow.includes(method)) {
        throw new Fault('badMethod', `The method ${method.slice(0, 20)} is not allowed here; use ${allow.join(', ')}`);
      }
      let scope = route.tenant;
      // The versions list needs no token (Nova served it outside authentication); all else does.
      if (authorize !== undefined && route.name !== 'versions') {
        const granted = await authorize({
          request,
          method,
          route: route.name,
          tenant: route.tenant,
          imageId: route.imageId,
          key: route.key,
          write: WRITE_METHODS.has(method),
          requestId,
        });
        if (scope === undefined && granted?.tenant !== undefined) scope = granted.tenant;
      }
      const answer = await dispatch({
        request,
        route,
        scope,
        codec: negotiated.codec,
        bases: basesOf(request),
        query,
        method,
        suffix: negotiated.by === 'suffix' ? path.slice(negotiated.path.length) : undefined,
      });
      return respond(negotiated, method, requestId, answer);
    } catch (error) {
      return fail(error, request, negotiated, allow, requestId);
    }
  }

  return { handle, maxBodyBytes };
}

/**
 * A 200 answer in the negotiated format. A stored value the format cannot carry is the server's
 * failure, not the request's: it leaves as a computeFault 500 (the `onError` hook sees the codec's
 * Fault as the error's `cause`), not as the codec's badRequest.
 */
function encoded(x: Exchange, encode: () => string): Answer {
  try {
    return { status: 200, body: encode() };
  } catch (error) {
    const why = error instanceof Error ? `: ${error.message}` : '';
    throw new Error(`The answer cannot be written as ${x.codec.mediaType}${why}`, { cause: error });
  }
}

function imageNotFound(): Fault {
  return new Fault('itemNotFound', 'Image not found.');
}

function keyNotFound(key: string, suffix: string | undefined): Fault {
  return new Fault(
    'itemNotFound',
    `Metadata item ${JSON.stringify(key.slice(0, 64))} was not found.${suffixHint(key, suffix)}`,
  );
}

/**
 * For a key URL whose `.json`/`.xml` ending was taken as the format (as Nova took it): how to name a
 * key that itself ends so.
 */
function suffixHint(key: string, suffix: string | undefined): string {
  if (suffix === undefined) return '';
  const short = key.slice(0, 64);
  return ` The URL's ending ${suffix} chose the format; for the key "${short}${suffix}", end the URL with ${short}${suffix}${suffix} or ${short}%2E${suffix.slice(1)}.`;
}

/**
 * The request as the core reads it, from whatever a caller passed (plain JavaScript callers too):
 * headers given as arrays are joined as fetch joins them, missing headers are none; a missing
 * method or URL, or a body that is neither a string nor bytes, is what to tell the caller (a 400).
 */
function wellFormed(request: ApiRequest): ApiRequest | string {
  if (typeof request !== 'object' || request === null) return 'The request is not an object';
  const { method, url, body } = request as Partial<ApiRequest>;
  if (typeof method !== 'string' || method === '') return 'The request has no method';
  if (typeof url !== 'string' || url === '') return 'The request has no URL';
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return 'The request body must be a string or a Uint8Array';
  }
  const given: unknown = request.headers;
  if (typeof given !== 'object' || given === null)
    return { method, url, headers: {}, ...(body === undefined ? {} : { body }) };
  let headers = given as Record<string, unknown>;
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && typeof value !== 'string') {
      const flat: Record<string, string | undefined> = {};
      for (const key in headers) {
        const one = headers[key];
        flat[key] = Array.isArray(one) ? one.map(String).join(', ') : one === undefined ? undefined : String(one);
      }
      headers = flat;
      break;
    }
  }
  return headers === given
    ? request
    : { method, url, headers: headers as Record<string, string | undefined>, ...(body === undefined ? {} : { body }) };
}

/** A header by its lower-case name, tolerating a caller that kept another case. */
function header(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = headers[name];
  if (value !== undefined) return value;
  for (const key in headers) {
    if (key.length === name.length && key.toLowerCase() === name) return headers[key];
  }
  return undefined;
}

/** The path (percent-encoded, `/` when empty) and the query (without `?`) of an absolute or relative URL. */
function splitUrl(url: string): { path: string; query: string } {
  let start = 0;
  const scheme = url.indexOf('://');
  if (scheme > 0 && scheme < 6) {
    const slash = url.indexOf('/', scheme + 3);
    start = slash < 0 ? url.length : slash;
  }
  let end = url.indexOf('#', start);
  if (end < 0) end = url.length;
  const mark = url.indexOf('?', start);
  const pathEnd = mark >= 0 && mark < end ? mark : end;
  const path = url.slice(start, pathEnd);
  return { path: path === '' ? '/' : path, query: pathEnd < end ? url.slice(pathEnd + 1, end) : '' };
}
