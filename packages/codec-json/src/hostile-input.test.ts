import { isFault } from '@openstack-image/faults';
import { type DecodeOptions, isValid, LIMITS } from '@openstack-image/schema';
import { plainObject } from '@openstack-image/test-support';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultOf, faultSummary } from './test-helpers.ts';

/*
 * Hostile input: whatever a decoder is given, it returns a valid value or throws a Fault, and
 * nothing else: no SyntaxError, no RangeError, no TypeError, no polluted prototype.
 */

type Decode = (body: string | Uint8Array, options?: DecodeOptions) => unknown;

const DECODERS: readonly [string, Decode][] = [
  ['decodeImage', jsonCodec.decodeImage],
  ['decodeImageList', jsonCodec.decodeImageList],
  ['decodeImageIndex', jsonCodec.decodeImageIndex],
  ['decodeMetadata', jsonCodec.decodeMetadata],
  ['decodeMetaItem', jsonCodec.decodeMetaItem],
  ['decodeFault', jsonCodec.decodeFault],
  ['decodeVersion', jsonCodec.decodeVersion],
  ['decodeVersionList', jsonCodec.decodeVersionList],
];

const DEEP = 100_000;
const utf8 = new TextEncoder();

afterEach(() => {
  // No decoding may reach Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('invalid JSON: a badRequest naming the line and column', () => {
  it.each([
    ['{', 'unexpected end of the body', 'line 1, column 2'],
    ['{"image": }', 'unexpected "}"', 'line 1, column 11'],
    ['{"image": {"id": "1",}}', 'unexpected "}", expected a member name', 'line 1, column 22'],
    ['{\n  "image": {\n    "id": \'1\'\n  }\n}', `unexpected "'"`, 'line 3, column 11'],
    ['{"image": {"id": "1"}} x', 'unexpected "x" after the JSON value', 'line 1, column 24'],
    ['{"image": {"id": "a\nb"}}', 'a control character (U+000A) inside a string', 'line 1, column 20'],
    ['{"image": {"id": "\\x"}}', 'an invalid escape', 'line 1, column 19'],
    ['{"image": {"id": "1', 'a string that is never closed', 'line 1, column 18'],
    ['{"image": {"id": "1"', 'unexpected end of the body', 'line 1, column 21'],
    ['{"image": {"progress": 01}}', 'unexpected "1", expected "," or "}"', 'line 1, column 25'],
    ['{"image" {}}', 'unexpected "{", expected ":"', 'line 1, column 10'],
    ['nul', 'unexpected "n"', 'line 1, column 1'],
    ['', 'unexpected end of the body', 'line 1, column 1'],
    ['  \n ', 'unexpected end of the body', 'line 2, column 2'],
    ["{'image': 1}", `unexpected "'", expected a member name`, 'line 1, column 2'],
    ['[1, 2', 'unexpected end of the body', 'line 1, column 6'],
    ['{"a": NaN}', 'unexpected "N"', 'line 1, column 7'],
    // What a reader cannot see is named by its code point (the first byte-order mark is dropped).
    ['\ufeff\ufeff{}', 'unexpected U+FEFF', 'line 1, column 1'],
    ['{\u00a0"a": 1}', 'unexpected U+00A0, expected a member name', 'line 1, column 2'],
    ['{"a":\u200b1}', 'unexpected U+200B', 'line 1, column 6'],
    ['\ud800', 'unexpected U+D800', 'line 1, column 1'],
    ['😀', 'unexpected "😀"', 'line 1, column 1'],
  ])('%j', (body, problem, where) => {
    for (const [, decode] of DECODERS) {
      expect(faultSummary(() => decode(body))).toEqual({
        name: 'badRequest',
        code: 400,
        message: `The body is not valid JSON: ${problem} at ${where}`,
        where,
      });
    }
  });
});

describe('valid JSON an engine cannot build: still a badRequest that says where', () => {
  // V8 parses any depth; a parser that recurses (other engines) throws a RangeError instead.
  function withRecursingParser<T>(run: () => T): T {
    const parse = vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    try {
      return run();
    } finally {
      parse.mockRestore();
    }
  }

  it('names the line and column where the nesting passes LIMITS.maxDepth', () => {
    const deep = `{"image": {"id": "1",\n "metadata": {"k": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}}`;
    // The first '[' is at column 20 of line 2, at level 4; the one at level maxDepth + 1 is refused.
    const column = 20 + (LIMITS.maxDepth + 1 - 4);
    expect(faultSummary(() => withRecursingParser(() => jsonCodec.decodeImage(deep)))).toEqual({
      name: 'badRequest',
      code: 400,
      message: `The document nests deeper than ${LIMITS.maxDepth} levels at line 2, column ${column}`,
      where: `line 2, column ${column}`,
    });
  });

  it('names the whole document when it is not the nesting', () => {
    expect(faultSummary(() => withRecursingParser(() => jsonCodec.decodeMetadata('{"metadata": {}}')))).toEqual({
      name: 'badRequest',
      code: 400,
      message: 'The body could not be read as JSON: it is too large at /',
      where: '/',
    });
  });
});

