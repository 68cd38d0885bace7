import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { toNodeListener } from './node-listener.ts';
import type { ApiRequest, ImagesApi } from './request-response.ts';
import { listen } from './test-servers.ts';

describe('toNodeListener answers every request, whatever the API it serves does', () => {
  it('an API whose handle throws instead of rejecting gets a computeFault 500, and the server lives on', async () => {
    const api: ImagesApi = {
      maxBodyBytes: 10,
      handle: (request) => {
        if (request.url.endsWith('/throw')) throw new TypeError('not a promise');
        return Promise.resolve({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });
      },
    };
    const server = await listen(toNodeListener(api));
    try {
      for (const init of [{}, { method: 'PUT', body: 'a body' }]) {
        const reply = await fetch(`${server.url}/throw`, init);
        expect(reply.status).toBe(500);
        expect(reply.headers.get('content-type')).toBe('application/json');
        expect(Object.keys(JSON.parse(await reply.text()) as object)).toEqual(['computeFault']);
      }
      expect(await (await fetch(`${server.url}/fine`)).text()).toBe('ok');
    } finally {
      await server.close();
    }
  });
});

describe('toNodeListener stops reading a body past maxBodyBytes', () => {
  it('answers with what it read (maxBodyBytes + 1 bytes) and closes the connection after the answer', async () => {
    const seen: ApiRequest[] = [];
    const api: ImagesApi = {
      maxBodyBytes: 100,
      handle: async (request) => {
        seen.push(request);
        return { status: 413, headers: { 'content-type': 'application/json' }, body: '{}' };
      },
    };
    const server = await listen(toNodeListener(api));
    try {
      const reply = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request(`${server.url}/v2/images/x/metadata`, {
          method: 'PUT',
          headers: { 'content-length': String(1024 * 1024) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
          req.destroy();
        });
        req.on('error', reject);
        req.write(new Uint8Array(4096).fill(0x61));
      });
      expect(reply).toEqual({ status: 413, connection: 'close' });
      expect(seen).toHaveLength(1);
      expect((seen[0]!.body as Uint8Array).byteLength).toBe(101);
    } finally {
      await server.close();
    }
  });
});
