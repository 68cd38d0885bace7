import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { isFault } from '@openstack-image/faults';
import { readShared } from '@openstack-image/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImagesClient } from './index.ts';
import { type ScriptedServer, scriptedServer } from './test-scripted-server.ts';

const SAMPLES = {
  json: readShared('reference', 'versions', 'versions-get-resp.json'),
  xml: readShared('reference', 'versions', 'versions-get-resp.xml'),
};
const V2 = {
  id: 'v2.0',
  status: 'CURRENT',
  updated: '2011-01-21T11:33:21Z',
  links: [{ rel: 'self', href: 'http://openstack.example.com/v2/' }],
  'media-types': [
    { base: 'application/xml', type: 'application/vnd.openstack.compute+xml;version=2' },
    { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' },
  ],
};

let server: ScriptedServer;
beforeAll(async () => {
  // Nova's own version documents (reference/versions/), served at / and /v2/ under a path prefix.
  server = await scriptedServer((req, res) => {
    const xml = req.headers.accept === 'application/xml';
    const type = { 'content-type': xml ? 'application/xml' : 'application/json' };
    if (req.url === '/compute/') res.writeHead(200, type).end(xml ? SAMPLES.xml : SAMPLES.json);
    else if (req.url === '/compute/v2/')
      res.writeHead(200, type).end(xml ? xmlCodec.encodeVersion(V2 as never) : jsonCodec.encodeVersion(V2 as never));
    else
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"itemNotFound": {"code": 404, "message": "no"}}');
  });
});
afterAll(() => server.close());

describe.each(['json', 'xml'] as const)('versions() and version() in %s', (format) => {
  it('read the root of the endpoint, whatever tenant and version it names', async () => {
    const client = createImagesClient({ url: `${server.url}/compute/v2/openstack`, format });
    const list = await client.versions();
    expect(list).toEqual(jsonCodec.decodeVersionList(SAMPLES.json));
    expect(list.versions.map((v) => v.id)).toEqual(['v2.0', 'v2.1']);
    expect(await client.version()).toEqual(V2);
    expect(server.seen.slice(-2).map((s) => s.url)).toEqual(['/compute/', '/compute/v2/']);
  });

  it('a server without them answers a Fault', async () => {
    const client = createImagesClient({ url: `${server.url}/elsewhere/v2.1/t`, format });
    const error = await client.versions().catch((e: unknown) => e);
    expect(isFault(error) && [error.name, error.code]).toEqual(['itemNotFound', 404]);
    expect(server.seen.at(-1)?.url).toBe('/elsewhere/');
  });
});
