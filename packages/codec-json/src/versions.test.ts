import type { Version, VersionList } from '@openstack-image/schema';
import { readShared } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultSummary } from './test-helpers.ts';

/*
 * The version documents (WIRE.md, "Versions, routes and headers"): Nova's sample decodes, the
 * reading rules of the model apply, and what is not a version document is a badRequest naming where.
 * The round trips are in round-trip.test.ts, the fuzz run in hostile-input.test.ts.
 */

const SAMPLE = readShared('reference', 'versions', 'versions-get-resp.json');

/** GET /v2/ as WIRE.md shows Nova 2014.2 answering it. */
const V2 = `{"version": {"id": "v2.0", "status": "CURRENT", "updated": "2011-01-21T11:33:21Z",
  "links": [{"rel": "self", "href": "http://openstack.example.com/v2/"},
            {"rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"}],
  "media-types": [{"base": "application/xml", "type": "application/vnd.openstack.compute+xml;version=2"},
                  {"base": "application/json", "type": "application/vnd.openstack.compute+json;version=2"}]}}`;

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
  it('decodes versions-get-resp.json, and re-encodes it to the same value', () => {
    const list = jsonCodec.decodeVersionList(SAMPLE);
    expect(list).toStrictEqual({
      versions: [
        {
          id: 'v2.0',
          status: 'CURRENT',
          updated: '2011-01-21T11:33:21Z',
          links: [{ href: 'http://openstack.example.com/v2/', rel: 'self' }],
        },
        {
          id: 'v2.1',
          status: 'EXPERIMENTAL',
          updated: '2013-07-23T11:33:21Z',
          links: [{ href: 'http://openstack.example.com/v2/', rel: 'self' }],
        },
      ],
    } satisfies VersionList);
    expect(JSON.parse(jsonCodec.encodeVersionList(list))).toEqual(JSON.parse(SAMPLE));
  });

  it("decodes WIRE.md's GET /v2/ document, and re-encodes it to the same value", () => {
    expect(jsonCodec.decodeVersion(V2)).toStrictEqual(v2);
    expect(JSON.parse(jsonCodec.encodeVersion(v2))).toEqual(JSON.parse(V2));
  });

  it('writes members in one order, compact', () => {
    expect(jsonCodec.encodeVersion({ ...v2, 'media-types': [v2['media-types']![0]!] })).toBe(
      '{"version":{"id":"v2.0","status":"CURRENT","updated":"2011-01-21T11:33:21Z","links":[{"href":"http://openstack.example.com/v2/","rel":"self"},{"href":"http://docs.openstack.org/","rel":"describedby","type":"text/html"}],"media-types":[{"base":"application/xml","type":"application/vnd.openstack.compute+xml;version=2"}]}}',
    );
    expect(jsonCodec.encodeVersionList({ versions: [] })).toBe('{"versions":[]}');
  });
});

describe('the reading rules of versions', () => {
  const minimal = '{"id": "v2.0", "status": "CURRENT", "updated": "2011-01-21T11:33:21Z"';

  it('reads absent or null links as [], and null or empty media-types as absent', () => {
    const expected = { id: 'v2.0', status: 'CURRENT', updated: '2011-01-21T11:33:21Z', links: [] };
    expect(jsonCodec.decodeVersion(`{"version": ${minimal}}}`)).toStrictEqual(expected);
    expect(jsonCodec.decodeVersion(`{"version": ${minimal}, "links": null, "media-types": null}}`)).toStrictEqual(
      expected,
    );
    expect(jsonCodec.decodeVersion(`{"version": ${minimal}, "media-types": []}}`)).toStrictEqual(expected);
  });

  it('drops unknown members of the list, its versions, their links and media types; a null link type is absent', () => {
    const body = `{"versions": [${minimal}, "x": {"y": 1}, "links": [{"href": "h", "rel": "self", "type": null, "z": 2}],
      "media-types": [{"base": "b", "type": "t", "q": [1]}]}], "other": true}`;
    expect(jsonCodec.decodeVersionList(body)).toStrictEqual({
      versions: [
        {
          id: 'v2.0',
          status: 'CURRENT',
          updated: '2011-01-21T11:33:21Z',
          links: [{ href: 'h', rel: 'self' }],
          'media-types': [{ base: 'b', type: 't' }],
        },
      ],
    });
  });
});

describe('what is not a version document: a badRequest naming where', () => {
  it.each([
    ['{"image": {}}', 'version is required at /version', '/version'],
    ['{"version": []}', 'version must be an object at /version', '/version'],
    ['{"version": {"status": "CURRENT", "updated": "u"}}', 'id is required at /version/id', '/version/id'],
    [
      '{"version": {"id": "", "status": "CURRENT", "updated": "u"}}',
      'id must be a non-empty string at /version/id',
      '/version/id',
    ],
    [
      '{"version": {"id": "v", "status": "CURRENT", "updated": 2011}}',
      'updated must be a string at /version/updated',
      '/version/updated',
    ],
    [
      '{"version": {"id": "v", "status": "S", "updated": "u", "media-types": [{"base": "b"}]}}',
      'type is required at /version/media-types/0/type',
      '/version/media-types/0/type',
    ],
    [
      '{"version": {"id": "v", "status": "S", "updated": "u", "links": {"href": "h"}}}',
      'links must be an array at /version/links',
      '/version/links',
    ],
  ])('decodeVersion(%s)', (body, message, where) => {
    expect(faultSummary(() => jsonCodec.decodeVersion(body))).toEqual({
      name: 'badRequest',
      code: 400,
      message,
      where,
    });
  });

  it.each([
    ['{"versions": {}}', 'versions must be an array at /versions', '/versions'],
    ['{"version": {}}', 'versions is required at /versions', '/versions'],
    ['[]', 'The body must be a JSON object holding "versions", not an array, at /', '/'],
    ['{"versions": [1]}', 'element 0 of versions must be an object at /versions/0', '/versions/0'],
  ])('decodeVersionList(%s)', (body, message, where) => {
    expect(faultSummary(() => jsonCodec.decodeVersionList(body))).toEqual({
      name: 'badRequest',
      code: 400,
      message,
      where,
    });
  });

  it('refuses to encode what is not a valid version, naming the field', () => {
    expect(faultSummary(() => jsonCodec.encodeVersion({ ...v2, status: '' }))).toMatchObject({
      name: 'badRequest',
      where: '/version/status',
    });
    expect(faultSummary(() => jsonCodec.encodeVersion({ ...v2, 'media-types': [] }))).toMatchObject({
      name: 'badRequest',
      message: 'media-types must not be empty at /version/media-types',
    });
    expect(
      faultSummary(() => jsonCodec.encodeVersionList({ versions: [{ ...v2, extra: 1 } as Version] })),
    ).toMatchObject({
      name: 'badRequest',
      where: '/versions/0/extra',
    });
  });
});
