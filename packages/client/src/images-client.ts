import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { Fault } from '@openstack-image/faults';
import type { Codec, Image, ImageSummary, Link, Metadata, Version, VersionList } from '@openstack-image/schema';
import { type ListQuery, listQueryString } from './list-query.ts';
import { endpointOf, segment } from './paths.ts';
import { type RetryOptions, retryPolicy } from './retry.ts';
import { badAnswer, type FetchLike, type Incoming, type Outgoing, send, type TransportOptions } from './transport.ts';

export interface ImagesClientOptions {
  /** The compute endpoint with its tenant: `https://nova.example.com:8774/v2/{tenant_id}` (or `.../v2`). */
  readonly url: string;
  /** Sent as `X-Auth-Token`. */
  readonly token?: string;
  /** The wire format of requests and answers. */
  readonly format: 'json' | 'xml';
  /** Milliseconds one attempt may take, answer body included; beyond it, a `serviceUnavailable` Fault. */
  readonly timeout?: number;
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Opt-in retries of 503 (and of the server being unreachable), and of 413/429 that carry `Retry-After`. */
  readonly retry?: RetryOptions;
  /** Extra request headers (a `User-Agent`, `X-OpenStack-Request-Id`); `Accept`, `Content-Type` and the token are the client's. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The largest answer read, in bytes; larger ones are an `overLimit` Fault. Defaults to 32 MiB. */
  readonly maxResponseBytes?: number;
}

/** Every call takes an `AbortSignal`; aborting rejects with the signal's reason. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface ImagesClient {
  /** The endpoint, without a trailing slash. */
  readonly url: string;
  readonly format: 'json' | 'xml';
  getImage(id: string, options?: CallOptions): Promise<Image>;
  /** Every image of the detail list that matches, following the `next` links page after page. */
  listImages(query?: ListQuery, options?: CallOptions): AsyncIterableIterator<Image>;
  /** Every entry of the index (`id`, `name`, `links`), page after page. */
  listImageSummaries(query?: ListQuery, options?: CallOptions): AsyncIterableIterator<ImageSummary>;
  deleteImage(id: string, options?: CallOptions): Promise<void>;
  getMetadata(id: string, options?: CallOptions): Promise<Metadata>;
  /** Replaces the whole set (PUT); resolves the set the server now holds. */
  setMetadata(id: string, metadata: Metadata, options?: CallOptions): Promise<Metadata>;
  /** Merges into the set (POST); resolves the set the server now holds. */
  updateMetadata(id: string, metadata: Metadata, options?: CallOptions): Promise<Metadata>;
  getMetaItem(id: string, key: string, options?: CallOptions): Promise<string>;
  /** Sets one item (PUT); resolves the value the server stored. */
  setMetaItem(id: string, key: string, value: string, options?: CallOptions): Promise<string>;
  deleteMetaItem(id: string, key: string, options?: CallOptions): Promise<void>;
  /** The versions the server offers (`GET /` of its root: the endpoint without `/v2/{tenant}`), no token needed. */
  versions(options?: CallOptions): Promise<VersionList>;
  /** The v2 version document (`GET {root}/v2/`), with its media types. */
  version(options?: CallOptions): Promise<Version>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * A client of the images routes of one compute endpoint, on `fetch` (any runtime). Every failure
 * is a thrown `Fault`: the server's own fault (name, code, message, details, retryAfter), a fault
 * named by the status for an error answer that holds none, `serviceUnavailable` (with the error as
 * `cause`) when the server cannot be reached or does not answer within `timeout`, and a
 * `computeFault` 502 for a success answer that is not the document asked for.
 */
