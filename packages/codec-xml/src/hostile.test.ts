import { LIMITS } from '@openstack-image/schema';
import { seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { MAX_TEXT_RUN } from './scan-document.ts';
import { faultOf } from './test-fault-of.ts';

const C = NS.compute;
const A = NS.atom;
const seed = seedDocuments().xml;
const body = seed.slice(seed.indexOf('<image'));

/** Every decoder of the codec: hostile input must give each one a Fault and nothing else. */
const decoders = [
  ['decodeImage', xmlCodec.decodeImage],
  ['decodeImageList', xmlCodec.decodeImageList],
  ['decodeImageIndex', xmlCodec.decodeImageIndex],
  ['decodeMetadata', xmlCodec.decodeMetadata],
  ['decodeMetaItem', xmlCodec.decodeMetaItem],
  ['decodeFault', xmlCodec.decodeFault],
  ['decodeVersion', xmlCodec.decodeVersion],
  ['decodeVersionList', xmlCodec.decodeVersionList],
] as const;

/** Expects every decoder to refuse `input` with a Fault of this name whose message contains `message`. */
function refusedByAll(input: string | Uint8Array, message: string, name = 'badRequest'): void {
  for (const [decoder, decode] of decoders) {
    const fault = faultOf(() => decode(input));
    expect(fault.name, decoder).toBe(name);
    expect(fault.message, decoder).toContain(message);
  }
}

const DOCTYPE = 'A DOCTYPE is not accepted';

describe('entities and DTDs: any DOCTYPE is refused before anything is parsed', () => {
  it('refuses an external entity (XXE)', () => {
    refusedByAll(
      `<?xml version="1.0"?>\n<!DOCTYPE image [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<image xmlns="${C}" id="&xxe;"/>`,
      DOCTYPE,
    );
  });

  it('refuses billion laughs without expanding anything', () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    refusedByAll(`<!DOCTYPE lolz [<!ENTITY lol0 "lol">${lols}]><image xmlns="${C}" id="&lol9;"/>`, DOCTYPE);
  });

  it.each([
    ['a bare DOCTYPE', `<!DOCTYPE image><image xmlns="${C}" id="1"/>`],
    ['a public one', `<!DOCTYPE image PUBLIC "-//x//y" "http://example.com/x.dtd"><image xmlns="${C}" id="1"/>`],
    ['one after a comment', `<!-- x --><!DOCTYPE image SYSTEM "x.dtd"><image xmlns="${C}" id="1"/>`],
    [
      'one after the declaration, a processing instruction, comments and whitespace',
      `<?xml version="1.0"?>\n<?pi x?>\n  <!-- a -->\r\n\t<!-- b --> <!DOCTYPE image><image xmlns="${C}" id="1"/>`,
    ],
    ['one after a byte-order mark', `\ufeff<!DOCTYPE image><image xmlns="${C}" id="1"/>`],
    ['one in lower case', `<!doctype image><image xmlns="${C}" id="1"/>`],
    ['one in mixed case', `<!DocType image [<!ENTITY x "y">]><image xmlns="${C}" id="&x;"/>`],
    ['one in lower case inside the root', `<image xmlns="${C}" id="1"><!doctype x></image>`],
    ['one inside the root', `<image xmlns="${C}" id="1"><!DOCTYPE x></image>`],
  ])('refuses %s', (_what, xml) => {
    refusedByAll(xml, DOCTYPE);
  });

  it('refuses an undefined entity and malformed references', () => {
    refusedByAll(`<image xmlns="${C}" id="&bogus;"/>`, 'Undefined entity &bogus;');
    refusedByAll(`<image xmlns="${C}" id="1">&nbsp;</image>`, 'Undefined entity &nbsp;');
    refusedByAll(`<image xmlns="${C}" id="a & b"/>`, "'&' must start a reference");
    refusedByAll(`<image xmlns="${C}" id="1">AT&T</image>`, "'&' must start a reference");
    refusedByAll(`<image xmlns="${C}" id="&#xZZ;"/>`, 'Malformed character reference &#xZZ;');
    refusedByAll(`<image xmlns="${C}" id="&#0;"/>`, 'names a character XML 1.0 cannot carry');
    refusedByAll(`<image xmlns="${C}" id="&#xD800;"/>`, 'names a character XML 1.0 cannot carry');
    refusedByAll(`<image xmlns="${C}" id="&#x110000;"/>`, 'names a character XML 1.0 cannot carry');
    refusedByAll(`<image xmlns="${C}" id="&#99999999999999999999;"/>`, 'names a character XML 1.0 cannot carry');
  });
});

