import type { Image } from '@openstack-image/schema';
import { seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { NS, xmlCodec } from './index.ts';
import { faultOf } from './test-fault-of.ts';

const C = NS.compute;
const A = NS.atom;
const DECL = "<?xml version='1.0' encoding='UTF-8'?>\n";

/** An image document: `attributes` on the root (namespaces declared), `children` inside. */
function image(attributes: string, children = ''): string {
  return `${DECL}<image xmlns="${C}" xmlns:atom="${A}" ${attributes}>${children}</image>`;
}

const seed = xmlCodec.decodeImage(seedDocuments().xml);

describe('names resolve by namespace URI, whatever the prefixes', () => {
  it('reads a prefixed compute namespace as the default one', () => {
    const xml = seedDocuments()
      .xml.replace(/<(\/?)(image|metadata|meta)\b/g, '<$1c:$2')
      .replace(`xmlns="${C}"`, `xmlns:c="${C}"`);
    expect(xml).toContain('<c:image');
    expect(xmlCodec.decodeImage(xml)).toStrictEqual(seed);
  });

  it('reads atom links under any prefix, and with the default namespace redeclared on the link', () => {
    const xml = image(
      'id="1"',
      `<l:link xmlns:l="${A}" href="h1" rel="self"/><link xmlns="${A}" href="h2" rel="bookmark"/><atom:link href="h3" rel="alternate"/>`,
    );
    expect(xmlCodec.decodeImage(xml).links).toStrictEqual([
      { href: 'h1', rel: 'self' },
      { href: 'h2', rel: 'bookmark' },
      { href: 'h3', rel: 'alternate' },
    ]);
  });

  it('reads the extension attributes under any prefix bound to their URIs', () => {
    const xml = image(`xmlns:d="${NS.diskConfig}" xmlns:s="${NS.imageSize}" id="1" d:diskConfig="MANUAL" s:size="42"`);
    const read = xmlCodec.decodeImage(xml);
    expect(read['OS-DCF:diskConfig']).toBe('MANUAL');
    expect(read['OS-EXT-IMG-SIZE:size']).toBe(42);
  });

  it('reads xmlns="" as undeclaring the default namespace, for that element and what it holds only', () => {
    const undeclared = `<c:image xmlns:c="${C}" xmlns="" id="1"><c:metadata><c:meta key="k">v</c:meta></c:metadata><link xmlns="${A}" href="h" rel="self"/><x><meta key="no">no</meta></x></c:image>`;
    expect(xmlCodec.decodeImage(undeclared)).toStrictEqual({
      id: '1',
      name: null,
      created: null,
      updated: null,
      metadata: { k: 'v' },
      links: [{ href: 'h', rel: 'self' }],
    });
    const scoped = image(
      'id="1"',
      `<x xmlns=""><meta key="no">no</meta><y xmlns="urn:y"><metadata/></y></x><metadata><meta key="k">v</meta></metadata>`,
    );
    expect(xmlCodec.decodeImage(scoped).metadata).toStrictEqual({ k: 'v' });
    expect(
      faultOf(() =>
        xmlCodec.decodeImage(undeclared.replace('<c:metadata>', '<metadata>').replace('</c:metadata>', '</metadata>')),
      ).message,
    ).toContain('The element <metadata> must be in the namespace');
  });

  it('follows a prefix rebound on an inner element', () => {
    const xml = image(
      'id="1"',
      `<x xmlns="urn:other" xmlns:atom="urn:other"><atom:link href="no" rel="no"/></x><atom:link href="yes" rel="self"/>`,
    );
    expect(xmlCodec.decodeImage(xml).links).toStrictEqual([{ href: 'yes', rel: 'self' }]);
  });
});

describe('a wrong root, or a name in the wrong namespace, is a badRequest', () => {
  it.each([
    ['a root without a namespace', `<image id="1"/>`, 'The root element <image> must be in the namespace'],
    ['a root in the atom namespace', `<image xmlns="${A}" id="1"/>`, 'must be in the namespace'],
    [
      'another root',
      `<images xmlns="${C}"/>`,
      `Expected the root element <image> in the namespace ${C}, found <images>`,
    ],
    [
      'a link in the compute namespace',
      image('id="1"', '<link href="h" rel="self"/>'),
      'The element <link> must be in the namespace http://www.w3.org/2005/Atom',
    ],
    [
      'metadata in no namespace',
      image('id="1"', '<metadata xmlns=""/>'),
      'The element <metadata> must be in the namespace',
    ],
    [
      'meta in the atom namespace',
      image('id="1"', '<metadata><atom:meta key="k">v</atom:meta></metadata>'),
      'The element <atom:meta>',
    ],
    [
      'an attribute in the compute namespace',
      image(`xmlns:c="${C}" c:id="1"`),
      'the attribute c:id of <image> must be in no namespace',
    ],
    [
      'an extension attribute without its namespace',
      image('id="1" diskConfig="AUTO"'),
      `the attribute diskConfig of <image> must be in the namespace ${NS.diskConfig}`,
    ],
  ])('%s', (_what, xml, message) => {
    const fault = faultOf(() => xmlCodec.decodeImage(xml));
    expect(fault.name).toBe('badRequest');
    expect(fault.message).toContain(message);
    expect(fault.where).toMatch(/^line \d+, column \d+$/);
  });

  it('each decoder wants its own root', () => {
    const metadata = `<metadata xmlns="${C}"/>`;
    expect(faultOf(() => xmlCodec.decodeImageList(metadata)).message).toContain('Expected the root element <images>');
    expect(faultOf(() => xmlCodec.decodeImageIndex(metadata)).message).toContain('Expected the root element <images>');
    expect(faultOf(() => xmlCodec.decodeMetaItem(metadata)).message).toContain('Expected the root element <meta>');
    expect(faultOf(() => xmlCodec.decodeMetadata(`<meta xmlns="${C}" key="k"/>`)).message).toContain(
      'Expected the root element <metadata>',
    );
    expect(faultOf(() => xmlCodec.decodeFault(metadata)).message).toContain('Expected a fault element');
  });
});

describe('what the model does not hold is skipped', () => {
  it('skips unknown attributes and elements, in other namespaces and in the compute one', () => {
    const xml = image(
      'xmlns:x="urn:x" id="1" tenant_id="t" x:name="not the name" x:foo="bar"',
      `<fault code="500"><message>m</message></fault>
       <x:extra><x:deep><image id="inner"/><atom:link href="inner" rel="inner"/></x:deep></x:extra>
       <metadata><meta key="k">v</meta><atom:link rel="next" href="paging"/><x:meta key="x">x</x:meta></metadata>
       <atom:link href="h" rel="self" x:title="t" hreflang="en"/>`,
    );
    expect(xmlCodec.decodeImage(xml)).toStrictEqual({
      id: '1',
      name: null,
      created: null,
      updated: null,
      metadata: { k: 'v' },
      links: [{ href: 'h', rel: 'self' }],
    });
  });

  it('skips elements whose names would pollute a prototype, and keeps counting elements right after them', () => {
    const xml = image(
      'id="1"',
      '<__proto__ polluted="yes"/><constructor><prototype/></constructor><hasOwnProperty/><toString/>\n<metadata><meta key="__proto__">x</meta><meta>no key</meta></metadata>',
    );
    const fault = faultOf(() => xmlCodec.decodeImage(xml));
    expect(fault.message).toBe('<meta> needs a key attribute at line 3, column 41');
    const fine = xmlCodec.decodeImage(xml.replace('<meta>no key</meta>', ''));
    expect(Object.keys(fine.metadata)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(fine.metadata, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the reading rules of the canonical model', () => {
  it('reads absent name, created and updated as null, absent metadata as {}, absent links as []', () => {
    expect(xmlCodec.decodeImage(image('id="15"'))).toStrictEqual({
      id: '15',
      name: null,
      created: null,
      updated: null,
      metadata: {},
      links: [],
    });
  });

  it('leaves absent optional attributes absent, and reads a server without links with links []', () => {
    const read: Image = xmlCodec.decodeImage(image('id="1"', '<server id="s"/>'));
    for (const field of ['status', 'progress', 'minDisk', 'minRam', 'OS-EXT-IMG-SIZE:size', 'OS-DCF:diskConfig']) {
      expect(field in read).toBe(false);
    }
    expect(read.server).toStrictEqual({ id: 's', links: [] });
  });

  it('keeps text as text: "007", "None", surrounding whitespace, empty values', () => {
    const read = xmlCodec.decodeImage(
      image(
        'id="007" name=" 007 " created="yesterday"',
        '<metadata><meta key="a">007</meta><meta key="b">None</meta><meta key="c">  x\n </meta><meta key="d"/><meta key="e"></meta></metadata>',
      ),
    );
    expect(read.id).toBe('007');
    expect(read.name).toBe(' 007 ');
    expect(read.created).toBe('yesterday');
    expect(read.metadata).toStrictEqual({ a: '007', b: 'None', c: '  x\n ', d: '', e: '' });
  });

  it('reads integers with leading zeros and surrounding whitespace', () => {
    const read = xmlCodec.decodeImage(image('id="1" minDisk="007" minRam=" 5 " progress="100"'));
    expect([read.minDisk, read.minRam, read.progress]).toEqual([7, 5, 100]);
    const spaced = xmlCodec.decodeImage(image('id="1" minDisk=" 5" minRam="05" progress="\n\t42\r\n"'));
    expect([spaced.minDisk, spaced.minRam, spaced.progress]).toEqual([5, 5, 42]);
    expect(xmlCodec.decodeImage(image(`id="1" minDisk="${Number.MAX_SAFE_INTEGER}"`)).minDisk).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('reads an index entry without a name as null, and the list and index next links', () => {
    const index = xmlCodec.decodeImageIndex(
      `<images xmlns="${C}" xmlns:atom="${A}"><image id="1"/><atom:link rel="next" href="n"/></images>`,
    );
    expect(index).toStrictEqual({
      images: [{ id: '1', name: null, links: [] }],
      images_links: [{ rel: 'next', href: 'n' }],
    });
    const list = xmlCodec.decodeImageList(
      `<images xmlns="${C}" xmlns:atom="${A}"><atom:link rel="next" href="n"/></images>`,
    );
    expect(list).toStrictEqual({ images: [], images_links: [{ rel: 'next', href: 'n' }] });
    expect(xmlCodec.decodeImageList(`<images xmlns="${C}"/>`)).toStrictEqual({ images: [] });
  });

  it('changes nothing with { strict: true }: XML has no non-string metadata values to refuse', () => {
    expect(xmlCodec.decodeImage(seedDocuments().xml, { strict: true })).toStrictEqual(seed);
  });
});

describe('entities, references, CDATA, comments, processing instructions, encodings', () => {
  it('decodes the predefined entities and character references in text and attributes', () => {
    const refs = '&lt;&gt;&amp;&apos;&quot;&#10;&#x263A;&#x1F600;&#128512;&#00000000065;&#x000000000042;';
    const read = xmlCodec.decodeImage(image(`id="${refs}"`, `<metadata><meta key="${refs}">${refs}</meta></metadata>`));
    const expected = '<>&\'"\n☺😀😀AB';
    expect(read.id).toBe(expected);
    expect(read.metadata).toStrictEqual({ [expected]: expected });
  });

  it('normalises literal whitespace in attribute values, and line ends in text', () => {
    const read = xmlCodec.decodeImage(
      image('id="a\tb\nc\r\nd\re"', '<metadata><meta key="k">a\r\nb\rc\td</meta></metadata>'),
    );
    expect(read.id).toBe('a b c d e');
    expect(read.metadata.k).toBe('a\nb\nc\td');
  });

  it('reads a CR before a comment or processing instruction and an LF after it as two line ends', () => {
    const read = xmlCodec.decodeImage(
      image(
        'id="1"',
        '<metadata><meta key="k">a\r<!-- c -->\nb\r<?pi x?>\nc\r\n<!-- c -->\r\nd\r\r<!-- c -->e</meta></metadata>',
      ),
    );
    expect(read.metadata.k).toBe('a\n\nb\n\nc\n\nd\n\ne');
    const list = xmlCodec.decodeImageList(
      `<images xmlns="${C}"><image id="1"><metadata><meta key="k">a\r<!-- c -->\nb</meta></metadata></image></images>`,
    );
    expect(list.images[0]!.metadata.k).toBe('a\n\nb');
  });

  it('reads CDATA as text, its content undecoded, joined with the text around it', () => {
    const read = xmlCodec.decodeMetaItem(
      `<meta xmlns="${C}" key="k">a&amp;<![CDATA[<b>&amp;]]]]><![CDATA[>]]>c</meta>`,
    );
    expect(read).toStrictEqual({ k: 'a&<b>&amp;]]>c' });
  });

  it('skips comments and processing instructions, wherever they are', () => {
    const xml = `${DECL}<!-- a comment --><?pi it's "quoted?><image xmlns="${C}" id="1"><!-- c --><?pi x?><metadata><meta key="k">a<!-- c -->b<?pi y'?>c</meta></metadata></image><!-- after --><?after?>`;
    expect(xmlCodec.decodeImage(xml).metadata).toStrictEqual({ k: 'abc' });
  });

  it('accepts a UTF-8 byte-order mark, in a string and in bytes', () => {
    const xml = seedDocuments().xml;
    expect(xmlCodec.decodeImage(`\ufeff${xml}`)).toStrictEqual(seed);
    expect(xmlCodec.decodeImage(new TextEncoder().encode(`\ufeff${xml}`))).toStrictEqual(seed);
  });

  it('decodes bytes as UTF-8, astral-plane characters included', () => {
    const xml = image('id="1" name="naïve 😀 鍵"');
    expect(xmlCodec.decodeImage(new TextEncoder().encode(xml)).name).toBe('naïve 😀 鍵');
  });

  it('accepts a document without declaration, with single-quoted attributes and spaces around =', () => {
    const read = xmlCodec.decodeImage(`<image xmlns='${C}' id = '1' name  =  "it's"  />`);
    expect(read.id).toBe('1');
    expect(read.name).toBe("it's");
  });
});

describe('values are checked, and errors say where and what was expected', () => {
  it('names the attribute, the line and the column of a bad integer', () => {
    const xml = `${DECL}<image xmlns="${C}"\n  id="1"\n  minDisk="abc"/>`;
    const fault = faultOf(() => xmlCodec.decodeImage(xml));
    expect(fault).toStrictEqual({
      name: 'badRequest',
      code: 400,
      message: 'minDisk must be an integer >= 0 (found "abc") at line 4, column 3',
      where: 'line 4, column 3',
    });
  });

  it.each([
    ['progress="150"', 'progress must be an integer from 0 to 100 (found "150")'],
    ['progress="-1"', 'progress must be an integer from 0 to 100 (found "-1")'],
    ['minRam="1.5"', 'minRam must be an integer >= 0 (found "1.5")'],
    ['minDisk="+5"', 'minDisk must be an integer >= 0 (found "+5")'],
    ['minDisk="1e3"', 'minDisk must be an integer >= 0 (found "1e3")'],
    ['minDisk="-0"', 'minDisk must be an integer >= 0 (found "-0")'],
    ['minDisk="0x10"', 'minDisk must be an integer >= 0 (found "0x10")'],
    ['minDisk="5 5"', 'minDisk must be an integer >= 0 (found "5 5")'],
    ['minDisk="\uff15"', 'minDisk must be an integer >= 0 (found "\uff15")'],
    ['minRam=""', 'minRam must be an integer >= 0 (found "")'],
    [`minDisk="${Number.MAX_SAFE_INTEGER + 1}"`, 'minDisk must be an integer >= 0'],
    [`xmlns:s="${NS.imageSize}" s:size="big"`, 'OS-EXT-IMG-SIZE:size must be an integer >= 0 (found "big")'],
    [`xmlns:d="${NS.diskConfig}" d:diskConfig="auto"`, 'OS-DCF:diskConfig must be "AUTO" or "MANUAL" (found "auto")'],
    ['id=""', 'id must not be empty'],
    ['status=""', 'status must not be empty'],
    ['name="x"', '<image> needs an id attribute'],
  ])('refuses %s', (attributes, message) => {
    const fault = faultOf(() =>
      xmlCodec.decodeImage(
        `<image xmlns="${C}" id="1" ${attributes}/>`
          .replace('id="1" id=""', 'id=""')
          .replace('id="1" name="x"', 'name="x"'),
      ),
    );
    expect(fault.name).toBe('badRequest');
    expect(fault.message).toMatch(
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* at line 1, column \\d+$`),
    );
  });

  it('refuses a link without href or rel, a meta without key, a key given twice or too long, a server without id', () => {
    expect(faultOf(() => xmlCodec.decodeImage(image('id="1"', '<atom:link rel="self"/>'))).message).toContain(
      '<atom:link> needs an href attribute',
    );
    expect(faultOf(() => xmlCodec.decodeImage(image('id="1"', '<atom:link href="h"/>'))).message).toContain(
      '<atom:link> needs a rel attribute',
    );
    expect(faultOf(() => xmlCodec.decodeImage(image('id="1"', '<server/>'))).message).toContain(
      '<server> needs an id attribute',
    );
    expect(
      faultOf(() => xmlCodec.decodeMetadata(`<metadata xmlns="${C}"><meta key="a"/><meta key="a"/></metadata>`))
        .message,
    ).toBe('The metadata key "a" is given twice at line 1, column 83');
    expect(faultOf(() => xmlCodec.decodeMetaItem(`<meta xmlns="${C}" key="${'k'.repeat(256)}"/>`)).message).toMatch(
      /^metadata key "k+\.\.\." must be 1 to 255 characters long at line 1, column 58$/,
    );
    expect(faultOf(() => xmlCodec.decodeMetaItem(`<meta xmlns="${C}" key=""/>`)).message).toContain(
      'must be 1 to 255 characters',
    );
    expect(faultOf(() => xmlCodec.decodeImage(image('id="1"', '<metadata/><metadata/>'))).message).toContain(
      'more than one <metadata>',
    );
  });

  it('says where an ill-formed document breaks, and what was expected', () => {
    const fault = faultOf(() => xmlCodec.decodeImage(`${DECL}<image xmlns="${C}" id="1">\n  <metadata>\n</image>`));
    expect(fault.message).toBe(
      'Mismatched end tag </image>: expected </metadata> (opened at line 3, column 3) at line 4, column 1',
    );
    expect(fault.where).toBe('line 4, column 1');
  });

  it('counts columns in characters, an astral one as one', () => {
    const fault = faultOf(() => xmlCodec.decodeImage(`<image xmlns="${C}" name="😀😀" progress="x" id="1"/>`));
    expect(fault.where).toBe('line 1, column 69');
  });
});

describe('faults', () => {
  const fault = (root: string, attributes: string, children: string) =>
    `${DECL}<${root} xmlns="${C}" ${attributes}>${children}</${root}>`;

  it('reads retryAfter from the attribute, else from the child element; the attribute wins', () => {
    expect(
      xmlCodec.decodeFault(fault('overLimit', 'code="413" retryAfter="60"', '<message>m</message>')).retryAfter,
    ).toBe('60');
    expect(
      xmlCodec.decodeFault(fault('overLimit', 'code="413"', '<message>m</message><retryAfter>61</retryAfter>'))
        .retryAfter,
    ).toBe('61');
    expect(
      xmlCodec.decodeFault(
        fault('overLimit', 'code="429" retryAfter="60"', '<message>m</message><retryAfter>61</retryAfter>'),
      ),
    ).toMatchObject({ name: 'overLimit', code: 429, retryAfter: '60', message: 'm' });
  });

  it('takes the code from the fault table when there is none', () => {
    const read = xmlCodec.decodeFault(fault('itemNotFound', '', '<message>Image not found.</message>'));
    expect(read).toMatchObject({ name: 'itemNotFound', code: 404, message: 'Image not found.' });
    expect('details' in read).toBe(false);
  });

  it('reads an unknown fault name in the compute namespace as the fault of its code', () => {
    expect(xmlCodec.decodeFault(fault('tooManyRequests', 'code="429"', '<message>m</message>')).name).toBe('overLimit');
    expect(xmlCodec.decodeFault(fault('conflict', 'code="409"', '<message>m</message>')).name).toBe(
      'conflictingRequest',
    );
    expect(xmlCodec.decodeFault(fault('teapot', 'code="418"', '<message>m</message>'))).toMatchObject({
      name: 'computeFault',
      code: 418,
    });
  });

  it('refuses what is not a fault', () => {
    expect(faultOf(() => xmlCodec.decodeFault(fault('teapot', '', '<message>m</message>'))).message).toContain(
      'Expected a fault element',
    );
    expect(faultOf(() => xmlCodec.decodeFault(fault('image', 'code="400"', '<message>m</message>'))).message).toContain(
      'Expected a fault element',
    );
    expect(faultOf(() => xmlCodec.decodeFault(fault('badRequest', 'code="400"', ''))).message).toContain(
      '<badRequest> needs a <message> child',
    );
    expect(
      faultOf(() => xmlCodec.decodeFault(fault('badRequest', 'code="abc"', '<message>m</message>'))).message,
    ).toContain('code must be an HTTP error status from 400 to 599 (found "abc")');
    expect(
      faultOf(() => xmlCodec.decodeFault(`<badRequest code="400"><message>m</message></badRequest>`)).message,
    ).toContain('Expected a fault element in the namespace');
  });
});

describe('metadata keys are 1..255 characters, counted as code points', () => {
  const emoji = '\u{1F600}';
  const body = (key: string) => `<metadata xmlns="${NS.compute}"><meta key="${key}">v</meta></metadata>`;
  it('reads a key of 255 surrogate pairs and refuses one of 256, naming it', () => {
    expect(xmlCodec.decodeMetadata(body(emoji.repeat(255)))).toEqual({ [emoji.repeat(255)]: 'v' });
    const fault = faultOf(() => xmlCodec.decodeMetadata(body(emoji.repeat(256))));
    expect(fault.name).toBe('badRequest');
    expect(fault.message).toContain('must be 1 to 255 characters long');
  });
});

describe('a detail list reads every image, however long it is and whatever lies between them', () => {
  const big: Image = {
    ...seed,
    id: 'big',
    metadata: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`key${i}`, `${'v'.repeat(200)}${i}`])),
  };
  const images: Image[] = Array.from({ length: 120 }, (_, i) =>
    i % 17 === 5 ? { ...big, id: `big${i}` } : { ...seed, id: `id${i}` },
  );
  const between = [
    '<!-- a comment -->',
    '<?pi with "a quote?>',
    `<x:other xmlns:x="urn:x"><image id="not a child"/></x:other>`,
    'stray text',
    '<![CDATA[ <image id="not an element"/> ]]>',
    '<unknown id="skipped"/>',
    '\r\n',
  ];

  it('reads every image, long (past what one parse of several is given) or short, and skips the rest', () => {
    let n = 0;
    const xml = xmlCodec
      .encodeImageList({ images, images_links: [{ href: 'next', rel: 'next' }] })
      .replace(/<\/image>/g, (end) => end + between[n++ % between.length]);
    expect(xml.length).toBeGreaterThan(100_000);
    expect(xmlCodec.decodeImageList(xml)).toStrictEqual({ images, images_links: [{ href: 'next', rel: 'next' }] });
  });

  it('refuses the first problem in document order, whichever of two images holds it', () => {
    const xml = xmlCodec.encodeImageList({ images });
    const lines = xml.split('\n');
    const imageLines = lines.flatMap((line, i) => (line.startsWith('  <image ') ? [i] : []));
    const badInteger = (at: number) => lines[at]!.replace('minDisk="0"', 'minDisk="x"');
    const wrongNamespace = (at: number) => lines[at]!.replace('<image ', `<image xmlns="${A}" `);
    const edited = (edits: Record<number, string>) => lines.map((line, i) => edits[i] ?? line).join('\n');
    const [first, later] = [imageLines[3]!, imageLines[4]!];
    expect(
      faultOf(() => xmlCodec.decodeImageList(edited({ [first]: badInteger(first), [later]: wrongNamespace(later) })))
        .message,
    ).toMatch(new RegExp(`^minDisk must be an integer >= 0 \\(found "x"\\) at line ${first + 1}, `));
    expect(
      faultOf(() => xmlCodec.decodeImageList(edited({ [first]: wrongNamespace(first), [later]: badInteger(later) })))
        .message,
    ).toMatch(
      new RegExp(
        `^The element <image> must be in the namespace ${C}, not in the namespace ${A} at line ${first + 1}, `,
      ),
    );
  });

  it('reads attribute values whatever they hold, and points at the attribute a problem is about', () => {
    const read = xmlCodec.decodeImage(image(`id='a "quoted" > b' name="it's /> here"`));
    expect([read.id, read.name]).toStrictEqual(['a "quoted" > b', "it's /> here"]);
    const xml = `<image xmlns="${C}" xmlns:s="${NS.imageSize}" id="1"\n   s:size="big" size="5"/>`;
    expect(faultOf(() => xmlCodec.decodeImage(xml)).where).toBe('line 2, column 4');
  });
});
