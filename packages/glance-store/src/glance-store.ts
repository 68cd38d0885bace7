import { Fault } from '@openstack-image/faults';
import {
  checkMetadataQuota,
  DEFAULT_MAX_METADATA_ITEMS,
  type ImageQuery,
  type ImageStore,
  type MetadataDeletion,
  type MetadataWriteLimits,
  matchesQuery,
} from '@openstack-image/http';
import type { Image, Metadata } from '@openstack-image/schema';
import {
  callGlance,
  type GlanceAnswer,
  type GlanceClientOptions,
  type GlanceIdentity,
  glanceFault,
} from './glance-client.ts';
import { GLANCE_MAX_PAGE, glanceListParams } from './list-filters.ts';
import { checkNotGlanceAttributes, JSON_PATCH_TYPE, metadataPatch, pointer } from './metadata-patch.ts';
import { type GlanceImage, metadataOf, novaImage, unreadable } from './nova-view.ts';
import { WriteQueue } from './write-queue.ts';

export interface GlanceImageStoreOptions {
  /** Glance's endpoint, the root its `/v2/images` hangs from: `http://glance.example.com:9292`. */
  readonly url: string;
  /**
   * The compute API's root, for `server` links: `http://openstack.example.com` (links are
   * `{computeUrl}/v2/{tenant}/servers/{id}`).
   */
  readonly computeUrl: string;
  /** How Glance learns who is asking. Defaults to `{ mode: 'trusted' }`. */
  readonly identity?: GlanceIdentity;
  /** The tenant of a request without one (`/v2/images`, no `authorize` tenant), in trusted mode. */
  readonly defaultTenant?: string;
  /** Milliseconds Glance has to answer one request (body included); then 503. Defaults to 30 000. */
  readonly timeout?: number;
  /** The largest Glance answer read, in bytes. Defaults to 64 MiB (a page of 1000 images is about 2 MiB). */
  readonly maxResponseBytes?: number;
  /** The fetch to use; defaults to the global one. */
  readonly fetch?: typeof fetch;
}

/** Attempts of a write whose `remove` met an item a concurrent writer had removed (409). */
const WRITE_ATTEMPTS = 3;

/**
 * An `ImageStore` over a real Glance v2: Nova's images API as Nova showed Glance's images
 * (`reference/GLANCE.md`). Stateless: every call is one or a few Glance requests, so any number of
 * API instances can serve one Glance. Uses nothing but `fetch`.
 */
export class GlanceImageStore implements ImageStore {
  readonly #options: GlanceImageStoreOptions;
  readonly #client: GlanceClientOptions;
  readonly #computeUrl: string;
  /** Shared with the `withToken` copies: one queue of writes per image, shared by every copy in this program. */
  #writes = new WriteQueue();

