import { jsonCodec } from '@openstack-image/codec-json';
import { isFault } from '@openstack-image/faults';
import { isValid, LIMITS, type Version } from '@openstack-image/schema';
import { readShared } from '@openstack-image/test-support';
import { type Verdict, relaxNg as validate } from '@openstack-image/test-support/relaxng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { schemaVersion, schemaVersionList, unwritableText } from './test-arbitraries.ts';
import { faultOf } from './test-fault-of.ts';

/*
 * The version documents in XML (WIRE.md, "Versions, routes and headers"): Nova's sample decodes
 * and agrees with its JSON twin, the reading rules apply, hostile input is a Fault, and what the
 * encoder writes validates against Nova's version.rng and versions.rng. The round trips are in
 * round-trip.test.ts.
 */

/** Nova's schemas for the version documents (`reference/schemas/nova/v1.1/<schema>.rng`), in process. */
function relaxNg(schema: 'version' | 'versions', documents: readonly string[]): Verdict[] {
  return validate(`nova/v1.1/${schema}.rng`, documents);
}

const SAMPLE_XML = readShared('reference', 'versions', 'versions-get-resp.xml');
const SAMPLE_JSON = readShared('reference', 'versions', 'versions-get-resp.json');
const V = NS.common;
const A = NS.atom;

/** GET /v2/ in XML, as Nova 2014.2 wrote it (WIRE.md). */
const V2 = `<?xml version='1.0' encoding='UTF-8'?>
<version xmlns:atom="${A}" xmlns="${V}" status="CURRENT" updated="2011-01-21T11:33:21Z" id="v2.0">
  <media-types>
    <media-type base="application/xml" type="application/vnd.openstack.compute+xml;version=2"/>
    <media-type base="application/json" type="application/vnd.openstack.compute+json;version=2"/>
  </media-types>
  <atom:link href="http://openstack.example.com/v2/" rel="self"/>
  <atom:link href="http://docs.openstack.org/" type="text/html" rel="describedby"/>
</version>`;

