import { FAULT_NAMES, Fault, type FaultName } from '@openstack-image/faults';
import type {
  Image,
  ImageIndex,
  ImageList,
  Link,
  Metadata,
  MetaItem,
  Version,
  VersionList,
} from '@openstack-image/schema';
import { canonicalArbitraries, faultInitArbitrary, isXmlText, xmlText } from '@openstack-image/test-support';
import fc from 'fast-check';

/*
 * Generated canonical values for the XML codec's property tests: test-support's arbitraries over
 * text XML can carry, with more of what trips XML writers and readers mixed in.
 */

/** Pieces that break naive XML: markup, references that must stay literal, whitespace XML normalises. */
const TRICKY_PIECES = [
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '<![CDATA[',
  '-->',
  '<!--',
  '&amp;',
  '&#10;',
  '&#x263A;',
  '&bogus;',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '  ',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\u1680',
  '\ufeff',
  '\ufffd',
  '😀',
  '\u{10ffff}',
  '\u{1d11e}',
  'e\u0301',
  '__proto__',
  'None',
  '007',
  ' 5 ',
] as const;

/** Strings XML 1.0 can carry, rich in markup characters, whitespace and astral-plane characters. */
export const xmlishText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: xmlText },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...TRICKY_PIECES), fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), {
        maxLength: 8,
      })
      .map((parts) => parts.join('')),
  },
);

const canonical = canonicalArbitraries({ text: xmlishText });

export const arbitraries: {
  readonly image: fc.Arbitrary<Image>;
  readonly imageList: fc.Arbitrary<ImageList>;
  readonly imageIndex: fc.Arbitrary<ImageIndex>;
  readonly metadata: fc.Arbitrary<Metadata>;
  readonly metaItem: fc.Arbitrary<MetaItem>;
  readonly version: fc.Arbitrary<Version>;
  readonly versionList: fc.Arbitrary<VersionList>;
  readonly fault: fc.Arbitrary<Fault>;
  readonly text: fc.Arbitrary<string>;
} = {
  image: canonical.image as fc.Arbitrary<Image>,
  imageList: canonical.imageList as fc.Arbitrary<ImageList>,
  imageIndex: canonical.imageIndex as fc.Arbitrary<ImageIndex>,
  metadata: canonical.metadata,
  metaItem: canonical.metaItem,
  version: canonical.version,
  versionList: canonical.versionList,
  fault: faultInitArbitrary(FAULT_NAMES, { text: xmlishText }).map(
    ({ name, message, ...options }) => new Fault(name as FaultName, message, options),
  ),
  text: xmlishText,
};

/** A character XML 1.0 cannot carry: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF. */
export const unwritableChar: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.constantFrom(0x0b, 0x0c, 0xfffe, 0xffff),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((unit) => String.fromCharCode(unit));

/** Text that holds at least one character XML 1.0 cannot carry, somewhere in it. */
export const unwritableText: fc.Arbitrary<string> = fc
  .tuple(xmlishText, unwritableChar, xmlishText)
  .map(([before, bad, after]) => before + bad + after)
  .filter((value) => !isXmlText(value));

/** A string the RELAX NG `atomMediaType` pattern (`.+/.+`, no line ends) accepts. */
const mediaType = fc
  .tuple(xmlishText, xmlishText)
  .map(([a, b]) => `${a.replace(/[\r\n]/g, '') || 'application'}/${b.replace(/[\r\n]/g, '') || 'xml'}`);

/** Links as the atom schema wants them: a type, when there is one, is a media type. */
const schemaLink: fc.Arbitrary<Link> = fc.record(
  { href: xmlishText, rel: xmlishText, type: mediaType },
  { requiredKeys: ['href', 'rel'] },
);

/**
 * Images with what Nova's image.rng requires (name, created, updated, status) and nothing it has
 * no room for (the extension attributes).
 */
export const schemaImage: fc.Arbitrary<Image> = fc
  .tuple(
    canonical.image,
    xmlishText,
    xmlishText,
    xmlishText,
    fc.string({ minLength: 1 }),
    fc.array(schemaLink, { maxLength: 3 }),
  )
  .map(([image, name, created, updated, status, links]) => {
    const { 'OS-EXT-IMG-SIZE:size': _size, 'OS-DCF:diskConfig': _diskConfig, ...rest } = image as Image;
    const out: Image = { ...rest, name, created, updated, status: rest.status ?? status, links };
    if (out.server !== undefined) out.server = { id: out.server.id, links: links.slice(0, 1) };
    return out;
  });

/** An index whose entries all have names (images_index.rng requires them). */
export const schemaIndex: fc.Arbitrary<ImageIndex> = fc
  .tuple(
    fc.array(fc.tuple(fc.uuid(), xmlishText, fc.array(schemaLink, { maxLength: 2 })), { maxLength: 5 }),
    fc.option(schemaLink, { nil: undefined }),
  )
  .map(([entries, next]) => {
    const index: ImageIndex = { images: entries.map(([id, name, links]) => ({ id, name, links })) };
    if (next !== undefined) index.images_links = [{ ...next, rel: 'next' }];
    return index;
  });

/** A version with what version.rng requires: at least one media type; its links atom links. */
export const schemaVersion: fc.Arbitrary<Version> = fc
  .tuple(
    canonical.version,
    fc.array(schemaLink, { maxLength: 3 }),
    fc.array(canonical.mediaType, { minLength: 1, maxLength: 3 }),
  )
  .map(([version, links, mediaTypes]) => ({ ...version, links, 'media-types': mediaTypes }));

/** A versions list as versions.rng wants it: one or more versions, each with exactly one atom link and no media types. */
export const schemaVersionList: fc.Arbitrary<VersionList> = fc
  .array(fc.tuple(canonical.version, schemaLink), { minLength: 1, maxLength: 4 })
  .map((entries) => ({
    versions: entries.map(([{ 'media-types': _mediaTypes, ...version }, link]) => ({ ...version, links: [link] })),
  }));
