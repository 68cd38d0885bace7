// Test helpers (excluded from the build): a loopback HTTP server that answers as a scripted (and
// sometimes hostile) Glance would, recording what the store sent.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FakeGlance {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

export type Answer = (request: Seen, res: ServerResponse) => void;

export async function fakeGlance(answer: Answer): Promise<FakeGlance> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      answer(request, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A Glance image of the recorded shape, `active`, with these members over it. */
export function glanceImage(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `image ${id}`,
    status: 'active',
    visibility: 'shared',
    size: 1,
    min_ram: 0,
    min_disk: 0,
    created_at: '2026-12-01T19:50:26Z',
    updated_at: '2026-12-01T19:50:27Z',
    tags: [],
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
    ...extra,
  };
}