describe('wrong types at every field: a badRequest naming the pointer', () => {
  const valid = {
    id: '1',
    name: 'n',
    status: 'ACTIVE',
    progress: 1,
    minDisk: 0,
    minRam: 0,
    created: 'c',
    updated: 'u',
    metadata: { k: 'v' },
    links: [{ href: 'h', rel: 'self', type: 't' }],
    server: { id: 's', links: [{ href: 'h', rel: 'self' }] },
    'OS-EXT-IMG-SIZE:size': 1,
    'OS-DCF:diskConfig': 'AUTO',
  };

  it('accepts the valid image the cases start from', () => {
    expect(jsonCodec.decodeImage(JSON.stringify({ image: valid }))).toStrictEqual(valid);
  });

  it.each([
    ['id', 5, '/image/id'],
    ['id', '', '/image/id'],
    ['name', 5, '/image/name'],
    ['name', {}, '/image/name'],
    ['status', 5, '/image/status'],
    ['status', '', '/image/status'],
    ['progress', 101, '/image/progress'],
    ['progress', -1, '/image/progress'],
    ['progress', '5%', '/image/progress'],
    ['minDisk', -1, '/image/minDisk'],
    ['minDisk', 2 ** 53, '/image/minDisk'],
    ['minRam', 1.5, '/image/minRam'],
    ['minRam', true, '/image/minRam'],
    ['created', 5, '/image/created'],
    ['updated', [], '/image/updated'],
    ['metadata', [], '/image/metadata'],
    ['metadata', 'k=v', '/image/metadata'],
    ['metadata', { '': 'v' }, '/image/metadata/'],
    ['metadata', { ['k'.repeat(256)]: 'v' }, `/image/metadata/${'k'.repeat(256)}`],
    ['links', {}, '/image/links'],
    ['links', [5], '/image/links/0'],
    ['links', [{ href: 5, rel: 'self' }], '/image/links/0/href'],
    ['links', [{ href: 'h' }], '/image/links/0/rel'],
    ['links', [{ href: 'h', rel: 'self', type: 5 }], '/image/links/0/type'],
    ['server', 'x', '/image/server'],
    ['server', { id: 5 }, '/image/server/id'],
    ['server', { id: 's', links: 'x' }, '/image/server/links'],
    ['server', { id: 's', links: [{ href: 'h', rel: 5 }] }, '/image/server/links/0/rel'],
    ['OS-EXT-IMG-SIZE:size', 'abc', '/image/OS-EXT-IMG-SIZE:size'],
    ['OS-EXT-IMG-SIZE:size', -5, '/image/OS-EXT-IMG-SIZE:size'],
    ['OS-DCF:diskConfig', 'auto', '/image/OS-DCF:diskConfig'],
    ['OS-DCF:diskConfig', 1, '/image/OS-DCF:diskConfig'],
  ])('%s = %j', (field, value, where) => {
    const fault = faultOf(() => jsonCodec.decodeImage(JSON.stringify({ image: { ...valid, [field]: value } })));
    expect([fault.name, fault.code, fault.where]).toEqual(['badRequest', 400, where]);
    expect(fault.message).toMatch(new RegExp(` at ${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('names the pointer inside a list', () => {
    const body = JSON.stringify({ images: [valid, { ...valid, minDisk: -1 }] });
    expect(faultSummary(() => jsonCodec.decodeImageList(body))).toEqual({
      name: 'badRequest',
      code: 400,
      message: 'minDisk must be an integer >= 0 at /images/1/minDisk',
      where: '/images/1/minDisk',
    });
    expect(faultSummary(() => jsonCodec.decodeImageIndex('{"images": [{"id": "1", "name": 5}]}')).where).toBe(
      '/images/0/name',
    );
  });

  it('says what is missing', () => {
    expect(faultSummary(() => jsonCodec.decodeImage('{"image": {"name": "x"}}'))).toEqual({
      name: 'badRequest',
      code: 400,
      message: 'id is required at /image/id',
      where: '/image/id',
    });
  });
});

describe('a missing envelope, a top-level array or null', () => {
  it.each([
    ['decodeImage', jsonCodec.decodeImage, 'image'],
    ['decodeImageList', jsonCodec.decodeImageList, 'images'],
    ['decodeImageIndex', jsonCodec.decodeImageIndex, 'images'],
    ['decodeMetadata', jsonCodec.decodeMetadata, 'metadata'],
    ['decodeMetaItem', jsonCodec.decodeMetaItem, 'meta'],
  ] as const)('%s', (_, decode, member) => {
    for (const body of ['{}', '{"other": {}}', '{"Image": {}}']) {
      expect(faultSummary(() => decode(body))).toEqual({
        name: 'badRequest',
        code: 400,
        message: `${member} is required at /${member}`,
        where: `/${member}`,
      });
    }
    for (const [body, found] of [
      ['[]', 'an array'],
      ['null', 'null'],
      ['"image"', 'a string'],
      ['42', 'a number'],
      ['true', 'a boolean'],
    ]) {
      expect(faultSummary(() => decode(body!))).toEqual({
        name: 'badRequest',
        code: 400,
        message: `The body must be a JSON object holding "${member}", not ${found}, at /`,
        where: '/',
      });
    }
  });

  it('an envelope holding something other than an object', () => {
    for (const body of ['{"image": null}', '{"image": []}', '{"image": "x"}']) {
      expect(faultSummary(() => jsonCodec.decodeImage(body)).message).toBe('image must be an object at /image');
    }
  });

  it('decodeFault', () => {
    for (const body of ['[]', 'null', '1']) {
      expect(faultSummary(() => jsonCodec.decodeFault(body)).where).toBe('/');
    }
    expect(faultSummary(() => jsonCodec.decodeFault('{}')).where).toBe('/');
    expect(faultSummary(() => jsonCodec.decodeFault('{"a": {}, "b": {}}')).where).toBe('/');
  });
});

describe(`nesting ${DEEP.toLocaleString('en')} deep`, () => {
  const arrays = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
  const objects = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;

  it.each([
    ['arrays at the top level', arrays],
    ['objects at the top level', objects],
    ['unclosed arrays', '['.repeat(DEEP)],
  ])('%s: a Fault from every decoder', (_, body) => {
    for (const [, decode] of DECODERS) expect(faultOf(() => decode(body)).name).toBe('badRequest');
  });

  it.each([
    ['a metadata value', (deep: string) => `{"image": {"id": "1", "metadata": {"k": ${deep}}}}`, '/image/metadata/k'],
    ['a member the model ignores', (deep: string) => `{"image": {"id": "1", "fault": ${deep}}}`, '/image/fault'],
    [
      'a link member the model ignores',
      (deep: string) => `{"image": {"id": "1", "links": [{"x": ${deep}}]}}`,
      '/image/links/0/x',
    ],
    ['a top-level member beside the image', (deep: string) => `{"image": {"id": "1"}, "x": ${deep}}`, '/x'],
  ])('inside %s: refused at the limit of LIMITS.maxDepth, naming the member', (_, body, where) => {
    for (const deep of [arrays, objects]) {
      expect(faultSummary(() => jsonCodec.decodeImage(body(deep)))).toEqual({
        name: 'badRequest',
        code: 400,
        message: `The document nests deeper than ${LIMITS.maxDepth} levels at ${where}`,
        where,
      });
    }
  });

  it('also in strict mode, in metadata bodies, meta items, lists and faults', () => {
    expect(
      faultOf(() => jsonCodec.decodeImage(`{"image": {"id": "1", "metadata": {"k": ${arrays}}}}`, { strict: true }))
        .name,
    ).toBe('badRequest');
    expect(faultOf(() => jsonCodec.decodeMetadata(`{"metadata": {"k": ${arrays}}}`)).where).toBe('/metadata/k');
    expect(faultOf(() => jsonCodec.decodeMetaItem(`{"meta": {"k": ${objects}}}`)).where).toBe('/meta/k');
    expect(faultOf(() => jsonCodec.decodeImageList(`{"images": [], "next": ${arrays}}`)).where).toBe('/next');
    expect(faultOf(() => jsonCodec.decodeImageIndex(`{"images": [{"id": "1", "x": ${arrays}}]}`)).where).toBe(
      '/images/0/x',
    );
    expect(
      faultOf(() => jsonCodec.decodeFault(`{"badRequest": {"code": 400, "message": "m", "x": ${arrays}}}`)).where,
    ).toBe('/badRequest/x');
  });

  const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const positions: readonly [string, Decode, (deep: string) => string, string, DecodeOptions?][] = [
    ...[
      'id',
      'name',
      'status',
      'progress',
      'minDisk',
      'minRam',
      'created',
      'updated',
      'metadata',
      'links',
      'server',
      'OS-EXT-IMG-SIZE:size',
      'OS-DCF:diskConfig',
      'tenant_id',
      ...PROTOTYPE_KEYS,
    ].map((member): [string, Decode, (deep: string) => string, string] => [
      `image member ${member}`,
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "${member}": ${deep}}}`,
      `/image/${member}`,
    ]),
    ['the image envelope', jsonCodec.decodeImage, (deep) => `{"image": ${deep}}`, '/image'],
    ['an image link', jsonCodec.decodeImage, (deep) => `{"image": {"id": "1", "links": [${deep}]}}`, '/image/links/0'],
    [
      'an image link href',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "links": [{"href": ${deep}, "rel": "r"}]}}`,
      '/image/links/0/href',
    ],
    [
      'server.id',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "server": {"id": ${deep}}}}`,
      '/image/server/id',
    ],
    [
      'server.links',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "server": {"id": "s", "links": ${deep}}}}`,
      '/image/server/links',
    ],
    [
      'a server link member the model ignores',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "server": {"id": "s", "links": [{"href": "h", "rel": "r", "x": ${deep}}]}}}`,
      '/image/server/links/0/x',
    ],
    [
      'a server member the model ignores',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "server": {"id": "s", "x": ${deep}}}}`,
      '/image/server/x',
    ],
    ...PROTOTYPE_KEYS.map((key): [string, Decode, (deep: string) => string, string] => [
      `metadata value of ${key}`,
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "metadata": {"${key}": ${deep}}}}`,
      `/image/metadata/${key}`,
    ]),
    [
      'a metadata value, strict',
      jsonCodec.decodeImage,
      (deep) => `{"image": {"id": "1", "metadata": {"k": ${deep}}}}`,
      '/image/metadata/k',
      { strict: true },
    ],
    ...PROTOTYPE_KEYS.map((key): [string, Decode, (deep: string) => string, string] => [
      `a top-level ${key} beside the image`,
      jsonCodec.decodeImage,
      (deep) => `{"${key}": ${deep}, "image": {"id": "1"}}`,
      `/${key}`,
    ]),
    ['images', jsonCodec.decodeImageList, (deep) => `{"images": ${deep}}`, '/images'],
    ['a detail list entry', jsonCodec.decodeImageList, (deep) => `{"images": [${deep}]}`, '/images/0'],
    [
      'a metadata value in a detail list',
      jsonCodec.decodeImageList,
      (deep) => `{"images": [{"id": "1", "metadata": {"k": ${deep}}}]}`,
      '/images/0/metadata/k',
    ],
    ['images_links', jsonCodec.decodeImageList, (deep) => `{"images": [], "images_links": ${deep}}`, '/images_links'],
    [
      'a next link',
      jsonCodec.decodeImageList,
      (deep) => `{"images": [], "images_links": [${deep}]}`,
      '/images_links/0',
    ],
    [
      'a next link member the model ignores',
      jsonCodec.decodeImageList,
      (deep) => `{"images": [], "images_links": [{"href": "h", "rel": "next", "x": ${deep}}]}`,
      '/images_links/0/x',
    ],
    ['an index entry', jsonCodec.decodeImageIndex, (deep) => `{"images": [${deep}]}`, '/images/0'],
    [
      'an index entry name',
      jsonCodec.decodeImageIndex,
      (deep) => `{"images": [{"id": "1", "name": ${deep}}]}`,
      '/images/0/name',
    ],
    [
      'index entry links',
      jsonCodec.decodeImageIndex,
      (deep) => `{"images": [{"id": "1", "links": ${deep}}]}`,
      '/images/0/links',
    ],
    [
      'a top-level member beside the index',
      jsonCodec.decodeImageIndex,
      (deep) => `{"images": [], "constructor": ${deep}}`,
      '/constructor',
    ],
    ['the metadata envelope', jsonCodec.decodeMetadata, (deep) => `{"metadata": ${deep}}`, '/metadata'],
    [
      'a metadata body value',
      jsonCodec.decodeMetadata,
      (deep) => `{"metadata": {"toString": ${deep}}}`,
      '/metadata/toString',
    ],
    [
      'a top-level member beside the metadata',
      jsonCodec.decodeMetadata,
      (deep) => `{"metadata": {}, "x": ${deep}}`,
      '/x',
    ],
    ['the meta envelope', jsonCodec.decodeMetaItem, (deep) => `{"meta": ${deep}}`, '/meta'],
    [
      'a meta item value, strict',
      jsonCodec.decodeMetaItem,
      (deep) => `{"meta": {"hasOwnProperty": ${deep}}}`,
      '/meta/hasOwnProperty',
      { strict: true },
    ],
    ['a fault body', jsonCodec.decodeFault, (deep) => `{"badRequest": ${deep}}`, '/badRequest'],
    ...['code', 'message', 'details', 'retryAfter', 'request_id'].map(
      (member): [string, Decode, (deep: string) => string, string] => [
        `fault member ${member}`,
        jsonCodec.decodeFault,
        (deep) => {
          const members: Record<string, string> = { code: '400', message: '"m"', [member]: deep };
          return `{"badRequest": {${Object.entries(members)
            .map(([key, text]) => `"${key}": ${text}`)
            .join(', ')}}}`;
        },
        `/badRequest/${member}`,
      ],
    ),
    [
      'a top-level member beside the fault',
      jsonCodec.decodeFault,
      (deep) => `{"__proto__": ${deep}, "itemNotFound": {"message": "m"}}`,
      '/__proto__',
    ],
  ];

  it.each(positions)('in %s: a badRequest naming a pointer inside it', (_, decode, body, pointer, options) => {
    for (const deep of [arrays, objects]) {
      const fault = faultOf(() => decode(body(deep), options));
      expect(fault.name).toBe('badRequest');
      const where = fault.where ?? '';
      expect(where === pointer || where.startsWith(`${pointer}/`), `${where} is not under ${pointer}`).toBe(true);
      expect(fault.message.endsWith(` at ${where}`)).toBe(true);
    }
  });

  it('keeps a value exactly at the limit, as its JSON text', () => {
    // The metadata value sits at level 4 of {"image": {"metadata": {"k": ...}}}: 61 more levels fit.
    const fits = 1 + LIMITS.maxDepth - 4;
    const deep = `${'['.repeat(fits)}${']'.repeat(fits)}`;
    expect(jsonCodec.decodeImage(`{"image": {"id": "1", "metadata": {"k": ${deep}}}}`).metadata.k).toBe(deep);
    const tooDeep = `[${deep}]`;
    expect(faultOf(() => jsonCodec.decodeImage(`{"image": {"id": "1", "metadata": {"k": ${tooDeep}}}}`)).name).toBe(
      'badRequest',
    );
  });
});