  constructor(options: GlanceImageStoreOptions) {
    if (!/^https?:\/\/[^/]/.test(options.url)) throw new TypeError('url must be an http:// or https:// URL');
    const timeout = options.timeout ?? 30_000;
    if (!(timeout > 0 && timeout <= 2_147_483_647)) throw new TypeError('timeout must be a number of milliseconds > 0');
    const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    if (!(maxResponseBytes > 0)) throw new TypeError('maxResponseBytes must be > 0');
    this.#options = options;
    this.#computeUrl = options.computeUrl.replace(/\/+$/, '');
    const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    this.#client = {
      url: options.url.replace(/\/+$/, ''),
      identity: options.identity ?? { mode: 'trusted' },
      defaultTenant: options.defaultTenant,
      timeout,
      maxResponseBytes,
      fetch: fetcher,
    };
  }

  /** The same store acting with this Keystone token (pass-through identity): one per request. */
  withToken(token: string | undefined): GlanceImageStore {
    const bound = new GlanceImageStore({
      ...this.#options,
      identity: token === undefined ? { mode: 'pass-through' } : { mode: 'pass-through', token },
    });
    bound.#writes = this.#writes;
    return bound;
  }

  async get(tenant: string | undefined, id: string): Promise<Image | undefined> {
    const raw = await this.#image(tenant, id);
    return raw === undefined ? undefined : this.#view(raw, tenant);
  }

  async list(tenant: string | undefined, query: ImageQuery): Promise<readonly Image[] | 'markerNotFound'> {
    const params = glanceListParams(query);
    if (params === undefined) return [];
    const page: Image[] = [];
    let path: string | undefined = `/v2/images?${params.toString()}`;
    const asked = new Set<string>();
    // Glance's pages, one after the other, until ours is full: images the filters Glance could not
    // apply leave out do not shorten it.
    while (path !== undefined && page.length < query.limit && !asked.has(path)) {
      asked.add(path);
      const answer = await this.#call({ method: 'GET', path, tenant });
      if (answer.status === 400 && query.marker !== undefined && /marker|no image found/i.test(answer.message)) {
        return 'markerNotFound';
      }
      // An invisible marker (another tenant's image): 403 or 404 from Glance, no such image for us.
      if ((answer.status === 403 || answer.status === 404) && query.marker !== undefined) return 'markerNotFound';
      if (answer.status !== 200) throw this.#fault(answer);
      const body = answer.json as { images?: unknown; next?: unknown } | undefined;
      if (typeof body !== 'object' || body === null || !Array.isArray(body.images)) {
        throw unreadable('a list without images');
      }
      for (const raw of body.images) {
        const image = this.#view(raw, tenant);
        if (matchesQuery(image, query)) {
          page.push(image);
          if (page.length === query.limit) break;
        }
      }
      path = body.images.length === 0 ? undefined : nextPath(body.next);
    }
    return page;
  }

  async delete(tenant: string | undefined, id: string): Promise<boolean> {
    const answer = await this.#call({ method: 'DELETE', path: imagePath(id), tenant });
    if (answer.status === 204 || answer.status === 200) return true;
    if (answer.status === 404) return false;
    if (answer.status === 403) throw new Fault('forbidden', 'You are not allowed to delete the image.');
    throw this.#fault(answer);
  }

  async getMetadata(tenant: string | undefined, id: string): Promise<Metadata | undefined> {
    const raw = await this.#image(tenant, id);
    return raw === undefined ? undefined : metadataOf(raw);
  }

  async replaceMetadata(
    tenant: string | undefined,
    id: string,
    metadata: Metadata,
    limits: MetadataWriteLimits = { maxItems: DEFAULT_MAX_METADATA_ITEMS },
  ): Promise<Metadata | undefined> {
    checkNotGlanceAttributes(metadata);
    return this.#write(tenant, id, () => metadata, limits);
  }

  async mergeMetadata(
    tenant: string | undefined,
    id: string,
    metadata: Metadata,
    limits: MetadataWriteLimits = { maxItems: DEFAULT_MAX_METADATA_ITEMS },
  ): Promise<Metadata | undefined> {
    checkNotGlanceAttributes(metadata);
    return this.#write(tenant, id, (old) => ({ ...old, ...metadata }), limits);
  }

  async setMetadataItem(
    tenant: string | undefined,
    id: string,
    key: string,
    value: string,
    limits: MetadataWriteLimits = { maxItems: DEFAULT_MAX_METADATA_ITEMS },
  ): Promise<Metadata | undefined> {
    const item = Object.defineProperty({}, key, { value, enumerable: true }) as Metadata;
    checkNotGlanceAttributes(item);
    return this.#write(tenant, id, (old) => withItem(old, key, value), limits);
  }

  deleteMetadataItem(tenant: string | undefined, id: string, key: string): Promise<MetadataDeletion> {
    return this.#writes.run(id, () => this.#deleteItem(tenant, id, key));
  }

  async #deleteItem(tenant: string | undefined, id: string, key: string): Promise<MetadataDeletion> {
    const raw = await this.#image(tenant, id);
    if (raw === undefined) return 'imageNotFound';
    if (!Object.hasOwn(metadataOf(raw), key)) return 'keyNotFound';
    const answer = await this.#patch(tenant, id, [{ op: 'remove', path: pointer(key) }]);
    if (answer.status === 200) return 'deleted';
    if (answer.status === 404) return 'imageNotFound';
    // Removed by a concurrent writer between our GET and our PATCH: gone either way.
    if (answer.status === 409) return 'keyNotFound';
    throw this.#writeFault(answer, id);
  }

  /** The image as Glance holds it, or undefined when this tenant cannot see it. */
  async #image(tenant: string | undefined, id: string): Promise<GlanceImage | undefined> {
    const answer = await this.#call({ method: 'GET', path: imagePath(id), tenant });
    if (answer.status === 200) {
      if (typeof answer.json !== 'object' || answer.json === null || Array.isArray(answer.json)) {
        throw unreadable('an image that is not a JSON object');
      }
      return answer.json as GlanceImage;
    }
    if (answer.status === 404) return undefined;
    if (answer.status === 403) throw new Fault('forbidden', `Not authorized for image ${id}.`);
    throw this.#fault(answer);
  }

  /**
   * Nova's metadata write (GLANCE.md 2(d)): read the image, compute the new set, check the quota,
   * send the difference as one JSON-patch request, answer the set Glance then holds.
   */
  #write(
    tenant: string | undefined,
    id: string,
    change: (old: Metadata) => Metadata,
    limits: MetadataWriteLimits,
  ): Promise<Metadata | undefined> {
    // Queued by image id alone: Glance's ids are global, whatever tenant writes.
    return this.#writes.run(id, () => this.#writeNow(tenant, id, change, limits));
  }

  async #writeNow(
    tenant: string | undefined,
    id: string,
    change: (old: Metadata) => Metadata,
    limits: MetadataWriteLimits,
  ): Promise<Metadata | undefined> {
    const { maxItems } = limits;
    for (let attempt = 1; ; attempt++) {
      const raw = await this.#image(tenant, id);
      if (raw === undefined) return undefined;
      const old = metadataOf(raw);
      const next = { ...change(old) };
      // Glance's reserved items stay whatever the write says (Glance refuses to remove them).
      for (const key of Object.keys(old))
        if (key.startsWith('os_glance_') && !Object.hasOwn(next, key)) next[key] = old[key]!;
      checkMetadataQuota(Object.keys(next).length, maxItems);
      const operations = metadataPatch(old, next);
      if (operations.length === 0) return old;
      const answer = await this.#patch(tenant, id, operations);
      if (answer.status === 200) return metadataOf(this.#object(answer));
      if (answer.status === 404) return undefined;
      if (answer.status === 409 && attempt < WRITE_ATTEMPTS) continue;
      throw this.#writeFault(answer, id);
    }
  }

  #patch(tenant: string | undefined, id: string, operations: readonly unknown[]): Promise<GlanceAnswer> {
    return this.#call({
      method: 'PATCH',
      path: imagePath(id),
      tenant,
      body: JSON.stringify(operations),
      contentType: JSON_PATCH_TYPE,
    });
  }

  #call(request: Parameters<typeof callGlance>[1]): Promise<GlanceAnswer> {
    return callGlance(this.#client, request);
  }

  #object(answer: GlanceAnswer): GlanceImage {
    if (typeof answer.json !== 'object' || answer.json === null || Array.isArray(answer.json)) {
      throw unreadable('an image that is not a JSON object');
    }
    return answer.json as GlanceImage;
  }

  #view(raw: unknown, tenant: string | undefined): Image {
    return novaImage(raw, { computeUrl: this.#computeUrl, tenant: tenant ?? this.#options.defaultTenant });
  }

  /** A metadata write Glance refused: 403 Nova's text, 413 Glance's own property quota as Nova's. */
  #writeFault(answer: GlanceAnswer, id: string): Fault {
    if (answer.status === 403) {
      // Glance's reserved os_glance_* keys and read-only attributes say why; otherwise Nova's text.
      return new Fault(
        'forbidden',
        /reserved|read-only/i.test(answer.message) ? answer.message : `Not authorized for image ${id}.`,
      );
    }
    if (answer.status === 413) {
      // The atomic backstop for concurrent writers: Glance counts the same items Nova's quota does.
      const found = /Attempted:\s*(\d+),\s*Maximum:\s*(\d+)/.exec(answer.message);
      if (found !== null) checkMetadataQuota(Number(found[1]), Number(found[2]));
      return new Fault('forbidden', 'Image metadata limit exceeded');
    }
    return this.#fault(answer);
  }

  #fault(answer: GlanceAnswer): Fault {
    return glanceFault(answer);
  }
}

function imagePath(id: string): string {
  return `/v2/images/${encodeURIComponent(id)}`;
}

function withItem(old: Metadata, key: string, value: string): Metadata {
  const next: Record<string, string> = { ...old };
  Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
  return next;
}

/**
 * The path and query of Glance's `next` (`/v2/images?limit=2&marker=...`), kept under our own endpoint:
 * Glance writes it from its own root, which a proxy in front of it may have moved.
 */
function nextPath(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined;
  const mark = next.indexOf('?');
  if (mark < 0) return undefined;
  const params = new URLSearchParams(next.slice(mark + 1));
  // Never limit=0 (which Glance answers with an empty page) and never past its largest page.
  const limit = Number(params.get('limit'));
  if (!(Number.isSafeInteger(limit) && limit >= 1)) params.set('limit', String(GLANCE_MAX_PAGE));
  return `/v2/images?${params.toString()}`;
}
