import {
  Array as ArrayOf,
  Integer,
  Literal,
  Null,
  Object as ObjectOf,
  Optional,
  Record as RecordOf,
  type Static,
  String as StringOf,
  type TArray,
  type TInteger,
  type TLiteral,
  type TNull,
  type TObject,
  type TOptional,
  type TRecord,
  type TString,
  type TUnion,
  Union,
} from '@sinclair/typebox';
import { LIMITS } from './limits.ts';

/**
 * TypeBox's builders, imported by name under the names the schemas use. They run at build time
 * only: scripts/generate-checks.mjs writes what they build into resources.generated.ts, the
 * schemas the package exports, so that importing the package loads no TypeBox at all.
 */
const Type = {
  Array: ArrayOf,
  Integer,
  Literal,
  Null,
  Object: ObjectOf,
  Optional,
  Record: RecordOf,
  String: StringOf,
  Union,
} as const;

/*
 * The source of the canonical resources: the inner objects of the JSON bodies, with the wire's field names.
 *
 * What XML cannot tell apart, the model does not either: XML has no spelling for null, so a field
 * that may be null (`name`, `created`, `updated`) is always present and null when unknown, and a
 * field that may be absent is never null. `metadata` and `links` are always present (XML always
 * writes `<metadata>`), possibly empty.
 */

const nonNegativeInteger = { minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

export type TLink = TObject<{ href: TString; rel: TString; type: TOptional<TString> }>;
export const Link: TLink = Type.Object(
  {
    href: Type.String(),
    rel: Type.String(),
    type: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'An atom link: self, bookmark, alternate or next.' },
);
export type Link = Static<typeof Link>;

export type TServerRef = TObject<{ id: TString; links: TArray<TLink> }>;
export const ServerRef: TServerRef = Type.Object(
  {
    id: Type.String(),
    links: Type.Array(Link),
  },
  { additionalProperties: false, description: 'The server an image is a snapshot of.' },
);
export type ServerRef = Static<typeof ServerRef>;

/*
 * 1..255 code points, in a pattern that counts the same with and without the `u` flag: TypeBox
 * compiles it without (a surrogate pair matches the first branch), JSON Schema validators with
 * (a pair is one code point, matched by the second). The branches never match the same text, so a
 * key that fails costs one pass, not a backtracking search.
 */
const metaKey: TString = Type.String({
  pattern: `^(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\uD800-\\uDBFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])){1,${LIMITS.metaKeyMaxLength}}$`,
});

export type TMetadata = TRecord<TString, TString>;
export const Metadata: TMetadata = Type.Record(metaKey, Type.String(), {
  additionalProperties: false,
  description: 'Image metadata: string keys of 1..255 characters, string values.',
});
export type Metadata = Static<typeof Metadata>;

export const MetaItem: TMetadata = Type.Record(metaKey, Type.String(), {
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  description: 'One metadata item: an object with exactly one key.',
});
export type MetaItem = Static<typeof MetaItem>;

export type TDiskConfig = TUnion<[TLiteral<'AUTO'>, TLiteral<'MANUAL'>]>;
export const DiskConfig: TDiskConfig = Type.Union([Type.Literal('AUTO'), Type.Literal('MANUAL')]);
export type DiskConfig = Static<typeof DiskConfig>;

type TNullableString = TUnion<[TString, TNull]>;
export type TImage = TObject<{
  id: TString;
  name: TNullableString;
  status: TOptional<TString>;
  progress: TOptional<TInteger>;
  minDisk: TOptional<TInteger>;
  minRam: TOptional<TInteger>;
  created: TNullableString;
  updated: TNullableString;
  metadata: TMetadata;
  links: TArray<TLink>;
  server: TOptional<TServerRef>;
  'OS-EXT-IMG-SIZE:size': TOptional<TInteger>;
  'OS-DCF:diskConfig': TOptional<TDiskConfig>;
}>;
export const Image: TImage = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    name: Type.Union([Type.String(), Type.Null()]),
    status: Type.Optional(Type.String({ minLength: 1 })),
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.progressMax })),
    minDisk: Type.Optional(Type.Integer(nonNegativeInteger)),
    minRam: Type.Optional(Type.Integer(nonNegativeInteger)),
    created: Type.Union([Type.String(), Type.Null()]),
    updated: Type.Union([Type.String(), Type.Null()]),
    metadata: Metadata,
    links: Type.Array(Link),
    server: Type.Optional(ServerRef),
    'OS-EXT-IMG-SIZE:size': Type.Optional(Type.Integer(nonNegativeInteger)),
    'OS-DCF:diskConfig': Type.Optional(DiskConfig),
  },
  { additionalProperties: false, description: 'An image, as GET /images/{id} and the detail list show it.' },
);
export type Image = Static<typeof Image>;

