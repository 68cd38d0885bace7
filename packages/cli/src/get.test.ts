import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { type MockServer, SEED_IMAGE_ID, SEED_TENANT, start } from '@openstack-image/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from './get.ts';
import { run } from './test-run.ts';

let mock: MockServer;
let secured: MockServer;
let base: string;
beforeAll(async () => {
  // Fixed link roots, so that the tables compared with the snapshots do not hold the port.
  mock = await start({ baseUrl: 'http://openstack.example.com', glanceBaseUrl: 'http://glance.openstack.example.com' });
  secured = await start({ tokens: { secret: SEED_TENANT } });
  base = `${mock.url}/v2/${SEED_TENANT}/images`;
});
afterAll(async () => {
  await mock.close();
  await secured.close();
});

describe('get: tables as a person reads them, compared with checked-in snapshots', () => {
  it('an image', async () => {
    const result = await run(['get', `${base}/${SEED_IMAGE_ID}`, '--output', 'table']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    await expect(result.stdout).toMatchFileSnapshot('./snapshots/get-image.txt');
  });

  it('the detail list, every page read', async () => {
    const result = await run(['get', `${base}/detail?limit=2`, '--output', 'table']);
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot('./snapshots/get-detail.txt');
  });

  it('the index, and metadata, in XML', async () => {
    const index = await run(['get', base, '--output', 'table', '--accept', 'xml']);
    await expect(index.stdout).toMatchFileSnapshot('./snapshots/get-index.txt');
    const metadata = await run(['get', `${base}/${SEED_IMAGE_ID}/metadata`, '--output', 'table', '--accept', 'xml']);
    await expect(metadata.stdout).toMatchFileSnapshot('./snapshots/get-metadata.txt');
  });
});

describe('get --output json|xml: the document as the codecs write it (the default off a terminal: json)', () => {
  it('an image in JSON, asked in XML', async () => {
    const result = await run(['get', `${base}/${SEED_IMAGE_ID}`, '--accept', 'xml']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const image = jsonCodec.decodeImage(result.stdout);
    expect(image.id).toBe(SEED_IMAGE_ID);
    expect(result.stdout).toBe(`${jsonCodec.encodeImage(image)}\n`);
  });

  it('a meta item in XML, a key that needs encoding', async () => {
    await mock.store.setMetadataItem(SEED_TENANT, SEED_IMAGE_ID, 'a/b.json', 'v', {
      maxItems: Number.POSITIVE_INFINITY,
    });
    const result = await run(['get', `${base}/${SEED_IMAGE_ID}/metadata/a%2Fb%2Ejson`, '--output', 'xml']);
    expect(result.code).toBe(0);
    expect(xmlCodec.decodeMetaItem(result.stdout)).toEqual({ 'a/b.json': 'v' });
  });

  it('a filtered list, pretty JSON', async () => {
    const result = await run(['get', `${base}/detail?status=ACTIVE&limit=1`, '--pretty']);
    expect(result.code).toBe(0);
    const list = jsonCodec.decodeImageList(result.stdout);
    expect(list.images.length).toBe(mock.store.all(SEED_TENANT).filter((i) => i.status === 'ACTIVE').length);
    expect(result.stdout).toContain('\n  "images": [\n');
  });
});

describe('get: a fault is printed as a fault with its status; exit 1', () => {
  it('404 on stderr; with --output json also the fault on stdout', async () => {
    const result = await run(['get', `${base}/nope`, '--output', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('openstack-image get: itemNotFound (404): Image not found.\n');
    expect(jsonCodec.decodeFault(result.stdout).toJSON()).toEqual({ code: 404, message: 'Image not found.' });
  });

  it('a table output prints only the fault on stderr', async () => {
    const result = await run(['get', `${base}/${SEED_IMAGE_ID}/metadata/none`, '--output', 'table']);
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(/^openstack-image get: itemNotFound \(404\): Metadata item "none" was not found\./);
  });

  it('a bad marker is badRequest 400, in XML', async () => {
    const result = await run(['get', `${base}/detail?marker=zzz`, '--accept', 'xml', '--output', 'xml']);
    expect(result.code).toBe(1);
    expect(xmlCodec.decodeFault(result.stdout).name).toBe('badRequest');
  });

  it('the token: 401 without, then --token, OS_AUTH_TOKEN or OS_TOKEN', async () => {
    const url = `${secured.url}/v2/${SEED_TENANT}/images/${SEED_IMAGE_ID}`;
    const none = await run(['get', url]);
    expect([none.code, none.stderr]).toEqual([
      1,
      'openstack-image get: unauthorized (401): This server needs an X-Auth-Token header.\n',
    ]);
    expect((await run(['get', url, '--token', 'secret'])).code).toBe(0);
    expect((await run(['get', url], { env: { OS_AUTH_TOKEN: 'secret' } })).code).toBe(0);
    expect((await run(['get', url], { env: { OS_TOKEN: 'secret' } })).code).toBe(0);
    const wrong = await run(['get', url, '--token', 'wrong'], { env: { OS_AUTH_TOKEN: 'secret' } });
    expect(wrong.stderr).toContain('unauthorized (401)');
  });

  it('a server that is not there is serviceUnavailable', async () => {
    const closed = await start();
    const url = `${closed.url}/v2/${SEED_TENANT}/images`;
    await closed.close();
    const result = await run(['get', url, '--timeout', '5000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^openstack-image get: serviceUnavailable \(503\): Cannot reach /);
  });
});

describe('get: URLs and options it cannot use, exit 2', () => {
  it.each([
    [['get']],
    [['get', 'not a url']],
    [['get', 'ftp://x/v2/images']],
    [['get', 'http://x/v2/servers']],
    [['get', 'http://x/v2/t/images/1?limit=1']],
    [['get', 'http://x/v2/t/images?bogus=1']],
    [['get', 'http://x/v2/t/images?limit=-1']],
    [['get', 'http://x/v2/t/images', '--accept', 'yaml']],
    [['get', 'http://x/v2/t/images', '--output', 'csv']],
  ])('%j', async (args) => {
    const result = await run(args);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^openstack-image get: .+\nRun "openstack-image --help" for usage\.\n$/);
  });

  it('reads what each URL names', () => {
    expect(parseTarget('http://h:1/v2/t/images/detail?name=a&minRam=2')).toEqual({
      endpoint: 'http://h:1/v2/t',
      kind: 'list',
      query: { name: 'a', minRam: 2 },
    });
    expect(parseTarget('http://h/v2/images/images')).toEqual({ endpoint: 'http://h/v2', kind: 'image', id: 'images' });
    expect(parseTarget('http://h/v2/images/images/metadata/k%20y/')).toEqual({
      endpoint: 'http://h/v2',
      kind: 'meta',
      id: 'images',
      key: 'k y',
    });
  });
});
