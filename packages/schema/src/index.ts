export { bodyText, maxBytesOf, utf8Length } from './body.ts';
export type { Body, Codec, DecodeOptions } from './codec.ts';
export { jsonSchemaOf } from './json-schema.ts';
export { characterCount, isMetaKeyLength, isMetaValueLength, LIMITS } from './limits.ts';
export {
  DiskConfig,
  IMAGE_STATUSES,
  Image,
  ImageIndex,
  ImageList,
  ImageSummary,
  Link,
  MediaType,
  Metadata,
  MetaItem,
  type ResourceName,
  Schemas,
  ServerRef,
  type TDiskConfig,
  type TImage,
  type TImageIndex,
  type TImageList,
  type TImageSummary,
  type TLink,
  type TMediaType,
  type TMetadata,
  type TServerRef,
  type TVersion,
  type TVersionList,
  Version,
  VersionList,
} from './resources.ts';
export { assertValid, isValid } from './validate.ts';