export type TImageSummary = TObject<{ id: TString; name: TNullableString; links: TArray<TLink> }>;
export const ImageSummary: TImageSummary = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    name: Type.Union([Type.String(), Type.Null()]),
    links: Type.Array(Link),
  },
  { additionalProperties: false, description: 'An entry of the image index (GET /images).' },
);
export type ImageSummary = Static<typeof ImageSummary>;

export type TImageList = TObject<{ images: TArray<TImage>; images_links: TOptional<TArray<TLink>> }>;
export const ImageList: TImageList = Type.Object(
  {
    images: Type.Array(Image),
    images_links: Type.Optional(Type.Array(Link, { minItems: 1 })),
  },
  { additionalProperties: false, description: 'The detail list (GET /images/detail).' },
);
export type ImageList = Static<typeof ImageList>;

export type TImageIndex = TObject<{ images: TArray<TImageSummary>; images_links: TOptional<TArray<TLink>> }>;
export const ImageIndex: TImageIndex = Type.Object(
  {
    images: Type.Array(ImageSummary),
    images_links: Type.Optional(Type.Array(Link, { minItems: 1 })),
  },
  { additionalProperties: false, description: 'The image index (GET /images).' },
);
export type ImageIndex = Static<typeof ImageIndex>;

export type TMediaType = TObject<{ base: TString; type: TString }>;
export const MediaType: TMediaType = Type.Object(
  {
    base: Type.String(),
    type: Type.String(),
  },
  { additionalProperties: false, description: 'A media type a version speaks: its base type and its vendor type.' },
);
export type MediaType = Static<typeof MediaType>;

export type TVersion = TObject<{
  id: TString;
  status: TString;
  updated: TString;
  links: TArray<TLink>;
  'media-types': TOptional<TArray<TMediaType>>;
}>;
/**
 * A version of the API (GET /v2/, and each entry of GET /): `media-types` is never empty (XML has
 * no spelling for an empty one that its schema allows), and the list's entries usually have none.
 */
export const Version: TVersion = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    status: Type.String({ minLength: 1 }),
    updated: Type.String(),
    links: Type.Array(Link),
    'media-types': Type.Optional(Type.Array(MediaType, { minItems: 1 })),
  },
  { additionalProperties: false, description: 'A version of the API, as version discovery reads it (GET /v2/).' },
);
export type Version = Static<typeof Version>;

export type TVersionList = TObject<{ versions: TArray<TVersion> }>;
export const VersionList: TVersionList = Type.Object(
  {
    versions: Type.Array(Version),
  },
  { additionalProperties: false, description: 'The versions an endpoint serves (GET /).' },
);
export type VersionList = Static<typeof VersionList>;

/** Every canonical resource schema by name. */
export const Schemas: {
  readonly Link: typeof Link;
  readonly ServerRef: typeof ServerRef;
  readonly Metadata: typeof Metadata;
  readonly MetaItem: typeof MetaItem;
  readonly Image: typeof Image;
  readonly ImageSummary: typeof ImageSummary;
  readonly ImageList: typeof ImageList;
  readonly ImageIndex: typeof ImageIndex;
  readonly MediaType: typeof MediaType;
  readonly Version: typeof Version;
  readonly VersionList: typeof VersionList;
} = Object.freeze({
  Link,
  ServerRef,
  Metadata,
  MetaItem,
  Image,
  ImageSummary,
  ImageList,
  ImageIndex,
  MediaType,
  Version,
  VersionList,
});

export type ResourceName = keyof typeof Schemas;
