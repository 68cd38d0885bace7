import fc from 'fast-check';

/*
 * fast-check arbitraries of the canonical resources (`@openstack-image/schema`), for the property
 * tests of every codec. The types below mirror the schema's static types structurally (this
 * package does not import the schema, so that it typechecks before anything is built); a value of
 * `CanonicalImage` is an `Image`, and so on. The codecs' tests check that every generated value is
 * valid by the schema's own `isValid`.
 *
 * Objects are plain (prototype `Object.prototype`), as `JSON.parse` makes them, so that decoded
 * values compare with `toStrictEqual`; metadata keys such as `__proto__` are own data properties.
 */

export interface CanonicalLink {
  href: string;
  rel: string;
  type?: string;
}

export interface CanonicalServerRef {
  id: string;
  links: CanonicalLink[];
}

export type CanonicalMetadata = Record<string, string>;

export interface CanonicalImage {
  id: string;
  name: string | null;
  status?: string;
  progress?: number;
  minDisk?: number;
  minRam?: number;
  created: string | null;
  updated: string | null;
  metadata: CanonicalMetadata;
  links: CanonicalLink[];
  server?: CanonicalServerRef;
  'OS-EXT-IMG-SIZE:size'?: number;
  'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL';
}

export interface CanonicalImageSummary {
  id: string;
  name: string | null;
  links: CanonicalLink[];
}

export interface CanonicalImageList {
  images: CanonicalImage[];
  images_links?: CanonicalLink[];
}

export interface CanonicalImageIndex {
  images: CanonicalImageSummary[];
  images_links?: CanonicalLink[];
}

export interface CanonicalMediaType {
  base: string;
  type: string;
}

export interface CanonicalVersion {
  id: string;
  status: string;
  updated: string;
  links: CanonicalLink[];
  'media-types'?: CanonicalMediaType[];
}

export interface CanonicalVersionList {
  versions: CanonicalVersion[];
}

/** The arguments of `new Fault(name, message, { code, details, retryAfter })`. */
export interface FaultInit {
  name: string;
  message: string;
  code?: number;
  details?: string;
  retryAfter?: string;
}

export interface CanonicalArbitraries {
  readonly text: fc.Arbitrary<string>;
  readonly metaKey: fc.Arbitrary<string>;
  readonly link: fc.Arbitrary<CanonicalLink>;
  readonly serverRef: fc.Arbitrary<CanonicalServerRef>;
  readonly metadata: fc.Arbitrary<CanonicalMetadata>;
  readonly metaItem: fc.Arbitrary<CanonicalMetadata>;
  readonly image: fc.Arbitrary<CanonicalImage>;
  readonly imageSummary: fc.Arbitrary<CanonicalImageSummary>;
  readonly imageList: fc.Arbitrary<CanonicalImageList>;
  readonly imageIndex: fc.Arbitrary<CanonicalImageIndex>;
  readonly mediaType: fc.Arbitrary<CanonicalMediaType>;
  readonly version: fc.Arbitrary<CanonicalVersion>;
  readonly versionList: fc.Arbitrary<CanonicalVersionList>;
}

export interface CanonicalArbitraryOptions {
  /**
   * Every free text (ids, names, hrefs, metadata keys and values, messages). Defaults to
   * `anyText`; an XML codec passes `xmlText`, which keeps to what XML 1.0 can carry.
   */
  readonly text?: fc.Arbitrary<string>;
}

/** Metadata keys are 1..255 UTF-16 code units (`LIMITS.metaKeyMaxLength`). */
const META_KEY_MAX = 255;
/** `progress` is 0..100 (`LIMITS.progressMax`). */
const PROGRESS_MAX = 100;
/** The statuses Nova reports (`IMAGE_STATUSES`), and an extended one the XSD allows. */
const STATUSES = ['ACTIVE', 'SAVING', 'DELETED', 'ERROR', 'UNKNOWN', 'OS-EXT:foo'] as const;
/** The statuses version documents carry. */
const VERSION_STATUSES = ['CURRENT', 'SUPPORTED', 'DEPRECATED', 'EXPERIMENTAL'] as const;
/** Keys that name something on `Object.prototype` or mean something to a JSON pointer. */
const TRICKY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '0',
  '10',
  '4294967295',
  '-1',
  'a/b',
  'a~b',
  '~1',
  ' ',
  'key with spaces',
  'ключ',
  '鍵',
  '😀',
  'e\u0301',
] as const;

/** A UTF-16 code unit, lone surrogates included. */
const codeUnit: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/**
 * Any JavaScript string a JSON value can hold: printable ASCII, graphemes of every script
 * (astral ones included), any code point (controls included) and lone surrogates.
 */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
);

/** A character XML 1.0 can carry: #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** True when every character of `text` is one XML 1.0 can carry (no controls but tab and newlines, no lone surrogates). */
export function isXmlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
    if (!isXmlChar(codePoint)) return false;
    if (codePoint > 0xffff) i++;
  }
  return true;
}

/** Strings XML 1.0 can carry: `anyText` without the characters it cannot. */
export const xmlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }).filter(isXmlText) },
);

