// Test helpers (excluded from the build): a server per test, and requests with the real fetch.
import { type ClientRequest, request } from 'node:http';
import type { ImageStore } from './image-store.ts';
import { createImagesApi, type ImagesApiOptions } from './images-api.ts';
import type { Binding, TestServer } from './test-servers.ts';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body's length in bytes, as it came. */
  readonly bytes: number;
}

export interface Client {
  readonly url: string;
  /** GET with these headers. */
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  /** GET through node:http, for headers fetch() will not send as given (Host). */
  raw(path: string, headers: Record<string, string | string[]>): Promise<Reply>;
  call(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array },
  ): Promise<Reply>;
  /**
   * A PUT through node:http that declares `declared` bytes of body, sends `body` and then waits
   * for the answer without sending the rest.
   */
  partialPut(path: string, headers: Record<string, string>, declared: number, body: Uint8Array): Promise<Reply>;
}

/** Serves `createImagesApi(options)` through `binding` for the time of `run`. */
export async function withApi(
  binding: Binding,
  options: Partial<ImagesApiOptions> & { store: ImageStore },
  run: (client: Client) => Promise<void>,
): Promise<void> {
  const server: TestServer = await binding.serve(createImagesApi(options));
  const client: Client = {
    url: server.url,
    get: (path, headers = {}) => client.call(path, { method: 'GET', headers }),
    raw: (path, headers) => {
      const req = request(server.url + path, { headers });
      const reply = replyOf(req);
      req.end();
      return reply;
    },
    partialPut: (path, headers, declared, body) => {
      const req = request(server.url + path, {
        method: 'PUT',
        headers: { ...headers, 'content-length': String(declared) },
      });
      const reply = replyOf(req);
      req.write(body);
      return reply.finally(() => req.destroy());
    },
    async call(path, init) {
      const response = await fetch(server.url + path, {
        method: init.method,
        headers: init.headers ?? {},
        ...(init.body === undefined ? {} : { body: init.body as string | Uint8Array<ArrayBuffer> }),
      });
      const body = new Uint8Array(await response.arrayBuffer());
      // TextDecoder, as response.text() decodes (a BOM dropped, bad bytes replaced).
      const text = new TextDecoder().decode(body);
      return { status: response.status, headers: response.headers, text, bytes: body.byteLength };
    },
  };
  try {
    await run(client);
  } finally {
    await server.close();
  }
}

/** The answer to a node:http request, read to its end (or to the server closing the connection). */
function replyOf(req: ClientRequest): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const done = () => {
        const replyHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') replyHeaders.set(name, value);
        }
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: replyHeaders,
          text: body.toString('utf8'),
          bytes: body.length,
        });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', reject);
  });
}