export function createImagesClient(options: ImagesClientOptions): ImagesClient {
  const url = endpointOf(options.url);
  const codec: Codec = options.format === 'xml' ? xmlCodec : options.format === 'json' ? jsonCodec : invalidFormat();
  const { timeout } = options;
  if (timeout !== undefined && !(Number.isSafeInteger(timeout) && timeout > 0)) {
    throw new TypeError('timeout must be an integer number of milliseconds > 0');
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw new TypeError('maxResponseBytes must be an integer > 0');
  }
  const transport: TransportOptions = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    codec,
    token: options.token,
    headers: options.headers ?? {},
    timeout,
    retry: retryPolicy(options.retry),
    maxResponseBytes,
  };
  const decodeOptions = { maxBytes: maxResponseBytes };

  async function call<T>(
    outgoing: Outgoing,
    what: string,
    decode: (codec: Codec, body: Uint8Array) => T,
  ): Promise<{ value: T; incoming: Incoming }> {
    const incoming = await send(transport, outgoing);
    try {
      return { value: decode(incoming.codec, incoming.body), incoming };
    } catch (error) {
      throw badAnswer(incoming, what, error);
    }
  }

  async function noContent(outgoing: Outgoing): Promise<void> {
    await send(transport, outgoing);
  }

  const root = rootOf(url);
  const imageUrl = (id: string): string => `${url}/images/${segment('image id', requireText('id', id))}`;
  const metadataUrl = (id: string): string => `${imageUrl(id)}/metadata`;
  const itemUrl = (id: string, key: string): string =>
    `${metadataUrl(id)}/${segment('metadata key', requireText('key', key))}`;

  /** Pages of a list, following each `next` link's query on the list's own URL (see `nextQuery`). */
  async function* pages<T extends { id: string }>(
    path: string,
    query: ListQuery,
    signal: AbortSignal | undefined,
    what: string,
    decode: (codec: Codec, body: Uint8Array) => { images: T[]; images_links?: Link[] },
  ): AsyncGenerator<T, void, undefined> {
    let search = listQueryString(query);
    const seen = new Set<string>();
    for (;;) {
      const { value: page } = await call(
        { method: 'GET', url: `${url}/${path}${search === '' ? '' : `?${search}`}`, signal },
        what,
        decode,
      );
      yield* page.images;
      const next = nextQuery(page.images_links);
      if (next === undefined || page.images.length === 0) return;
      if (seen.has(next)) {
        throw new Fault('computeFault', `The server's next link repeats a page already read (${next})`, { code: 502 });
      }
      seen.add(next);
      search = next;
    }
  }

  return {
    url,
    format: options.format,
    async getImage(id, call_ = {}) {
      return (
        await call({ method: 'GET', url: imageUrl(id), signal: call_.signal }, 'an image', (c, b) =>
          c.decodeImage(b, decodeOptions),
        )
      ).value;
    },
    listImages(query = {}, call_ = {}) {
      return pages('images/detail', query, call_.signal, 'an image list', (c, b) =>
        c.decodeImageList(b, decodeOptions),
      );
    },
    listImageSummaries(query = {}, call_ = {}) {
      return pages('images', query, call_.signal, 'an image index', (c, b) => c.decodeImageIndex(b, decodeOptions));
    },
    deleteImage(id, call_ = {}) {
      return noContent({ method: 'DELETE', url: imageUrl(id), signal: call_.signal });
    },
    async getMetadata(id, call_ = {}) {
      return (
        await call({ method: 'GET', url: metadataUrl(id), signal: call_.signal }, 'metadata', (c, b) =>
          c.decodeMetadata(b, decodeOptions),
        )
      ).value;
    },
    async setMetadata(id, metadata, call_ = {}) {
      const body = codec.encodeMetadata(metadata);
      return (
        await call({ method: 'PUT', url: metadataUrl(id), body, signal: call_.signal }, 'metadata', (c, b) =>
          c.decodeMetadata(b, decodeOptions),
        )
      ).value;
    },
    async updateMetadata(id, metadata, call_ = {}) {
      const body = codec.encodeMetadata(metadata);
      return (
        await call({ method: 'POST', url: metadataUrl(id), body, signal: call_.signal }, 'metadata', (c, b) =>
          c.decodeMetadata(b, decodeOptions),
        )
      ).value;
    },
    async getMetaItem(id, key, call_ = {}) {
      const { value } = await call(
        { method: 'GET', url: itemUrl(id, key), signal: call_.signal },
        'a meta item',
        (c, b) => c.decodeMetaItem(b, decodeOptions),
      );
      return itemValue(value, key);
    },
    async setMetaItem(id, key, value, call_ = {}) {
      const body = codec.encodeMetaItem({ [key]: value });
      const answer = await call(
        { method: 'PUT', url: itemUrl(id, key), body, signal: call_.signal },
        'a meta item',
        (c, b) => c.decodeMetaItem(b, decodeOptions),
      );
      return itemValue(answer.value, key);
    },
    deleteMetaItem(id, key, call_ = {}) {
      return noContent({ method: 'DELETE', url: itemUrl(id, key), signal: call_.signal });
    },
    async versions(call_ = {}) {
      return (
        await call({ method: 'GET', url: `${root}/`, signal: call_.signal }, 'a version list', (c, b) =>
          c.decodeVersionList(b, decodeOptions),
        )
      ).value;
    },
    async version(call_ = {}) {
      return (
        await call({ method: 'GET', url: `${root}/v2/`, signal: call_.signal }, 'a version', (c, b) =>
          c.decodeVersion(b, decodeOptions),
        )
      ).value;
    },
  };
}

/**
 * The server's root, where its version documents are: the endpoint without its version segment
 * (`/v2`, `/v2.1`) and what follows (the tenant), else the endpoint itself.
 */
function rootOf(endpoint: string): string {
  const parsed = new URL(endpoint);
  const segments = parsed.pathname.split('/');
  let version = -1;
  segments.forEach((segment, index) => {
    if (/^v\d+(?:\.\d+)?$/.test(segment)) version = index;
  });
  if (version < 0) return endpoint;
  return `${parsed.origin}${segments.slice(0, version).join('/')}`;
}

/** The query of a `next` link, or undefined when there is none: the marker and filters it repeats. */
function nextQuery(links: readonly Link[] | undefined): string | undefined {
  const next = links?.find((link) => link.rel === 'next');
  if (next === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(next.href, 'http://next.invalid');
  } catch {
    throw new Fault('computeFault', `The server's next link is not a URL: ${JSON.stringify(next.href.slice(0, 200))}`, {
      code: 502,
    });
  }
  // Only the query is taken: Nova's JSON next link named /images for the detail list, and a link
  // to another host must not receive the token.
  const search = parsed.search.slice(1);
  if (!new URLSearchParams(search).has('marker')) {
    throw new Fault(
      'computeFault',
      `The server's next link has no marker: ${JSON.stringify(next.href.slice(0, 200))}`,
      {
        code: 502,
      },
    );
  }
  return search;
}

function itemValue(item: Record<string, string>, key: string): string {
  if (!Object.hasOwn(item, key)) {
    throw new Fault(
      'computeFault',
      `The server answered another metadata item than ${JSON.stringify(key.slice(0, 64))}`,
      {
        code: 502,
      },
    );
  }
  return item[key]!;
}

function requireText(name: string, value: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function invalidFormat(): never {
  throw new TypeError("format must be 'json' or 'xml'");
}
