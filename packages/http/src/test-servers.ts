// Test helpers (excluded from the build): real HTTP servers on 127.0.0.1, port 0, one per binding.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { toFetchHandler } from './fetch-handler.ts';
import { toNodeListener } from './node-listener.ts';
import type { ImagesApi } from './request-response.ts';

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

export interface Binding {
  readonly name: string;
  serve(api: ImagesApi): Promise<TestServer>;
}

/** `toNodeListener` served by node:http. */
export const nodeBinding: Binding = {
  name: 'node:http (toNodeListener)',
  serve: (api) => listen(toNodeListener(api)),
};

/**
 * `toFetchHandler` served for real: Node 20 has no fetch server, so a few lines turn node:http's
 * request into a WHATWG `Request` (its body streamed, not buffered) and write the `Response` back,
 * the way Hono's node adapter does.
 */
export const fetchBinding: Binding = {
  name: 'fetch (toFetchHandler)',
  serve: (api) => {
    const handler = toFetchHandler(api);
    return listen((req, res) => {
      answerWithFetch(handler, req, res).catch((error: unknown) => {
        res.writeHead(599).end(String(error));
      });
    });
  },
};

export const bindings: readonly Binding[] = [nodeBinding, fetchBinding];

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

async function answerWithFetch(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody =
    method !== 'GET' &&
    method !== 'HEAD' &&
    (req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0');
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
  const response = await handler(request);
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(response.body === null ? undefined : Buffer.from(await response.arrayBuffer()));
}

export async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
