import type { Codec } from '@openstack-image/schema';
import { decodeFault } from './decode-fault.ts';
import { decodeImage } from './decode-image.ts';
import { decodeImageIndex } from './decode-image-index.ts';
import { decodeImageList } from './decode-image-list.ts';
import { decodeMetaItem } from './decode-meta-item.ts';
import { decodeMetadata } from './decode-metadata.ts';
import { decodeVersion } from './decode-version.ts';
import { decodeVersionList } from './decode-version-list.ts';
import { encodeFault } from './encode-fault.ts';
import { encodeImage } from './encode-image.ts';
import { encodeImageIndex } from './encode-image-index.ts';
import { encodeImageList } from './encode-image-list.ts';
import { encodeMetaItem } from './encode-meta-item.ts';
import { encodeMetadata } from './encode-metadata.ts';
import { encodeVersion } from './encode-version.ts';
import { encodeVersionList } from './encode-version-list.ts';

/** The JSON wire format of the images API (`application/json`). */
export const jsonCodec: Codec = /* @__PURE__ */ Object.freeze({
  mediaType: 'application/json',
  decodeImage,
  encodeImage,
  decodeImageList,
  encodeImageList,
  decodeImageIndex,
  encodeImageIndex,
  decodeMetadata,
  encodeMetadata,
  decodeMetaItem,
  encodeMetaItem,
  decodeVersion,
  encodeVersion,
  decodeVersionList,
  encodeVersionList,
  decodeFault,
  encodeFault,
});
