import { assertValid, type Image, type Metadata } from '@openstack-image/schema';
import type { ImageQuery, ImageStore, MetadataDeletion } from './image-store.ts';

export interface MemoryImageStoreOptions {
  /** The tenant that requests without one in their path (`/v2/images`) read. Defaults to `''`. */
  defaultTenant?: string;
  /** The clock that stamps `updated` when metadata changes. Defaults to the system clock. */
  now?: () => Date;
}

/**
 * An `ImageStore` in memory, for tests and small services: images per tenant, listed in the order
 * they were put. Stored images are deep-frozen copies, so what `get` answers cannot change the store.
 * A deleted image is gone for every request but a `changes-since` list, which shows it with status
 * `DELETED` (as Nova did, so that a client polling for changes learns of deletions).
 */
export class MemoryImageStore implements ImageStore {
  readonly #tenants = new Map<string, Map<string, Image>>();
  /** The stored images that stand for a deleted one; `put` replaces them with live ones. */
  readonly #deleted = new WeakSet<Image>();
  readonly #defaultTenant: string;
  readonly #now: () => Date;

  constructor(options: MemoryImageStoreOptions = {}) {
    this.#defaultTenant = options.defaultTenant ?? '';
    this.#now = options.now ?? (() => new Date());
  }

  /** Adds an image (or replaces the one with its id, keeping its place); refuses an invalid one. */
  put(tenant: string | undefined, image: Image): void {
    assertValid('Image', image, '/image');
    const scope = this.#scope(tenant, true)!;
    scope.set(image.id, deepFreeze(structuredClone(image)));
  }

  /** Every image of a tenant, in order (deleted ones left out). */
  all(tenant: string | undefined): readonly Image[] {
    return [...(this.#scope(tenant, false)?.values() ?? [])].filter((image) => !this.#deleted.has(image));
  }

  async get(tenant: string | undefined, id: string): Promise<Image | undefined> {
    return this.#find(tenant, id);
  }

  async list(tenant: string | undefined, query: ImageQuery): Promise<readonly Image[] | 'markerNotFound'> {
    const scope = this.#scope(tenant, false);
    const images = scope === undefined ? [] : [...scope.values()];
    let start = 0;
    if (query.marker !== undefined) {
      const at = images.findIndex((image) => image.id === query.marker);
      if (at < 0) return 'markerNotFound';
      start = at + 1;
    }
    const page: Image[] = [];
    const withDeleted = query.changesSince !== undefined;
    for (let i = start; i < images.length && page.length < query.limit; i++) {
      const image = images[i]!;
      if ((withDeleted || !this.#deleted.has(image)) && matches(image, query)) page.push(image);
    }
    return page;
  }

  async delete(tenant: string | undefined, id: string): Promise<boolean> {
    const image = this.#find(tenant, id);
    if (image === undefined) return false;
    const deleted = deepFreeze({ ...image, status: 'DELETED', updated: this.#stamp() });
    this.#deleted.add(deleted);
    this.#scope(tenant, false)!.set(id, deleted);
    return true;
  }

  async getMetadata(tenant: string | undefined, id: string): Promise<Metadata | undefined> {
    return this.#find(tenant, id)?.metadata;
  }

  async replaceMetadata(tenant: string | undefined, id: string, metadata: Metadata): Promise<Metadata | undefined> {
    return this.#write(tenant, id, () => ({ ...metadata }));
  }

  async mergeMetadata(tenant: string | undefined, id: string, metadata: Metadata): Promise<Metadata | undefined> {
    return this.#write(tenant, id, (old) => ({ ...old, ...metadata }));
  }

  async setMetadataItem(
    tenant: string | undefined,
    id: string,
    key: string,
    value: string,
  ): Promise<Metadata | undefined> {
    return this.#write(tenant, id, (old) => ({ ...old, [key]: value }));
  }

  async deleteMetadataItem(tenant: string | undefined, id: string, key: string): Promise<MetadataDeletion> {
    const image = this.#find(tenant, id);
    if (image === undefined) return 'imageNotFound';
    if (!Object.hasOwn(image.metadata, key)) return 'keyNotFound';
    this.#write(tenant, id, (old) => {
      const next = { ...old };
      delete next[key];
      return next;
    });
    return 'deleted';
  }

  #scope(tenant: string | undefined, create: boolean): Map<string, Image> | undefined {
    const name = tenant ?? this.#defaultTenant;
    let scope = this.#tenants.get(name);
    if (scope === undefined && create) {
      scope = new Map();
      this.#tenants.set(name, scope);
    }
    return scope;
  }

  /** A live image (not a deleted one). */
  #find(tenant: string | undefined, id: string): Image | undefined {
    const image = this.#scope(tenant, false)?.get(id);
    return image === undefined || this.#deleted.has(image) ? undefined : image;
  }

  /** The clock's time as the wire writes it: `2011-01-01T01:02:03Z`. */
  #stamp(): string {
    return this.#now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
  }

  /** Replaces an image's metadata with `change(old)` and stamps `updated`, as Glance does. */
  #write(tenant: string | undefined, id: string, change: (old: Metadata) => Metadata): Metadata | undefined {
    const image = this.#find(tenant, id);
    if (image === undefined) return undefined;
    const metadata = change(image.metadata);
    this.#scope(tenant, false)!.set(id, deepFreeze({ ...image, metadata, updated: this.#stamp() }));
    return metadata;
  }
}

function matches(image: Image, query: ImageQuery): boolean {
  if (query.name !== undefined && image.name !== query.name) return false;
  if (query.status !== undefined && image.status?.toUpperCase() !== query.status.toUpperCase()) return false;
  if (query.changesSince !== undefined) {
    const updated = image.updated === null ? Number.NaN : Date.parse(image.updated);
    if (!(updated >= query.changesSince.getTime())) return false;
  }
  if (query.server !== undefined) {
    // Nova compared the snapshot's instance_uuid with the filter's last path segment: an id, or any
    // URL of the server. A stored `server` counts too (and any href of it).
    const wanted = query.server.slice(query.server.lastIndexOf('/') + 1);
    const server = image.server;
    const byInstance = property(image, 'instance_uuid') === wanted;
    const byServer =
      server !== undefined && (server.id === wanted || server.links.some((link) => link.href === query.server));
    if (!byInstance && !byServer) return false;
  }
  if (query.type !== undefined && property(image, 'image_type') !== query.type) return false;
  if (query.properties !== undefined) {
    for (const key of Object.keys(query.properties)) {
      if (property(image, key) !== query.properties[key]) return false;
    }
  }
  if (query.minRam !== undefined && (image.minRam ?? 0) < query.minRam) return false;
  if (query.minDisk !== undefined && (image.minDisk ?? 0) < query.minDisk) return false;
  return true;
}

/** A metadata item of an image, by its own key only (`constructor` is a key like any other). */
function property(image: Image, key: string): string | undefined {
  return Object.hasOwn(image.metadata, key) ? image.metadata[key] : undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