describe('namespaces: wrong and missing ones', () => {
  it('refuses a root without its namespace, or in another one', () => {
    expect(faultOf(() => xmlCodec.decodeImage('<image id="1"/>')).message).toContain('must be in the namespace');
    expect(faultOf(() => xmlCodec.decodeImage(`<image xmlns="${A}" id="1"/>`)).message).toContain(
      'must be in the namespace',
    );
    expect(faultOf(() => xmlCodec.decodeImage(body.replace(`xmlns="${C}"`, ''))).message).toContain(
      'must be in the namespace',
    );
  });

  it('refuses undeclared prefixes and illegal declarations', () => {
    refusedByAll(`<c:image id="1"/>`, 'The prefix c of <c:image> is not declared');
    refusedByAll(`<image xmlns="${C}" x:id="1"/>`, 'The prefix x of the attribute x:id is not declared');
    refusedByAll(`<image xmlns="${C}" xmlns:p="" id="1"/>`, 'cannot be bound to an empty namespace name');
    refusedByAll(`<image xmlns="${C}" xmlns:xml="urn:x" id="1"/>`, 'belong only to each other');
    refusedByAll(
      `<image xmlns="${C}" xmlns:p="http://www.w3.org/XML/1998/namespace" id="1"/>`,
      'belong only to each other',
    );
    refusedByAll(`<image xmlns="${C}" xmlns:xmlns="urn:x" id="1"/>`, 'The prefix xmlns cannot be declared');
    refusedByAll(`<image xmlns="http://www.w3.org/2000/xmlns/" id="1"/>`, 'No prefix may be bound');
    refusedByAll(`<xmlns:image xmlns="${C}" id="1"/>`, 'The prefix xmlns is reserved');
    refusedByAll(`<a:b:image xmlns="${C}"/>`, 'a:b:image is not a valid qualified name');
    refusedByAll(`<image xmlns="${C}" :id="1"/>`, ':id is not a valid qualified name');
    refusedByAll(
      `<image xmlns="${C}" xmlns:a="urn:x" xmlns:b="urn:x" a:x="1" b:x="2"/>`,
      "repeats another one's namespace and name",
    );
  });
});

