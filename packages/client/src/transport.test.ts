import { type Fault, isFault } from '@openstack-image/faults';
import { SEED_IMAGE_ID, SEED_TENANT, start } from '@openstack-image/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createImagesClient } from './index.ts';
import { jsonFault, type ScriptedServer, scriptedServer } from './test-scripted-server.ts';

async function faultOf(promise: Promise<unknown>): Promise<Fault> {
  try {
    await promise;
  } catch (error) {
    if (isFault(error)) return error;
    throw error;
  }
  throw new Error('expected a Fault, the call succeeded');
}

const IMAGE = JSON.stringify({
  image: { id: '1', name: 'one', status: 'ACTIVE', created: null, updated: null, metadata: {}, links: [] },
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('an error answer that holds no fault', () => {
  it('is a Fault named by its status, quoting the start of the body', async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html>\n<body>Bad\tGateway \u0000 from the proxy${'!'.repeat(500)}</body></html>`);
    });
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'json' }).getImage('1'));
    expect([fault.name, fault.code]).toEqual(['computeFault', 502]);
    expect(fault.message).toMatch(/^HTTP 502: <html> <body>Bad Gateway \ufffd from the proxy!+…$/);
    expect(Array.from(fault.message).length).toBeLessThan(220);
  });

  it.each([
    [404, 'itemNotFound'],
    [401, 'unauthorized'],
    [429, 'overLimit'],
    [503, 'serviceUnavailable'],
    [418, 'computeFault'],
  ])('%i without a body is %s', async (status, name) => {
    server = await scriptedServer((_req, res) => res.writeHead(status).end());
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'xml' }).getMetadata('1'));
    expect([fault.name, fault.code, fault.message]).toEqual([name, status, `HTTP ${status} (no body)`]);
  });

  it("takes Retry-After from the header when the fault's body has none", async () => {
    server = await scriptedServer((_req, res) => jsonFault(res, 429, 'overLimit', { 'retry-after': '7' }));
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'json' }).getImage('1'));
    expect([fault.name, fault.code, fault.retryAfter, fault.message]).toEqual([
      'overLimit',
      429,
      '7',
      'scripted overLimit',
    ]);
  });
});

describe('a success answer that is not the document asked for', () => {
  it.each([
    ['garbage', 'application/json', 'not json at all'],
    ['another resource', 'application/json', '{"metadata": {}}'],
    ['truncated XML', 'application/xml', '<image xmlns="http://docs.openstack.org/compute/api/v1.1" id="1"'],
    ['an empty body', 'application/json', ''],
  ])('%s is a computeFault 502 with the reason', async (_what, type, body) => {
    server = await scriptedServer((_req, res) => res.writeHead(200, { 'content-type': type }).end(body));
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'json' }).getImage('1'));
    expect([fault.name, fault.code]).toEqual(['computeFault', 502]);
    expect(fault.message).toContain(`is not an image in ${type}`);
    expect(isFault(fault.cause)).toBe(true);
  });

  it('reads the format the Content-Type names, whatever was asked for', async () => {
    server = await scriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(IMAGE));
    const image = await createImagesClient({ url: server.url, format: 'xml' }).getImage('1');
    expect(image.name).toBe('one');
  });

  it('a body past maxResponseBytes is overLimit, read no further', async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"image": {"name": "');
      res.write('x'.repeat(64 * 1024));
      res.end('"}}');
    });
    const client = createImagesClient({ url: server.url, format: 'json', maxResponseBytes: 1024 });
    const fault = await faultOf(client.getImage('1'));
    expect([fault.name, fault.message]).toEqual([
      'overLimit',
      'The answer is larger than maxResponseBytes (1024 bytes)',
    ]);
  });
});

describe('paging', () => {
  const page = (ids: string[], next?: string) =>
    JSON.stringify({
      images: ids.map((id) => ({ id, name: id, links: [] })),
      ...(next === undefined ? {} : { images_links: [{ rel: 'next', href: next }] }),
    });

  it("takes only the next link's query, on its own endpoint (Nova's JSON named /images, other hosts get no token)", async () => {
    server = await scriptedServer((req, res, index) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        index === 0
          ? page(['a', 'b'], 'http://evil.invalid/v2/t/images?limit=2&marker=b')
          : page(['c'], req.url?.includes('marker=b') ? undefined : 'x?marker=zzz'),
      );
    });
    const client = createImagesClient({ url: `${server.url}/v2/t`, format: 'json', token: 'secret' });
    const ids: string[] = [];
    for await (const image of client.listImageSummaries({ limit: 2 })) ids.push(image.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(server.seen.map((s) => s.url)).toEqual(['/v2/t/images?limit=2', '/v2/t/images?limit=2&marker=b']);
    expect(server.seen.every((s) => s.headers['x-auth-token'] === 'secret')).toBe(true);
  });

  it('a next link that repeats a page is a computeFault, not an endless loop', async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(page(['a'], '/images?marker=a'));
    });
    const client = createImagesClient({ url: server.url, format: 'json' });
    const fault = await faultOf(
      (async () => {
        for await (const _ of client.listImageSummaries()) {
          // read them all
        }
      })(),
    );
    expect([fault.name, fault.code]).toEqual(['computeFault', 502]);
    expect(fault.message).toContain('repeats a page');
    expect(server.seen.length).toBe(2);
  });

  it('a next link without a marker is a computeFault', async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(page(['a'], '/images?limit=1'));
    });
    const iterator = createImagesClient({ url: server.url, format: 'json' }).listImageSummaries();
    expect((await iterator.next()).value).toMatchObject({ id: 'a' });
    const fault = await faultOf(iterator.next());
    expect(fault.message).toContain('has no marker');
  });
});

describe('redirects', () => {
  it('are followed on the same origin, with the token', async () => {
    server = await scriptedServer((req, res) => {
      if (req.url === '/old/images/1') res.writeHead(302, { location: '/new/images/1' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(IMAGE);
    });
    const image = await createImagesClient({ url: `${server.url}/old`, format: 'json', token: 't' }).getImage('1');
    expect(image.id).toBe('1');
    expect(server.seen.map((s) => [s.url, s.headers['x-auth-token']])).toEqual([
      ['/old/images/1', 't'],
      ['/new/images/1', 't'],
    ]);
  });

  it('to another origin are not followed, so that the token stays', async () => {
    server = await scriptedServer((_req, res) => res.writeHead(301, { location: 'http://127.0.0.2:1/x' }).end());
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'json', token: 't' }).getImage('1'));
    expect([fault.name, fault.code]).toEqual(['computeFault', 301]);
    expect(fault.message).toContain('redirects to another origin');
  });
});

describe('a server that cannot be reached, or does not answer in time', () => {
  it('is serviceUnavailable, its cause the network error', async () => {
    const closed = await scriptedServer(() => undefined);
    await closed.close();
    const fault = await faultOf(createImagesClient({ url: closed.url, format: 'json' }).getImage('1'));
    expect(fault.name).toBe('serviceUnavailable');
    expect(fault.message).toContain(`Cannot reach ${closed.url}/images/1`);
    expect(fault.cause).toBeInstanceOf(Error);
  });

  it('a timeout is serviceUnavailable, its cause the TimeoutError', async () => {
    const mock = await start({ latency: 400 });
    try {
      const client = createImagesClient({ url: `${mock.url}/v2/${SEED_TENANT}`, format: 'xml', timeout: 50 });
      const fault = await faultOf(client.getImage(SEED_IMAGE_ID));
      expect(fault.name).toBe('serviceUnavailable');
      expect(fault.message).toContain('within 50 ms');
      expect((fault.cause as Error).name).toBe('TimeoutError');
    } finally {
      await mock.close();
    }
  });

  it("an abort through the caller's signal rejects with its reason, not a Fault", async () => {
    const mock = await start({ latency: 400 });
    try {
      const client = createImagesClient({ url: `${mock.url}/v2/${SEED_TENANT}`, format: 'json' });
      const controller = new AbortController();
      const reason = new Error('the user went away');
      const call = client.getImage(SEED_IMAGE_ID, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 20);
      await expect(call).rejects.toBe(reason);
      const aborted = AbortSignal.abort(reason);
      await expect(client.getMetadata(SEED_IMAGE_ID, { signal: aborted })).rejects.toBe(reason);
      const list = client.listImages({}, { signal: aborted });
      await expect(list.next()).rejects.toBe(reason);
    } finally {
      await mock.close();
    }
  });
});

describe('opt-in retries', () => {
  it('are off by default: one 503, one request', async () => {
    server = await scriptedServer((_req, res) => jsonFault(res, 503, 'serviceUnavailable'));
    const fault = await faultOf(createImagesClient({ url: server.url, format: 'json' }).getImage('1'));
    expect([fault.name, fault.message]).toEqual(['serviceUnavailable', 'scripted serviceUnavailable']);
    expect(server.seen.length).toBe(1);
  });

  it('retry a 503 with backoff, then answer', async () => {
    server = await scriptedServer((_req, res, index) => {
      if (index < 2) jsonFault(res, 503, 'serviceUnavailable');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(IMAGE);
    });
    const client = createImagesClient({ url: server.url, format: 'json', retry: { retries: 2, baseDelay: 5 } });
    expect((await client.getImage('1')).id).toBe('1');
    expect(server.seen.length).toBe(3);
  });

  it('are bounded: retries + 1 attempts, then the last fault', async () => {
    server = await scriptedServer((_req, res) => jsonFault(res, 503, 'serviceUnavailable', { 'retry-after': '0' }));
    const client = createImagesClient({ url: server.url, format: 'json', retry: { retries: 3 } });
    expect((await faultOf(client.getImage('1'))).name).toBe('serviceUnavailable');
    expect(server.seen.length).toBe(4);
  });

  it('retry 429 and 413 only when they say when (Retry-After)', async () => {
    server = await scriptedServer((_req, res, index) => {
      if (index === 0) jsonFault(res, 429, 'overLimit', { 'retry-after': '0' });
      else if (index === 1) jsonFault(res, 413, 'overLimit', { 'retry-after': new Date(0).toUTCString() });
      else if (index === 2) res.writeHead(200, { 'content-type': 'application/json' }).end(IMAGE);
      else jsonFault(res, 413, 'overLimit');
    });
    const client = createImagesClient({ url: server.url, format: 'json', retry: { retries: 5 } });
    expect((await client.getImage('1')).id).toBe('1');
    const fault = await faultOf(client.getImage('1'));
    expect([fault.name, fault.code]).toEqual(['overLimit', 413]);
    expect(server.seen.length).toBe(4);
  });

  it('do not wait longer than maxDelay: a Retry-After beyond it is thrown at once', async () => {
    server = await scriptedServer((_req, res) => jsonFault(res, 429, 'overLimit', { 'retry-after': '3600' }));
    const client = createImagesClient({ url: server.url, format: 'json', retry: { retries: 2, maxDelay: 1000 } });
    const fault = await faultOf(client.getImage('1'));
    expect([fault.name, fault.retryAfter]).toEqual(['overLimit', '3600']);
    expect(server.seen.length).toBe(1);
  });

  it('retry an unreachable server too, and an abort cuts the wait short', async () => {
    const closed = await scriptedServer(() => undefined);
    await closed.close();
    const client = createImagesClient({ url: closed.url, format: 'json', retry: { retries: 5, baseDelay: 10_000 } });
    const controller = new AbortController();
    const reason = new Error('stop waiting');
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(client.getImage('1', { signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('arguments the client refuses before any request', () => {
  it.each([
    [{ url: 'not a url', format: 'json' }, /absolute/],
    [{ url: 'ftp://x', format: 'json' }, /http/],
    [{ url: 'http://x/v2/t?x=1', format: 'json' }, /without a query/],
    [{ url: 'http://x/v2/t', format: 'yaml' }, /format/],
    [{ url: 'http://x/v2/t', format: 'json', timeout: -1 }, /timeout/],
    [{ url: 'http://x/v2/t', format: 'json', retry: { retries: 1.5 } }, /retry.retries/],
  ])('%j', (options, message) => {
    expect(() => createImagesClient(options as never)).toThrow(message);
  });

  it('an empty id or key, a bad limit', async () => {
    const client = createImagesClient({ url: 'http://127.0.0.1:9/v2/t', format: 'json' });
    await expect(client.getImage('')).rejects.toThrow(TypeError);
    await expect(client.getMetaItem('1', '')).rejects.toThrow(TypeError);
    await expect(client.listImages({ limit: -1 }).next()).rejects.toThrow(/limit/);
  });
});