/** A plain object with these own, enumerable data properties, in this order (`__proto__` included). */
export function plainObject(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** The arbitraries of every canonical resource, over the given text. */
export function canonicalArbitraries(options: CanonicalArbitraryOptions = {}): CanonicalArbitraries {
  const text = options.text ?? anyText;
  const nonEmpty = text.filter((value) => value.length > 0);
  const nullableText = fc.option(text, { nil: null, freq: 4 });
  const timestamp = fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const maxSafe = fc.oneof(fc.nat({ max: 1_000_000 }), fc.maxSafeNat(), fc.constant(Number.MAX_SAFE_INTEGER));

  const metaKey = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...TRICKY_KEYS) },
    { weight: 4, arbitrary: nonEmpty.filter((key) => key.length <= META_KEY_MAX) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 250, maxLength: META_KEY_MAX }) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
        .filter((key) => key.length <= META_KEY_MAX),
    },
  );
  const entry = fc.tuple(metaKey, text);
  const metadata = fc
    .uniqueArray(entry, { selector: ([key]) => key, maxLength: 8 })
    .map((entries) => plainObject(entries));
  const metaItem = entry.map((item) => plainObject([item]));

  const link: fc.Arbitrary<CanonicalLink> = fc.record(
    {
      href: fc.oneof(fc.webUrl({ withQueryParameters: true }), text),
      rel: fc.oneof(fc.constantFrom('self', 'bookmark', 'alternate', 'next'), text),
      type: fc.oneof(fc.constant('application/vnd.openstack.image'), text),
    },
    { requiredKeys: ['href', 'rel'], noNullPrototype: true },
  );
  const links = fc.array(link, { maxLength: 4 });
  const serverRef: fc.Arbitrary<CanonicalServerRef> = fc.record(
    { id: fc.oneof(fc.uuid(), text), links },
    { noNullPrototype: true },
  );
  const id = fc.oneof(fc.uuid(), fc.nat().map(String), nonEmpty);

  const image: fc.Arbitrary<CanonicalImage> = fc.record(
    {
      id,
      name: nullableText,
      status: fc.oneof(fc.constantFrom(...STATUSES), nonEmpty),
      progress: fc.integer({ min: 0, max: PROGRESS_MAX }),
      minDisk: maxSafe,
      minRam: maxSafe,
      created: fc.option(fc.oneof(timestamp, text), { nil: null, freq: 4 }),
      updated: fc.option(fc.oneof(timestamp, text), { nil: null, freq: 4 }),
      metadata,
      links,
      server: serverRef,
      'OS-EXT-IMG-SIZE:size': maxSafe,
      'OS-DCF:diskConfig': fc.constantFrom('AUTO' as const, 'MANUAL' as const),
    },
    { requiredKeys: ['id', 'name', 'created', 'updated', 'metadata', 'links'], noNullPrototype: true },
  );
  const imageSummary: fc.Arbitrary<CanonicalImageSummary> = fc.record(
    { id, name: nullableText, links },
    { noNullPrototype: true },
  );
  const nextLinks = fc.array(link, { minLength: 1, maxLength: 2 });
  const imageList: fc.Arbitrary<CanonicalImageList> = fc.record(
    { images: fc.array(image, { maxLength: 4 }), images_links: nextLinks },
    { requiredKeys: ['images'], noNullPrototype: true },
  );
  const imageIndex: fc.Arbitrary<CanonicalImageIndex> = fc.record(
    { images: fc.array(imageSummary, { maxLength: 6 }), images_links: nextLinks },
    { requiredKeys: ['images'], noNullPrototype: true },
  );

  const mediaType: fc.Arbitrary<CanonicalMediaType> = fc.record(
    {
      base: fc.oneof(fc.constantFrom('application/json', 'application/xml'), text),
      type: fc.oneof(fc.constantFrom('application/vnd.openstack.compute+json;version=2'), text),
    },
    { noNullPrototype: true },
  );
  const version: fc.Arbitrary<CanonicalVersion> = fc.record(
    {
      id: fc.oneof(fc.constantFrom('v2.0', 'v2.1', 'v1.1'), nonEmpty),
      status: fc.oneof(fc.constantFrom(...VERSION_STATUSES), nonEmpty),
      updated: fc.oneof(timestamp, text),
      links,
      'media-types': fc.array(mediaType, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['id', 'status', 'updated', 'links'], noNullPrototype: true },
  );
  const versionList: fc.Arbitrary<CanonicalVersionList> = fc.record(
    { versions: fc.array(version, { maxLength: 4 }) },
    { noNullPrototype: true },
  );

  return {
    text,
    metaKey,
    link,
    serverRef,
    metadata,
    metaItem,
    image,
    imageSummary,
    imageList,
    imageIndex,
    mediaType,
    version,
    versionList,
  };
}

/**
 * The arguments of a Fault: a name from `names` (pass `FAULT_NAMES` of `@openstack-image/faults`),
 * a message, and an optional code (an error status, 400..599), details and retryAfter.
 */
export function faultInitArbitrary(
  names: readonly string[],
  options: CanonicalArbitraryOptions = {},
): fc.Arbitrary<FaultInit> {
  const text = options.text ?? anyText;
  return fc.record(
    {
      name: fc.constantFrom(...names),
      message: text,
      code: fc.integer({ min: 400, max: 599 }),
      details: text,
      retryAfter: fc.oneof(fc.nat({ max: 86_400 }).map(String), fc.constant('2010-08-01T00:00:00Z'), text),
    },
    { requiredKeys: ['name', 'message'], noNullPrototype: true },
  );
}