describe('ill-formed documents', () => {
  it.each([
    [
      'a mismatched end tag',
      `<image xmlns="${C}" id="1"><metadata></image>`,
      'Mismatched end tag </image>: expected </metadata>',
    ],
    ['an unclosed root', `<image xmlns="${C}" id="1">`, 'The document ends inside <image>'],
    ['an unclosed child', `<image xmlns="${C}" id="1"><metadata>`, 'The document ends inside <metadata>'],
    ['an unclosed start tag', `<image xmlns="${C}" id="1"`, "Expected whitespace, an attribute, '>' or '/>'"],
    ['a duplicate attribute', `<image xmlns="${C}" id="1" id="2"/>`, 'Duplicate attribute id on <image>'],
    ['two roots', `<image xmlns="${C}" id="1"/><image xmlns="${C}" id="2"/>`, 'A second root element'],
    ['text after the root', `<image xmlns="${C}" id="1"/>trailing`, 'Text after the root element'],
    ['text before the root', `leading<image xmlns="${C}" id="1"/>`, 'Text before the root element'],
    [
      'an end tag after the root',
      `<image xmlns="${C}" id="1"/></image>`,
      'An end tag after the root element was closed',
    ],
    ['an empty document', '', 'The document is empty'],
    ['whitespace only', ' \n\t ', 'The document is empty'],
    ['a declaration only', '<?xml version="1.0"?>', 'The document is empty'],
    [
      "'<' in an attribute value",
      `<image xmlns="${C}" id="a<b"/>`,
      "'<' is not allowed in the value of the attribute id",
    ],
    [
      "'<' in text",
      `<image xmlns="${C}" id="1"><metadata><meta key="k">a < b</meta></metadata></image>`,
      'Expected an element name after "<", found U+0020',
    ],
    ['an unquoted attribute value', `<image xmlns="${C}" id=1/>`, 'Expected a quoted value for the attribute id'],
    ['an attribute without a value', `<image xmlns="${C}" id/>`, "Expected '=' after the attribute id"],
    ['an unclosed attribute value', `<image xmlns="${C}" id="1/>`, 'The value of the attribute id is never closed'],
    [
      'attributes without space between them',
      `<image xmlns="${C}" id="1"name="x"/>`,
      "Expected whitespace, an attribute, '>' or '/>'",
    ],
    ["']]>' in text", `<image xmlns="${C}" id="1">]]></image>`, "']]>' is not allowed in text"],
    ["'--' in a comment", `<image xmlns="${C}" id="1"><!-- a -- b --></image>`, "'--' is not allowed inside a comment"],
    ['an unclosed comment', `<image xmlns="${C}" id="1"><!-- a </image>`, 'The comment is never closed'],
    [
      'an unclosed CDATA section',
      `<image xmlns="${C}" id="1"><![CDATA[ a </image>`,
      'The CDATA section is never closed',
    ],
    ['CDATA outside the root', `<![CDATA[x]]><image xmlns="${C}" id="1"/>`, "Unexpected '<!'"],
    [
      'a declaration that is not at the start',
      ` <?xml version="1.0"?><image xmlns="${C}" id="1"/>`,
      'The XML declaration is allowed only at the very start',
    ],
    ['a malformed declaration', `<?xml encoding="UTF-8"?><image xmlns="${C}" id="1"/>`, 'Malformed XML declaration'],
    ['XML 1.1', `<?xml version="1.1"?><image xmlns="${C}" id="1"/>`, 'XML version "1.1" is not supported'],
    [
      'another encoding',
      `<?xml version="1.0" encoding="ISO-8859-1"?><image xmlns="${C}" id="1"/>`,
      'The encoding "ISO-8859-1" is not supported',
    ],
    ['a control character', `<image xmlns="${C}" id="a\u0001b"/>`, 'U+0001 is not a character XML 1.0 can carry'],
    ['a lone surrogate', `<image xmlns="${C}" id="a\ud800b"/>`, 'U+D800 is not a character XML 1.0 can carry'],
    ['U+FFFE', `<image xmlns="${C}" id="1">\ufffe</image>`, 'U+FFFE is not a character XML 1.0 can carry'],
    [
      'a name starting with a digit',
      `<image xmlns="${C}" id="1"><1a/></image>`,
      'Expected an element name after "<", found \'1\'',
    ],
    [
      'a processing instruction without its end',
      `<image xmlns="${C}" id="1"><?pi </image>`,
      'The processing instruction is never closed',
    ],
    [
      'a name fast-xml-parser would split',
      `<image xmlns="${C}" id="1"><a\ufeffb/></image>`,
      'U+FEFF is not accepted in a name',
    ],
  ])('refuses %s', (_what, xml, message) => {
    refusedByAll(xml, message);
  });
});

