import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { startOnGlance } from './start.ts';
import { capturedIo } from './test-io.ts';

/** A loopback address where nothing listens any more. */
async function deadUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('startOnGlance: Glance down is a 503 serviceUnavailable in the negotiated format, never a hang', () => {
  it.each([
    ['json', jsonCodec],
    ['xml', xmlCodec],
  ] as const)('%s', async (_, codec) => {
    const server = await startOnGlance({ glance: { url: await deadUrl(), timeout: 2000 }, log: () => {} });
    try {
      for (const path of ['/v2/openstack/images/x', '/v2/openstack/images/detail', '/v2/images']) {
        const reply = await fetch(`${server.url}${path}`, { headers: { accept: codec.mediaType } });
        expect(reply.status).toBe(503);
        const fault = codec.decodeFault(await reply.text());
        expect(fault.name).toBe('serviceUnavailable');
      }
    } finally {
      await server.close();
    }
  });

  it('pass-through: a request without X-Auth-Token is 401 before Glance is asked', async () => {
    const server = await startOnGlance({ glance: { url: await deadUrl(), identity: 'pass-through' }, log: () => {} });
    try {
      const reply = await fetch(`${server.url}/v2/openstack/images`, { headers: { accept: 'application/json' } });
      expect(reply.status).toBe(401);
      const token = await fetch(`${server.url}/v2/openstack/images`, { headers: { 'x-auth-token': 'tok' } });
      expect(token.status).toBe(503);
    } finally {
      await server.close();
    }
  });
});

describe('openstack-image-server --glance URL', () => {
  it('prints where it listens and on which Glance, and stops on SIGTERM', async () => {
    const io = capturedIo();
    const glance = await deadUrl();
    const exit = runCli(['--port', '0', '--glance', glance, '--glance-timeout', '1000'], {}, io);
    const server = await io.glanceServer;
    expect(io.output()).toContain(`listening on ${server.url}, on the Glance at ${glance} (identity: trusted)`);
    expect((await fetch(`${server.url}/v2/openstack/images`)).status).toBe(503);
    io.signal('SIGTERM');
    expect(await exit).toBe(0);
  });
});
