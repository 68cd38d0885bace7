export { bodyText, DecodeOptionsError, maxBytesOf, utf8Length } from './body.ts';
export type { Body, Codec, DecodeOptions } from './codec.ts';
export type {
  TDiskConfig,
  TImage,
  TImageIndex,
  TImageList,
  TImageSummary,
  TLink,
  TMediaType,
  TMetadata,
  TServerRef,
  TVersion,
  TVersionList,
} from './define-resources.ts';
export { IMAGE_STATUSES } from './image-statuses.ts';
export { jsonSchemaOf } from './json-schema.ts';
export { characterCount, isMetaKeyLength, isMetaValueLength, LIMITS } from './limits.ts';
export { membersOf } from './members.ts';
export {
  DiskConfig,
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
  Version,
  VersionList,
} from './resources.generated.ts';
export { assertValid, isValid, validationFault } from './validate.ts';