const v2: Version = {
  id: 'v2.0',
  status: 'CURRENT',
  updated: '2011-01-21T11:33:21Z',
  links: [
    { href: 'http://openstack.example.com/v2/', rel: 'self' },
    { href: 'http://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
  ],
  'media-types': [
    { base: 'application/xml', type: 'application/vnd.openstack.compute+xml;version=2' },
    { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' },
  ],
};

describe("Nova's version documents", () => {
  it('decode versions-get-resp.xml to what its JSON twin decodes to', () => {
    const list = xmlCodec.decodeVersionList(SAMPLE_XML);
    expect(list).toStrictEqual(jsonCodec.decodeVersionList(SAMPLE_JSON));
    expect(list.versions.map((v) => v.id)).toEqual(['v2.0', 'v2.1']);
    expect(xmlCodec.decodeVersionList(xmlCodec.encodeVersionList(list))).toStrictEqual(list);
  });

  it("decode WIRE.md's GET /v2/ document", () => {
    expect(xmlCodec.decodeVersion(V2)).toStrictEqual(v2);
    expect(xmlCodec.decodeVersion(new TextEncoder().encode(V2))).toStrictEqual(v2);
  });

  it("write Nova's layout", () => {
    expect(xmlCodec.encodeVersion(v2)).toBe(`<?xml version='1.0' encoding='UTF-8'?>
<version xmlns="${V}" xmlns:atom="${A}" id="v2.0" status="CURRENT" updated="2011-01-21T11:33:21Z">
  <media-types>
    <media-type base="application/xml" type="application/vnd.openstack.compute+xml;version=2"/>
    <media-type base="application/json" type="application/vnd.openstack.compute+json;version=2"/>
  </media-types>
  <atom:link href="http://openstack.example.com/v2/" rel="self"/>
  <atom:link href="http://docs.openstack.org/" rel="describedby" type="text/html"/>
</version>`);
    expect(xmlCodec.encodeVersionList({ versions: [] })).toBe(
      `<?xml version='1.0' encoding='UTF-8'?>\n<versions xmlns="${V}" xmlns:atom="${A}"/>`,
    );
  });
});

describe('the reading rules of versions', () => {
  it('read no links as [], an empty <media-types> as absent, and skip what is unknown', () => {
    const body = `<versions xmlns="${V}" xmlns:x="urn:x"><version id="v" status="S" updated="" x:extra="1" other="2">
      <media-types/><x:thing/></version></versions>`;
    expect(xmlCodec.decodeVersionList(body)).toStrictEqual({
      versions: [{ id: 'v', status: 'S', updated: '', links: [] }],
    });
  });

  it('resolve names by namespace, not by prefix', () => {
    const body = `<c:version xmlns:c="${V}" xmlns:l="${A}" id="v" status="S" updated="u">
      <c:media-types><c:media-type base="b" type="t"/></c:media-types><l:link href="h" rel="self"/></c:version>`;
    expect(xmlCodec.decodeVersion(body)).toStrictEqual({
      id: 'v',
      status: 'S',
      updated: 'u',
      links: [{ href: 'h', rel: 'self' }],
      'media-types': [{ base: 'b', type: 't' }],
    });
  });
});

describe('what is not a version document: a badRequest saying where', () => {
  it.each([
    [`<version xmlns="${NS.compute}" id="v" status="S" updated="u"/>`, 'must be in the namespace'],
    [`<image xmlns="${V}" id="v"/>`, 'Expected the root element <version>'],
    [`<version xmlns="${V}" status="S" updated="u"/>`, 'needs an id attribute'],
    [`<version xmlns="${V}" id="v" updated="u"/>`, 'needs a status attribute'],
    [`<version xmlns="${V}" id="v" status="S"/>`, 'needs an updated attribute'],
    [`<version xmlns="${V}" id="" status="S" updated="u"/>`, 'id must not be empty'],
    [`<version xmlns="${V}" id="v" status="S" updated="u"><media-types/><media-types/></version>`, 'more than one'],
    [
      `<version xmlns="${V}" id="v" status="S" updated="u"><media-types><media-type base="b"/></media-types></version>`,
      'needs a type attribute',
    ],
    [
      `<version xmlns="${V}" id="v" status="S" updated="u"><link href="h" rel="r"/></version>`,
      'must be in the namespace',
    ],
    [`<!DOCTYPE version><version xmlns="${V}" id="v" status="S" updated="u"/>`, 'DOCTYPE'],
    [`<version xmlns="${V}" id="v" status="S" updated="u">`, 'line 1'],
  ])('decodeVersion(%s)', (body, message) => {
    const fault = faultOf(() => xmlCodec.decodeVersion(body));
    expect(fault.name).toBe('badRequest');
    expect(fault.message).toContain(message);
    expect(fault.where).toMatch(/^line \d+, column \d+$/);
  });

  it('refuse a list whose root or entries are wrong', () => {
    expect(faultOf(() => xmlCodec.decodeVersionList(V2)).message).toContain('Expected the root element <versions>');
    expect(
      faultOf(() => xmlCodec.decodeVersionList(`<versions xmlns="${V}"><version id="v"/></versions>`)).message,
    ).toContain('needs a status attribute');
  });

  it('refuse a body over maxBytes, and nesting past the limit', () => {
    expect(faultOf(() => xmlCodec.decodeVersion(V2, { maxBytes: 10 })).name).toBe('overLimit');
    const deep = `<versions xmlns="${V}">${'<x>'.repeat(LIMITS.maxDepth + 1)}${'</x>'.repeat(LIMITS.maxDepth + 1)}</versions>`;
    expect(faultOf(() => xmlCodec.decodeVersionList(deep)).message).toMatch(/deeper|nest/);
  });

  it('refuse to write what XML cannot carry, naming the field', () => {
    fc.assert(
      fc.property(unwritableText, fc.constantFrom('id', 'status', 'updated'), (text, field) => {
        const fault = faultOf(() => xmlCodec.encodeVersion({ ...v2, [field]: text }));
        expect([fault.name, fault.where]).toEqual(['badRequest', `/version/${field}`]);
      }),
      { numRuns: 200, seed: 20110121 },
    );
    const fault = faultOf(() =>
      xmlCodec.encodeVersionList({ versions: [{ ...v2, 'media-types': [{ base: '\u0001', type: 't' }] }] }),
    );
    expect(fault.where).toBe('/versions/0/media-types/0/base');
  });
});

describe('anything at all: a valid value or a Fault, nothing else (seeded fuzz)', () => {
  const RUNS = { numRuns: 600, seed: 20130723, interruptAfterTimeLimit: 15_000 } as const;
  function onlyValueOrFault(body: string): void {
    for (const [name, decode] of [
      ['Version', xmlCodec.decodeVersion],
      ['VersionList', xmlCodec.decodeVersionList],
    ] as const) {
      let value: unknown;
      try {
        value = decode(body);
      } catch (error) {
        expect(isFault(error)).toBe(true);
        continue;
      }
      expect(isValid(name, value)).toBe(true);
    }
  }

  it('the samples cut short, or with a piece replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SAMPLE_XML, V2),
        fc.nat(),
        fc.nat({ max: 4 }),
        fc.string({ unit: 'binary-ascii', maxLength: 3 }),
        (body, at, length, text) => {
          const cut = at % (body.length + 1);
          onlyValueOrFault(body.slice(0, cut));
          onlyValueOrFault(body.slice(0, cut) + text + body.slice(cut + length));
        },
      ),
      RUNS,
    );
  });
});

describe('guarantee 5: encoded versions validate against version.rng and versions.rng', () => {
  it('the validator turns down a version without media types', () => {
    const { 'media-types': _mediaTypes, ...bare } = v2;
    expect(relaxNg('version', [xmlCodec.encodeVersion(bare)])[0]!.valid).toBe(false);
  });

  it("WIRE.md's document and Nova's sample, re-encoded", () => {
    const documents = [xmlCodec.encodeVersion(xmlCodec.decodeVersion(V2))];
    const lists = [xmlCodec.encodeVersionList(xmlCodec.decodeVersionList(SAMPLE_XML))];
    expect(relaxNg('version', documents).every((v) => v.valid)).toBe(true);
    expect(relaxNg('versions', lists).every((v) => v.valid)).toBe(true);
  });

  it('every generated version with media types, and every generated list of one-link versions', () => {
    const versions = fc.sample(schemaVersion, { seed: 20110121, numRuns: 200 }).map((v) => xmlCodec.encodeVersion(v));
    const lists = fc
      .sample(schemaVersionList, { seed: 20110121, numRuns: 200 })
      .map((l) => xmlCodec.encodeVersionList(l));
    const badVersion = relaxNg('version', versions).findIndex((v) => !v.valid);
    const badList = relaxNg('versions', lists).findIndex((v) => !v.valid);
    expect(badVersion, versions[badVersion]).toBe(-1);
    expect(badList, lists[badList]).toBe(-1);
  });
});
