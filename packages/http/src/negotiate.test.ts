import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codecForContentType, negotiate } from './negotiate.ts';
import { json, xml } from './test-fixtures.ts';

const JSON_T = 'application/json';
const XML_T = 'application/xml';
const VND_JSON = 'application/vnd.openstack.compute+json';
const VND_XML = 'application/vnd.openstack.compute+xml';

describe('negotiation: a .json or .xml suffix on the last segment wins', () => {
  it.each([
    ['/v2/t/images/1.xml', 'application/json', XML_T, '/v2/t/images/1'],
    ['/v2/t/images/1.json', 'application/xml', JSON_T, '/v2/t/images/1'],
    ['/v2/t/images/detail.XML', undefined, XML_T, '/v2/t/images/detail'],
    ['/v2/t/images.json', undefined, JSON_T, '/v2/t/images'],
    ['/v2/t/images/1/metadata/a.b.xml', undefined, XML_T, '/v2/t/images/1/metadata/a.b'],
  ])('%s (Accept %s) -> %s', (path, accept, mediaType, rest) => {
    const chosen = negotiate(path, accept);
    expect(chosen).toMatchObject({ mediaType, path: rest, by: 'suffix' });
  });

  it('leaves other dots alone: they are part of the segment', () => {
    expect(negotiate('/v2/t.xml/images/1.0', undefined)).toMatchObject({
      mediaType: JSON_T,
      path: '/v2/t.xml/images/1.0',
    });
    expect(negotiate('/v2/t/images/1.yaml', 'application/xml')).toMatchObject({
      mediaType: XML_T,
      path: '/v2/t/images/1.yaml',
      by: 'accept',
    });
  });

  it('knows only the suffixes of the codecs it serves', () => {
    expect(negotiate('/v2/t/images/1.xml', undefined, [json.codec])).toMatchObject({
      mediaType: JSON_T,
      path: '/v2/t/images/1.xml',
    });
  });
});

describe('negotiation: else the Accept header, with q-values and the vendor types', () => {
  it.each([
    [JSON_T, JSON_T],
    [XML_T, XML_T],
    [VND_JSON, VND_JSON],
    [VND_XML, VND_XML],
    ['APPLICATION/XML', XML_T],
    [' application/xml ; charset=utf-8', XML_T],
    ['application/xml;q=0.5, application/json;q=0.9', JSON_T],
    ['application/json;q=0.1, application/xml', XML_T],
    ['application/json;q=0.1, application/vnd.openstack.compute+xml;q=0.2', VND_XML],
    // Equal q: the more specific range wins, then the server's order (JSON first), as webob chose.
    ['application/xml, application/json', JSON_T],
    ['application/xml, */*', XML_T],
    ['application/xml;q=0.5, application/*;q=0.5', XML_T],
    ['*/*', JSON_T],
    ['application/*', JSON_T],
    // q=0 refuses an offer even when a wider range would take it.
    ['application/json;q=0, */*', VND_JSON],
    ['application/json;q=0, application/vnd.openstack.compute+json;q=0, */*;q=0.5', XML_T],
    ['application/*;q=0.2, application/xml;q=0.1', JSON_T],
    ['text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8', XML_T],
  ])('%s -> %s', (accept, mediaType) => {
    expect(negotiate('/v2/t/images/1', accept)).toMatchObject({ mediaType, by: 'accept' });
  });

  it('answers with the chosen codec', () => {
    expect(negotiate('/v2/images', VND_XML).codec).toBe(xml.codec);
    expect(negotiate('/v2/images', VND_JSON).codec).toBe(json.codec);
  });
});

describe('negotiation: else JSON, never a refusal', () => {
  it.each([
    undefined,
    '',
    'text/html',
    'image/png;q=1',
    'application/json;q=0',
    'garbage',
    'application/xml;q=2',
    ';;,,',
  ])('Accept %s -> application/json', (accept) => {
    expect(negotiate('/v2/t/images/1', accept)).toMatchObject({ mediaType: JSON_T, by: 'default' });
  });

  it('for every header whatsoever, chooses one of the offers', () => {
    const offers = [JSON_T, XML_T, VND_JSON, VND_XML];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .array(
              fc.tuple(
                fc.constantFrom(...offers, '*/*', 'application/*', 'text/*', 'text/plain'),
                fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000)),
              ),
            )
            .map((ranges) => ranges.map(([range, q]) => (q === null ? range : `${range};q=${q}`)).join(', ')),
        ),
        (accept) => {
          const chosen = negotiate('/v2/images', accept);
          expect(offers).toContain(chosen.mediaType);
          expect(chosen.codec).toBe(chosen.mediaType.endsWith('xml') ? xml.codec : json.codec);
        },
      ),
      { numRuns: 500, seed: 4242, interruptAfterTimeLimit: 5_000 },
    );
  });
});

describe('the codec a request body names', () => {
  it.each([
    ['application/json', json],
    ['application/json; charset=UTF-8', json],
    [VND_JSON, json],
    ['Application/XML', xml],
    [`${VND_XML};charset=utf-8`, xml],
  ])('%s', (contentType, format) => {
    expect(codecForContentType(contentType, [json.codec, xml.codec])).toBe(format.codec);
  });

  it.each([undefined, '', 'text/plain', 'application/jsonx', 'application/vnd.openstack.image', 'multipart/form-data'])(
    '%s names none',
    (contentType) => {
      expect(codecForContentType(contentType, [json.codec, xml.codec])).toBeUndefined();
    },
  );
});
