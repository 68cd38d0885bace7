import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isFault } from '@openstack-image/faults';
import {
  createImagesApi,
  type ImagesApi,
  MemoryImageStore,
  openApiDocument,
  toNodeListener,
} from '@openstack-image/http';
import type { Image } from '@openstack-image/schema';
import { SEED_TENANT, seedImages } from './seed-images.ts';
import { tokenAuthorizer } from './token-auth.ts';

export interface StartOptions {
  /** The port; 0 (the default) takes any free one. The `openstack-image-mock` command defaults to 8774. */
  readonly port?: number;
  /** The address to listen on. Defaults to `127.0.0.1`. */
  readonly host?: string;
  /** The images to serve, instead of the seed's image and Nova's samples. */
  readonly images?: readonly Image[];
  /** The tenant the images belong to, also the one `/v2/images` reads. Defaults to `openstack`. */
  readonly tenant?: string;
  /** Token -> tenant. When given, every request needs an `X-Auth-Token` good for the tenant it reads. */
  readonly tokens?: Readonly<Record<string, string>>;
  /** Milliseconds to wait before answering each request. */
  readonly latency?: number;
  /** The root of the links; defaults to each request's own host, so that links work wherever it runs. */
  readonly baseUrl?: string;
  /** The root of the `alternate` links; defaults to `baseUrl`. */
  readonly glanceBaseUrl?: string;
  /** The identity service a 401 names (`WWW-Authenticate: Keystone uri='...'`); defaults to the links' root. */
  readonly identityUrl?: string;
  /** Where unexpected errors (never faults) are reported. Defaults to `console.error`. */
  readonly log?: (message: string) => void;
  /** How long `close()` waits for requests in flight before it cuts their connections. Defaults to 10 s. */
  readonly closeTimeout?: number;
}

export interface MockServer {
  /** `http://127.0.0.1:PORT`: the API is at `${url}/v2/{tenant}/images`. */
  readonly url: string;
  readonly port: number;
  /** The store behind the server: put images in, look at what requests changed. */
  readonly store: MemoryImageStore;
  /** Stops accepting connections, lets requests in flight complete, then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the mock Images API: the routes of `@openstack-image/http` on an in-memory store, seeded
 * with the seed's image and Nova's sample images under tenant `openstack`. For test suites:
 * `const mock = await start(); ... await mock.close();`.
 */
export async function start(options: StartOptions = {}): Promise<MockServer> {
  const tenant = options.tenant ?? SEED_TENANT;
  const log = options.log ?? ((message: string) => console.error(message));
  const store = new MemoryImageStore({ defaultTenant: tenant });
  for (const image of options.images ?? seedImages()) store.put(tenant, image);

  const core = createImagesApi({
    store,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.glanceBaseUrl === undefined ? {} : { glanceBaseUrl: options.glanceBaseUrl }),
    ...(options.identityUrl === undefined ? {} : { identityUrl: options.identityUrl }),
    ...(options.tokens === undefined ? {} : { authorize: tokenAuthorizer(options.tokens) }),
    onError: (error, { request }) => {
      // inspect, not .stack: it shows an error's cause too (what the codec refused in an answer).
      if (!isFault(error)) log(`${request.method} ${request.url}: ${inspect(error)}`);
    },
  });
  const latency = options.latency ?? 0;
  const api: ImagesApi =
    latency > 0
      ? {
          maxBodyBytes: core.maxBodyBytes,
          handle: (request) => new Promise((resolve) => setTimeout(resolve, latency)).then(() => core.handle(request)),
        }
      : core;

  const listener = toNodeListener(api);
  const openApi = JSON.stringify(openApiDocument(options.baseUrl === undefined ? {} : { serverUrl: options.baseUrl }));
  let closing = false;
  const server = createServer((req, res) => {
    if (closing) res.setHeader('connection', 'close');
    res.on('close', () => {
      // A connection whose last answer just left is idle now: let a closing server drop it.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (req.url === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(openApi) });
      res.end(req.method === 'HEAD' ? undefined : openApi);
      return;
    }
    listener(req, res);
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    store,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        const cut = setTimeout(() => server.closeAllConnections(), options.closeTimeout ?? 10_000);
        cut.unref();
        server.close((error) => {
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