describe('a body over maxBytes: overLimit, before anything reads it', () => {
  it('refuses a string or bytes one byte over the limit', () => {
    const body = '{"metadata": {"k": "v"}}';
    const size = utf8.encode(body).length;
    for (const input of [body, utf8.encode(body)]) {
      expect(jsonCodec.decodeMetadata(input, { maxBytes: size })).toEqual({ k: 'v' });
      expect(faultSummary(() => jsonCodec.decodeMetadata(input, { maxBytes: size - 1 }))).toEqual({
        name: 'overLimit',
        code: 413,
        message: `The body is larger than the limit of ${size - 1} bytes`,
      });
    }
  });

  it('checks the limit before decoding UTF-8 or parsing: an over-limit body is overLimit whatever it holds', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const notUtf8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const notJson = '{"metadata": nope}';
      for (const [, decode] of DECODERS) {
        expect(faultOf(() => decode(notUtf8, { maxBytes: 3 })).name).toBe('overLimit');
        expect(faultOf(() => decode(notJson, { maxBytes: notJson.length - 1 })).name).toBe('overLimit');
        expect(faultOf(() => decode(utf8.encode(notJson), { maxBytes: notJson.length - 1 })).name).toBe('overLimit');
      }
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('counts UTF-8 bytes, not characters', () => {
    const body = '{"metadata": {"k": "ééééé"}}';
    expect(faultOf(() => jsonCodec.decodeMetadata(body, { maxBytes: body.length })).name).toBe('overLimit');
  });

  it('defaults to 1 MiB, even for a body that is not JSON at all', () => {
    const big = `{"metadata": {"k": "${'x'.repeat(LIMITS.maxBytes)}"}}`;
    for (const [, decode] of DECODERS) expect(faultOf(() => decode(big)).name).toBe('overLimit');
    expect(faultOf(() => jsonCodec.decodeImage('x'.repeat(LIMITS.maxBytes + 1))).name).toBe('overLimit');
  });
});

describe('bytes that are not UTF-8, and the byte-order mark', () => {
  it.each([[[0x7b, 0xff, 0x7d]], [[0x7b, 0x22, 0xc3, 0x22, 0x7d]], [[0xed, 0xa0, 0x80]], [[0xf4, 0x90, 0x80, 0x80]]])(
    'refuses %j',
    (bytes) => {
      for (const [, decode] of DECODERS) {
        const fault = faultOf(() => decode(new Uint8Array(bytes)));
        expect(fault.name).toBe('badRequest');
        expect(fault.message).toMatch(/not valid UTF-8/);
      }
    },
  );

  it('reads a body after a byte-order mark, as text or bytes', () => {
    const body = '{"meta": {"k": "v"}}';
    expect(jsonCodec.decodeMetaItem(`\ufeff${body}`)).toEqual({ k: 'v' });
    expect(jsonCodec.decodeMetaItem(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8.encode(body)]))).toEqual({ k: 'v' });
  });

  it('reads a Uint8Array that views part of a larger buffer (a non-zero byteOffset), and only that part', () => {
    const body = utf8.encode('{"meta": {"k": "é"}}');
    // Bytes around the view that would break the body if they were read: '[' before, invalid UTF-8 after.
    const buffer = new Uint8Array(body.length + 16).fill(0x5b);
    buffer.set(body, 8);
    buffer.fill(0xff, 8 + body.length);
    const view = buffer.subarray(8, 8 + body.length);
    expect(view.byteOffset).toBe(8);
    for (const [name, decode] of DECODERS) {
      if (name === 'decodeMetaItem') expect(decode(view)).toEqual({ k: 'é' });
      expect(faultOf(() => decode(view, { maxBytes: body.length - 1 })).name).toBe('overLimit');
    }
    expect(jsonCodec.decodeMetaItem(view, { maxBytes: body.length })).toEqual({ k: 'é' });

    const withBom = new Uint8Array(5 + 3 + body.length + 5).fill(0xff);
    withBom.set([0xef, 0xbb, 0xbf, ...body], 5);
    expect(jsonCodec.decodeMetaItem(withBom.subarray(5, 5 + 3 + body.length))).toEqual({ k: 'é' });

    const broken = new Uint8Array(body.length + 10).fill(0x20);
    broken.set(body, 10);
    broken[10 + 15] = 0xff; // byte 15 of the view, the quote that opens the value
    const fault = faultOf(() => jsonCodec.decodeMetaItem(broken.subarray(10)));
    expect([fault.name, fault.where]).toEqual(['badRequest', 'byte 15']);
  });

  it('refuses a body that is neither a string nor bytes', () => {
    for (const body of [null, undefined, 42, {}, new ArrayBuffer(2), ['{}']]) {
      for (const [, decode] of DECODERS) expect(faultOf(() => decode(body as never)).name).toBe('badRequest');
    }
  });
});

