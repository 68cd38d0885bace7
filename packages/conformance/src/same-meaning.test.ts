import { xmlCodec } from '@openstack-image/codec-xml';
import { isFault } from '@openstack-image/faults';
import { canonicalArbitraries, sample, xmlText } from '@openstack-image/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDocuments, compareJson, compareXml } from './same-meaning.ts';
import { writeInfoset } from './test-restyle.ts';
import { xmlInfoset } from './xml-infoset.ts';

const COMPUTE = 'http://docs.openstack.org/compute/api/v1.1';
const ATOM = 'http://www.w3.org/2005/Atom';
const arbitraries = canonicalArbitraries({ text: xmlText });

describe('compareJson: the same value, key order, spacing and escapes aside', () => {
  it('sees past key order, whitespace and escapes', () => {
    expect(compareJson('{"a": 1, "b": ["x", {"c": null}]}', '{ "b" : [ "\\u0078" , {"c":null} ] ,"a":1.0}')).toEqual({
      equal: true,
    });
  });

  it.each([
    ['{"a": 1}', '{"a": "1"}', '/a: expected "1", got 1'],
    ['{"a": [1, 2]}', '{"a": [1]}', '/a: expected 1 elements, got 2'],
    ['{"a": 1, "b": 2}', '{"a": 1}', 'unexpected member "b"'],
    ['{}', '{"__proto__": 1}', '/__proto__: missing'],
    ['{"a": null}', '{}', 'unexpected member "a"'],
  ])('%s differs from %s: %s', (actual, expected, difference) => {
    const comparison = compareJson(actual, expected);
    expect(comparison.equal).toBe(false);
    expect(comparison.equal === false && comparison.difference).toContain(difference);
  });

  it('says which side is not JSON', () => {
    expect(compareJson('{', '{}')).toMatchObject({ equal: false, difference: expect.stringContaining('actual') });
    expect(compareJson('{}', 'nope')).toMatchObject({ equal: false, difference: expect.stringContaining('expected') });
  });

  it('property: a value re-serialised with its keys in any order and any spacing means the same', () => {
    fc.assert(
      fc.property(arbitraries.image, fc.integer({ min: 0, max: 4 }), (image, indent) => {
        const reversed = Object.fromEntries(Object.entries(image).reverse());
        expect(compareJson(JSON.stringify({ image }), JSON.stringify({ image: reversed }, null, indent))).toEqual({
          equal: true,
        });
      }),
      { numRuns: 100, seed: 8 },
    );
  });

  it('property: changing any image name makes a difference at /image/name', () => {
    fc.assert(
      fc.property(arbitraries.image, (image) => {
        const other = { ...image, name: `${image.name ?? ''}x` };
        const comparison = compareJson(JSON.stringify({ image }), JSON.stringify({ image: other }));
        expect(comparison).toMatchObject({ equal: false, difference: expect.stringContaining('/image/name') });
      }),
      { numRuns: 50, seed: 8 },
    );
  });
});

describe('compareXml: the same infoset, prefixes, attribute order and ignorable whitespace aside', () => {
  it('sees past prefixes, attribute order, quotes, references, CDATA, comments and whitespace', () => {
    const a = `<?xml version='1.0' encoding='UTF-8'?>\n<image xmlns="${COMPUTE}" xmlns:atom="${ATOM}" id="1" name="a&amp;b">\n  <metadata>\n    <meta key="k">v&lt;</meta>\n  </metadata>\n  <atom:link href="h" rel="self"/>\n</image>\n`;
    const b = `<c:image xmlns:c='${COMPUTE}' name='a&#38;b' id='1'><!-- x --><c:metadata><c:meta key='k'><![CDATA[v<]]></c:meta></c:metadata><link xmlns='${ATOM}' rel='self' href='h'></link></c:image>`;
    expect(compareXml(a, b)).toEqual({ equal: true });
  });

  it.each([
    [`<a xmlns="${COMPUTE}"/>`, `<a xmlns="${ATOM}"/>`, 'expected the element'],
    [`<a x="1"/>`, `<a x="2"/>`, 'attributes differ'],
    [`<a>t</a>`, `<a>u</a>`, 'expected the text "u"'],
    [`<a><b/><c/></a>`, `<a><c/><b/></a>`, 'expected the element {}c'],
    [`<a><b/></a>`, `<a><b/><b/></a>`, 'expected 2 children'],
    [`<a> x </a>`, `<a>x</a>`, 'expected the text "x"'],
  ])('%s differs from %s', (actual, expected, difference) => {
    expect(compareXml(actual, expected)).toMatchObject({
      equal: false,
      difference: expect.stringContaining(difference),
    });
  });

  it('an element of blank text means an empty one', () => {
    expect(compareXml('<a>\n  </a>', '<a/>')).toEqual({ equal: true });
  });

  it('an ill-formed side differs from everything, saying which and why', () => {
    expect(compareXml('<a>', '<a/>')).toMatchObject({
      equal: false,
      difference: expect.stringMatching(/actual document is not well-formed: <a> is not closed at line 1, column 1/),
    });
    expect(compareXml('<a/>', '<!DOCTYPE a><a/>')).toMatchObject({
      equal: false,
      difference: expect.stringContaining('expected document is not well-formed: a DOCTYPE'),
    });
  });

  it('property: any image the XML codec writes, restyled, means the same; another name does not', () => {
    fc.assert(
      fc.property(
        arbitraries.image,
        fc.record({
          computePrefix: fc.constantFrom('', 'c', 'compute'),
          atomPrefix: fc.constantFrom('atom', 'a', 'feed'),
          reverseAttributes: fc.boolean(),
          indent: fc.constantFrom('', '\n', '\r\n', '\n\t'),
          references: fc.boolean(),
          quote: fc.constantFrom('"' as const, "'" as const),
        }),
        (image, style) => {
          const document = xmlCodec.encodeImage(image);
          const restyled = writeInfoset(xmlInfoset(document), {
            ...style,
            prefixes: new Map([
              [COMPUTE, style.computePrefix],
              [ATOM, style.atomPrefix],
            ]),
          });
          expect(compareXml(restyled, document)).toEqual({ equal: true });
          expect(compareXml(xmlCodec.encodeImage({ ...image, id: `${image.id}x` }), document).equal).toBe(false);
        },
      ),
      { numRuns: 100, seed: 8 },
    );
  });
});

