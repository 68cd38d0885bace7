import type { Fault } from '@openstack-image/faults';
import type { Image, ImageIndex, ImageList, Metadata, MetaItem, Version, VersionList } from './resources.generated.ts';

export interface DecodeOptions {
  /** Refuse what the tolerant reading would accept (non-string metadata values in JSON). */
  strict?: boolean;
  /** Largest body, in bytes, a decoder reads; beyond it, an `overLimit` Fault. Defaults to 1 MiB. */
  maxBytes?: number;
}

/** A request or response body: text, or UTF-8 bytes. */
export type Body = string | Uint8Array;

/**
 * One wire format of the images API. Decoders throw only `Fault`s (`badRequest`, `overLimit`);
 * encoders throw a `badRequest` Fault for a value the format cannot carry.
 */
export interface Codec {
  readonly mediaType: string;
  decodeImage(body: Body, options?: DecodeOptions): Image;
  encodeImage(image: Image): string;
  decodeImageList(body: Body, options?: DecodeOptions): ImageList;
  encodeImageList(list: ImageList): string;
  decodeImageIndex(body: Body, options?: DecodeOptions): ImageIndex;
  encodeImageIndex(index: ImageIndex): string;
  decodeMetadata(body: Body, options?: DecodeOptions): Metadata;
  encodeMetadata(metadata: Metadata): string;
  decodeMetaItem(body: Body, options?: DecodeOptions): MetaItem;
  encodeMetaItem(item: MetaItem): string;
  /** The version document (GET /v2/): `{"version": {...}}` / `<version>`. */
  decodeVersion(body: Body, options?: DecodeOptions): Version;
  encodeVersion(version: Version): string;
  /** The versions list (GET /): `{"versions": [...]}` / `<versions>`. */
  decodeVersionList(body: Body, options?: DecodeOptions): VersionList;
  encodeVersionList(list: VersionList): string;
  decodeFault(body: Body, options?: DecodeOptions): Fault;
  encodeFault(fault: Fault): string;
}
