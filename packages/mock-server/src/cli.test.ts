import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { SEED_IMAGE_ID } from './seed-images.ts';
import { holdNextGet } from './test-gate.ts';
import { capturedIo } from './test-io.ts';

/** The curl commands of the banner, as [headers, url]. */
function curls(banner: string): { headers: Record<string, string>; url: string }[] {
  return banner
    .split('\n')
    .filter((line) => line.trim().startsWith('curl '))
    .map((line) => {
      const headers: Record<string, string> = {};
      for (const [, name, value] of line.matchAll(/-H '([^:]+): ([^']*)'/g)) headers[name!.toLowerCase()] = value!;
      const url = /(?:'|\s)(http:\/\/[^'\s]+)'?$/.exec(line)![1]!;
      return { headers, url };
    });
}

describe('openstack-image-mock prints its URL and two curl commands that work', () => {
  it("and the first answers the seed's XML document", async () => {
    const io = capturedIo();
    const exit = runCli(['--port', '0'], {}, io);
    const server = await io.server;
    expect(io.output()).toContain(`listening on ${server.url}\n`);
    expect(io.output()).toContain('7 images of tenant "openstack"');
    const [first, second] = curls(io.output());
    expect(first!.url).toBe(`${server.url}/v2/openstack/images/${SEED_IMAGE_ID}`);
    const xml = await (await fetch(first!.url, { headers: first!.headers })).text();
    expect(xmlCodec.decodeImage(xml)).toEqual({
      ...xmlCodec.decodeImage(seedDocuments().xml),
      links: xmlCodec.decodeImage(xml).links,
    });
    const detail = await fetch(second!.url, { headers: second!.headers });
    expect(jsonCodec.decodeImageList(await detail.text()).images).toHaveLength(2);
    io.signal('SIGINT');
    expect(await exit).toBe(0);
    expect(io.output()).toContain('Stopped.');
  });

  it('with --token, the commands carry the token of the tenant', async () => {
    const io = capturedIo();
    const exit = runCli(['--port', '0', '--token', 'sesame:openstack', '--token', 'other:acme'], {}, io);
    await io.server;
    for (const { headers, url } of curls(io.output())) {
      expect(headers['x-auth-token']).toBe('sesame');
      expect((await fetch(url, { headers })).status).toBe(200);
      expect((await fetch(url)).status).toBe(401);
    }
    io.signal('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('openstack-image-mock stops cleanly on SIGINT and SIGTERM', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: a request in flight completes', async (signal) => {
    const io = capturedIo();
    const exit = runCli(['--port', '0'], {}, io);
    const server = await io.server;
    const gate = holdNextGet(server.store);
    const inFlight = fetch(`${server.url}/v2/openstack/images/${SEED_IMAGE_ID}`);
    await gate.arrived;
    io.signal(signal);
    // Stopping has begun while the request is held in the store; only then may it go on.
    await new Promise((resolve) => setImmediate(resolve));
    expect(io.output()).toContain('Stopping');
    gate.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(jsonCodec.decodeImage(await response.text()).id).toBe(SEED_IMAGE_ID);
    expect(await exit).toBe(0);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe('openstack-image-mock refuses what it cannot use, with exit code 2', () => {
  it('a bad --data file, naming the problem', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'openstack-image-mock-')), 'bad.json');
    writeFileSync(path, '{"images": [{"id": "x", "name": "x", "progress": 101}]}');
    const io = capturedIo();
    expect(await runCli(['--data', path], {}, io)).toBe(2);
    expect(io.errors()).toContain(`${path}: not a detail list`);
    expect(io.errors()).toContain('progress must be an integer from 0 to 100 at /images/0/progress');
  });

  it('a good --data file is what it serves', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'openstack-image-mock-')), 'good.json');
    writeFileSync(path, '{"images": [{"id": "x", "name": "only", "links": []}]}');
    const io = capturedIo();
    const exit = runCli(['--port', '0', '--data', path], {}, io);
    const server = await io.server;
    expect(io.output()).toContain('1 image of tenant "openstack"');
    const index = jsonCodec.decodeImageIndex(await (await fetch(`${server.url}/v2/openstack/images`)).text());
    expect(index.images.map((image) => [image.id, image.name])).toEqual([['x', 'only']]);
    io.signal('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('an unknown option, with the usage', async () => {
    const io = capturedIo();
    expect(await runCli(['--prot', '1'], {}, io)).toBe(2);
    expect(io.errors()).toContain("Unknown option '--prot'");
    expect(io.errors()).toContain('Usage: openstack-image-mock');
  });

  it('--help prints the usage and exits 0', async () => {
    const io = capturedIo();
    expect(await runCli(['--help'], {}, io)).toBe(0);
    expect(io.output()).toContain('Usage: openstack-image-mock [options]');
  });

  it('a port in use, with exit code 1', async () => {
    const first = capturedIo();
    const running = runCli(['--port', '0'], {}, first);
    const server = await first.server;
    const second = capturedIo();
    expect(await runCli(['--port', String(server.port)], {}, second)).toBe(1);
    expect(second.errors()).toContain('cannot start');
    first.signal('SIGTERM');
    expect(await running).toBe(0);
  });
});