describe('compareDocuments: by media type', () => {
  it('JSON for json and +json types, XML for xml and +xml types, text for others', () => {
    expect(compareDocuments('application/vnd.openstack.compute+json; charset=utf-8', '{"a":1}', '{ "a": 1 }')).toEqual({
      equal: true,
    });
    expect(compareDocuments('application/vnd.openstack.compute+xml', "<a b='1'/>", '<a b="1"></a>')).toEqual({
      equal: true,
    });
    expect(compareDocuments('text/plain', 'a', 'b').equal).toBe(false);
  });
});

describe('xmlInfoset: a strict reader, Faults for hostile input', () => {
  it.each([
    ['<!DOCTYPE a><a/>', 'a DOCTYPE is not allowed'],
    ['<!doctype a [<!ENTITY x "y">]><a>&x;</a>', 'a DOCTYPE is not allowed'],
    ['<a>&x;</a>', 'the entity &x; is not one of'],
    ['<a>&#0;</a>', 'names no XML character'],
    ['<a>&#x110000;</a>', 'names no XML character'],
    ['<a>a & b</a>', 'a bare "&"'],
    ['<p:a/>', 'the prefix "p" is not bound'],
    ['<a b="1" b="2"/>', 'appears twice'],
    ['<a xmlns:p="u" xmlns:q="u" p:b="1" q:b="2"/>', 'two attributes name {u}b'],
    ['<a b="<"/>', '"<" in an attribute value'],
    ['<a></b>', '</b> closes <a>'],
    ['<a/><b/>', 'text after the root element'],
    ['', 'expected the root element'],
    ['<a b=1/>', 'expected a quoted attribute value'],
    ['<a b="1"c="2"/>', 'expected a space before an attribute'],
    ['<a><!-- x </a>', 'unterminated comment'],
    ['<a>]]></a>', '"]]>" in text'],
    [`${'<a>'.repeat(1002)}${'</a>'.repeat(1002)}`, 'elements nest deeper than 1000'],
  ])('%s: %s', (document, message) => {
    let thrown: unknown;
    try {
      xmlInfoset(document);
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown) && thrown.name === 'badRequest').toBe(true);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as { where?: string }).where).toMatch(/^line \d+, column \d+$/);
  });

  it('reads the seed-like sample of Nova', () => {
    const infoset = xmlInfoset(sample('nova/image-get-resp.xml'));
    expect(infoset.name).toBe(`{${COMPUTE}}image`);
    expect(infoset.attributes).toContain('{}id=70a599e0-31e7-49b7-b260-868f441e862b');
  });

  it('fuzz (seeded, bounded): any mutation of a sample reads or throws a badRequest Fault, nothing else', () => {
    const original = sample('nova/images-details-get-resp.xml');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: original.length }), fc.nat({ max: 8 }), fc.string({ maxLength: 6 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          let document = original;
          for (const [at, remove, insert] of edits)
            document = document.slice(0, at) + insert + document.slice(at + remove);
          try {
            xmlInfoset(document);
          } catch (error) {
            expect(isFault(error) && error.name === 'badRequest').toBe(true);
          }
        },
      ),
      { numRuns: 400, seed: 8 },
    );
  });
});
