import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { seedDocuments } from '@openstack-image/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IMAGE_ID } from './seed-images.ts';
import { type MockServer, start } from './start.ts';
import { holdNextGet } from './test-gate.ts';

const SEED_PATH = `/v2/openstack/images/${SEED_IMAGE_ID}`;
const running: MockServer[] = [];

async function started(options: Parameters<typeof start>[0] = {}): Promise<MockServer> {
  const server = await start(options);
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe("the seed's URL answers the seed's documents, XML or JSON by Accept (CONTRACT.md)", () => {
  const hosts = { baseUrl: 'http://openstack.example.com', glanceBaseUrl: 'http://glance.openstack.example.com' };

  it('JSON: the same value as the seed example, links included', async () => {
    const mock = await started(hosts);
    const response = await fetch(mock.url + SEED_PATH, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(seedDocuments().json));
    expect(jsonCodec.decodeImage(text)).toEqual(jsonCodec.decodeImage(seedDocuments().json));
  });

  it('XML: decodes to what the seed example decodes to', async () => {
    const mock = await started(hosts);
    const response = await fetch(mock.url + SEED_PATH, { headers: { accept: 'application/xml' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const text = await response.text();
    expect(text.startsWith("<?xml version='1.0' encoding='UTF-8'?>")).toBe(true);
    expect(xmlCodec.decodeImage(text)).toEqual(xmlCodec.decodeImage(seedDocuments().xml));
    expect(xmlCodec.decodeImage(text)).toEqual(jsonCodec.decodeImage(seedDocuments().json));
  });

  it('without configured hosts, links point at the server itself, so that curl can follow them', async () => {
    const mock = await started();
    const image = jsonCodec.decodeImage(await (await fetch(mock.url + SEED_PATH)).text());
    expect(image.links.map((link) => link.href)).toEqual([
      `${mock.url}${SEED_PATH}`,
      `${mock.url}/openstack/images/${SEED_IMAGE_ID}`,
      `${mock.url}/openstack/images/${SEED_IMAGE_ID}`,
    ]);
    const again = jsonCodec.decodeImage(await (await fetch(image.links[0]!.href)).text());
    expect(again.id).toBe(SEED_IMAGE_ID);
  });
});

describe('start() for test suites', () => {
  it('listens on 127.0.0.1 on a free port and serves the seeded images, tenantless paths included', async () => {
    const mock = await started();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    const index = jsonCodec.decodeImageIndex(await (await fetch(`${mock.url}/v2/openstack/images`)).text());
    expect(index.images).toHaveLength(7);
    const tenantless = jsonCodec.decodeImageIndex(await (await fetch(`${mock.url}/v2/images`)).text());
    expect(tenantless.images.map((image) => image.id)).toEqual(index.images.map((image) => image.id));
  });

  it('serves the images and tenant it is given, and exposes its store', async () => {
    const image = { ...jsonCodec.decodeImage(seedDocuments().json), id: 'mine', name: 'mine' };
    const mock = await started({ images: [image], tenant: 'team-a' });
    expect((await fetch(`${mock.url}/v2/team-a/images/mine`)).status).toBe(200);
    expect((await fetch(`${mock.url}${SEED_PATH}`)).status).toBe(404);
    const response = await fetch(`${mock.url}/v2/team-a/images/mine/metadata/color`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"meta": {"color": "blue"}}',
    });
    expect(response.status).toBe(200);
    expect((await mock.store.getMetadata('team-a', 'mine'))?.color).toBe('blue');
  });

  it('with tokens, a token reads its own tenant and never another', async () => {
    const image = { ...jsonCodec.decodeImage(seedDocuments().json), id: 'other' };
    const mock = await started({ tokens: { secret: 'openstack', 'other-secret': 'acme' } });
    mock.store.put('acme', image);
    const get = (path: string, token?: string) =>
      fetch(mock.url + path, token === undefined ? {} : { headers: { 'x-auth-token': token } });
    expect((await get(SEED_PATH)).status).toBe(401);
    expect((await get(SEED_PATH, 'nope')).status).toBe(401);
    const mismatch = await get(SEED_PATH, 'other-secret');
    expect(mismatch.status).toBe(400);
    expect(jsonCodec.decodeFault(await mismatch.text()).message).toBe(
      "Malformed request URL: URL's project_id 'openstack' doesn't match Context's project_id 'acme'",
    );
    expect((await get(SEED_PATH, 'secret')).status).toBe(200);
    expect((await get('/v2/acme/images/other', 'secret')).status).toBe(400);
    expect((await get('/v2/images/other', 'secret')).status).toBe(404);
    expect((await get('/v2/images/other', 'other-secret')).status).toBe(200);
    const acme = jsonCodec.decodeImageIndex(await (await get('/v2/images', 'other-secret')).text());
    expect(acme.images.map((one) => one.id)).toEqual(['other']);
    const unauthorized = await get(SEED_PATH);
    expect(unauthorized.headers.get('www-authenticate')).toBe(`Keystone uri='${mock.url}'`);
    expect(jsonCodec.decodeFault(await unauthorized.text()).name).toBe('unauthorized');
    // The versions list needs no token; the version document does.
    expect((await get('/')).status).toBe(200);
    expect((await get('/v2/')).status).toBe(401);
    expect((await get('/v2/', 'secret')).status).toBe(200);
  });

  it('points a 401 at identityUrl, and carries x-compute-request-id on every answer', async () => {
    const mock = await started({ tokens: { secret: 'openstack' }, identityUrl: 'http://127.0.0.1:5000/v3' });
    const reply = await fetch(mock.url + SEED_PATH);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe("Keystone uri='http://127.0.0.1:5000/v3'");
    expect(reply.headers.get('x-compute-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it('waits --latency milliseconds before answering', async () => {
    const mock = await started({ latency: 200 });
    const began = performance.now();
    expect((await fetch(mock.url + SEED_PATH)).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(190);
  });

  it('close() lets a request in flight complete, then refuses connections', async () => {
    const mock = await started();
    // Held in the store until close() has begun: in flight however slowly the machine runs (a fixed
    // sleep was a guess, and under load the request had not reached the server when close() cut it).
    const gate = holdNextGet(mock.store);
    const inFlight = fetch(mock.url + SEED_PATH);
    await gate.arrived;
    let closed = false;
    const closing = mock.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gate.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(jsonCodec.decodeImage(await response.text()).id).toBe(SEED_IMAGE_ID);
    await closing;
    await expect(fetch(mock.url + SEED_PATH)).rejects.toThrow();
    await expect(mock.close()).resolves.toBeUndefined();
  });

  it('rejects when the port is taken', async () => {
    const first = await started();
    await expect(start({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('reports unexpected errors to its log, never faults', async () => {
    const lines: string[] = [];
    const mock = await started({ log: (line) => lines.push(line) });
    const broken = mock.store;
    broken.get = async () => {
      throw new Error('disk on fire');
    };
    const failed = await fetch(mock.url + SEED_PATH);
    expect(failed.status).toBe(500);
    expect((await fetch(`${mock.url}/v2/openstack/images/nope/metadata`)).status).toBe(404);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('disk on fire');
    expect(lines[0]!.startsWith(`${failed.headers.get('x-compute-request-id')} GET `)).toBe(true);
    expect(lines[0]).toContain(`GET http://127.0.0.1:${mock.port}${SEED_PATH}`);
  });

  it('logs what an answer could not carry, while the client gets a computeFault', async () => {
    const lines: string[] = [];
    const mock = await started({ log: (line) => lines.push(line) });
    mock.store.put('openstack', { ...jsonCodec.decodeImage(seedDocuments().json), id: 'ctl', name: 'bell \u0007' });
    const response = await fetch(`${mock.url}/v2/openstack/images/ctl`, { headers: { accept: 'application/xml' } });
    expect(response.status).toBe(500);
    expect(xmlCodec.decodeFault(await response.text()).name).toBe('computeFault');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('U+0007');
    expect(lines[0]).toContain('at /image/name');
  });
});

describe('the server guards itself against slow and malformed clients', () => {
  /** Sends raw bytes and collects what comes back until the server closes the connection. */
  async function raw(port: number, bytes: string): Promise<string> {
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
      socket.write(bytes);
    });
  }

  it('a request whose body does not arrive within requestTimeout gets a 408 fault and is closed', async () => {
    const mock = await started({ headersTimeout: 200, requestTimeout: 400 });
    const started_ = Date.now();
    const text = await raw(
      mock.port,
      `PUT ${SEED_PATH}/metadata HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{`,
    );
    expect(text.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(jsonCodec.decodeFault(text.slice(text.indexOf('\r\n\r\n') + 4)).code).toBe(408);
    expect(Date.now() - started_).toBeLessThan(3000);
  });

  it('a malformed request gets a 400 fault body, not an empty answer', async () => {
    const mock = await started();
    const text = await raw(mock.port, 'get / HTTP/1.1\r\nHost: h\r\n\r\n');
    expect(text.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(jsonCodec.decodeFault(text.slice(text.indexOf('\r\n\r\n') + 4)).name).toBe('badRequest');
  });

  it('a token spelled __proto__ is a token like any other', async () => {
    const mock = await started({ tokens: new Map([['__proto__', 'openstack']]) });
    expect((await fetch(mock.url + SEED_PATH, { headers: { 'x-auth-token': '__proto__' } })).status).toBe(200);
    expect((await fetch(mock.url + SEED_PATH, { headers: { 'x-auth-token': 'toString' } })).status).toBe(401);
  });
});
