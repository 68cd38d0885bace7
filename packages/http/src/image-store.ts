import type { Image, Metadata } from '@openstack-image/schema';

/**
 * The filters, page size and marker of a list request, already checked by the core: integers are
 * integers, `changesSince` is a date, `limit` is between 1 and the configured maximum.
 */
export interface ImageQuery {
  /** The page size. */
  readonly limit: number;
  /** The id of the last image of the previous page: the page starts after it. */
  readonly marker?: string;
  /** Images whose name is exactly this. */
  readonly name?: string;
  /** Images whose status is this (compared case-insensitively). */
  readonly status?: string;
  /**
   * Images updated at or after this instant, deleted ones included (status `DELETED`), as Nova
   * listed them: a client polling with it learns of deletions.
   */
  readonly changesSince?: Date;
  /**
   * Snapshots of this server (their `instance_uuid` metadata, or a stored `server`): its id, or a
   * URL of it (`.../servers/{id}`, read by its last segment, as Nova did).
   */
  readonly server?: string;
  /** Images whose `image_type` metadata is this (`snapshot`, `backup`), as Nova filtered. */
  readonly type?: string;
  /** Images needing at least this much RAM (MB). */
  readonly minRam?: number;
  /** Images needing at least this much disk (GB). */
  readonly minDisk?: number;
  /**
   * Images whose metadata holds every one of these items exactly: the `property-{key}={value}`
   * filters (the key is what follows `property-`), as Nova passed them on to Glance.
   */
  readonly properties?: Readonly<Record<string, string>>;
}

/**
 * The quota a metadata write must respect, checked by the store itself (see `ImageStore`).
 * `maxItems` is the most items the image may hold after the write; `Infinity` means no quota.
 */
export interface MetadataWriteLimits {
  readonly maxItems: number;
}

/** What deleting one metadata item found. */
export type MetadataDeletion = 'deleted' | 'imageNotFound' | 'keyNotFound';

/**
 * Where a service keeps its images. Every method is async and scoped to a tenant: the one in the
 * path (`/v2/{tenant}/images`), or, for `/v2/images`, the one the `authorize` hook names (else
 * `undefined`, which a store maps to its own default). `undefined` answers mean "no such image".
 *
 * Images are returned as stored; the core builds their `links` when it answers (see README).
 * A store may throw a `Fault` to answer with it; anything else it throws answers 500.
 *
 * The metadata quota is the store's to enforce, atomically: the three write methods take the
 * `limits` last, count the image's items as they will be after the change, and either refuse with
 * `checkMetadataQuota(count, limits.maxItems)` (which throws the 403 Fault) or write, in ONE
 * operation that no concurrent write can come between. The core never reads the count itself: a
 * read in one `await` and a write in another let concurrent writes pass the quota together.
 * In memory that operation is one synchronous step; a database does it in one transaction (or
 * a conditional update: `... WHERE count <= max`); a remote service under an optimistic lock
 * (compare the version or ETag read, retry on conflict) or a per-image lock.
 */
export interface ImageStore {
  get(tenant: string | undefined, id: string): Promise<Image | undefined>;
  /** One page, in the store's order; `'markerNotFound'` when `query.marker` names no image. */
  list(tenant: string | undefined, query: ImageQuery): Promise<readonly Image[] | 'markerNotFound'>;
  /** False when there was no such image. A deleted image still shows in `changesSince` lists. */
  delete(tenant: string | undefined, id: string): Promise<boolean>;
  getMetadata(tenant: string | undefined, id: string): Promise<Metadata | undefined>;
  /** Replaces the whole set; answers the new set. Enforces `limits` atomically (see above). */
  replaceMetadata(
    tenant: string | undefined,
    id: string,
    metadata: Metadata,
    limits: MetadataWriteLimits,
  ): Promise<Metadata | undefined>;
  /** Adds and overwrites the given items, keeps the others; answers the new set. Enforces `limits` atomically. */
  mergeMetadata(
    tenant: string | undefined,
    id: string,
    metadata: Metadata,
    limits: MetadataWriteLimits,
  ): Promise<Metadata | undefined>;
  /** Sets one item; answers the new set. Enforces `limits` atomically. */
  setMetadataItem(
    tenant: string | undefined,
    id: string,
    key: string,
    value: string,
    limits: MetadataWriteLimits,
  ): Promise<Metadata | undefined>;
  deleteMetadataItem(tenant: string | undefined, id: string, key: string): Promise<MetadataDeletion>;
}