describe('lone surrogates: JSON writes them escaped, and they come back as they were', () => {
  const lone = ['\ud800', 'x\udfffy', '\udc00\ud800', '\ud83d', 'a\ude00'];

  it('in metadata keys and values, through text and through UTF-8 bytes', () => {
    const metadata = plainObject(lone.map((text, i) => [text, lone[(i + 1) % lone.length]!]));
    const text = jsonCodec.encodeMetadata(metadata);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('"\\ud800":"x\\udfffy"');
    for (const body of [text, utf8.encode(text)]) {
      const decoded = jsonCodec.decodeMetadata(body);
      expect(decoded).toStrictEqual(metadata);
      for (const key of Object.keys(metadata)) expect(decoded[key]).toBe(metadata[key]);
    }
  });

  it('in every resource that holds text', () => {
    const image = {
      id: '\ud800',
      name: '\udc00',
      created: 'x\udbff',
      updated: null,
      metadata: { '\udfff': '\ud800' },
      links: [{ href: '\ud800', rel: '\udc00', type: '\udbff' }],
    };
    expect(jsonCodec.decodeImage(utf8.encode(jsonCodec.encodeImage(image)))).toStrictEqual(image);
    expect(jsonCodec.decodeImageList(utf8.encode(jsonCodec.encodeImageList({ images: [image] })))).toStrictEqual({
      images: [image],
    });
    expect(jsonCodec.decodeMetaItem(utf8.encode(jsonCodec.encodeMetaItem({ '\ud800': '\udc00' })))).toStrictEqual({
      '\ud800': '\udc00',
    });
  });

  it('reads one written raw in a string body (it has no UTF-8 bytes)', () => {
    expect(jsonCodec.decodeMetadata('{"metadata": {"k": "\ud800"}}').k).toBe('\ud800');
  });
});