describe('limits', () => {
  it('refuses a body over maxBytes before reading it (overLimit), as a string and as bytes', () => {
    const big = `<image xmlns="${C}" id="1">${' '.repeat(LIMITS.maxBytes)}</image>`;
    refusedByAll(big, `larger than the limit of ${LIMITS.maxBytes} bytes`, 'overLimit');
    refusedByAll(new TextEncoder().encode(big), 'larger than the limit', 'overLimit');
    expect(faultOf(() => xmlCodec.decodeImage(body, { maxBytes: 100 })).name).toBe('overLimit');
    expect(xmlCodec.decodeImage(body, { maxBytes: body.length }).id).toBe('70a599e0-31e7-49b7-b260-868f441e862b');
  });

  it('counts bytes, not characters', () => {
    const xml = `<image xmlns="${C}" id="${'é'.repeat(100)}"/>`;
    expect(faultOf(() => xmlCodec.decodeImage(xml, { maxBytes: xml.length + 50 })).name).toBe('overLimit');
  });

  it(`accepts nesting ${LIMITS.maxDepth} deep and refuses one more`, () => {
    const nest = (depth: number) =>
      `<image xmlns="${C}" id="1">${'<x:a xmlns:x="urn:x">'.repeat(depth - 1)}${'</x:a>'.repeat(depth - 1)}</image>`;
    expect(xmlCodec.decodeImage(nest(LIMITS.maxDepth)).id).toBe('1');
    refusedByAll(nest(LIMITS.maxDepth + 1), `The document nests deeper than ${LIMITS.maxDepth} elements`);
  });

  it('refuses a 100 000-deep document with a Fault, not a stack overflow', () => {
    refusedByAll(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`, 'nests deeper than');
  });

  it('refuses many attributes given twice, without quadratic work', () => {
    const attributes = Array.from({ length: 20_000 }, (_, i) => ` a${i}="${i}"`).join('');
    refusedByAll(`<image xmlns="${C}" id="1"${attributes} a0="again"/>`, 'Duplicate attribute a0 on <image>');
    const prefixed = Array.from({ length: 20_000 }, (_, i) => ` p:a${i}="${i}"`).join('');
    refusedByAll(
      `<image xmlns="${C}" xmlns:p="urn:p" xmlns:q="urn:p" id="1"${prefixed} q:a0="again"/>`,
      "The attribute q:a0 repeats another one's namespace and name on <image>",
    );
  });

  it('reads a hundred thousand elements in a document without a single colon in it', () => {
    const xml = `<image xmlns="urn-x" id="1">${'<a/>'.repeat(100_000)}</image>`;
    expect(faultOf(() => xmlCodec.decodeImage(xml)).message).toContain(
      'The root element <image> must be in the namespace',
    );
    const list = `<images xmlns="${C}">${'<a b="c"/>'.repeat(100_000)}</images>`;
    expect(xmlCodec.decodeImageList(list)).toStrictEqual({ images: [] });
  });

  it('reads thousands of namespace declarations and the elements that use them', () => {
    const declarations = Array.from({ length: 5_000 }, (_, i) => ` xmlns:p${i}="urn:p${i}"`).join('');
    const uses = Array.from({ length: 20_000 }, (_, i) => `<p${i % 5_000}:x p${i % 7}:y="1"/>`).join('');
    const image = xmlCodec.decodeImage(`<image xmlns="${C}"${declarations} id="1">${uses}</image>`);
    expect(image.id).toBe('1');
  });
});

describe('bytes', () => {
  it.each([
    ['an invalid byte', [0x3c, 0xff, 0x3e]],
    ['a truncated sequence', [0x3c, 0x61, 0x20, 0x62, 0x3d, 0x22, 0xe2, 0x82, 0x22]],
    ['an overlong encoding', [0x3c, 0xc0, 0xbc]],
    ['an encoded surrogate', [0x3c, 0xed, 0xa0, 0x80]],
  ])('refuses %s as a badRequest', (_what, bytes) => {
    refusedByAll(new Uint8Array(bytes), 'not valid UTF-8');
  });
});

describe('prototype keys', () => {
  it('keeps them as metadata keys, as data, and pollutes nothing', () => {
    const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];
    const xml = `<metadata xmlns="${C}">${keys.map((k) => `<meta key="${k}">${k}!</meta>`).join('')}</metadata>`;
    const metadata = xmlCodec.decodeMetadata(xml);
    expect(Object.keys(metadata)).toEqual(keys);
    for (const key of keys) expect(Object.getOwnPropertyDescriptor(metadata, key)?.value).toBe(`${key}!`);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    const probe: Record<string, unknown> = {};
    expect(probe.toString).toBe(Object.prototype.toString);
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    expect(xmlCodec.decodeMetaItem(`<meta xmlns="${C}" key="__proto__">{"polluted":true}</meta>`)).toStrictEqual(
      JSON.parse('{"__proto__":"{\\"polluted\\":true}"}'),
    );
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('over-long text runs and attribute values are refused before anything builds them', () => {
  const NS_URI = 'http://docs.openstack.org/compute/api/v1.1';
  const long = MAX_TEXT_RUN + 1;
  it.each([
    ['one big text in a <meta>', `<metadata xmlns="${NS_URI}"><meta key="k">${'a'.repeat(long)}</meta></metadata>`],
    [
      'a tab-filled attribute value',
      `<metadata xmlns="${NS_URI}"><meta key="${'\t'.repeat(long)}">v</meta></metadata>`,
    ],
    ['whitespace between elements', `<metadata xmlns="${NS_URI}">${' '.repeat(long)}<meta key="k">v</meta></metadata>`],
    [
      'a reference with many leading zeros',
      `<metadata xmlns="${NS_URI}"><meta key="k">&#${'0'.repeat(long)}65;</meta></metadata>`,
    ],
    [
      'text split by comments',
      `<metadata xmlns="${NS_URI}"><meta key="k">${'aaaaaaa<!---->'.repeat(1 + long / 7)}</meta></metadata>`,
    ],
    [
      'a long CDATA section',
      `<metadata xmlns="${NS_URI}"><meta key="k"><![CDATA[${'a'.repeat(long)}]]></meta></metadata>`,
    ],
  ])('%s: a badRequest with a line and column', (_, body) => {
    const fault = faultOf(() => xmlCodec.decodeMetadata(body));
    expect(fault.name).toBe('badRequest');
    expect(fault.message).toContain(`longer than ${MAX_TEXT_RUN} characters`);
    expect(fault.where).toMatch(/^line \d+, column \d+$/);
  });

  it('the first problem in document order is reported, a character XML cannot carry or the markup', () => {
    const text = 'a'.repeat(long);
    const charFirst = `<metadata xmlns="${NS_URI}"><meta key="\u0001">${text}</meta></metadata>`;
    expect(faultOf(() => xmlCodec.decodeMetadata(charFirst)).message).toMatch(/^U\+0001 is not a character/);
    const textFirst = `<metadata xmlns="${NS_URI}"><meta key="k">${text}</meta><meta key="\u0001">v</meta></metadata>`;
    expect(faultOf(() => xmlCodec.decodeMetadata(textFirst)).message).toContain(`longer than ${MAX_TEXT_RUN}`);
    const atTheProblem = `<metadata xmlns="${NS_URI}"><\u0001/></metadata>`;
    expect(faultOf(() => xmlCodec.decodeMetadata(atTheProblem)).message).toMatch(/^U\+0001 is not a character/);
    const afterWellFormed = `<metadata xmlns="${NS_URI}"><meta key="k">v\uFFFE</meta></metadata>`;
    expect(faultOf(() => xmlCodec.decodeMetadata(afterWellFormed)).message).toMatch(/^U\+FFFE is not a character/);
  });

  it('a text exactly at the bound still reads', () => {
    const body = `<metadata xmlns="${NS_URI}"><meta key="k">${'a'.repeat(MAX_TEXT_RUN)}</meta></metadata>`;
    expect(xmlCodec.decodeMetadata(body).k).toHaveLength(MAX_TEXT_RUN);
  });
});
