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
  /** Images whose metadata holds every one of these items (`property-<key>=<value>`), as Nova filtered. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Images needing at least this much RAM (MB). */
  readonly minRam?: number;
  /** Images needing at least this much disk (GB). */
  readonly minDisk?: number;
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
 */
export interface ImageStore {
  get(tenant: string | undefined, id: string): Promise<Image | undefined>;
  /** One page, in the store's order; `'markerNotFound'` when `query.marker` names no image. */
  list(tenant: string | undefined, query: ImageQuery): Promise<readonly Image[] | 'markerNotFound'>;
  /** False when there was no such image. A deleted image still shows in `changesSince` lists. */
  delete(tenant: string | undefined, id: string): Promise<boolean>;
  getMetadata(tenant: string | undefined, id: string): Promise<Metadata | undefined>;
  /** Replaces the whole set; answers the new set. */
  replaceMetadata(tenant: string | undefined, id: string, metadata: Metadata): Promise<Metadata | undefined>;
  /** Adds and overwrites the given items, keeps the others; answers the new set. */
  mergeMetadata(tenant: string | undefined, id: string, metadata: Metadata): Promise<Metadata | undefined>;
  /** Sets one item; answers the new set. */
  setMetadataItem(tenant: string | undefined, id: string, key: string, value: string): Promise<Metadata | undefined>;
  deleteMetadataItem(tenant: string | undefined, id: string, key: string): Promise<MetadataDeletion>;
}