describe('prototype keys: ordinary keys, and nothing polluted', () => {
  it('keeps __proto__ and constructor as own metadata keys', () => {
    const image = jsonCodec.decodeImage('{"image": {"id": "1", "metadata": {"__proto__": "x", "constructor": "y"}}}');
    expect(Object.getPrototypeOf(image.metadata)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(image.metadata, '__proto__')?.value).toBe('x');
    expect(Object.getOwnPropertyDescriptor(image.metadata, 'constructor')?.value).toBe('y');
    expect(JSON.parse(jsonCodec.encodeImage(image)).image.metadata).toEqual(
      JSON.parse('{"__proto__": "x", "constructor": "y"}'),
    );
  });

  it('keeps a non-string __proto__ value as its JSON text, polluting nothing', () => {
    const body = '{"metadata": {"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}}';
    const metadata = jsonCodec.decodeMetadata(body);
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toBe('{"polluted":1}');
    expect(metadata.constructor).toBe('{"prototype":{"polluted":1}}');
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect((metadata as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops __proto__ where the model has no room for it, at every level', () => {
    const bodies = [
      '{"__proto__": {"polluted": 1}, "image": {"id": "1", "__proto__": {"polluted": 1}}}',
      '{"images": [{"id": "1", "__proto__": {"polluted": 1}, "links": [{"href": "h", "rel": "r", "__proto__": {"polluted": 1}}]}], "__proto__": {"polluted": 1}}',
    ];
    const image = jsonCodec.decodeImage(bodies[0]!);
    expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
    expect(Object.hasOwn(image, '__proto__')).toBe(false);
    const index = jsonCodec.decodeImageIndex(bodies[1]!);
    expect(Object.getPrototypeOf(index.images[0])).toBe(Object.prototype);
    expect(Object.hasOwn(index.images[0]!, '__proto__')).toBe(false);
    expect(Object.hasOwn(index.images[0]!.links[0]!, '__proto__')).toBe(false);
  });

  it('reads a fault under a prototype key by its code', () => {
    const fault = jsonCodec.decodeFault('{"__proto__": {"code": 404, "message": "gone", "polluted": 1}}');
    expect([fault.name, fault.code, fault.message]).toEqual(['itemNotFound', 404, 'gone']);
  });

  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

  /** `metadata` holds exactly `expected`, each as an own, enumerable, writable data property of a plain object. */
  function expectOwnMetadata(metadata: object, expected: Readonly<Record<string, string>>): void {
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expect(Object.getOwnPropertyDescriptor(metadata, key), key).toEqual({
        value: expected[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }

  it('keeps __proto__, constructor, toString and hasOwnProperty as own metadata keys, after decode and after encode and decode', () => {
    const strings = `{${KEYS.map((key, i) => `"${key}": "v${i}"`).join(', ')}}`;
    const others = `{${KEYS.map((key, i) => `"${key}": {"polluted": ${i}}`).join(', ')}}`;
    const expectedStrings = plainObject(KEYS.map((key, i) => [key, `v${i}`]));
    const expectedOthers = plainObject(KEYS.map((key, i) => [key, `{"polluted":${i}}`]));
    for (const [metadata, expected] of [
      [strings, expectedStrings],
      [others, expectedOthers],
    ] as const) {
      const image = jsonCodec.decodeImage(`{"image": {"id": "1", "metadata": ${metadata}}}`);
      expectOwnMetadata(image.metadata, expected);
      expectOwnMetadata(jsonCodec.decodeImage(jsonCodec.encodeImage(image)).metadata, expected);
      const list = jsonCodec.decodeImageList(`{"images": [{"id": "1", "metadata": ${metadata}}]}`);
      expectOwnMetadata(list.images[0]!.metadata, expected);
      expectOwnMetadata(jsonCodec.decodeImageList(jsonCodec.encodeImageList(list)).images[0]!.metadata, expected);
      const body = jsonCodec.decodeMetadata(`{"metadata": ${metadata}}`);
      expectOwnMetadata(body, expected);
      expectOwnMetadata(jsonCodec.decodeMetadata(jsonCodec.encodeMetadata(body)), expected);
    }
    for (const key of KEYS) {
      const item = jsonCodec.decodeMetaItem(`{"meta": {"${key}": "v"}}`);
      expectOwnMetadata(item, plainObject([[key, 'v']]));
      expectOwnMetadata(jsonCodec.decodeMetaItem(jsonCodec.encodeMetaItem(item)), plainObject([[key, 'v']]));
    }
  });

  it('drops the same keys as unknown members at every level, with any value, polluting nothing', () => {
    for (const value of ['{"polluted": 1}', '"x"', 'null', '[{"polluted": 1}]']) {
      const unknown = KEYS.map((key) => `"${key}": ${value}`).join(', ');
      const link = `{${unknown}, "href": "h", "rel": "r"}`;
      const image = jsonCodec.decodeImage(
        `{${unknown}, "image": {${unknown}, "id": "1", "links": [${link}], "server": {${unknown}, "id": "s", "links": [${link}]}}}`,
      );
      const expected = {
        id: '1',
        name: null,
        created: null,
        updated: null,
        metadata: {},
        links: [{ href: 'h', rel: 'r' }],
        server: { id: 's', links: [{ href: 'h', rel: 'r' }] },
      };
      expect(image).toStrictEqual(expected);
      expect(jsonCodec.decodeImage(jsonCodec.encodeImage(image))).toStrictEqual(expected);
      for (const object of [image, image.links[0]!, image.server!, image.server!.links[0]!]) {
        expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
        for (const key of KEYS) expect(Object.hasOwn(object, key)).toBe(false);
      }
      const lists = `{${unknown}, "images": [{${unknown}, "id": "1", "links": [${link}]}], "images_links": [${link}]}`;
      const index = jsonCodec.decodeImageIndex(lists);
      const expectedIndex = {
        images: [{ id: '1', name: null, links: [{ href: 'h', rel: 'r' }] }],
        images_links: [{ href: 'h', rel: 'r' }],
      };
      expect(index).toStrictEqual(expectedIndex);
      expect(jsonCodec.decodeImageIndex(jsonCodec.encodeImageIndex(index))).toStrictEqual(expectedIndex);
      const list = jsonCodec.decodeImageList(lists);
      const { server: _, ...withoutServer } = expected;
      expect(list.images[0]).toStrictEqual(withoutServer);
      expect(jsonCodec.decodeImageList(jsonCodec.encodeImageList(list))).toStrictEqual(list);
      expect(jsonCodec.decodeMetadata(`{${unknown}, "metadata": {"k": "v"}}`)).toStrictEqual({ k: 'v' });
      expect(jsonCodec.decodeMetaItem(`{${unknown}, "meta": {"k": "v"}}`)).toStrictEqual({ k: 'v' });
      const fault = jsonCodec.decodeFault(`{${unknown}, "itemNotFound": {${unknown}, "code": 404, "message": "m"}}`);
      expect([fault.name, fault.code, fault.message]).toEqual(['itemNotFound', 404, 'm']);
    }
  });

  it('keeps a meta item whose one key is __proto__', () => {
    const item = jsonCodec.decodeMetaItem('{"meta": {"__proto__": "x"}}');
    expect(Object.keys(item)).toEqual(['__proto__']);
    expect(jsonCodec.encodeMetaItem(item)).toBe('{"meta":{"__proto__":"x"}}');
  });
});

describe('anything at all: a valid value or a Fault, nothing else', () => {
  const RUNS = { numRuns: 1500, seed: 42_424_242, interruptAfterTimeLimit: 20_000 } as const;
  const resourceOf: Record<string, Parameters<typeof isValid>[0] | undefined> = {
    decodeImage: 'Image',
    decodeImageList: 'ImageList',
    decodeImageIndex: 'ImageIndex',
    decodeMetadata: 'Metadata',
    decodeMetaItem: 'MetaItem',
    decodeVersion: 'Version',
    decodeVersionList: 'VersionList',
  };

  function onlyValueOrFault(name: string, decode: Decode, body: string | Uint8Array): void {
    let value: unknown;
    try {
      value = decode(body);
    } catch (error) {
      expect(isFault(error)).toBe(true);
      return;
    }
    const resource = resourceOf[name];
    if (resource === undefined) expect(isFault(value)).toBe(true);
    else expect(isValid(resource, value)).toBe(true);
  }

  it('any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        for (const [name, decode] of DECODERS) onlyValueOrFault(name, decode, text);
      }),
      RUNS,
    );
  });

  it('any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const [name, decode] of DECODERS) onlyValueOrFault(name, decode, bytes);
      }),
      RUNS,
    );
  });

  it('any JSON value in any envelope', () => {
    const member = fc.constantFrom(
      'image',
      'images',
      'images_links',
      'metadata',
      'meta',
      'itemNotFound',
      'version',
      'versions',
      '__proto__',
      'x',
    );
    fc.assert(
      fc.property(fc.dictionary(member, fc.jsonValue({ maxDepth: 6 })), (document) => {
        const text = JSON.stringify(document);
        for (const [name, decode] of DECODERS) onlyValueOrFault(name, decode, text);
      }),
      RUNS,
    );
  });

  it('valid JSON cut short or with a byte changed', () => {
    const body = JSON.stringify({
      image: { id: '1', name: 'n', metadata: { k: 'v' }, links: [{ href: 'h', rel: 'self' }], server: { id: 's' } },
    });
    fc.assert(
      fc.property(
        fc.nat({ max: body.length }),
        fc.string({ unit: 'binary-ascii', minLength: 0, maxLength: 2 }),
        (at, text) => {
          onlyValueOrFault('decodeImage', jsonCodec.decodeImage, body.slice(0, at));
          onlyValueOrFault('decodeImage', jsonCodec.decodeImage, body.slice(0, at) + text + body.slice(at + 1));
        },
      ),
      RUNS,
    );
  });
});
